import { MAX_SHOWN_FIELD, escapeCharacter, printable } from '../../util/printable.js';

/*
 * Everything supcert prints is attacker-controlled in part: a subject, a SAN, a PFX bag's CSP
 * name, an INF's KeyAlgorithm, a file name. A raw escape sequence there clears the screen and
 * draws a fake PASS; a bidi override reorders what the eye reads; a SAN padded with spaces wraps
 * "PASS 0 errors" onto a line of its own.
 *
 * So nothing is printed as a plain string. The writers (./write.ts) take only `Safe` text, and
 * the only ways to make one are:
 * - the `t` tag: its literal parts are source code; every interpolated string is cleaned
 *   (numbers and `Safe` values go in as they are);
 * - `document()`: a whole block from the library or a file whose layout must stay (the certreq
 *   INF of `suggest`): every unsafe character escaped, line breaks kept;
 * - `fromCode()`: a constant of ours (the help texts).
 * The writer cleans once more on the way out (only newlines and our own colour codes pass), so a
 * mistake here cannot put an escape sequence on a terminal either.
 */

/** Text fit to print; `text` is what goes out. Made here (and by Style.paint, from Safe text only): a test checks no other module calls Safe.of. */
export class Safe {
  private constructor(readonly text: string) {}
  /** @internal for this module and ../style.ts */
  static of(text: string): Safe {
    return new Safe(text);
  }
}

/**
 * One value from outside, fit for one line: every unsafe character escaped (`printable`), and
 * runs of spaces collapsed to one, so padding cannot push text onto a line of its own.
 */
export function clean(text: string): string {
  return printable(text).replace(/ {2,}/g, ' ');
}

const NON_ASCII = /[^\x20-\x7e]/gu;

/** Longest field value shown on the terminal, in characters; the JSON and SARIF keep it whole. */
export const MAX_FIELD = MAX_SHOWN_FIELD;

/**
 * A field value from a file for one row of a report: cleaned, and cut after {@link MAX_FIELD}
 * characters with "… (N characters)", so a 1 MB subject costs a row ~1 KB.
 */
export function field(value: string, max = MAX_FIELD): Safe {
  if (value.length <= max) return Safe.of(clean(value));
  return Safe.of(
    `${clean(value.slice(0, max))}… (${value.length.toLocaleString('en-US')} characters; --format json shows it whole)`,
  );
}

/** At most `max` items, then "and N more". */
export function list(items: readonly Part[], separator: Part, max: number): Safe {
  const shown = join(items.slice(0, max), separator);
  return items.length > max
    ? Safe.of(
        `${shown.text}${part(separator)}and ${(items.length - max).toLocaleString('en-US')} more (--format json lists them all)`,
      )
    : shown;
}

/**
 * A host-name-like value (SAN dNSName, subject, issuer, a name to match): cleaned (and cut, see
 * {@link field}), and when it holds anything but printable ASCII, followed by its escaped form,
 * so a Cyrillic "ѕ" cannot pass for an "s": `ѕup01.contoso.com (not ASCII: \u{455}up01.contoso.com)`.
 * The note is there whatever the value's length (of a cut value, for the part shown). Linear; no
 * IDN conversion of untrusted input.
 */
export function host(value: string): Safe {
  const long = value.length > MAX_FIELD;
  const shown = long ? field(value).text : clean(value);
  const part = long ? value.slice(0, MAX_FIELD) : value;
  if (!/[^\x20-\x7e]/u.test(part)) return Safe.of(shown);
  return Safe.of(
    `${shown} (not ASCII: ${clean(part).replace(NON_ASCII, escapeCharacter)}${long ? '…' : ''})`,
  );
}

type Part = Safe | string | number;

/** Tagged template: literals are ours, interpolated strings are cleaned, `Safe` parts kept. */
export function t(strings: TemplateStringsArray, ...values: Part[]): Safe {
  // Only a real template literal has a frozen strings array with .raw: a crafted array cannot
  // pass data off as a literal.
  if (!Object.isFrozen(strings) || !Array.isArray(strings.raw))
    throw new TypeError('t must be used as a template tag');
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += part(values[i]!) + strings[i + 1]!;
  return Safe.of(out);
}

function part(value: Part): string {
  if (value instanceof Safe) return value.text;
  if (typeof value === 'number') return String(value);
  return clean(value);
}

/** `parts` joined by `separator` (cleaned when it is a string). */
export function join(parts: readonly Part[], separator: Part): Safe {
  const sep = part(separator);
  return Safe.of(parts.map(part).join(sep));
}

/** Padded with spaces to `width` characters (pad before painting: colour codes have no width). */
export function padEnd(value: Part, width: number): Safe {
  return Safe.of(part(value).padEnd(width));
}

export function padStart(value: Part, width: number): Safe {
  return Safe.of(part(value).padStart(width));
}

/** Cut to `width` characters (a terminal line). */
export function cut(value: Safe, width: number): Safe {
  return Safe.of(value.text.slice(0, Math.max(0, width)));
}

/** A multi-line text whose layout is kept (line breaks, CRLF, spaces); every unsafe character escaped. */
export function document(text: string): Safe {
  return Safe.of(
    text
      .split('\n')
      .map((line) => (line.endsWith('\r') ? `${printable(line.slice(0, -1))}\r` : printable(line)))
      .join('\n'),
  );
}

/** A constant of ours (help texts, headings): not data. */
export function fromCode(text: string): Safe {
  return Safe.of(text);
}

/** The length a reader sees (no colour codes are in a value before it is painted). */
export const width = (value: Safe): number => value.text.length;

/**
 * A cell a spreadsheet would run as a formula (or a DDE call): = + - @, and TAB or CR first
 * (OWASP CSV injection), after any spaces (a spreadsheet may trim them).
 */
const FORMULA_START = /^ *[=+\-@\t\r]/;

/**
 * The same after a ";" inside a cell. A spreadsheet whose list separator is ";" (Excel and
 * LibreOffice in German, French, Dutch ... locales) splits every line of a CSV file at ";", and
 * honours quotes only at the start of a field, so `a;=cmd|' /C calc'!A0` in a file name or a
 * subject is a cell of its own there, and runs (so does `a;"=...`: quotes do not stop a formula).
 */
const FORMULA_AFTER_SEMICOLON = /;([ "]*[=+\-@])/g;

/**
 * One CSV cell (RFC 4180): a value from outside is escaped like any other (`printable`: no control,
 * bidi or separator character, so a TAB or CR becomes `\x09` / `\x0d`), a cell that a spreadsheet
 * would read as a formula is neutralised with a leading apostrophe (checked on the raw value and
 * on the escaped one; likewise after a ";", which starts a cell where ";" is the list separator),
 * and the cell is quoted when it holds a comma, a quote or starts or ends
 * with a space. A number is ours (a count, days left) and goes in as it is; null is an empty cell.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  let text = printable(value);
  if (FORMULA_START.test(value) || FORMULA_START.test(text)) text = `'${text}`;
  text = text.replace(FORMULA_AFTER_SEMICOLON, ";'$1");
  return /[",]|^ | $/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV record: cells by {@link csvCell}, joined by commas, ended by CRLF (RFC 4180 §2). */
export function csvRow(cells: ReadonlyArray<string | number | null>): Safe {
  return Safe.of(`${cells.map(csvCell).join(',')}\r\n`);
}
