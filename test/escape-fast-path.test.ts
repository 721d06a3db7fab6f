import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { outgoing } from '../src/cli/output/write.js';
import { UNSAFE_CHARACTER, escapeCharacter, escapeJsonText } from '../src/util/printable.js';

/*
 * escapeJsonText and outgoing look at the few characters outside printable ASCII one by one
 * instead of scanning the whole text with the Unicode-property class (100,000 reports of ~12 KB).
 * They must escape exactly what the one-scan versions below (their earlier code) escape.
 */

const UNSAFE_GLOBAL = new RegExp(UNSAFE_CHARACTER.source, 'gu');
const reference = {
  escapeJsonText: (json: string): string =>
    json.replace(UNSAFE_GLOBAL, (c) => {
      if (c === '\n') return c;
      let out = '';
      for (let i = 0; i < c.length; i++)
        out += `\\u${c.charCodeAt(i).toString(16).padStart(4, '0')}`;
      return out;
    }),
  outgoing: (text: string): string =>
    text.replace(
      /\x1b\[(?:1|2|22|31|32|33|36|39)m|\r\n|[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\p{Co}\p{Cn}\p{Default_Ignorable_Code_Point}\u2800\u{1d159}]/gu,
      (m) => (m.length > 1 || m === '\n' ? m : escapeCharacter(m)),
    ),
};

/** Text mixing printable ASCII, line breaks, our SGR codes, any code point and lone surrogates. */
const text = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'grapheme-ascii' }),
      fc.constantFrom(
        '\n',
        '\r\n',
        '\r',
        '\x1b[31m',
        '\x1b[8m',
        '\x7f',
        '\u2800',
        '\ud800',
        '\udc00',
      ),
      fc.string({ unit: 'binary', maxLength: 4 }),
      fc.integer({ min: 0, max: 0x10ffff }).map((c) => String.fromCodePoint(c)),
    ),
    { maxLength: 30 },
  )
  .map((parts) => parts.join(''));

describe('fast escaping is the same as the one-scan escaping', () => {
  it('escapeJsonText', () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(escapeJsonText(s)).toBe(reference.escapeJsonText(s));
        const json = JSON.stringify({ s }, null, 2);
        expect(escapeJsonText(json)).toBe(reference.escapeJsonText(json));
        expect(JSON.parse(escapeJsonText(json))).toEqual({ s });
      }),
      { numRuns: 3000 },
    );
  });

  it('outgoing (the writer of every text)', () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(outgoing(s)).toBe(reference.outgoing(s));
      }),
      { numRuns: 3000 },
    );
  });

  it('every code point, alone and between ASCII letters', () => {
    for (let c = 0; c <= 0x10ffff; c++) {
      if (c >= 0xd800 && c <= 0xdfff && c % 64 !== 0) continue;
      const s = `a${String.fromCodePoint(c)}b`;
      if (escapeJsonText(s) !== reference.escapeJsonText(s))
        expect(escapeJsonText(s), c.toString(16)).toBe(reference.escapeJsonText(s));
      if (outgoing(s) !== reference.outgoing(s))
        expect(outgoing(s), c.toString(16)).toBe(reference.outgoing(s));
    }
  }, 60_000);
});
