// The `supcert` command (dist/cli.js). Only I/O and formatting live under src/cli/; every
// judgement is the library's.
import { type Command, parseCommandLine } from './args.js';
import { runCheck } from './commands/check.js';
import { runRules } from './commands/rules.js';
import { EXIT, InputError, UsageError, bugReport } from './errors.js';
import { clean } from './output/clean.js';
import { Interrupted } from './password.js';
import { CHECK_HELP, GENERAL_HELP, RULES_HELP } from './usage.js';

function internalError(error: unknown): number {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`supcert: internal error: ${clean(message)}\n${bugReport(error)}`);
  return EXIT.usage;
}

async function run(command: Command): Promise<number> {
  switch (command.command) {
    case 'help':
      process.stdout.write(command.topic === 'check' ? CHECK_HELP : command.topic === 'rules' ? RULES_HELP : GENERAL_HELP);
      return EXIT.ok;
    case 'version': {
      const { packageVersion } = await import('./version.js');
      process.stdout.write(`${packageVersion()}\n`);
      return EXIT.ok;
    }
    case 'rules':
      return runRules(command.format, command.noColor);
    case 'check':
      return runCheck(command.args);
  }
}

async function main(argv: string[]): Promise<number> {
  try {
    return await run(parseCommandLine(argv));
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`supcert: ${clean(error.message)}\nRun "supcert ${error.command ? `${error.command} ` : ''}--help" for usage.\n`);
      return EXIT.usage;
    }
    if (error instanceof InputError) {
      process.stderr.write(`supcert: ${clean(error.file)}: ${clean(error.message)} (${error.code})\n`);
      return EXIT.usage;
    }
    if (error instanceof Interrupted) return 130;
    return internalError(error);
  }
}

// A reader that stops early (`supcert rules | head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? EXIT.ok);
  process.exit(internalError(error));
});
// Last resort, so that even a bug never prints a bare stack trace.
process.on('uncaughtException', (error) => process.exit(internalError(error)));
process.on('unhandledRejection', (error) => process.exit(internalError(error)));

process.exitCode = await main(process.argv.slice(2));
