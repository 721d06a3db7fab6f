// The names layer's own isIPv4 / isIPv6 / domainToASCII (plain JavaScript, for browsers) against
// node:net and node:url, which they replace: the same answer on every input tried.
import { isIPv4 as netIPv4, isIPv6 as netIPv6 } from 'node:net';
import { domainToASCII as urlDomainToASCII } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { domainToASCII, isIPv4, isIPv6 } from '../src/names/hostname.js';

const ipChars = fc.constantFrom(...'0123456789abcdefABCDEFg.:%-z '.split(''));
const ipLike = fc.array(ipChars, { maxLength: 45 }).map((cs) => cs.join(''));
const v6Group = fc
  .array(fc.constantFrom(...'0123456789abcdefABCDEF'.split('')), { maxLength: 5 })
  .map((cs) => cs.join(''));
const v6Like = fc
  .tuple(fc.array(v6Group, { minLength: 1, maxLength: 10 }), fc.boolean(), fc.boolean())
  .map(([groups, dotted, zone]) => {
    const text = groups.join(':');
    return `${text}${dotted ? ':192.168.0.1' : ''}${zone ? '%eth0' : ''}`;
  });

describe('IP literals as node:net says', () => {
  it('known cases', () => {
    for (const t of [
      '1.2.3.4',
      '01.2.3.4',
      '256.1.1.1',
      '::',
      '::1',
      'fe80::1%eth0',
      '1::2::3',
      '::ffff:1.2.3.4',
      '1:2:3:4:5:6:7:8',
      '1:2:3:4:5:6:7:8:9',
      '',
      ':',
      'a:b',
      '[::1]',
    ])
      expect([t, isIPv4(t), isIPv6(t)]).toEqual([t, netIPv4(t), netIPv6(t)]);
  });
  it('random text of IP characters', () => {
    fc.assert(
      fc.property(ipLike, (t) => isIPv4(t) === netIPv4(t) && isIPv6(t) === netIPv6(t)),
      { numRuns: 20_000 },
    );
  });
  it('random IPv6-shaped text', () => {
    let accepted = 0;
    fc.assert(
      fc.property(v6Like, (t) => {
        if (netIPv6(t)) accepted++;
        return isIPv6(t) === netIPv6(t);
      }),
      { numRuns: 20_000 },
    );
    expect(accepted).toBeGreaterThan(100); // the generator reaches valid addresses too
  });
});

describe('domainToASCII as node:url says', () => {
  it('IDN names, wildcards, refusals', () => {
    for (const t of [
      'bücher.example',
      'ＢＵＣＨＥＲ.example',
      'xn--bcher-kva.example',
      'münchen.de.',
      'a b.example',
      'exa%mple.com',
      'a/b.example',
      'a@b.example',
      'a:1.example',
      '١٢٣.example',
      'faß.de',
      'ü'.repeat(70),
      'xn--a.example',
      'x',
      'X',
      'ｘ',
      '例え.テスト',
      '\u0000ü.example',
      '*.bücher.example',
      '１.２.３.４',
      'ü.1.2.3',
      '[ü]',
      'ü?x',
      'ü#x',
      'ü\\x',
      '\u200d.example',
      'ü..example',
    ])
      expect([t, domainToASCII(t)]).toEqual([t, urlDomainToASCII(t)]);
  });
  it('random Unicode labels', () => {
    const label = fc.string({ unit: 'grapheme', maxLength: 12 });
    fc.assert(
      fc.property(fc.array(label, { minLength: 1, maxLength: 4 }), (labels) => {
        const t = labels.join('.');
        return domainToASCII(t) === urlDomainToASCII(t);
      }),
      { numRuns: 5_000 },
    );
  });
});
