import { printable } from './printable.js';

/** Longest value quoted in a message, in characters, before it is cut. */
export const MAX_QUOTED = 200;

/**
 * A value from a file, fit to quote in a message: controls made visible and cut to `max`
 * characters with "…" and the full length, so a 1 MB subject costs a message ~250 characters.
 *
 * @example quoteValue('x'.repeat(5000)) // 'xxx…x… (5000 characters)'
 */
export function quoteValue(value: string, max = MAX_QUOTED): string {
  if (value.length <= max) return printable(value);
  return `${printable(value.slice(0, max))}… (${value.length} characters)`;
}

/**
 * At most `max` items of a list, each quoted, then "and N more": messages about many values
 * (2,000 candidate issuers, 500 subtrees) stay short.
 */
export function quoteList(items: readonly string[], max = 5, separator = ', '): string {
  const shown = items.slice(0, max).map((i) => `"${quoteValue(i)}"`);
  const rest = items.length - shown.length;
  return rest > 0
    ? `${shown.join(separator)} and ${rest.toLocaleString('en-US')} more`
    : shown.join(separator);
}
