import { InputError, describeError } from './errors.js';
import { cliMessage } from './optionNames.js';
import type { Failed } from './outcome.js';

/**
 * What an input whose reading or judging threw becomes, for check and check-request alike: an
 * InputError is that input's error as it stands; an error that is neither a SupCertError nor a
 * system error is a bug (INTERNAL_ERROR: the input fails, the others go on, the line says it is
 * a bug). Anything else comes back described ({ code, message }) for the caller's own cases
 * (a bad option value, a certificate given to check-request ...).
 */
export function failedInput(
  error: unknown,
  file: string,
): { failed: Failed } | { described: { code: string; message: string } } {
  if (error instanceof InputError)
    return {
      failed: {
        kind: 'error',
        file: error.file,
        code: error.code,
        message: cliMessage(error.message),
      },
    };
  const described = describeError(error);
  if (described) return { described };
  return {
    failed: {
      kind: 'error',
      file,
      code: 'INTERNAL_ERROR',
      message: `internal error: ${error instanceof Error ? error.message : String(error)}`,
      bug: error,
    },
  };
}
