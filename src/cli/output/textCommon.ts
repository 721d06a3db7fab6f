import type { Finding, Severity, SupReport } from '../../index.js';
import type { AnyOutcome } from '../outcome.js';
import type { Style } from '../style.js';
import { fails } from '../verdict.js';
import { clean } from './clean.js';

/*
 * The parts of the text output that `check` and `check-request` share. Nothing here is loaded
 * from the library at run time: `check-request` is loaded lazily, and a lazily loaded module that
 * imported the library would make esbuild wrap every library module in a lazy initialiser
 * (slower start-up for every command; see walk.ts).
 */

export interface TextOptions {
  style: Style;
  verbose: boolean;
  failOn: Severity;
  /** The evaluation time, for "N days left". */
  at: Date;
}

const VIA: Record<string, string> = {
  'san-dns': 'in the SAN',
  'san-wildcard': 'by a SAN wildcard',
  'san-ip': 'as a SAN IP address',
  cn: 'in the subject CN (no SAN)',
  'cn-wildcard': 'by a CN wildcard (no SAN)',
};

export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export function namesText(report: SupReport, s: Style): string {
  if (report.names.length === 0) return 'none given (--names \'intranet&internet\', --intranet or --internet)';
  return report.names
    .map((n) => `${clean(n.name)} (${n.role}): ${n.matched ? (VIA[n.via ?? ''] ?? 'matched') : s.paint('red', 'NOT MATCHED')}`)
    .join('; ');
}

const LABELS: Record<Severity, [string, Parameters<Style['paint']>[0]]> = {
  error: ['ERROR  ', ['red', 'bold']],
  warning: ['WARNING', ['yellow', 'bold']],
  info: ['info   ', 'cyan'],
};

export function findingLines(f: Finding, s: Style, withCitation: boolean): string[] {
  const [label, format] = LABELS[f.severity];
  const head = `  ${s.paint(format, label)}  ${s.paint('bold', f.rule)}${f.windowsError ? ` (${f.windowsError})` : ''}  ${clean(f.message)}`;
  if (!withCitation) return [head];
  const c = f.citation;
  const source = `${c.title}${c.section ? `, ${c.section}` : ''}${c.url ? `: ${c.url}` : ''}`;
  return [head, `           ${s.paint('dim', `see ${clean(source)}`)}`];
}

/** The one line a reader looks at first. */
export function verdictLine(report: SupReport, o: TextOptions): string {
  const { errors, warnings, infos } = report.summary;
  const counts = `${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${infos} info`;
  const gate = o.failOn === 'error' ? '' : ` (failing on ${o.failOn} or worse)`;
  return fails(report, o.failOn) ? `${o.style.paint(['red', 'bold'], 'FAIL')}  ${counts}${gate}` : `${o.style.paint(['green', 'bold'], 'PASS')}  ${counts}${gate}`;
}

/** The table after several inputs: one row each, then the totals. */
export function formatSummary(outcomes: readonly AnyOutcome[], o: TextOptions): string {
  const s = o.style;
  const shown = outcomes.filter((x) => x.kind !== 'skipped');
  const width = Math.max(4, ...shown.map((x) => clean(x.file).length));
  const lines = [s.paint('bold', `${'FILE'.padEnd(width)}  VERDICT  ERRORS  WARNINGS`)];
  let passed = 0;
  let failed = 0;
  let unreadable = 0;
  for (const x of shown) {
    const file = clean(x.file).padEnd(width);
    if (x.kind === 'error') {
      unreadable++;
      lines.push(`${file}  ${s.paint(['red', 'bold'], 'ERROR  ')}  ${'-'.padStart(6)}  ${'-'.padStart(8)}  ${x.code}`);
    } else if (x.kind === 'report') {
      const bad = fails(x.report, o.failOn);
      if (bad) failed++;
      else passed++;
      const verdict = bad ? s.paint(['red', 'bold'], 'FAIL   ') : s.paint(['green', 'bold'], 'PASS   ');
      lines.push(`${file}  ${verdict}  ${String(x.report.summary.errors).padStart(6)}  ${String(x.report.summary.warnings).padStart(8)}`);
    }
  }
  const skipped = outcomes.length - shown.length;
  const totals = [`${passed} passed`, `${failed} failed`];
  if (unreadable > 0) totals.push(`${unreadable} could not be checked`);
  if (skipped > 0) totals.push(`${plural(skipped, 'file')} skipped`);
  lines.push(`${plural(shown.length, 'input')}: ${totals.join(', ')}`);
  return `${lines.join('\n')}\n`;
}
