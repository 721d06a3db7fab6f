// Hostile inputs for the decoders, regular expressions and text parsers (kinds 5: regular
// expressions, 6: decoders, 10: text parsers).
// Every input is made here, deterministically; see README.md in this folder for the shape.

import { der, seq } from './der.mjs';

export { der };
const utc = (text) => der(0x17, Buffer.from(text, 'latin1'));

/** OBJECT IDENTIFIER 1.2.<one arc of `bytes` base-128 digits>: 0xff…0x7f. */
export function hugeArcOid(bytes) {
  const content = Buffer.alloc(1 + bytes, 0xff);
  content[0] = 0x2a; // 1.2
  content[bytes] = 0x7f;
  return der(0x06, content);
}

/** A certificate-shaped DER whose signature algorithm OID has one arc of `arcBytes` bytes. */
export function certificateWithHugeOid(arcBytes) {
  const sigAlg = seq(hugeArcOid(arcBytes));
  const spki = seq(
    seq(der(0x06, Buffer.from('2a864886f70d010101', 'hex')), der(0x05)),
    der(0x03, Buffer.from([0, 0x30, 0])),
  );
  const tbs = seq(
    der(0xa0, der(0x02, Buffer.from([2]))),
    der(0x02, Buffer.from([1])),
    sigAlg,
    seq(),
    seq(utc('260101000000Z'), utc('270101000000Z')),
    seq(),
    spki,
  );
  return seq(tbs, sigAlg, der(0x03, Buffer.from([0])));
}

/**
 * A certificate-shaped BER file: an indefinite-length Certificate whose tbsCertificate holds a
 * chain of `depth` nested indefinite-length SEQUENCEs over `leaves` NULLs, then 5 more fields.
 * Reading it lazily re-scans the chain once per level that lists its children.
 */
export function nestedIndefinite(depth, leaves) {
  const open = Buffer.alloc(depth * 2);
  for (let i = 0; i < depth; i++) {
    open[2 * i] = 0x30;
    open[2 * i + 1] = 0x80;
  }
  const body = Buffer.alloc(leaves * 2);
  for (let i = 0; i < leaves; i++) body[2 * i] = 0x05;
  const close = Buffer.alloc(depth * 2);
  const fiveNulls = Buffer.from([5, 0, 5, 0, 5, 0, 5, 0, 5, 0]);
  return Buffer.concat([
    Buffer.from([0x30, 0x80, 0x30, 0x80]),
    open,
    body,
    close,
    fiveNulls,
    Buffer.from([0, 0, 0, 0]),
  ]);
}

/** A label of `length` CJK ideographs, 20,000 distinct ones: punycode's cost grows with both. */
export function longIdnLabel(length) {
  return Array.from({ length }, (_, i) => String.fromCodePoint(0x4e00 + (i % 20_000))).join('');
}

/** A BER .p7b (SignedData) whose content is `nestedIndefinite`'s chain: read by the PKCS#7 reader, not as a certificate. */
export function p7bNestedIndefinite(depth, leaves) {
  const signedData = Buffer.from('06092a864886f70d010702', 'hex');
  return Buffer.concat([
    Buffer.from([0x30, 0x80]),
    signedData,
    Buffer.from([0xa0, 0x80]),
    nestedIndefinite(depth, leaves),
    Buffer.from([0, 0, 0, 0]),
  ]);
}

/** An INF whose [Strings] value of `size` characters is referenced `refs` times. */
export function infStringsBomb(size, refs) {
  return `[Version]\nSignature="$Windows NT$"\n[Strings]\nbig = "${'x'.repeat(size)}"\n[NewRequest]\nSubject = "CN=${'%big%'.repeat(refs)}"\n`;
}

const NAMES = { names: 'sup01.corp.contoso.com&sup01.contoso.com' };
const code = (error) => {
  if (error && typeof error.code === 'string') return error.code;
  throw error;
};
const outcome = (promise) => promise.then(() => 'ok', code);

/** @type {Array<{ id: string, kind: number, title: string, run: (lib: any) => Promise<string>, expect: string }>} */
export const cases = [
  {
    id: 'san-wildcard-regex',
    kind: 5,
    title: 'SAN "****************z.contoso.com" explained against a 40-letter host label',
    run: (lib) =>
      outcome(
        lib.validateSupRequest(`san:dns=${'*'.repeat(16)}z.contoso.com`, {
          names: `${'a'.repeat(40)}.contoso.com`,
        }),
      ),
    expect: 'ok',
  },
  {
    id: 'request-100k-newlines',
    kind: 5,
    title: '100,000 newlines and a word: the request reader sniffs the format',
    run: (lib) => outcome(lib.validateSupRequest(`${'\n'.repeat(100_000)}x`, NAMES)),
    expect: 'UNKNOWN_FORMAT',
  },
  {
    id: 'request-san-type-spaces',
    kind: 5,
    title: '"san:dns=" with 100,000 spaces and a line separator in the value',
    run: (lib) => outcome(lib.validateSupRequest(`san:dns=${' '.repeat(100_000)}x\u2028y`, NAMES)),
    expect: 'ok',
  },
  {
    id: 'pem-header-spaces',
    kind: 5,
    title: 'a PEM header line "Proc-Type:" with 100,000 spaces and a line separator',
    run: (lib) =>
      outcome(
        lib.readCertificates(
          `-----BEGIN CERTIFICATE-----\nProc-Type:${' '.repeat(100_000)}x\u2028y\nMIIB\n-----END CERTIFICATE-----\n`,
        ),
      ),
    expect: 'MALFORMED',
  },
  {
    id: 'oid-arc-200kb',
    kind: 6,
    title: 'a certificate whose signature algorithm OID has one 200 KB arc',
    run: (lib) => outcome(lib.readCertificates(certificateWithHugeOid(200_000))),
    expect: 'MALFORMED',
  },
  {
    id: 'ber-nested-indefinite',
    kind: 6,
    title: 'a certificate of 60 nested indefinite-length SEQUENCEs over 4,000,000 NULLs (8 MB BER)',
    run: (lib) => outcome(lib.readCertificates(nestedIndefinite(60, 4_000_000))),
    expect: 'LIMIT_EXCEEDED',
  },
  {
    id: 'ber-p7b-nested-indefinite',
    kind: 6,
    title: 'a BER .p7b of 60 nested indefinite-length SEQUENCEs over 4,000,000 NULLs (8 MB)',
    run: (lib) => outcome(lib.readCertificates(p7bNestedIndefinite(60, 4_000_000))),
    expect: 'LIMIT_EXCEEDED',
  },
  {
    id: 'idn-label-64k',
    kind: 6,
    title:
      'a SAN with one 64,000-character internationalised label (20,000 distinct CJK code points)',
    run: (lib) =>
      outcome(lib.validateSupRequest(`san:dns=${longIdnLabel(64_000)}.contoso.com`, NAMES)),
    expect: 'ok',
  },
  {
    id: 'attributes-30k-san-lines',
    kind: 6,
    title: 'web-enrollment attributes with 30,000 "san:" lines',
    run: (lib) =>
      outcome(
        lib.validateSupRequest(
          Array.from({ length: 30_000 }, (_, i) => `san:dns=h${i}.contoso.com`).join('\n'),
          NAMES,
        ),
      ),
    expect: 'LIMIT_EXCEEDED',
  },
  {
    id: 'inf-strings-expansion',
    kind: 10,
    title: 'a certreq INF whose [Strings] value (100,000 characters) is used 100,000 times: 10 GB',
    run: (lib) => outcome(lib.validateSupRequest(infStringsBomb(100_000, 100_000), NAMES)),
    expect: 'MALFORMED',
  },
];
