import type { RuleDescription, Severity } from '../index.js';
import { EXIT } from './errors.js';
import type { AnyOutcome } from './outcome.js';
import { clean } from './output/clean.js';
import { formatJson } from './output/json.js';
import { type TextOptions, formatSummary } from './output/textCommon.js';
import { worstExitCode } from './verdict.js';

/**
 * The end of `check` and `check-request`: nothing judged (every file of the directories skipped)
 * is a usage error; otherwise the summary table, the JSON or the SARIF, and the worst exit code.
 * The rule catalogue comes in as a function: this module must not import the library at run time
 * (check-request is lazy-loaded, see library.ts).
 */
export async function finishRun(
  outcomes: readonly AnyOutcome[],
  run: { inputs: readonly string[]; format: string; failOn: Severity; single: boolean; textOptions: TextOptions; nothingFound: string },
  catalogue: () => readonly RuleDescription[],
): Promise<number> {
  if (outcomes.every((o) => o.kind === 'skipped')) {
    process.stderr.write(`supcert: no ${run.nothingFound} found in ${run.inputs.map(clean).join(', ')}.\n`);
    return EXIT.usage;
  }
  const exitCode = worstExitCode(outcomes, run.failOn);
  if (run.format === 'text') {
    if (outcomes.length > 1) process.stdout.write(formatSummary(outcomes, run.textOptions));
  } else if (run.format === 'json') {
    const json = formatJson(outcomes, run.single);
    if (json !== null) process.stdout.write(json);
  } else {
    const { formatSarif } = await import('./output/sarif.js');
    process.stdout.write(formatSarif(outcomes, exitCode, catalogue()));
  }
  return exitCode;
}
