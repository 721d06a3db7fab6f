import type { RuleDescription, Severity } from '../index.js';
import { EXIT, bugReport } from './errors.js';
import type { AnyOutcome, Failed, Skipped } from './outcome.js';
import { type Safe, document, join, t } from './output/clean.js';
import { formatJson } from './output/json.js';
import { type TextOptions, formatSummary } from './output/textCommon.js';
import { write, writeJson } from './output/write.js';
import { worstExitCode } from './verdict.js';

/** The stderr line of an input that could not be judged or was skipped (and the bug hint after an internal error). */
export function outcomeLine(outcome: Failed | Skipped): Safe {
  if (outcome.kind === 'skipped') return t`supcert: note: ${outcome.file}: skipped, ${outcome.reason}\n`;
  return t`supcert: ${outcome.file}: ${outcome.message} (${outcome.code})\n${outcome.bug === undefined ? t`` : document(bugReport(outcome.bug))}`;
}

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
    write('stderr', t`supcert: no ${run.nothingFound} found in ${join(run.inputs, ', ')}.\n`);
    return EXIT.usage;
  }
  const exitCode = worstExitCode(outcomes, run.failOn);
  if (run.format === 'text') {
    if (outcomes.length > 1) write('stdout', formatSummary(outcomes, run.textOptions));
  } else if (run.format === 'json') {
    const json = formatJson(outcomes, run.single);
    if (json !== null) writeJson('stdout', json.value, json.replacer);
  } else {
    const { formatSarif } = await import('./output/sarif.js');
    writeJson('stdout', formatSarif(outcomes, exitCode, catalogue()));
  }
  return exitCode;
}
