import {
  type CertificateInfo,
  DEFAULT_LIMITS,
  type DeploymentInput,
  type DeploymentReport,
  type SupOptions,
  WorkBudget,
  describeRules,
  readCertificates,
  recogniseSnapshot,
  validateSupDeployment,
} from '../../index.js';
import { expandInputs } from '../inputs.js';
import type { CheckArgs } from '../args.js';
import { EXIT, InputError, UsageError, describeError } from '../errors.js';
import { finishRun, outcomeLine } from '../finish.js';
import type { Failed, Skipped } from '../outcome.js';
import { type Safe, host, join, t } from '../output/clean.js';
import { formatReport } from '../output/text.js';
import { write } from '../output/write.js';
import { withOnlineCrls } from '../judge.js';
import { readOptionFiles } from '../optionFiles.js';
import { inCliWords } from '../optionNames.js';
import { passwordSource } from '../password.js';
import { readFileCapped } from '../readFile.js';
import { type SnapshotRowLabel, snapshotRows } from '../../report/snapshotRows.js';
import { styleFor } from '../style.js';

// Loaded lazily (main.ts): only `supcert check-server` on snapshot files needs it.

const codeOf = (error: unknown): string | undefined => (error as { code?: string } | null)?.code;

/** Each row label of the snapshot block, padded: literal text, never cleaned (`t` collapses spaces). */
const ROW_LABEL: Record<SnapshotRowLabel, Safe> = {
  File: t`  File         `,
  'SSL port': t`  SSL port     `,
  'WSUS site': t`  WSUS site    `,
  Bound: t`  Bound        `,
  Judged: t`  Judged       `,
  Note: t`  Note         `,
};

/**
 * The snapshot block printed above the certificate report (the offline page shows the same rows).
 * Each name from a file (file, site, HTTP.sys endpoint) as the CLI prints every name (`host`): a
 * name with anything but printable ASCII followed by its escaped form, so a Cyrillic "ѕ" cannot pass
 * for an "s", and one longer than MAX_FIELD cut (the JSON keeps it whole).
 */
function snapshotText(report: DeploymentReport): Safe {
  return join(
    snapshotRows(report, (name) => host(name).text).map(
      (r) => t`${ROW_LABEL[r.label]}${r.value}\n`,
    ),
    '',
  );
}

/**
 * `supcert check-server PATH...`: every file given (or found in the directories) is one export of
 * the same server, judged together by validateSupDeployment; one report, with check's formats and
 * exit codes. In a directory, files that are no export and no certificate file are skipped with a note.
 */
export async function runCheckServer(args: CheckArgs): Promise<number> {
  const url = args.inputs.find((p) => /^[a-z][a-z0-9+.-]*:\/\//i.test(p));
  if (url !== undefined) {
    throw new UsageError(
      'check-server judges either a live server (https:// URLs only) or the files exported from it, not both in one run: run it once for the URL and once for the files (README: Check a server).',
      'check-server',
    );
  }
  refuseInapplicable(args);
  const passwords = passwordSource(args.password, process.env, () => undefined);
  // The files of --trust, --intermediate, --replaces and --crl, read and refused as check does.
  const { options: fromFiles } = await readOptionFiles(args);
  const at = args.options.at ?? new Date();
  const options: SupOptions = { ...args.options, at, ...fromFiles };
  const label = args.inputs.join(' ');
  const textOptions = textOptionsOf(args, at);
  /** One report or the problems that stopped it, written in --format; the exit code. */
  const finish = (outcomes: Parameters<typeof finishRun>[0]): Promise<number> =>
    finishRun(
      outcomes,
      {
        command: 'check-server',
        inputs: args.inputs,
        format: args.format,
        jsonShape: args.jsonShape,
        failOn: args.failOn,
        single: true,
        textOptions,
        nothingFound: 'exported file',
      },
      () => describeRules(),
    );
  const { inputs } = await expandInputs(args.inputs);
  const files: Array<{ name: string; bytes: Uint8Array }> = [];
  const problems: Array<Failed | Skipped> = [];
  for (const input of inputs) {
    if (input.kind === 'error' || input.kind === 'skipped') {
      problems.push(input);
      continue;
    }
    if (input.kind !== 'file') continue;
    try {
      const bytes = readCapped(input.file, 'an exported file');
      if (
        input.fromDirectory &&
        recogniseSnapshot(bytes) === 'certificates' &&
        !(await isCertificateFile(bytes, passwords.given))
      ) {
        problems.push({
          kind: 'skipped',
          file: input.file,
          reason: 'not an export supcert reads, nor a certificate file',
        });
        continue;
      }
      files.push({ name: input.file, bytes });
    } catch (error) {
      if (error instanceof InputError)
        problems.push({
          kind: 'error',
          file: error.file,
          code: error.code,
          message: error.message,
        });
      else throw error;
    }
  }
  for (const p of problems) write('stderr', outcomeLine(p));
  if (problems.some((p) => p.kind === 'error')) {
    // One missing or unreadable export would change the verdict: judge nothing rather than half.
    return finish(problems);
  }
  if (files.length === 0) {
    write('stderr', t`supcert: no exported file found in ${label}.\n`);
    return EXIT.usage;
  }
  let report: DeploymentReport;
  try {
    // Messages in the command line's words (--configuressl, not configureSslName), as check's.
    report = inCliWords(await judgeSnapshot(files, options, passwords, args));
  } catch (error) {
    const e = describeError(error);
    if (!e) throw error;
    if (e.code === 'INVALID_OPTION') throw new UsageError(e.message, 'check-server');
    const failed: Failed = { kind: 'error', file: label, ...e };
    write('stderr', outcomeLine(failed));
    return finish([failed]);
  }
  if (args.format === 'text') {
    write('stdout', t`${label}\n${snapshotText(report)}`);
    write(
      'stdout',
      formatReport(
        // The snapshot block's "Judged" row says which certificate was judged: the certificate
        // block has none (nor a "Private key" row, which would describe one file).
        { kind: 'report', file: '', report, expiry: [] },
        {
          ...textOptions,
          certificateNotJudged:
            report.deployment.judged !== 'missing'
              ? undefined
              : report.deployment.thumbprint
                ? 'not-given'
                : 'none-known',
          undecidedRules: undecided(report),
        },
      ),
    );
  }
  return finish([{ kind: 'report', file: label, report }]);
}

/**
 * Info findings that are a decision of their rule, not a missing export: the exports were read and
 * the rule judged them (an IP:port entry with another certificate behind SNI entries for every SUP
 * name is reachable only by clients that send no server name).
 */
const DECIDED_INFO: ReadonlySet<string> = new Set(['sup.dep.address_entry_behind_sni']);

/**
 * The deployment rules (SUP-DEP-001…005) a snapshot left undecided: their result is info only, an
 * export that decides them missing (the info finding names it). An error or warning decided it,
 * and so does an info finding of {@link DECIDED_INFO} when it is the rule's only kind of finding.
 */
function undecided(report: DeploymentReport): string[] {
  return report.results
    .filter((r) => /^SUP-DEP-00[1-5]$/.test(r.rule) && r.status === 'info')
    .filter((r) => {
      const own = report.findings.filter((f) => f.rule === r.rule);
      return own.length === 0 || !own.every((f) => DECIDED_INFO.has(f.code));
    })
    .map((r) => r.rule);
}

function textOptionsOf(args: CheckArgs, at: Date) {
  return {
    style: styleFor(process.stdout, args.noColor),
    verbose: args.verbose,
    failOn: args.failOn,
    at,
    skipNames: args.options.skipNames === true,
  };
}

function readCapped(file: string, what: string): Uint8Array {
  return readFileCapped(file, DEFAULT_LIMITS.maxInputBytes, what, 'limits.maxInputBytes');
}

/** A file readCertificates recognises (a PFX that wants a password counts). */
async function isCertificateFile(
  bytes: Uint8Array,
  password: string | undefined,
): Promise<boolean> {
  try {
    await readCertificates(bytes, {
      ...(password !== undefined ? { password } : {}),
      budget: new WorkBudget(),
    });
    return true;
  } catch (error) {
    return !['UNKNOWN_FORMAT', 'EMPTY_INPUT', 'MALFORMED'].includes(codeOf(error) ?? '');
  }
}

/**
 * check's options that have no meaning for a snapshot, refused by name (a gate never silently
 * ignores an option). --connect-to and --http-port are refused by the parser without an https:// input.
 */
function refuseInapplicable(args: CheckArgs): void {
  if (args.targets !== undefined)
    throw new UsageError(
      '--targets lists independent inputs for "supcert check" (one certificate file or https:// URL per line); check-server judges the files exported from one server together: give them (or their directory) as arguments.',
      'check-server',
    );
  // jsonl and csv are records of independent inputs; the snapshot's one report was written by
  // neither (the run printed nothing at all), so they are refused rather than ignored.
  if (args.format === 'jsonl' || args.format === 'csv')
    throw new UsageError(
      `--format ${args.format} writes one record per independent input of "supcert check"; check-server judges the exported files together as one report: give --format text, json or sarif.`,
      'check-server',
    );
  if (args.jobs !== undefined)
    throw new UsageError(
      '--jobs spreads independent inputs over worker threads ("supcert check"); check-server judges the files exported from one server together, as one report, so there is nothing to spread.',
      'check-server',
    );
}

/**
 * Judges the snapshot; a PFX that needs a password and got none is asked for once (on a terminal).
 * With --online, the certificate judged (and the CA certificates of the certificate files given)
 * name the CRLs, OCSP responders and missing issuers to fetch, and the snapshot is judged again
 * with what was fetched.
 */
async function judgeSnapshot(
  files: DeploymentInput[],
  options: SupOptions,
  passwords: ReturnType<typeof passwordSource>,
  args: Pick<CheckArgs, 'online' | 'timeoutMs'>,
): Promise<DeploymentReport> {
  let password = passwords.given;
  const judgeWith = (o: SupOptions): Promise<DeploymentReport> =>
    validateSupDeployment(files, { ...o, ...(password !== undefined ? { password } : {}) });
  let report: DeploymentReport;
  try {
    report = await judgeWith(options);
  } catch (error) {
    if (codeOf(error) !== 'PASSWORD_REQUIRED' || password !== undefined) throw error;
    const name = /^(\S+?):/.exec((error as Error).message)?.[1] ?? 'the PFX';
    password = await passwords.ask(name);
    if (password === undefined) throw error;
    report = await judgeWith(options);
  }
  if (!args.online || report.deployment.judged === 'missing') return report;
  const budget = new WorkBudget();
  const certificates: CertificateInfo[] = [report.certificate];
  for (const f of files) {
    const bytes = f instanceof Uint8Array ? f : f.bytes;
    if (recogniseSnapshot(bytes) !== 'certificates') continue;
    const bundle = await readCertificates(bytes, {
      ...(password !== undefined ? { password } : {}),
      budget,
    });
    for (const c of bundle.certificates) if (c.isCA) certificates.push(c);
  }
  const online = await withOnlineCrls(
    options,
    { format: 'der', certificates, keys: [], contains: 'certificate', notes: [] },
    { online: true, timeoutMs: args.timeoutMs },
    budget,
  );
  return judgeWith(online);
}
