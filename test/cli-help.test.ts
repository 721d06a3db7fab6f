import { describe, expect, it } from 'vitest';
import {
  CHECK_OPTIONS,
  CHECK_REQUEST_OPTIONS,
  RULES_OPTIONS,
  SUGGEST_OPTIONS,
} from '../src/cli/args.js';
import { CHECK_HELP, CHECK_REQUEST_HELP, RULES_HELP, SUGGEST_HELP } from '../src/cli/usage.js';

/**
 * Every option a command accepts is in its --help: an error message that says "give
 * --skip-names" and then "run supcert check --help" must not send the reader to a text that
 * does not know the option. (-h/--help itself is the exception: it is how the text is reached.)
 */
describe('--help lists every option the command accepts', () => {
  const commands: Array<[string, Record<string, unknown>, string]> = [
    ['check', CHECK_OPTIONS, CHECK_HELP],
    ['check-request', CHECK_REQUEST_OPTIONS, CHECK_REQUEST_HELP],
    ['suggest', SUGGEST_OPTIONS, SUGGEST_HELP],
    ['rules', RULES_OPTIONS, RULES_HELP],
  ];
  it.each(commands)('%s', (_command, options, help) => {
    const missing = Object.keys(options).filter(
      (name) => name !== 'help' && !new RegExp(`--${name}(?![\\w-])`).test(help),
    );
    expect(missing).toEqual([]);
  });
});
