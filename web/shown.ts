import { escapeCharacter, printable } from '../src/util/printable.js';

/**
 * A value from a file as the page shows it, as the command line shows it (src/cli/output/clean.ts
 * `host`): every invisible, bidi or control character written as `\u{202e}` (textContent keeps
 * HTML out, not a U+202E that reverses what the eye reads), and a value with anything but
 * printable ASCII followed by its escaped form, so a Cyrillic "ѕ" cannot pass for an "s":
 * `ѕup01.contoso.com (not ASCII: \u{455}up01.contoso.com)`.
 */
export function shown(value: string): string {
  const text = printable(value);
  if (!/[^\x20-\x7e]/u.test(text)) return text;
  return `${text} (not ASCII: ${text.replace(/[^\x20-\x7e]/gu, escapeCharacter)})`;
}
