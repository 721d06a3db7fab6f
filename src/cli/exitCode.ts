import type { Severity } from '../index.js';
import { EXIT } from './errors.js';
import { fails } from '../report/json.js';
import type { AnyOutcome } from './outcome.js';

/* The exit code of a run: 0 pass, 1 a finding at or above --fail-on, 2 usage or input error (EXIT). */

/**
 * True when a finding is at least as severe as --fail-on: the gate closes (src/report/json.ts, which
 * the JSON document's verdicts and the offline page share).
 */
export { fails };

export function exitCodeOf(outcome: AnyOutcome, failOn: Severity): number {
  if (outcome.kind === 'error') return EXIT.usage;
  if (outcome.kind === 'skipped') return EXIT.ok;
  return fails(outcome.report, failOn) ? EXIT.findings : EXIT.ok;
}

/** With several inputs, the worst one decides (2 > 1 > 0). */
export function worstExitCode(outcomes: readonly AnyOutcome[], failOn: Severity): number {
  return outcomes.reduce<number>((worst, o) => Math.max(worst, exitCodeOf(o, failOn)), EXIT.ok);
}
