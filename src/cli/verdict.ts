import { type Severity, type SupReport, severityAtLeast } from '../index.js';
import { EXIT } from './errors.js';
import type { AnyOutcome } from './outcome.js';

/** True when a finding is at least as severe as --fail-on: the gate closes. */
export function fails(report: SupReport, failOn: Severity): boolean {
  return report.findings.some((f) => severityAtLeast(f.severity, failOn));
}

export function exitCodeOf(outcome: AnyOutcome, failOn: Severity): number {
  if (outcome.kind === 'error') return EXIT.usage;
  if (outcome.kind === 'skipped') return EXIT.ok;
  return fails(outcome.report, failOn) ? EXIT.findings : EXIT.ok;
}

/** With several inputs, the worst one decides (2 > 1 > 0). */
export function worstExitCode(outcomes: readonly AnyOutcome[], failOn: Severity): number {
  return outcomes.reduce<number>((worst, o) => Math.max(worst, exitCodeOf(o, failOn)), EXIT.ok);
}
