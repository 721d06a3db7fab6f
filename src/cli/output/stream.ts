import type { RuleDescription, Severity } from '../../index.js';
import type { CheckFormat, JsonShape } from '../choices.js';
import { EXIT } from '../errors.js';
import { type ChainExpiry, type ExpiringEntry, ExpiryTracker } from '../expiry.js';
import { outcomeLine } from '../finish.js';
import type { Outcome } from '../judge.js';
import type { AnyOutcome } from '../outcome.js';
import { exitCodeOf } from '../exitCode.js';
import { type Safe, csvRow, field, join, padEnd, padStart, t } from './clean.js';
import { type JsonResult, formatJsonV1 } from './json.js';
import { type TextOptions, formatReport } from './text.js';
import { type SummaryRow, formatSummary, lines, plural, summaryRow } from './textCommon.js';
import {
  type OutputRun,
  OutputRuns,
  type PreparedBytes,
  type PreparedJson,
  prepareJsonText,
  write,
  writeJson,
  writeJsonText,
  writePrepared,
  writeRuns,
} from './write.js';

/*
 * The output of `check`, written as each input is judged (streamed). text, json (v2), jsonl and
 * csv keep no report once it is written: what stays is one SummaryRow per input for the text
 * table, the running counts, and the expiry list (at most MAX_EXPIRING certificates), so memory
 * does not grow with the reports. sarif and --json-shape v1 are one document built at the end:
 * they keep every outcome (said in the README).
 */

export type StreamFormat = CheckFormat;

export interface RunInfo {
  format: StreamFormat;
  jsonShape: JsonShape;
  failOn: Severity;
  /** One FILE or URL on the command line (--json-shape v1 prints a bare report then). */
  single: boolean;
  textOptions: TextOptions;
  /** --expiry-warning-days (default 30): what the expiry summary lists. */
  warningDays: number;
  version: string;
  /** The command-line inputs, for "no certificate file found in …". */
  inputs: readonly string[];
}

/** Outcomes the sink holds at this moment and the most it ever held (tests assert the bound). */
export const retention = { now: 0, max: 0 };

/** Counts outcomes held outside the sink (judged, waiting for an earlier input to be written). */
export function holdOutcomes(n: number): void {
  hold(n);
}

function hold(n: number): void {
  retention.now += n;
  retention.max = Math.max(retention.max, retention.now);
}

/** Dates become ISO strings by themselves (Date#toJSON); `der` is bytes nobody reads as JSON. */
export const withoutDer = (key: string, value: unknown): unknown =>
  key === 'der' ? undefined : value;

/**
 * A judged outcome as a worker sends it for json / jsonl (./pool.ts): the record's JSON text made
 * and escaped in the worker (`rendered`, see {@link renderRecord}), and a report cut to what the
 * counts, the table and the expiry list read.
 */
export type Prerendered = Outcome & { rendered?: PreparedJson | PreparedBytes };

/**
 * The JSON text of one input's record, escaped, without what only the main thread knows (the
 * input's index, whether a record came before): for json the v2 result indented to its place in
 * the document; for jsonl the record after its opening `{"type":"result","index":N,`, with the
 * final line feed.
 */
export function renderRecord(o: Outcome, format: 'json' | 'jsonl', failOn: Severity): PreparedJson {
  if (format === 'json')
    return prepareJsonText(`    ${indent(stringifyWithoutDer(jsonResult(o, failOn), 2), '    ')}`);
  const expiry = o.kind === 'report' ? { chainExpiry: o.expiry } : {};
  return prepareJsonText(
    `${stringifyWithoutDer({ ...jsonResult(o, failOn), ...expiry }).slice(1)}\n`,
  );
}

/**
 * `JSON.stringify(result, withoutDer, indent)`, faster: the report's certificate is copied
 * without its `der` and the rest stringified with no replacer (a replacer function is called for
 * every key: ~40% of the time of a record). Exact: in JSON text a `"` inside a string is always
 * escaped, so `"der":` can only be a key; where one is left (a `der` elsewhere), the replacer
 * does it.
 */
export function stringifyWithoutDer(result: JsonResult, space?: number): string {
  const r = result as { report?: { certificate?: { der?: unknown } } };
  const certificate = r.report?.certificate;
  const value =
    certificate && 'der' in certificate
      ? { ...result, report: { ...r.report, certificate: { ...certificate, der: undefined } } }
      : result;
  const text = JSON.stringify(value, null, space);
  return hasDerKey(text) ? JSON.stringify(result, withoutDer, space) : text;
}

/**
 * Whether JSON text has a `"der":` key. Searched as `der":` and then the `"` before it: V8 looks
 * for a pattern's first character first, and a `"` comes every few characters of JSON (the
 * search for `"der":` took ~7× as long on a record).
 */
function hasDerKey(text: string): boolean {
  for (let at = text.indexOf('der":'); at >= 0; at = text.indexOf('der":', at + 1))
    if (at > 0 && text.charCodeAt(at - 1) === 0x22) return true;
  return false;
}

/** In a worker: the record's JSON text ({@link renderRecord}) and a slim report. */
export function prerender(o: Outcome, format: 'json' | 'jsonl', failOn: Severity): Prerendered {
  const rendered = renderRecord(o, format, failOn);
  if (o.kind !== 'report') return { ...o, rendered };
  const { summary, clientError } = o.report;
  const findings = [...new Set(o.report.findings.map((f) => f.severity))].map((severity) => ({
    severity,
  }));
  return {
    ...o,
    report: { summary, clientError, findings } as unknown as typeof o.report,
    rendered,
  };
}

const UTF8 = new TextEncoder();

/**
 * In a worker, before a batch is posted: every record's text encoded as UTF-8 into one buffer,
 * each `rendered` becoming its view of it; returns the buffer to transfer (postMessage's transfer
 * list), or nothing when no record is rendered. Sent as strings, ~11 KB a record, the text was
 * copied twice (serialised, then deserialised into the main thread's heap), collected there as
 * garbage and encoded again by write(): at 100,000 files that was most of the main thread's work.
 * A transferred buffer moves without a copy, and write() takes its bytes as they are.
 */
export function packRendered(batch: Prerendered[]): ArrayBuffer[] {
  let size = 0;
  for (const o of batch) if (typeof o.rendered === 'string') size += Buffer.byteLength(o.rendered);
  if (size === 0) return [];
  // Not from Buffer's shared pool: a pooled buffer cannot be transferred.
  const bytes = Buffer.allocUnsafeSlow(size);
  let at = 0;
  for (const o of batch) {
    if (typeof o.rendered !== 'string') continue;
    // encodeInto, not Buffer#write: no module of the CLI but write.ts calls a write() (the
    // sanitiser's guard, test/hostile-terminal.test.ts); the bytes are the same UTF-8.
    const n = UTF8.encodeInto(o.rendered, bytes.subarray(at)).written;
    o.rendered = new Uint8Array(bytes.buffer, at, n) as PreparedBytes;
    at += n;
  }
  return [bytes.buffer];
}

/**
 * A v2 result (README "JSON output"): `report` is exactly the library's report (an endpoint's
 * chain rides along as `endpoint`). JSON Lines adds `chainExpiry` next to it (see {@link OutputSink.add}).
 */
export function jsonResult(o: Outcome, failOn: Severity): JsonResult {
  if (o.kind === 'report') {
    const report = o.endpoint ? { ...o.report, endpoint: o.endpoint } : o.report;
    return { input: o.file, verdict: exitCodeOf(o, failOn) === 0 ? 'pass' : 'fail', report };
  }
  if (o.kind === 'error')
    return { input: o.file, verdict: 'error', error: { code: o.code, message: o.message } };
  return { input: o.file, verdict: 'skipped', skipped: { reason: o.reason } };
}

const indent = (json: string, spaces: string): string => json.replace(/\n/g, `\n${spaces}`);

const CSV_HEADER = [
  'record',
  'index',
  'input',
  'verdict',
  'errors',
  'warnings',
  'position',
  'role',
  'subject',
  'not_after',
  'days_left',
  'sha256',
  'code',
  'message',
  'inputs',
] as const;

/** One CSV record: the cells by column name, in CSV_HEADER's order; a column not given is empty. */
function csvRecord(
  cells: Partial<Record<(typeof CSV_HEADER)[number], string | number | null>>,
): Safe {
  return csvRow(CSV_HEADER.map((column) => cells[column] ?? null));
}

/** The part of a run's settings that writes one record (in this thread or in a worker). */
export type RecordRun = Pick<
  RunInfo,
  'format' | 'jsonShape' | 'failOn' | 'textOptions' | 'warningDays'
>;

/** Where a record goes: the streams at once ({@link DIRECT}), or an {@link OutputRuns} collector. */
export type RecordTarget = Pick<OutputRuns, 'text' | 'json'>;

/** The streams, written at once. */
const DIRECT: RecordTarget = {
  text: (stream, text) => write(stream, text),
  json: (head, body) => writePrepared('stdout', head, body),
};

const streamsJson = (run: Pick<RunInfo, 'format' | 'jsonShape'>): boolean =>
  run.format === 'json' && run.jsonShape === 'v2';

/**
 * What the run's totals keep of one judged input: the counts, the exit code, the expiry list, the
 * text table's row. Small, and made where the input was judged (a worker sends these, not reports).
 */
export interface RecordFacts {
  kind: Outcome['kind'];
  file: string;
  exitCode: number;
  /** The chain's certificates expiring within the warning days (only those are ever listed). */
  expiring?: ChainExpiry[];
  /** --format text: the summary table's row. */
  row?: SummaryRow;
}

/** {@link RecordFacts} of one outcome. */
export function factsOf(o: Outcome, run: RecordRun): RecordFacts {
  const facts: RecordFacts = { kind: o.kind, file: o.file, exitCode: exitCodeOf(o, run.failOn) };
  if (o.kind === 'report') {
    const expiring = o.expiry.filter((c) => c.daysLeft < run.warningDays);
    if (expiring.length > 0) facts.expiring = expiring;
  }
  if (run.format === 'text') facts.row = summaryRow(o, run.failOn);
  return facts;
}

/**
 * Writes one input's record (`index`: its place among the inputs, 0-based) to `target`: the stderr
 * line of an error or a skip, and the record of the streamed formats (text, json v2, jsonl, csv).
 * sarif and json v1 write nothing here: their document is made at the end.
 */
export function writeRecord(
  outcome: Prerendered,
  index: number,
  run: RecordRun,
  target: RecordTarget,
): void {
  const { failOn, format } = run;
  if (outcome.kind !== 'report') target.text('stderr', outcomeLine(outcome));
  if (format === 'text') {
    if (outcome.kind === 'report') target.text('stdout', formatReport(outcome, run.textOptions));
  } else if (streamsJson(run)) {
    const body = outcome.rendered ?? renderRecord(outcome, 'json', failOn);
    target.json(index > 0 ? ',\n' : '\n', body);
  } else if (format === 'jsonl') {
    // One record: { type: "result", index, input, verdict, report | error | skipped, chainExpiry? }.
    const body = outcome.rendered ?? renderRecord(outcome, 'jsonl', failOn);
    target.json(`{"type":"result","index":${index},`, body);
  } else if (format === 'csv') {
    for (const row of csvRecords(outcome, index, exitCodeOf(outcome, failOn)))
      target.text('stdout', row);
  }
}

/** Whether the format is written record by record (not one document made at the end). */
export const streams = (run: Pick<RunInfo, 'format' | 'jsonShape'>): boolean =>
  run.format === 'text' || run.format === 'jsonl' || run.format === 'csv' || streamsJson(run);

/**
 * Consecutive inputs judged and written away from the streams (check's chunked parallel run): the
 * output of each, in order, and their facts. Made in a worker or in this thread alike.
 */
export interface RenderedChunk {
  /** The chunk's number: its inputs are [chunk × size, …) of the run. */
  chunk: number;
  /**
   * The inputs it holds: [first, end). A chunk whose records passed chunks.ts CHUNK_BYTES ends
   * early (end before the chunk's last input): the main thread judges the rest.
   */
  first: number;
  end: number;
  /** The output area its bytes are in (freed once they are written), or -1. */
  area: number;
  runs: OutputRun[];
  facts: RecordFacts[];
}

/**
 * Collects one chunk's records as {@link writeRecord} would write them, and their facts; the
 * bytes go into `area` (one of the output areas of chunks.ts) as far as it holds them.
 */
export class ChunkRecorder {
  private readonly out: OutputRuns;
  private readonly facts: RecordFacts[] = [];
  constructor(
    private readonly run: RecordRun,
    area?: Uint8Array,
  ) {
    this.out = new OutputRuns(area);
  }

  add(outcome: Outcome, index: number): void {
    this.facts.push(factsOf(outcome, this.run));
    writeRecord(outcome, index, this.run, this.out);
  }

  /** About how many bytes of output it holds. */
  get size(): number {
    return this.out.size;
  }

  /** Chunk number `chunk`, inputs [first, end), its bytes in area `area` (-1: none). */
  take(chunk: number, area: number, first: number, end: number): RenderedChunk {
    return { chunk, first, end, area, runs: this.out.take(), facts: this.facts.splice(0) };
  }
}

/** One CSV record per element of an input's chain, or the one record of an error or a skip. */
function csvRecords(o: Outcome, index: number, code: number): Safe[] {
  if (o.kind === 'error')
    return [
      csvRecord({
        record: 'error',
        index,
        input: o.file,
        verdict: 'error',
        code: o.code,
        message: o.message,
      }),
    ];
  if (o.kind === 'skipped')
    return [
      csvRecord({
        record: 'skipped',
        index,
        input: o.file,
        verdict: 'skipped',
        message: o.reason,
      }),
    ];
  const verdict = code === 0 ? 'pass' : 'fail';
  return o.expiry.map((c) =>
    csvRecord({
      record: 'certificate',
      index,
      input: o.file,
      verdict,
      errors: o.report.summary.errors,
      warnings: o.report.summary.warnings,
      position: c.position,
      role: c.role,
      subject: c.subject,
      not_after: c.notAfter.toISOString(),
      days_left: c.daysLeft,
      sha256: c.sha256,
      code: o.report.clientError?.code ?? null,
    }),
  );
}

/** The writer of one `check` run. */
export class OutputSink {
  private readonly rows: SummaryRow[] = [];
  private readonly collected: Outcome[] = [];
  private readonly expiring: ExpiryTracker;
  private readonly counts = { inputs: 0, passed: 0, failed: 0, errors: 0, skipped: 0 };
  private worst: number = EXIT.ok;
  private started = false;

  constructor(readonly run: RunInfo) {
    this.expiring = new ExpiryTracker(run.warningDays);
  }

  private get streamsJson(): boolean {
    return streamsJson(this.run);
  }

  private start(): void {
    if (this.started) return;
    this.started = true;
    const { format } = this.run;
    if (this.streamsJson)
      writeJsonText(
        'stdout',
        `{\n  "schema": "supcert/check/v2",\n  "tool": ${indent(JSON.stringify({ name: 'supcert', version: this.run.version }, null, 2), '  ')},\n  "results": [`,
      );
    if (format === 'csv') write('stdout', csvRow(CSV_HEADER));
  }

  /** Counts one input in the totals, the expiry list and the text table. */
  private count(facts: RecordFacts): void {
    this.worst = Math.max(this.worst, facts.exitCode);
    this.counts.inputs++;
    if (facts.kind === 'report') this.counts[facts.exitCode === 0 ? 'passed' : 'failed']++;
    else this.counts[facts.kind === 'error' ? 'errors' : 'skipped']++;
    if (facts.expiring) this.expiring.add(facts.file, facts.expiring);
    if (facts.row) this.rows.push(facts.row);
  }

  /** Writes one judged input (`index`: its place among the inputs, 0-based) and lets it go. */
  add(outcome: Prerendered, index: number): void {
    this.start();
    this.count(factsOf(outcome, this.run));
    writeRecord(outcome, index, this.run, DIRECT);
    if (!streams(this.run)) {
      this.collected.push(outcome);
      hold(1);
    }
  }

  /**
   * Writes a chunk of records made by a {@link ChunkRecorder} (only for the streamed formats:
   * see {@link streams}) and counts them: the same output, byte for byte, as {@link add} for
   * each of its inputs. `written`: called once stdout has taken the chunk's bytes.
   */
  addChunk(chunk: RenderedChunk, written?: () => void): void {
    this.start();
    for (const facts of chunk.facts) this.count(facts);
    writeRuns(chunk.runs, written);
  }

  /**
   * Ends the output: the text tables, the JSON summary, the SARIF or v1 document. Every input
   * skipped (nothing found in the directories) is exit 2, and says so on stderr.
   * @returns the run's exit code: the worst input's (2 > 1 > 0).
   */
  finish(
    catalogue: () => readonly RuleDescription[],
    formatSarif?: (
      outcomes: readonly AnyOutcome[],
      exitCode: number,
      rules: readonly RuleDescription[],
    ) => unknown,
  ): number {
    this.start();
    const nothing = this.counts.inputs === this.counts.skipped;
    const exitCode = nothing ? EXIT.usage : this.worst;
    const expiring = this.expiring.sorted();
    const summary = { ...this.counts, failOn: this.run.failOn, exitCode };
    const { format } = this.run;
    if (this.streamsJson) {
      const full =
        expiring.length > 0
          ? {
              ...summary,
              expiring: {
                warningDays: this.run.warningDays,
                certificates: expiring,
                omitted: this.expiring.omitted,
              },
            }
          : summary;
      writeJsonText(
        'stdout',
        `${this.counts.inputs > 0 ? '\n  ' : ''}],\n  "summary": ${indent(JSON.stringify(full, null, 2), '  ')}\n}\n`,
      );
    } else if (format === 'json') {
      writeJson('stdout', formatJsonV1(this.collected, this.run.single).value, withoutDer);
    } else if (format === 'jsonl') {
      writeJsonText(
        'stdout',
        `${JSON.stringify({ type: 'summary', schema: 'supcert/check/v2', tool: { name: 'supcert', version: this.run.version }, summary: { ...summary, expiring: { warningDays: this.run.warningDays, certificates: expiring, omitted: this.expiring.omitted } } })}\n`,
      );
    } else if (format === 'csv') {
      for (const e of expiring)
        write(
          'stdout',
          csvRecord({
            record: 'expiring',
            input: e.input,
            role: e.role,
            subject: e.subject,
            not_after: e.notAfter.toISOString(),
            days_left: e.daysLeft,
            sha256: e.sha256,
            inputs: e.inputs,
          }),
        );
      const { inputs, passed, failed, errors, skipped } = this.counts;
      write(
        'stdout',
        csvRecord({
          record: 'summary',
          message: `inputs ${inputs}; passed ${passed}; failed ${failed}; errors ${errors}; skipped ${skipped}; fail-on ${this.run.failOn}; exit code ${exitCode}`,
          inputs,
        }),
      );
    }
    if (nothing) {
      write(
        'stderr',
        t`supcert: no certificate file found in ${join(this.run.inputs, ', ')}. Give the SUP's certificate: a .pfx/.p12 exported with its private key, or its .cer, .crt, .pem or .p7b (recognised by content, whatever the name)${this.counts.skipped > 0 ? '; the notes above say why each file was skipped' : ''}. A request (CSR, certreq INF) goes to supcert check-request.\n`,
      );
      return EXIT.usage;
    }
    if (format === 'text') {
      if (this.rows.length > 1) write('stdout', formatSummary(this.rows, this.run.textOptions));
      if (expiring.length > 0)
        write(
          'stdout',
          expiryTable(expiring, this.expiring.omitted, this.run.warningDays, this.run.textOptions),
        );
    } else if (format === 'sarif' && formatSarif) {
      writeJson('stdout', formatSarif(this.collected, exitCode, catalogue()));
    }
    hold(-this.collected.length);
    return exitCode;
  }
}

/** The text list of what expires within the warning days, soonest first. */
export function expiryTable(
  entries: readonly ExpiringEntry[],
  omitted: number,
  warningDays: number,
  o: TextOptions,
): Safe {
  const s = o.style;
  const out: Safe[] = [
    t``,
    s.paint(
      'bold',
      t`EXPIRING within ${plural(warningDays, 'day')} (--expiry-warning-days), soonest first:`,
    ),
  ];
  for (const e of entries) {
    const left =
      e.daysLeft < 0
        ? s.paint(['red', 'bold'], t`${padStart(`expired ${-e.daysLeft}d`, 12)}`)
        : s.paint('yellow', t`${padStart(`${e.daysLeft}d left`, 12)}`);
    const where =
      e.inputs > 1 ? t`${e.input} and ${plural(e.inputs - 1, 'other input')}` : t`${e.input}`;
    out.push(
      t`${left}  ${e.notAfter.toISOString().slice(0, 10)}  ${padEnd(e.role, 12)}  ${e.subject ? field(e.subject) : '(empty subject)'}  (${where})`,
    );
  }
  if (omitted > 0)
    out.push(t`and ${omitted} more (not listed: at most 1000 certificates are kept)`);
  return lines(out);
}
