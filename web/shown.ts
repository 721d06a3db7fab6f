import { MAX_SHOWN_FIELD, escapeCharacter, printable } from '../src/util/printable.js';

/**
 * A value from a file as the page shows it, as the command line shows it (src/cli/output/clean.ts
 * `host`): every invisible, bidi or control character written as `\u{202e}` (textContent keeps
 * HTML out, not a U+202E that reverses what the eye reads), and a value with anything but
 * printable ASCII followed by its escaped form, so a Cyrillic "ѕ" cannot pass for an "s":
 * `ѕup01.contoso.com (not ASCII: \u{455}up01.contoso.com)`. A value longer than
 * {@link MAX_SHOWN_FIELD} (1,000) characters is cut there and says how long it was:
 * `…… (1,048,576 characters; the saved JSON report keeps it whole)`, so a crafted 1 MB subject
 * or SAN costs a row ~1 KB, not the page; the not-ASCII note is then about the part shown (and
 * ends with "…"). Linear in the length of the part shown.
 */
export function shown(value: string): string {
  const long = value.length > MAX_SHOWN_FIELD;
  const text = printable(long ? value.slice(0, MAX_SHOWN_FIELD) : value);
  const cut = long
    ? `… (${value.length.toLocaleString('en-US')} characters; the saved JSON report keeps it whole)`
    : '';
  if (!/[^\x20-\x7e]/u.test(text)) return `${text}${cut}`;
  return `${text}${cut} (not ASCII: ${text.replace(/[^\x20-\x7e]/gu, escapeCharacter)}${long ? '…' : ''})`;
}
