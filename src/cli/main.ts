// The `supcert` command (dist/cli.cjs; dist/cli.js loads it). Only I/O and formatting live under src/cli/; every
// judgement is the library's.
import { type Command, parseCommandLine } from './args.js';
import type { HelpTopic } from './choices.js';
import { runCheck } from './commands/check.js';
import { printRuleCatalogue } from './commands/rules.js';
import { EXIT, InputError, UsageError, bugReport } from './errors.js';
import { document, fromCode, t } from './output/clean.js';
import { clearProgress, whenWritten, write } from './output/write.js';
import { Interrupted } from './password.js';
import {
  CHECK_HELP,
  CHECK_REQUEST_HELP,
  CHECK_SERVER_HELP,
  GENERAL_HELP,
  RULES_HELP,
  SUGGEST_HELP,
} from './usage.js';

const HELP: Readonly<Record<HelpTopic, string>> = {
  check: CHECK_HELP,
  'check-request': CHECK_REQUEST_HELP,
  'check-server': CHECK_SERVER_HELP,
  rules: RULES_HELP,
  suggest: SUGGEST_HELP,
};

function internalError(error: unknown): number {
  const message = error instanceof Error ? error.message : String(error);
  write('stderr', t`supcert: internal error: ${message}\n${document(bugReport(error))}`);
  return EXIT.usage;
}

async function run(command: Command): Promise<number> {
  switch (command.command) {
    case 'help':
      write('stdout', fromCode(command.topic ? HELP[command.topic] : GENERAL_HELP));
      return EXIT.ok;
    case 'version': {
      const { packageVersion } = await import('./version.js');
      write('stdout', t`${packageVersion()}\n`);
      return EXIT.ok;
    }
    case 'rules':
      return printRuleCatalogue(command.format, command.noColor);
    case 'check':
      return runCheck(command.args);
    // Loaded only for their command line.
    case 'check-request': {
      const { runCheckRequest } = await import('./commands/checkRequest.js');
      return runCheckRequest(command.args);
    }
    case 'check-server': {
      // A live server (every input https://): the same live probe as `check https://` judges what
      // its clients see (SUP-DEP-002/003/004 from the server's answers); files are snapshots.
      if (
        command.args.inputs.length > 0 &&
        command.args.inputs.every((p) => /^https:\/\//i.test(p)) &&
        command.args.targets === undefined
      )
        return runCheck(command.args);
      const { runCheckServer } = await import('./commands/checkServer.js');
      return runCheckServer(command.args);
    }
    case 'suggest': {
      const { runSuggest } = await import('./commands/suggest.js');
      return runSuggest(command.args);
    }
  }
}

/** The commands that judge inputs (their runs write the code cache, see markJudged). */
const JUDGING = new Set<Command['command']>(['check', 'check-request', 'check-server']);

async function main(argv: string[]): Promise<number> {
  try {
    const command = parseCommandLine(argv);
    const code = await run(command);
    // A verdict (0 pass, 1 fail) on inputs judged: the run the code cache is worth writing from.
    if (JUDGING.has(command.command) && (code === EXIT.ok || code === EXIT.findings)) markJudged();
    return code;
  } catch (error) {
    if (error instanceof UsageError) {
      // check-server shares check's parser and password handling, whose errors name "check".
      const command =
        error.command === 'check' && argv[0] === 'check-server' ? argv[0] : error.command;
      write(
        'stderr',
        t`supcert: ${error.message}\nRun "supcert ${command ? `${command} ` : ''}--help" for usage.\n`,
      );
      return EXIT.usage;
    }
    if (error instanceof InputError) {
      write('stderr', t`supcert: ${error.file}: ${error.message} (${error.code})\n`);
      return EXIT.usage;
    }
    if (error instanceof Interrupted) return EXIT.interrupted;
    return internalError(error);
  }
}

// A reader that stops early (`supcert rules | head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? EXIT.ok);
  process.exit(internalError(error));
});
// Ctrl-C (SIGINT) during a run: exit status 130 (128 + SIGINT, what a shell reports for a process
// the signal ended) once what is already written has reached stdout, and nothing more. A record
// (a JSON Lines object, a CSV row) is written in one piece within one task, and the exit is taken
// in the same step that finds nothing left buffered, so the output ends with whole records only
// (no summary record: the run did not finish; a --format json document is left open). A second
// Ctrl-C ends the process at once.
let interrupted = false;
process.on('SIGINT', () => {
  if (interrupted) process.exit(EXIT.interrupted);
  interrupted = true;
  if (process.stderr.isTTY) clearProgress();
  write('stderr', t`supcert: interrupted\n`);
  whenWritten(() => process.exit(EXIT.interrupted));
});
// Last resort, so that even a bug never prints a bare stack trace.
process.on('uncaughtException', (error) => process.exit(internalError(error)));
process.on('unhandledRejection', (error) => process.exit(internalError(error)));

// Not a top-level await: the command is built as CommonJS (dist/cli.cjs, see tsup.config.ts).
void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});

/**
 * Marks a run that judged inputs (check, check-request, check-server), for the code
 * cache of dist/cli.cjs (start.ts JUDGED_RUN): only such a run compiled the functions worth caching.
 */
function markJudged(): void {
  (globalThis as Record<symbol, unknown>)[Symbol.for('supcert.cli.judgedRun')] = true;
}
