import { quoteValue } from './quote.js';

/** Longest value quoted in a "must be one of" message, in characters, before it is cut. */
const QUOTE_MAX = 100;

/**
 * `value` when it is one of `allowed`; `undefined` when it is `undefined` (the caller applies
 * its default). Anything else is refused with the message `NAME must be one of A, B, C; got
 * "VALUE".` (the value made printable and cut to 100 characters; a non-string is named by its
 * type), turned into an error by `refuse`: the library's SupCertError INVALID_OPTION
 * (sup/resolveOptions.ts), the CLI's UsageError (cli/args.ts). The one check of every option
 * enum (rules/optionValues.ts, cli/choices.ts).
 *
 * @example oneOf('json', ['text', 'json'] as const, '--format', fail) === 'json'
 */
export function oneOf<T extends string>(
  value: unknown,
  allowed: readonly T[],
  name: string,
  refuse: (message: string) => Error,
): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value))
    return value as T;
  const got = typeof value === 'string' ? `"${quoteValue(value, QUOTE_MAX)}"` : typeof value;
  throw refuse(`${name} must be one of ${allowed.join(', ')}; got ${got}.`);
}
