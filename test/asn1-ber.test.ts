import { describe, expect, it } from 'vitest';
import {
  type BerContext,
  children,
  decodeOid,
  encodeOid,
  octets,
  readNode,
  readWhole,
  smallInt,
} from '../src/asn1/ber.js';
import { decodeTime } from '../src/asn1/time.js';
import { SupCertError } from '../src/errors.js';

const ctx: BerContext = { maxDepth: 64, what: 'test' };
const bytes = (...b: number[]): Uint8Array => Uint8Array.from(b);

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(SupCertError);
    return (e as SupCertError).code;
  }
  return 'no error';
}

describe('BER reader', () => {
  it('reads definite and long-form lengths', () => {
    const node = readNode(bytes(0x04, 0x81, 0x02, 0xaa, 0xbb), 0, 5, 0, ctx);
    expect([node.tag, node.contentStart, node.contentEnd]).toEqual([4, 3, 5]);
  });

  it('reads indefinite lengths and constructed OCTET STRINGs (NSS, Keychain)', () => {
    // SEQUENCE (indefinite) { OCTET STRING (constructed, indefinite) { 'ab', 'c' } }
    const input = bytes(
      0x30,
      0x80,
      0x24,
      0x80,
      0x04,
      0x02,
      0x61,
      0x62,
      0x04,
      0x01,
      0x63,
      0x00,
      0x00,
      0x00,
      0x00,
    );
    const root = readWhole(input, ctx);
    expect(root.indefinite).toBe(true);
    const [str] = children(root, ctx);
    expect(Buffer.from(octets(str!, ctx)).toString()).toBe('abc');
  });

  it('refuses a length that runs past the data (a 2 GB length in a 100-byte file)', () => {
    const input = new Uint8Array(100);
    input.set([0x30, 0x84, 0x7f, 0xff, 0xff, 0xff]);
    expect(codeOf(() => readNode(input, 0, input.length, 0, ctx))).toBe('MALFORMED');
  });

  it('refuses trailing bytes after the top element', () => {
    expect(codeOf(() => readWhole(bytes(0x05, 0x00, 0x00), ctx))).toBe('MALFORMED');
  });

  it('stops deep nesting at the depth limit, without recursion blow-up', () => {
    const deep = new Uint8Array(200_000).map((_, i) => (i % 2 ? 0x80 : 0x30));
    expect(codeOf(() => readWhole(deep, ctx))).toBe('LIMIT_EXCEEDED');
  });

  it('refuses an indefinite length on a primitive and a missing end-of-contents', () => {
    expect(codeOf(() => readWhole(bytes(0x04, 0x80, 0x00, 0x00), ctx))).toBe('MALFORMED');
    expect(codeOf(() => readWhole(bytes(0x30, 0x80, 0x05, 0x00), ctx))).toBe('MALFORMED');
  });

  it('decodes OIDs, including arcs beyond 2^53', () => {
    expect(decodeOid(encodeOid('1.3.6.1.5.5.7.3.1'))).toBe('1.3.6.1.5.5.7.3.1');
    expect(decodeOid(encodeOid('2.999.18446744073709551616'))).toBe('2.999.18446744073709551616');
    expect(decodeOid(bytes(0x2b, 0x86))).toBeNull();
  });

  it('decodes negative and positive INTEGERs', () => {
    expect(smallInt(readWhole(bytes(0x02, 0x01, 0xff), ctx), 'x', ctx)).toBe(-1);
    expect(smallInt(readWhole(bytes(0x02, 0x02, 0x00, 0x80), ctx), 'x', ctx)).toBe(128);
  });
});

describe('ASN.1 time', () => {
  const time = (tag: number, text: string): Date => {
    const content = Buffer.from(text, 'latin1');
    return decodeTime(
      readWhole(Uint8Array.from([tag, content.length, ...content]), ctx),
      'time',
      ctx,
    );
  };
  it('maps two-digit years per RFC 5280 (50..99 → 19xx)', () => {
    expect(time(0x17, '491231235959Z').toISOString()).toBe('2049-12-31T23:59:59.000Z');
    expect(time(0x17, '500101000000Z').toISOString()).toBe('1950-01-01T00:00:00.000Z');
  });
  it('applies offsets and reads GeneralizedTime fractions', () => {
    expect(time(0x17, '2001010100+0100').toISOString()).toBe('2020-01-01T00:00:00.000Z');
    expect(time(0x18, '20500101120000.5Z').toISOString()).toBe('2050-01-01T12:00:00.500Z');
  });
  it('refuses impossible dates', () => {
    expect(codeOf(() => time(0x17, '201301000000Z'))).toBe('MALFORMED');
    expect(codeOf(() => time(0x17, '200230000000Z'))).toBe('MALFORMED');
  });
});
