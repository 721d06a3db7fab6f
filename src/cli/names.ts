import type { SupOptions } from '../index.js';
import { UsageError, describeError } from './errors.js';
import { cliMessage } from './optionNames.js';
import { t } from './output/clean.js';
import { write } from './output/write.js';

// No library import at run time: check-request (lazily loaded) uses it too; the resolver comes in.

/**
 * The names are the library's to judge (resolveOptions), but checked before anything is read or
 * a password is asked for, with its messages in the CLI's words; a URL given as a name is judged
 * by its host, and this says so on stderr.
 */
export function checkNamesWith(
  options: SupOptions,
  command: string,
  resolve: (o: SupOptions) => { nameListProblems: string[] },
): void {
  let notes: string[];
  try {
    notes = resolve(options).nameListProblems;
  } catch (error) {
    const e = describeError(error);
    if (e?.code === 'INVALID_OPTION') throw new UsageError(cliMessage(e.message), command);
    throw error;
  }
  for (const note of notes) {
    const text = cliMessage(note);
    write('stderr', t`supcert: note: ${text}${text.endsWith('.') ? '' : '.'}\n`);
  }
}
