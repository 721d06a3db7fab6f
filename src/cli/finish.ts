import type { RuleDescription, Severity } from '../index.js';
import type { JsonShape } from './choices.js';
import { EXIT, bugReport } from './errors.js';
import type { AnyOutcome, Failed, Skipped } from './outcome.js';
import { type Safe, document, join, t } from './output/clean.js';
import { formatJsonV1, formatJsonV2 } from './output/json.js';
import { type TextOptions, formatSummary, summaryRow } from './output/textCommon.js';
import { write, writeJson } from './output/write.js';
import { worstExitCode } from './exitCode.js';

/** The stderr line of an input that could not be judged or was skipped (and the bug hint after an internal error). */
export function outcomeLine(outcome: Failed | Skipped): Safe {
  if (outcome.kind === 'skipped')
    return t`supcert: note: ${outcome.file}: skipped, ${outcome.reason}\n`;
  return t`supcert: ${outcome.file}: ${outcome.message} (${outcome.code})\n${outcome.bug === undefined ? t`` : document(bugReport(outcome.bug))}`;
}

/**
 * The end of `check` and `check-request`: nothing judged (every file of the directories skipped)
 * is a usage error; otherwise the summary table, the JSON or the SARIF, and the worst exit code.
 * The rule catalogue comes in as a function (called only for SARIF).
 */
export async function finishRun(
  outcomes: readonly AnyOutcome[],
  run: {
    command: 'check' | 'check-request' | 'check-server';
    inputs: readonly string[];
    format: string;
    jsonShape: JsonShape;
    failOn: Severity;
    single: boolean;
    textOptions: TextOptions;
    nothingFound: string;
  },
  catalogue: () => readonly RuleDescription[],
): Promise<number> {
  const nothing = outcomes.every((o) => o.kind === 'skipped');
  const exitCode = nothing ? EXIT.usage : worstExitCode(outcomes, run.failOn);
  // JSON always prints a document, whatever happened to the inputs (a script reads stdout).
  if (run.format === 'json') {
    const { packageVersion } = await import('./version.js');
    const json =
      run.jsonShape === 'v1'
        ? formatJsonV1(outcomes, run.single)
        : formatJsonV2(outcomes, {
            command: run.command,
            version: packageVersion(),
            failOn: run.failOn,
            exitCode,
          });
    writeJson('stdout', json.value, json.replacer);
  }
  if (nothing) {
    write('stderr', t`supcert: no ${run.nothingFound} found in ${join(run.inputs, ', ')}.\n`);
    return EXIT.usage;
  }
  if (run.format === 'text') {
    if (outcomes.length > 1)
      write(
        'stdout',
        formatSummary(
          outcomes.map((o) => summaryRow(o, run.failOn)),
          run.textOptions,
        ),
      );
  } else if (run.format === 'sarif') {
    const { formatSarif } = await import('./output/sarif.js');
    writeJson('stdout', formatSarif(outcomes, exitCode, catalogue()));
  }
  return exitCode;
}
