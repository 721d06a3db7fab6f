/*
 * The one sanitiser for text that came from a file (or a command line) and is about to be shown
 * to a person: library messages quote values through it, and the command line's writer
 * (src/cli/output/clean.ts) builds on it. It imports nothing, so the lazily loaded CLI modules may
 * use it without pulling in the library.
 */

/**
 * Characters that must never reach a terminal or a report raw, as one class, derived from Unicode
 * properties wherever one exists (so the next invisible character is covered too):
 * - C0 and C1 controls and DEL (`\p{Cc}`): ESC starts CSI/OSC sequences (clear the screen, move
 *   the cursor, OSC 52 writes the clipboard), U+009B is an 8-bit CSI, CR and LF start a new line;
 * - format characters (`\p{Cf}`): bidi embeddings, overrides and isolates (U+202A–U+202E,
 *   U+2066–U+2069, U+200E/U+200F, U+061C), zero-width characters (U+200B–U+200D, U+2060–U+2064,
 *   U+FEFF), the soft hyphen, Unicode tag characters (U+E0000–U+E007F) — they reorder or hide what
 *   the eye reads;
 * - every Default_Ignorable_Code_Point (`\p{Default_Ignorable_Code_Point}`, UAX #44; rendered as
 *   nothing when not supported, TR #36 §3.7): the combining grapheme joiner U+034F, the Hangul
 *   fillers U+115F, U+1160, U+3164, U+FFA0, the Khmer vowels U+17B4/U+17B5, the Mongolian free
 *   variation selectors U+180B–U+180F, variation selectors U+FE00–U+FE0F and U+E0100–U+E01EF,
 *   and the reserved U+2065, U+FFF0–U+FFF8, U+E0080–U+E0FFF;
 * - unassigned code points (`\p{Cn}`, as of the Unicode version of Node's ICU) and private-use
 *   characters (`\p{Co}`): no font shows them as what they claim to be;
 * - line and paragraph separators (`\p{Zl}`, `\p{Zp}`: U+2028, U+2029), which some viewers break
 *   lines on, and lone surrogates (`\p{Cs}`);
 * - spaces other than U+0020 (`\p{Zs}` but the space: no-break space, ideographic space …), which
 *   pass for a space;
 * - symbols that draw an empty cell although no property above holds them: U+2800 BRAILLE
 *   PATTERN BLANK, U+1D159 MUSICAL SYMBOL NULL NOTEHEAD (and the musical formatting characters
 *   U+1D173–U+1D17A, Cf, listed for clarity). 142 U+2800 before "PASS 0 errors" wrapped a fake
 *   verdict onto its own line of an 80-column terminal.
 *
 * Source: Unicode TR #36 §3.7 (invisible and deceptive characters), UAX #44
 * (Default_Ignorable_Code_Point), TR #9 (bidi controls); the terminal escapes are ECMA-48 §5
 * (C0/C1, CSI) and xterm's OSC 52.
 */
export const UNSAFE_CHARACTER =
  /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\p{Co}\p{Cn}\p{Default_Ignorable_Code_Point}\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\u2800\u{1d159}\u{1d173}-\u{1d17a}]/u;

const UNSAFE_GLOBAL = new RegExp(UNSAFE_CHARACTER.source, 'gu');

/**
 * One character (a code point: a surrogate pair is one) other than a line feed and printable
 * ASCII, U+0020–U+007E. Every {@link UNSAFE_CHARACTER} but the line feed is one of these, so text
 * without any has nothing to escape.
 */
export const NOT_PLAIN_ASCII_GLOBAL = /[^\n\x20-\x7e]/gu;

/**
 * The same class by UTF-16 code unit (no `u` flag; a surrogate pair is found by its first half),
 * for {@link escapeJsonText}'s scan: several times faster than the code-point scan of
 * {@link NOT_PLAIN_ASCII_GLOBAL}, and JSON text is nearly always plain ASCII. Global: its
 * `lastIndex` is set before each use.
 */
const NOT_PLAIN_ASCII_UNIT = /[^\n\x20-\x7e]/g;

/**
 * Longest value from a file shown whole in one row of a report, in UTF-16 code units: the command
 * line (src/cli/output/clean.ts `field`, `host`) and the offline page (web/shown.ts) cut a longer
 * one there and say how long it was, so a 1 MB subject costs a row ~1 KB. The JSON report keeps
 * every value whole.
 */
export const MAX_SHOWN_FIELD = 1000;

/** `\xNN` up to U+00FF, `\u{N…}` above: visible, and unambiguous about which character it was. */
export function escapeCharacter(c: string): string {
  const code = c.codePointAt(0)!;
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
}

/**
 * `text` with every {@link UNSAFE_CHARACTER} shown as `\xNN` / `\u{N}`: a NUL inside a name, an
 * escape sequence in a subject, a bidi override in a SAN all become visible text. Linear in the
 * length of `text`.
 *
 * @example printable('a\u0000b\u202ec') // 'a\\x00b\\u{202e}c'
 */
export function printable(text: string): string {
  return text.replace(UNSAFE_GLOBAL, escapeCharacter);
}

/** True when `text` holds a character {@link printable} would escape. */
export function hasUnsafe(text: string): boolean {
  return UNSAFE_CHARACTER.test(text);
}

/**
 * Serialised JSON with every {@link UNSAFE_CHARACTER} written as a `\uXXXX` escape (a surrogate
 * pair above U+FFFF). The structure of JSON text is ASCII, so these characters can only sit in
 * strings (a line feed of the indentation is kept), where the escape is the same value: `JSON.parse` gives back exactly what was
 * serialised (RFC 8259 §7), and a terminal that shows the JSON sees no control or bidi character.
 */
export function escapeJsonText(json: string): string {
  // Only a character outside printable ASCII and the line feed can be unsafe: those few are found
  // by a scan per UTF-16 code unit (no `u` flag: ~15× faster than one with it) and tested one by
  // one against the Unicode-property class. Plain ASCII text, the usual case, is returned as is;
  // a report with one em dash is copied once around it.
  const find = NOT_PLAIN_ASCII_UNIT;
  find.lastIndex = 0;
  let m = find.exec(json);
  if (m === null) return json;
  let out = '';
  let done = 0;
  while (m !== null) {
    const at = m.index;
    const unit = json.charCodeAt(at);
    const next = json.charCodeAt(at + 1);
    // A surrogate pair is one character (U+10000 and above); a lone surrogate is one too (unsafe).
    const width = unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff ? 2 : 1;
    const c = json.slice(at, at + width);
    if (UNSAFE_CHARACTER.test(c)) {
      out += json.slice(done, at);
      for (let i = 0; i < width; i++) out += `\\u${c.charCodeAt(i).toString(16).padStart(4, '0')}`;
      done = at + width;
    }
    find.lastIndex = at + width;
    m = find.exec(json);
  }
  return done === 0 ? json : out + json.slice(done);
}
