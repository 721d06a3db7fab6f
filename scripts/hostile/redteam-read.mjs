/**
 * Hostile inputs from the red team's second round against src/asn1, src/x509, src/read,
 * src/request and the chain's extension checks (findings F2–F6, F8 and the minor ones):
 * element arrays that bounded nothing (one SEQUENCE of millions of NULLs in a key, a certificate,
 * a .p7b), critical extensions re-decoded uncounted by path validation, spread calls over
 * file-sized arrays (an INF EKU list, a GeneralizedTime), certreq INFs of millions of lines,
 * BMPString/UniversalString names decoded a character at a time, RSA-PSS requests reported
 * altered, and matchHostname given a non-certificate. Every input is built here,
 * deterministically (fixed bytes; the one signing key is Ed25519 from a fixed seed, and Ed25519
 * signatures are deterministic), except pss.csr (a committed file: certs-fixtures/hostile/redteam-read/).
 */
import { createPrivateKey, createPublicKey, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { der, header, seq } from './der.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// ---------------------------------------------------------------- DER writer (./der.mjs)
export { der };
/** The pieces of a DER element without copying them (for the 30 MB names: one copy at the end, not one per level). */
const wrap = (tag, parts) => [
  header(
    tag,
    parts.reduce((n, p) => n + p.length, 0),
  ),
  ...parts,
];
const set = (...parts) => der(0x31, ...parts);
const octet = (bytes) => der(0x04, bytes);
const bits = (bytes) => der(0x03, Buffer.from([0]), bytes);
const utf8 = (text) => der(0x0c, Buffer.from(text, 'utf8'));
const TRUE = Buffer.from([1, 1, 0xff]);
function oid(text) {
  const arcs = text.split('.').map(BigInt);
  const out = [];
  const push = (v) => {
    const d = [Number(v & 0x7fn)];
    for (v >>= 7n; v > 0n; v >>= 7n) d.unshift(Number(v & 0x7fn) | 0x80);
    for (const b of d) out.push(b);
  };
  push(arcs[0] * 40n + arcs[1]);
  for (const a of arcs.slice(2)) push(a);
  return der(0x06, Buffer.from(out));
}
export const pem = (label, bytes) =>
  `-----BEGIN ${label}-----\n${Buffer.from(bytes)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')}\n-----END ${label}-----\n`;
/** The same PEM as bytes, built without a regular expression over the base64 (for the 30 MB key). */
export function pemBytes(label, bytes) {
  const b64 = Buffer.from(Buffer.from(bytes).toString('base64'), 'latin1');
  const head = Buffer.from(`-----BEGIN ${label}-----\n`);
  const tail = Buffer.from(`-----END ${label}-----\n`);
  const lines = Math.ceil(b64.length / 64);
  const out = Buffer.alloc(head.length + b64.length + lines + tail.length);
  let pos = head.copy(out, 0);
  for (let i = 0; i < b64.length; i += 64) {
    pos += b64.copy(out, pos, i, Math.min(i + 64, b64.length));
    out[pos++] = 0x0a;
  }
  tail.copy(out, pos);
  return out;
}

/** `count` copies of a two-byte element `tag 00` (NULL: 0x05, empty [1]: 0xa1, empty dNSName: 0x82, empty SEQUENCE: 0x30). */
export function repeated(tag, count) {
  const body = Buffer.alloc(2 * count);
  for (let i = 0; i < count; i++) body[2 * i] = tag;
  return body;
}

// ---------------------------------------------------------------- certificates (Ed25519, fixed seed)
const KEY = createPrivateKey({
  key: Buffer.concat([
    Buffer.from('302e020100300506032b657004220420', 'hex'),
    Buffer.alloc(32, 0x5a),
  ]),
  format: 'der',
  type: 'pkcs8',
});
const SPKI = createPublicKey(KEY).export({ type: 'spki', format: 'der' });
const ED25519 = seq(oid('1.3.101.112'));
const nameParts = (cnParts) => wrap(0x30, wrap(0x31, wrap(0x30, [oid('2.5.4.3'), ...cnParts])));
const nameOf = (cnNode) => Buffer.concat(nameParts([cnNode]));
const CA_NAME = nameOf(utf8('Redteam Read Root'));
const ext = (id, value, critical = false) =>
  seq(oid(id), ...(critical ? [TRUE] : []), octet(value));
const SAN = ext('2.5.29.17', seq(der(0x82, Buffer.from('sup01.corp.contoso.com'))));
const EKU = ext('2.5.29.37', seq(oid('1.3.6.1.5.5.7.3.1')));

/**
 * A certificate signed by the fixed Ed25519 key; `validity` and `subject` replace the usual
 * fields (`subject` may be an array of pieces, see {@link wrap}).
 */
export function certificate({
  subject = nameOf(utf8('sup01.corp.contoso.com')),
  issuer = CA_NAME,
  extensions = [SAN, EKU],
  validity,
  serial = 2,
} = {}) {
  const times =
    validity ??
    seq(der(0x17, Buffer.from('260101000000Z')), der(0x17, Buffer.from('360101000000Z')));
  const subjectParts = Array.isArray(subject) ? subject : [subject];
  const tbs = Buffer.concat(
    wrap(0x30, [
      der(0xa0, der(0x02, Buffer.from([2]))),
      der(0x02, Buffer.from([serial])),
      ED25519,
      issuer,
      times,
      ...subjectParts,
      SPKI,
      der(0xa3, seq(...extensions)),
    ]),
  );
  return seq(tbs, ED25519, bits(sign(null, tbs, KEY)));
}
/** The self-signed root that issued {@link certificate}s. */
export const ROOT_CA = certificate({
  subject: CA_NAME,
  serial: 1,
  extensions: [
    ext('2.5.29.19', seq(TRUE), true),
    ext('2.5.29.15', der(0x03, Buffer.from([1, 0x06])), true),
  ],
});

/** A CA (the same key and name as {@link ROOT_CA}) whose critical nameConstraints permits `count` dNSName subtrees "contoso.com". */
export function caWithNameConstraints(count) {
  const subtree = seq(der(0x82, Buffer.from('contoso.com')));
  const permitted = der(0xa0, Buffer.concat(Array.from({ length: count }, () => subtree)));
  return certificate({
    subject: CA_NAME,
    serial: 3,
    extensions: [
      ext('2.5.29.19', seq(TRUE), true),
      ext('2.5.29.15', der(0x03, Buffer.from([1, 0x06])), true),
      ext('2.5.29.30', seq(permitted), true),
    ],
  });
}

/** F3: a leaf whose critical issuerAltName ('ian') or freshestCRL ('fcrl') holds `count` empty entries. */
export function leafWithCriticalList(kind, count) {
  const list =
    kind === 'ian'
      ? ext('2.5.29.18', der(0x30, repeated(0x82, count)), true)
      : ext('2.5.29.46', der(0x30, repeated(0x30, count)), true);
  return certificate({ extensions: [SAN, EKU, list] });
}

/** F2: a "certificate" whose tbsCertificate is one SEQUENCE of `count` NULLs. */
export const certificateOfNulls = (count) =>
  seq(der(0x30, repeated(0x05, count)), ED25519, bits(Buffer.alloc(8)));
/** F2: a PEM PRIVATE KEY whose PrivateKeyInfo is one SEQUENCE of `count` NULLs. */
export const keyOfNulls = (count) => pemBytes('PRIVATE KEY', der(0x30, repeated(0x05, count)));
/** F2: a .p7b whose certificates [0] holds `count` empty [1] choices (attribute certificates). */
export function p7bOfEmptyChoices(count) {
  const signedData = seq(
    der(0x02, Buffer.from([1])),
    set(),
    seq(oid('1.2.840.113549.1.7.1')),
    der(0xa0, repeated(0xa1, count)),
    set(),
  );
  return seq(oid('1.2.840.113549.1.7.2'), der(0xa0, signedData));
}
/** F5: a certificate whose notBefore is a GeneralizedTime of `digits` fraction digits. */
export const certificateWithLongTime = (digits) =>
  certificate({
    validity: seq(
      der(0x18, Buffer.from(`20260101000000.${'0'.repeat(digits)}Z`)),
      der(0x17, Buffer.from('360101000000Z')),
    ),
  });
/** F8: a certificate whose subject CN is a BMPString ('bmp') or UniversalString ('universal') of `bytes` bytes of "A"s. */
export function certificateWithWideCn(kind, bytes) {
  const body = Buffer.alloc(bytes);
  if (kind === 'bmp') for (let i = 1; i < bytes; i += 2) body[i] = 0x41;
  else for (let i = 3; i < bytes; i += 4) body[i] = 0x41;
  return certificate({ subject: nameParts(wrap(kind === 'bmp' ? 0x1e : 0x1c, [body])) });
}

// ---------------------------------------------------------------- certreq INF (F4)
const INF_HEAD = '[NewRequest]\r\nSubject = "CN=sup01.corp.contoso.com"\r\nKeyLength = 2048\r\n';
/** F4: certreq INFs of `count` repetitions of one kind of line (about 18–24 bytes each). */
export function infOf(kind, count) {
  switch (kind) {
    case 'eku-text':
      return `${INF_HEAD}[Extensions]\r\n2.5.29.37 = "{text}${'1.3.6.1.5.5.7.3.1,'.repeat(count)}"\r\n`;
    case 'eku-lines':
      return `${INF_HEAD}[EnhancedKeyUsageExtension]\r\n${'OID=1.3.6.1.5.5.7.3.1\r\n'.repeat(count)}`;
    case 'ext-notes':
      return `${INF_HEAD}[Extensions]\r\n${'1.2.3.4 = AAAA\r\n'.repeat(count)}`;
    case 'continue':
      return `${INF_HEAD}[Extensions]\r\n2.5.29.17 = "{text}"\r\n${'_continue_ = "dns=a.b&"\r\n'.repeat(count)}`;
    case 'subject-rdns':
      return `[NewRequest]\r\nSubject = "${'CN=a,'.repeat(count)}CN=sup01.corp.contoso.com"\r\n`;
    default:
      throw new Error(`no INF kind ${kind}`);
  }
}

/** The valid RSA-PSS CSR the red team made with OpenSSL (`openssl req -verify` says OK). */
export const pssCsr = () =>
  readFileSync(path.join(ROOT, 'certs-fixtures/hostile/redteam-read/pss.csr'));

// ---------------------------------------------------------------- cases
const NAMES = { names: 'sup01.corp.contoso.com&sup01.contoso.com' };
const AT = new Date('2027-01-01T00:00:00Z');
const code = (error) => {
  if (error && typeof error.code === 'string') return error.code;
  throw error;
};
const outcome = (promise) => promise.then(() => 'ok', code);
/** The chain's problem codes of a validateSupCertificate report, or 'trusted'. */
const chainOutcome = (promise) =>
  promise.then(
    (r) =>
      r.chain?.valid
        ? 'trusted'
        : [...new Set((r.chain?.problems ?? []).map((p) => p.code))]
            .filter((c) => c === 'INVALID_EXTENSION')
            .join(',') || 'untrusted',
    code,
  );
/** Whether a request report holds SUP-REQ-001 (signature does not verify). */
const requestSignature = (promise) =>
  promise.then(
    (r) =>
      r.findings.some((f) => f.rule === 'SUP-REQ-001') ? 'SUP-REQ-001' : 'signature verifies',
    code,
  );

/** @type {Array<{ id: string, kind: number, title: string, run: (lib: any) => Promise<string>, expect: string }>} */
export const cases = [
  {
    id: 'rt-key-11m-nulls',
    kind: 6,
    title: 'F2: a 30 MB PEM PRIVATE KEY of 11,000,000 NULLs (was 2.0 s, 1.6 GB, uncounted)',
    run: (lib) => outcome(lib.readCertificates(keyOfNulls(11_000_000))),
    expect: 'LIMIT_EXCEEDED',
  },
  {
    id: 'rt-cert-3.9m-nulls',
    kind: 6,
    title: 'F2: a DER certificate whose tbsCertificate holds 3,900,000 NULLs (was 1.4 s, 762 MB)',
    run: (lib) => outcome(lib.readCertificates(certificateOfNulls(3_900_000))),
    expect: 'LIMIT_EXCEEDED',
  },
  {
    id: 'rt-p7b-3.9m-choices',
    kind: 6,
    title: 'F2: a .p7b of 3,900,000 empty [1] choices (was 0.9 s, 580 MB, "only a private key")',
    run: (lib) => outcome(lib.readCertificates(p7bOfEmptyChoices(3_900_000))),
    expect: 'LIMIT_EXCEEDED',
  },
  {
    id: 'rt-critical-ian-14m',
    kind: 6,
    title:
      'F3: a 28 MB leaf with a critical issuerAltName of 14,000,000 empty dNSNames, with its root (was PASS, 5.8 s, 2.4 GB)',
    run: (lib) =>
      chainOutcome(
        lib.validateSupCertificate(leafWithCriticalList('ian', 14_000_000), {
          ...NAMES,
          at: AT,
          trustAnchors: [pem('CERTIFICATE', ROOT_CA)],
        }),
      ),
    expect: 'INVALID_EXTENSION',
  },
  {
    id: 'rt-critical-fcrl-14m',
    kind: 6,
    title:
      'F3: a 28 MB leaf with a critical freshestCRL of 14,000,000 empty entries, with its root (was PASS, 5.7 s, 1.7 GB)',
    run: (lib) =>
      chainOutcome(
        lib.validateSupCertificate(leafWithCriticalList('fcrl', 14_000_000), {
          ...NAMES,
          at: AT,
          trustAnchors: [pem('CERTIFICATE', ROOT_CA)],
        }),
      ),
    expect: 'INVALID_EXTENSION',
  },
  {
    id: 'rt-inf-eku-spread-200k',
    kind: 6,
    title:
      'F4: certreq INF "2.5.29.37 = {text}" listing 200,000 OIDs (was a RangeError: push(...))',
    run: (lib) => outcome(lib.validateSupRequest(infOf('eku-text', 200_000), NAMES)),
    expect: 'LIMIT_EXCEEDED',
  },
  {
    id: 'rt-inf-eku-text-1mib',
    kind: 6,
    title: 'F4: certreq INF "2.5.29.37 = {text}" listing 58,000 OIDs (just under the 1 MiB bound)',
    run: (lib) => outcome(lib.validateSupRequest(infOf('eku-text', 58_000), NAMES)),
    expect: 'ok',
  },
  {
    id: 'rt-inf-eku-lines-1.3m',
    kind: 6,
    title: 'F4: certreq INF with 1,300,000 "OID=" lines (was 3–5 s, 0.5 GB)',
    run: (lib) => outcome(lib.validateSupRequest(infOf('eku-lines', 1_300_000), NAMES)),
    expect: 'LIMIT_EXCEEDED',
  },
  {
    id: 'rt-inf-ext-notes-1.3m',
    kind: 6,
    title: 'F4: certreq INF with 1,300,000 unknown [Extensions] lines',
    run: (lib) => outcome(lib.validateSupRequest(infOf('ext-notes', 1_300_000), NAMES)),
    expect: 'LIMIT_EXCEEDED',
  },
  {
    id: 'rt-inf-continue-1.3m',
    kind: 6,
    title: 'F4: certreq INF with 1,300,000 _continue_ lines',
    run: (lib) => outcome(lib.validateSupRequest(infOf('continue', 1_300_000), NAMES)),
    expect: 'LIMIT_EXCEEDED',
  },
  {
    id: 'rt-inf-continue-1mib',
    kind: 6,
    title: 'F4: certreq INF with 9,000 _continue_ lines (under limits.maxAltNames)',
    run: (lib) => outcome(lib.validateSupRequest(infOf('continue', 9_000), NAMES)),
    expect: 'ok',
  },
  {
    id: 'rt-inf-subject-2m-rdns',
    kind: 6,
    title: 'F4: certreq INF whose Subject has 2,000,000 RDNs',
    run: (lib) => outcome(lib.validateSupRequest(infOf('subject-rdns', 2_000_000), NAMES)),
    expect: 'LIMIT_EXCEEDED',
  },
  {
    id: 'rt-inf-subject-200k-rdns',
    kind: 6,
    title: 'F4: certreq INF whose Subject has 200,000 RDNs (just under the 1 MiB bound)',
    run: (lib) => outcome(lib.validateSupRequest(infOf('subject-rdns', 200_000), NAMES)),
    expect: 'ok',
  },
  {
    id: 'rt-generalized-time-300k',
    kind: 6,
    title:
      'F5: a certificate whose notBefore is a 300 KB GeneralizedTime (was a RangeError: fromCharCode(...))',
    run: (lib) => outcome(lib.readCertificates(certificateWithLongTime(300_000))),
    expect: 'MALFORMED',
  },
  {
    id: 'rt-bmp-cn-30mb',
    kind: 6,
    title: 'F8: a certificate whose subject CN is a 30 MB BMPString (was 10.8 s, 1.3 GB)',
    run: (lib) => outcome(lib.readCertificates(certificateWithWideCn('bmp', 30_000_000))),
    expect: 'ok',
  },
  {
    id: 'rt-universal-cn-30mb',
    kind: 6,
    title: 'F8: a certificate whose subject CN is a 30 MB UniversalString (was 2.9 s)',
    run: (lib) => outcome(lib.readCertificates(certificateWithWideCn('universal', 30_000_000))),
    expect: 'ok',
  },
  {
    id: 'rt-pss-csr',
    kind: 11,
    title: 'a valid RSA-PSS CSR (openssl req -verify: OK) was reported altered (SUP-REQ-001)',
    run: (lib) => requestSignature(lib.validateSupRequest(pssCsr(), { skipNames: true })),
    expect: 'signature verifies',
  },
  {
    id: 'rt-match-hostname-object',
    kind: 11,
    title: 'matchHostname({}, "a.b") (was a TypeError)',
    run: async (lib) => {
      try {
        lib.matchHostname({}, 'a.b');
        return 'ok';
      } catch (error) {
        return code(error);
      }
    },
    expect: 'INVALID_OPTION',
  },
];
