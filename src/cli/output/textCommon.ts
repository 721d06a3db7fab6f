import type { Finding, Severity, SupReport } from '../../index.js';
import type { AnyOutcome } from '../outcome.js';
import type { Style } from '../style.js';
import { fails } from '../exitCode.js';
import { type Safe, host, join, list, padEnd, padStart, t, width } from './clean.js';

/*
 * The parts of the text output that `check` and `check-request` share. Nothing here is loaded
 * from the library at run time: `check-request` is loaded lazily, and a lazily loaded module that
 * imported the library would make esbuild wrap every library module in a lazy initialiser
 * (slower start-up for every command; see walk.ts).
 *
 * Every value is `Safe` (./clean.ts): built with the `t` tag, which cleans what comes from a file.
 */

export interface TextOptions {
  style: Style;
  verbose: boolean;
  failOn: Severity;
  /** The evaluation time, for "N days left". */
  at: Date;
  /** --skip-names: the verdict line says the names were not checked. */
  skipNames: boolean;
  /**
   * check-server without the bound certificate among the files: only the deployment rules ran.
   * The certificate rows are left out and the verdict line says the certificate was not judged:
   * 'not-given' when netsh names a bound certificate that no file holds, 'none-known' when no
   * binding names one and no certificate file was given.
   */
  certificateNotJudged?: 'not-given' | 'none-known' | undefined;
  /**
   * check-server: the deployment rules left undecided (an info result: the export that decides
   * each was not given), named on the verdict line so a PASS never reads as covering them.
   */
  undecidedRules?: readonly string[];
}

const VIA: Record<string, string> = {
  'san-dns': 'in the SAN',
  'san-wildcard': 'by a SAN wildcard',
  'san-ip': 'as a SAN IP address',
  cn: 'in the subject CN (no SAN)',
  'cn-wildcard': 'by a CN wildcard (no SAN)',
};

export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export function namesText(
  report: SupReport,
  s: Style,
  o: { skipNames: boolean; hostAsIntranetName?: boolean },
): Safe {
  if (report.names.length === 0) {
    if (o.skipNames) return s.paint('yellow', t`NOT CHECKED (--skip-names)`);
    // The names were given, but a file of CA certificates only stops the rules that use them.
    if (report.findings.some((f) => f.rule === 'SUP-FILE-002'))
      return t`not judged (the file holds no server certificate)`;
    return t`none given (--names 'intranet&internet', --intranet or --internet)`;
  }
  const names = list(
    report.names.map(
      (n) =>
        t`${host(n.name)} (${n.role}): ${n.matched ? (VIA[n.via ?? ''] ?? 'matched') : s.paint('red', t`NOT MATCHED`)}`,
    ),
    t`; `,
    MAX_LISTED,
  );
  return o.hostAsIntranetName ? t`${names} (the URL's host, as no names were given)` : names;
}

/** Most entries of one list (SAN, EKU, names, chain) shown on the terminal. */
export const MAX_LISTED = 50;

/** "DNS:a, IP:b": SAN entries, host names made visible when they are not ASCII. */
export function sanText(altNames: ReadonlyArray<{ type: string; value: string }>): Safe {
  return list(
    altNames.map(
      (a) => t`${a.type === 'dns' ? 'DNS' : a.type === 'ip' ? 'IP' : a.type}:${host(a.value)}`,
    ),
    t`, `,
    MAX_LISTED,
  );
}

/** Label rows, the labels padded to `labelWidth`. */
export function rowLines(
  rows: ReadonlyArray<[string, Safe]>,
  s: Style,
  labelWidth: number,
): Safe[] {
  return rows.map(
    ([label, value]) =>
      t`  ${s.paint('dim', t`${label}`)}${padEnd('', Math.max(0, labelWidth - label.length))}${value}`,
  );
}

const LABELS: Record<Severity, [string, Parameters<Style['paint']>[0]]> = {
  error: ['ERROR  ', ['red', 'bold']],
  warning: ['WARNING', ['yellow', 'bold']],
  info: ['info   ', 'cyan'],
};

export function findingLines(f: Finding, s: Style, withCitation: boolean): Safe[] {
  const [label, format] = LABELS[f.severity];
  const head = t`  ${s.paint(format, padEnd(label, 7))}  ${s.paint('bold', t`${f.rule}`)}${f.windowsError ? t` (${f.windowsError})` : t``}  ${f.message}`;
  if (!withCitation) return [head];
  const c = f.citation;
  const source = `${c.title}${c.section ? `, ${c.section}` : ''}${c.url ? `: ${c.url}` : ''}`;
  return [head, t`           ${s.paint('dim', t`see ${source}`)}`];
}

/** The one line a reader looks at first. */
export function verdictLine(report: SupReport, o: TextOptions): Safe {
  const { errors, warnings, infos } = report.summary;
  const counts = `${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${infos} info`;
  const gate = `${o.failOn === 'error' ? '' : ` (failing on ${o.failOn} or worse)`}${o.skipNames ? '; host names NOT checked (--skip-names)' : ''}${o.certificateNotJudged === 'not-given' ? '; the certificate NOT judged (not among the files given)' : o.certificateNotJudged === 'none-known' ? '; NO certificate judged (no binding names one, and no certificate file was given)' : ''}${o.undecidedRules?.length ? `; ${o.undecidedRules.join(', ')} NOT decided (the info findings name the export that decides each)` : ''}${report.findings.some((f) => f.code === 'sup.chain.not_validated') ? '; chain NOT validated (no --trust)' : ''}`;
  return fails(report, o.failOn)
    ? t`${o.style.paint(['red', 'bold'], t`FAIL`)}  ${counts}${gate}`
    : t`${o.style.paint(['green', 'bold'], t`PASS`)}  ${counts}${gate}`;
}

/** Lines joined with newlines, ending with one. */
export const lines = (items: readonly Safe[]): Safe => join([...items, t``], t`\n`);

/**
 * What the summary table keeps of one input: a few numbers, never the report, so a run over
 * 100,000 files holds 100,000 of these (~100 bytes each) and no report.
 */
export type SummaryRow =
  | { kind: 'report'; file: string; failed: boolean; errors: number; warnings: number }
  | { kind: 'error'; file: string; code: string }
  | { kind: 'skipped'; file: string };

export function summaryRow(x: AnyOutcome, failOn: Severity): SummaryRow {
  if (x.kind === 'report')
    return {
      kind: 'report',
      file: x.file,
      failed: fails(x.report, failOn),
      errors: x.report.summary.errors,
      warnings: x.report.summary.warnings,
    };
  if (x.kind === 'error') return { kind: 'error', file: x.file, code: x.code };
  return { kind: 'skipped', file: x.file };
}

/** The table after several inputs: one row each, then the totals. */
export function formatSummary(given: ReadonlyArray<SummaryRow | AnyOutcome>, o: TextOptions): Safe {
  const s = o.style;
  const rows = given.map((x) =>
    'report' in x || 'message' in x || 'reason' in x ? summaryRow(x, o.failOn) : x,
  );
  const shown = rows.filter((x) => x.kind !== 'skipped');
  const files = new Map(shown.map((x) => [x, t`${x.file}`]));
  let w = 4;
  for (const f of files.values()) w = Math.max(w, width(f)); // no spread: 130,000 files once overflowed the stack
  const out = [s.paint('bold', t`${padEnd('FILE', w)}  VERDICT  ERRORS  WARNINGS`)];
  let passed = 0;
  let failed = 0;
  let unreadable = 0;
  for (const x of shown) {
    const file = padEnd(files.get(x)!, w);
    if (x.kind === 'error') {
      unreadable++;
      out.push(
        t`${file}  ${s.paint(['red', 'bold'], t`ERROR  `)}  ${padStart('-', 6)}  ${padStart('-', 8)}  ${x.code}`,
      );
    } else if (x.kind === 'report') {
      if (x.failed) failed++;
      else passed++;
      const verdict = x.failed
        ? s.paint(['red', 'bold'], t`FAIL   `)
        : s.paint(['green', 'bold'], t`PASS   `);
      out.push(t`${file}  ${verdict}  ${padStart(x.errors, 6)}  ${padStart(x.warnings, 8)}`);
    }
  }
  const skipped = rows.length - shown.length;
  const totals = [`${passed} passed`, `${failed} failed`];
  if (unreadable > 0) totals.push(`${unreadable} could not be checked`);
  if (skipped > 0) totals.push(`${plural(skipped, 'file')} skipped`);
  out.push(t`${plural(shown.length, 'input')}: ${totals.join(', ')}`);
  return lines(out);
}
