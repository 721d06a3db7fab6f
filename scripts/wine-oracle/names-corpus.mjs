#!/usr/bin/env node
// Development tool (not CI): a differential run of supcert's name and chain model against
// CryptoAPI, over a generated corpus of leaf certificates and reference names.
//
//   npm run build && node scripts/wine-oracle/names-corpus.mjs ORACLE.exe [OUT.json]
//   node scripts/wine-oracle/names-corpus.mjs --corpus-only DIR   (writes the corpus, no Wine)
//
// ORACLE.exe is the wine-oracle (a MinGW-w64 build of a small CertGetCertificateChain +
// CertVerifyCertificateChainPolicy(CERT_CHAIN_POLICY_SSL) client, run under Wine's crypt32; see
// scripts/wine-oracle/differential.mjs for the set-up). On Windows the same program answers for
// Windows itself.
//
// The corpus is fixed: every case below is written out, and the "random" part draws from a
// PRNG with a fixed seed, so two runs ask the same questions (the keys are made afresh each run;
// no verdict depends on them). It covers:
//   - names: CN versus SAN precedence (a SAN with dNSName entries, with only iPAddress, only
//     rfc822Name, URI, otherName or directoryName entries, an empty SAN), wildcards in every
//     position, IDN (U-label and A-label on either side), trailing dots on either side, case,
//     NUL and other bytes, CN as PrintableString / UTF8String / BMPString / T61String / IA5String
//     / UniversalString, several CNs (separate RDNs and one multi-valued RDN), domainComponent
//     subjects, IP references against iPAddress SAN entries and CNs, NetBIOS names, empty names;
//   - chains: the leaf's issuer name encoded differently from the root's subject (string type,
//     case, white space), with and without an authorityKeyIdentifier.
// Both sides answer the question WinHTTP asks: the chain built for Server Authentication, then
// the SSL policy with the host name. supcert's answer is
// sslPolicyErrors(verifyChain(leaf, { requiredEku: serverAuth }), matchHostname(leaf, host))[0].
//
// Wine's crypt32 is a reimplementation: a disagreement is a lead to settle from Windows-verified
// evidence (certs-fixtures/wine-crypt32, Microsoft's documentation), never a verdict by itself.
// The reviewed list is docs/wine-differences.md ("Names and chain names: the generated corpus").
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runOracle, win } from './run-oracle.mjs';

const args = process.argv.slice(2);
const corpusOnly = args[0] === '--corpus-only';
if (!args[0] || (corpusOnly && !args[1])) {
  console.error(
    'usage: node scripts/wine-oracle/names-corpus.mjs ORACLE.exe [OUT.json]\n' +
      '       node scripts/wine-oracle/names-corpus.mjs --corpus-only DIR',
  );
  process.exit(2);
}
const oracle = corpusOnly ? null : args[0];
const outFile = corpusOnly ? null : (args[1] ?? 'names-corpus.json');
const work = corpusOnly ? path.resolve(args[1]) : mkdtempSync(path.join(tmpdir(), 'names-corpus-'));
mkdirSync(work, { recursive: true });
const AT = '2025-06-01T00:00:00Z';

// ---------------------------------------------------------------- DER
const len = (n) => {
  if (n < 0x80) return Buffer.from([n]);
  const b = [];
  for (let x = n; x > 0; x = Math.floor(x / 256)) b.unshift(x & 0xff);
  return Buffer.from([0x80 | b.length, ...b]);
};
const tlv = (tag, ...parts) => {
  const body = Buffer.concat(parts);
  return Buffer.concat([Buffer.from([tag]), len(body.length), body]);
};
const seq = (...p) => tlv(0x30, ...p);
const set = (...p) => tlv(0x31, ...p);
const oid = (hex) => tlv(0x06, Buffer.from(hex.replace(/ /g, ''), 'hex'));
const int = (n) => tlv(0x02, Buffer.from([0, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff]));
const utc = (s) => tlv(0x17, Buffer.from(s, 'latin1'));
const bool = (b) => tlv(0x01, Buffer.from([b ? 0xff : 0]));
const octet = (b) => tlv(0x04, b);
const bits = (b) => tlv(0x03, Buffer.from([0]), b);

const OID = {
  cn: '55 04 03',
  o: '55 04 0a',
  c: '55 04 06',
  dc: '09 92 26 89 93 f2 2c 64 01 19',
  email: '2a 86 48 86 f7 0d 01 09 01',
  san: '55 1d 11',
  eku: '55 1d 25',
  bc: '55 1d 13',
  ku: '55 1d 0f',
  ski: '55 1d 0e',
  aki: '55 1d 23',
  sha256Rsa: '2a 86 48 86 f7 0d 01 01 0b',
  serverAuth: '2b 06 01 05 05 07 03 01',
  upn: '2b 06 01 04 01 82 37 14 02 03',
};
const STR = {
  utf8: 0x0c,
  printable: 0x13,
  t61: 0x14,
  ia5: 0x16,
  visible: 0x1a,
  universal: 0x1c,
  bmp: 0x1e,
};
/** The bytes of `s` in string type `type` (latin1 for the 8-bit types, so "\xff" is one byte). */
function strBytes(type, s) {
  if (Buffer.isBuffer(s)) return s;
  if (type === 'utf8') return Buffer.from(s, 'utf8');
  if (type === 'bmp') return Buffer.from(s, 'utf16le').swap16();
  if (type === 'universal') {
    const cps = [...s].map((c) => c.codePointAt(0));
    const b = Buffer.alloc(cps.length * 4);
    cps.forEach((cp, i) => b.writeUInt32BE(cp, i * 4));
    return b;
  }
  return Buffer.from(s, 'latin1');
}
/** A Name from RDNs: each RDN a list of [attr, type, value]. SET OF sorted as DER wants. */
function name(rdns) {
  return seq(
    ...rdns.map((rdn) => {
      const atvs = rdn.map(([attr, type, value]) =>
        seq(oid(OID[attr]), tlv(STR[type], strBytes(type, value))),
      );
      return set(...atvs.sort(Buffer.compare));
    }),
  );
}
const cnName = (value, type = 'utf8') => name([[['cn', type, value]]]);

/** A GeneralName: { dns }, { ip }, { email }, { uri }, { upn }, { dir: Name }. */
function generalName(g) {
  if ('dns' in g) return tlv(0x82, strBytes('ia5', g.dns));
  if ('ip' in g) return tlv(0x87, ipBytes(g.ip));
  if ('email' in g) return tlv(0x81, Buffer.from(g.email, 'latin1'));
  if ('uri' in g) return tlv(0x86, Buffer.from(g.uri, 'latin1'));
  if ('upn' in g) return tlv(0xa0, oid(OID.upn), tlv(0xa0, tlv(0x0c, Buffer.from(g.upn, 'utf8'))));
  if ('dir' in g) return tlv(0xa4, g.dir);
  throw new Error(`bad GeneralName ${JSON.stringify(g)}`);
}
function ipBytes(text) {
  if (text.includes(':')) {
    const [head, tail = ''] = text.split('::');
    const h = head ? head.split(':') : [];
    const t = tail ? tail.split(':') : [];
    const groups = [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
    return Buffer.from(groups.flatMap((g) => [parseInt(g, 16) >> 8, parseInt(g, 16) & 0xff]));
  }
  return Buffer.from(text.split('.').map(Number));
}
const ext = (o, critical, value) =>
  seq(oid(OID[o]), ...(critical ? [bool(true)] : []), octet(value));

// ---------------------------------------------------------------- keys and certificates
const rsa = () => generateKeyPairSync('rsa', { modulusLength: 2048 });
const rootKey = rsa();
const leafKey = rsa();
const spki = (k) => k.publicKey.export({ type: 'spki', format: 'der' });
const keyId = (k) => createHash('sha1').update(spki(k)).digest();
const ALG = seq(oid(OID.sha256Rsa), tlv(0x05));

function certificate({ serial, issuer, subject, key, signer, exts }) {
  const tbs = seq(
    tlv(0xa0, int(2)),
    int(serial),
    ALG,
    issuer,
    seq(utc('240101000000Z'), utc('341231000000Z')),
    subject,
    spki(key),
    ...(exts.length ? [tlv(0xa3, seq(...exts))] : []),
  );
  const sig = sign('sha256', tbs, signer.privateKey);
  return seq(tbs, ALG, bits(sig));
}
const pem = (der) =>
  `-----BEGIN CERTIFICATE-----\n${der.toString('base64').replace(/.{64}/g, '$&\n').replace(/\n?$/, '\n')}-----END CERTIFICATE-----\n`;

const ROOT_SUBJECT = name([
  [['c', 'printable', 'US']],
  [['o', 'printable', 'Contoso']],
  [['cn', 'printable', 'Names Test Root']],
]);
const rootDer = certificate({
  serial: 1,
  issuer: ROOT_SUBJECT,
  subject: ROOT_SUBJECT,
  key: rootKey,
  signer: rootKey,
  exts: [
    ext('bc', true, seq(bool(true))),
    ext('ku', true, bits(Buffer.from([0x06]))),
    ext('ski', false, octet(keyId(rootKey))),
  ],
});

let serial = 100;
/**
 * A leaf under the root. `subject` a Name (default: no attributes), `san` a list of GeneralNames
 * (null: no SAN extension; [] an empty one), `issuer` the issuer Name as written in the leaf
 * (default the root's subject, byte for byte), `aki` whether it names the root's key.
 */
function leaf({ subject = seq(), san = null, issuer = ROOT_SUBJECT, aki = false, sanRaw = null }) {
  const exts = [];
  if (sanRaw) exts.push(ext('san', false, sanRaw));
  else if (san) exts.push(ext('san', false, seq(...san.map(generalName))));
  exts.push(ext('eku', false, seq(oid(OID.serverAuth))));
  if (aki) exts.push(ext('aki', false, seq(tlv(0x80, keyId(rootKey)))));
  return certificate({ serial: serial++, issuer, subject, key: leafKey, signer: rootKey, exts });
}

// ---------------------------------------------------------------- the corpus
/** cases: { id, group, der, hosts[] } */
const cases = [];
const add = (group, id, spec, hosts) => cases.push({ group, id, der: leaf(spec), hosts });
const H = 'sup01.corp.contoso.com';
const HOSTS = [H, 'SUP01.Corp.Contoso.Com', `${H}.`, 'other.corp.contoso.com'];

// CN versus SAN precedence
add('precedence', 'cn only', { subject: cnName(H) }, HOSTS);
add('precedence', 'cn + san dns (same)', { subject: cnName(H), san: [{ dns: H }] }, HOSTS);
add(
  'precedence',
  'cn + san dns (other)',
  { subject: cnName(H), san: [{ dns: 'other.corp.contoso.com' }] },
  HOSTS,
);
add('precedence', 'cn + san ip only', { subject: cnName(H), san: [{ ip: '10.0.0.5' }] }, [
  H,
  '10.0.0.5',
]);
add('precedence', 'cn + san email only', { subject: cnName(H), san: [{ email: `admin@${H}` }] }, [
  H,
]);
add('precedence', 'cn + san uri only', { subject: cnName(H), san: [{ uri: `https://${H}/` }] }, [
  H,
]);
add('precedence', 'cn + san upn only', { subject: cnName(H), san: [{ upn: `sup01$@${H}` }] }, [H]);
add('precedence', 'cn + san dirName only', { subject: cnName(H), san: [{ dir: cnName(H) }] }, [H]);
add('precedence', 'cn + empty san', { subject: cnName(H), sanRaw: seq() }, [H]);
add(
  'precedence',
  'cn + san ip + dns',
  { subject: cnName(H), san: [{ ip: '10.0.0.5' }, { dns: 'other.corp.contoso.com' }] },
  [H, 'other.corp.contoso.com', '10.0.0.5'],
);
add('precedence', 'no subject, san dns', { san: [{ dns: H }] }, [H]);
add('precedence', 'o only, no san', { subject: name([[['o', 'utf8', H]]]) }, [H]);
add('precedence', 'email attr only', { subject: name([[['email', 'ia5', H]]]) }, [H]);
add(
  'precedence',
  'cn second of two RDNs',
  { subject: name([[['o', 'utf8', 'Contoso']], [['cn', 'utf8', H]]]) },
  [H],
);
add(
  'precedence',
  'cn first of two RDNs',
  { subject: name([[['cn', 'utf8', H]], [['o', 'utf8', 'Contoso']]]) },
  [H],
);

// several CNs
const two = ['a.contoso.com', 'b.contoso.com'];
add(
  'several-cn',
  'two CN RDNs',
  { subject: name([[['cn', 'utf8', two[0]]], [['cn', 'utf8', two[1]]]]) },
  two,
);
add(
  'several-cn',
  'one multi-valued RDN',
  {
    subject: name([
      [
        ['cn', 'utf8', two[0]],
        ['cn', 'utf8', two[1]],
      ],
    ]),
  },
  two,
);
add(
  'several-cn',
  'two CN RDNs, first printable',
  { subject: name([[['cn', 'printable', two[0]]], [['cn', 'bmp', two[1]]]]) },
  two,
);
add(
  'several-cn',
  'two CNs, wildcard second',
  { subject: name([[['cn', 'utf8', 'x.contoso.com']], [['cn', 'utf8', '*.corp.contoso.com']]]) },
  [H, 'x.contoso.com'],
);
add(
  'several-cn',
  'empty CN then name',
  { subject: name([[['cn', 'utf8', '']], [['cn', 'utf8', H]]]) },
  [H],
);

// domainComponent subjects (Wine compares the host's labels to DC attributes)
add(
  'dc',
  'dc only',
  {
    subject: name([
      [['dc', 'ia5', 'com']],
      [['dc', 'ia5', 'contoso']],
      [['dc', 'ia5', 'corp']],
      [['dc', 'ia5', 'sup01']],
    ]),
  },
  [H, 'contoso.com', 'corp.sup01'],
);
add(
  'dc',
  'dc + cn',
  { subject: name([[['dc', 'ia5', 'com']], [['dc', 'ia5', 'contoso']], [['cn', 'utf8', H]]]) },
  [H, 'contoso.com'],
);

// wildcards, in SAN and in CN (no SAN)
const WILD = [
  '*.corp.contoso.com',
  '*.contoso.com',
  '*.com',
  '*.corp',
  '*',
  '*.',
  'sup*.corp.contoso.com',
  '*01.corp.contoso.com',
  's*1.corp.contoso.com',
  'sup01.*.contoso.com',
  '*.*.contoso.com',
  '**.corp.contoso.com',
  '*corp.contoso.com',
  'sup01.corp.contoso.*',
  '*.corp.contoso.com.',
  'xn--*.corp.contoso.com',
  '*.CORP.contoso.com',
  '.corp.contoso.com',
  '*sup01.corp.contoso.com',
];
const WILD_HOSTS = [
  H,
  'corp.contoso.com',
  'a.sup01.corp.contoso.com',
  'sup.corp.contoso.com',
  'sup01.corp',
  'xn--bcher-kva.corp.contoso.com',
  'x.com',
];
for (const w of WILD) {
  add(
    'wildcard-san',
    `san ${w}`,
    { subject: cnName('unrelated.example'), san: [{ dns: w }] },
    WILD_HOSTS,
  );
  add('wildcard-cn', `cn ${w}`, { subject: cnName(w) }, WILD_HOSTS);
}
add('wildcard-san', 'host is "*.corp.contoso.com"', { san: [{ dns: '*.corp.contoso.com' }] }, [
  '*.corp.contoso.com',
]);

// IDN
const U = 'bücher.contoso.com';
const A = 'xn--bcher-kva.contoso.com';
const IDN_HOSTS = [U, A, 'XN--BCHER-KVA.contoso.com', 'BÜCHER.contoso.com'];
add('idn', 'san A-label', { san: [{ dns: A }] }, IDN_HOSTS);
add('idn', 'san A-label upper', { san: [{ dns: 'XN--BCHER-KVA.CONTOSO.COM' }] }, IDN_HOSTS);
add('idn', 'san U-label (UTF-8 bytes)', { san: [{ dns: Buffer.from(U, 'utf8') }] }, IDN_HOSTS);
add('idn', 'san U-label (latin1 bytes)', { san: [{ dns: Buffer.from(U, 'latin1') }] }, IDN_HOSTS);
add('idn', 'cn A-label', { subject: cnName(A) }, IDN_HOSTS);
add('idn', 'cn U-label utf8', { subject: cnName(U) }, IDN_HOSTS);
add('idn', 'cn U-label bmp', { subject: cnName(U, 'bmp') }, IDN_HOSTS);
add('idn', 'san wildcard over A-label', { san: [{ dns: '*.xn--bcher-kva.contoso.com' }] }, [
  'a.bücher.contoso.com',
  'a.xn--bcher-kva.contoso.com',
]);
add('idn', 'san A-label wildcard host', { san: [{ dns: 'xn--bcher-kva.contoso.com' }] }, [
  'xn--bcher-kva.contoso.com',
]);

// trailing dots, case
add('dots', 'san with trailing dot', { san: [{ dns: `${H}.` }] }, [H, `${H}.`, `${H}..`]);
add('dots', 'san without', { san: [{ dns: H }] }, [H, `${H}.`, `${H}..`, `.${H}`]);
add('dots', 'cn with trailing dot', { subject: cnName(`${H}.`) }, [H, `${H}.`]);
add('dots', 'cn without', { subject: cnName(H) }, [H, `${H}.`, `${H}..`]);
add('dots', 'san double dot inside', { san: [{ dns: 'sup01..corp.contoso.com' }] }, [
  'sup01..corp.contoso.com',
  H,
]);
add('case', 'san upper', { san: [{ dns: H.toUpperCase() }] }, [H, H.toUpperCase()]);
add('case', 'cn upper printable', { subject: cnName(H.toUpperCase(), 'printable') }, [H]);
add('case', 'san non-ASCII upper', { san: [{ dns: Buffer.from('BÜCHER.contoso.com', 'utf8') }] }, [
  'bücher.contoso.com',
  'BÜCHER.contoso.com',
]);
add('case', 'cn Turkish dotted I', { subject: cnName('İnfo.contoso.com') }, [
  'info.contoso.com',
  'i̇nfo.contoso.com',
  'İnfo.contoso.com',
]);
add('case', 'cn Kelvin sign', { subject: cnName('\u212aey.contoso.com') }, [
  'key.contoso.com',
  'kEY.contoso.com',
]);

// NUL and other bytes
add('bytes', 'cn NUL inside', { subject: cnName(`${H}\0.evil.com`) }, [H, `${H}.evil.com`]);
add('bytes', 'cn NUL at end', { subject: cnName(`${H}\0`) }, [H]);
add('bytes', 'san NUL inside', { san: [{ dns: `${H}\0.evil.com` }] }, [H]);
add('bytes', 'cn trailing space', { subject: cnName(`${H} `) }, [H]);
add('bytes', 'cn leading space', { subject: cnName(` ${H}`) }, [H]);
add('bytes', 'san trailing space', { san: [{ dns: `${H} ` }] }, [H]);
add('bytes', 'cn with tab', { subject: cnName(`sup01\t.corp.contoso.com`) }, [H]);
add('bytes', 'cn with slash', { subject: cnName(`${H}/`) }, [H]);
add('bytes', 'cn with underscore', { subject: cnName('sup_01.corp.contoso.com') }, [
  'sup_01.corp.contoso.com',
]);
add('bytes', 'san with underscore', { san: [{ dns: 'sup_01.corp.contoso.com' }] }, [
  'sup_01.corp.contoso.com',
]);
add('bytes', 'cn with DEL', { subject: cnName(`sup01\x7f.corp.contoso.com`) }, [H]);
add(
  'bytes',
  'san latin1 byte',
  { san: [{ dns: Buffer.from('sup\xe9.corp.contoso.com', 'latin1') }] },
  ['supé.corp.contoso.com', 'xn--sup-9la.corp.contoso.com'],
);
add('bytes', 'cn with ampersand', { subject: cnName(`${H}&sup01.contoso.com`) }, [H]);
add('bytes', 'cn with port', { subject: cnName(`${H}:8531`) }, [H, `${H}:8531`]);
add('bytes', 'san with dns= prefix', { san: [{ dns: `dns=${H}` }] }, [H]);
add('bytes', 'cn with comma list', { subject: cnName(`${H}, sup01.contoso.com`) }, [H]);

// string types of the CN
for (const type of ['printable', 'utf8', 'bmp', 't61', 'ia5', 'visible', 'universal']) {
  add('cn-type', `cn ${type}`, { subject: cnName(H, type) }, [H, H.toUpperCase()]);
  add('cn-type', `cn ${type} wildcard`, { subject: cnName('*.corp.contoso.com', type) }, [H]);
}
add(
  'cn-type',
  'cn t61 high byte',
  { subject: cnName(Buffer.from('sup\xe9.corp.contoso.com', 'latin1'), 't61') },
  ['supé.corp.contoso.com'],
);
add(
  'cn-type',
  'cn bmp odd length',
  { subject: name([[['cn', 'bmp', Buffer.from('\0s\0u\0p', 'latin1')]]]) },
  ['sup'],
);
add(
  'cn-type',
  'cn utf8 invalid bytes',
  { subject: name([[['cn', 'utf8', Buffer.from([0x73, 0xff, 0x70])]]]) },
  ['s\ufffdp', 'sp'],
);

// IP address references
add('ip', 'san ip v4', { san: [{ ip: '10.0.0.5' }] }, [
  '10.0.0.5',
  '010.0.0.5',
  '10.0.0.6',
  '10.5',
]);
add('ip', 'san ip v6', { san: [{ ip: '2001:db8::1' }] }, [
  '2001:db8::1',
  '2001:DB8:0:0:0:0:0:1',
  '[2001:db8::1]',
]);
add('ip', 'san ip v4-mapped v6', { san: [{ ip: '::ffff:a00:5' }] }, [
  '10.0.0.5',
  '::ffff:10.0.0.5',
]);
add('ip', 'san dns holding an address', { san: [{ dns: '10.0.0.5' }] }, ['10.0.0.5']);
add('ip', 'cn holding an address, no san', { subject: cnName('10.0.0.5') }, [
  '10.0.0.5',
  '010.0.0.5',
]);
add('ip', 'cn address, san dns', { subject: cnName('10.0.0.5'), san: [{ dns: H }] }, [
  '10.0.0.5',
  H,
]);
add('ip', 'cn address, san ip other', { subject: cnName('10.0.0.5'), san: [{ ip: '10.0.0.6' }] }, [
  '10.0.0.5',
  '10.0.0.6',
]);
add('ip', 'cn v6 address', { subject: cnName('2001:db8::1') }, ['2001:db8::1', '2001:DB8::1']);
add('ip', 'san wildcard address', { san: [{ dns: '*.0.0.5' }] }, ['10.0.0.5']);
add('ip', 'cn wildcard address', { subject: cnName('10.0.0.*') }, ['10.0.0.5']);

// NetBIOS names
add('netbios', 'cn short', { subject: cnName('SUP01') }, ['SUP01', 'sup01', H]);
add('netbios', 'san short', { san: [{ dns: 'sup01' }] }, ['SUP01', 'sup01', H]);
add('netbios', 'san fqdn', { san: [{ dns: H }] }, ['sup01']);
add('netbios', 'san "*"', { san: [{ dns: '*' }] }, ['sup01']);
add('netbios', 'cn "*"', { subject: cnName('*') }, ['sup01']);

// empty names
add('empty', 'empty CN', { subject: cnName('') }, [H]);
add('empty', 'empty SAN dNSName', { san: [{ dns: '' }] }, [H]);
add('empty', 'empty SAN dNSName + CN', { subject: cnName(H), san: [{ dns: '' }] }, [H]);
add('empty', 'empty subject and no SAN', {}, [H]);
add('empty', 'CN "."', { subject: cnName('.') }, ['.', H]);
add('empty', 'SAN "."', { san: [{ dns: '.' }] }, ['.', H]);

// seeded random names: labels drawn from pieces that touch the rules above
let seed = 0x5eed2026;
const rand = (n) => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) % n;
};
const pick = (xs) => xs[rand(xs.length)];
const LABELS = [
  'sup01',
  'SUP01',
  'corp',
  'contoso',
  'com',
  '*',
  'a*',
  '*b',
  'xn--bcher-kva',
  'bücher',
  'x',
  'a-b',
  '',
  'sup_01',
  '10',
  '0',
];
const randomName = () => {
  const n = 1 + rand(4);
  let s = Array.from({ length: n }, () => pick(LABELS)).join('.');
  if (rand(8) === 0) s += '.';
  return s;
};
const hostFrom = (s) =>
  s.replace(/\*/g, () => pick(['a', 'sup01', ''])).replace(/\.$/, rand(2) ? '.' : '');
for (let i = 0; i < 120; i++) {
  const presented = randomName();
  const other = randomName();
  const form = rand(4);
  const type = pick(['utf8', 'printable', 'bmp', 'ia5']);
  const spec =
    form === 0
      ? { subject: cnName(presented, type) }
      : form === 1
        ? { subject: cnName(other, type), san: [{ dns: Buffer.from(presented, 'utf8') }] }
        : form === 2
          ? { subject: cnName(presented, type), san: [{ dns: Buffer.from(other, 'utf8') }] }
          : { san: [{ dns: Buffer.from(other, 'utf8') }, { dns: Buffer.from(presented, 'utf8') }] };
  const hosts = [
    ...new Set([hostFrom(presented), hostFrom(presented), hostFrom(other), randomName()]),
  ].filter((h) => h !== '' && !h.includes('\t'));
  add(
    'random',
    `#${i} ${['cn', 'san (cn other)', 'cn (san other)', 'san second'][form]} ${JSON.stringify(presented)} [${type}]`,
    spec,
    hosts,
  );
}

// chains: the leaf's issuer name against the root's subject, encoded differently
const ROOT_RDNS = (cnType, cnValue, oValue = 'Contoso', cType = 'printable', oType = 'printable') =>
  name([[['c', cType, 'US']], [['o', oType, oValue]], [['cn', cnType, cnValue]]]);
const ISSUERS = {
  'same bytes': ROOT_SUBJECT,
  'CN as UTF8String': ROOT_RDNS('utf8', 'Names Test Root'),
  'every value as UTF8String': ROOT_RDNS('utf8', 'Names Test Root', 'Contoso', 'utf8', 'utf8'),
  'CN as BMPString': ROOT_RDNS('bmp', 'Names Test Root'),
  'CN as T61String': ROOT_RDNS('t61', 'Names Test Root'),
  'CN lower case': ROOT_RDNS('printable', 'names test root'),
  'O upper case': ROOT_RDNS('printable', 'Names Test Root', 'CONTOSO'),
  'CN double space': ROOT_RDNS('printable', 'Names  Test Root'),
  'CN leading space': ROOT_RDNS('printable', ' Names Test Root'),
  'CN trailing space': ROOT_RDNS('printable', 'Names Test Root '),
  'CN lower case as UTF8String': ROOT_RDNS('utf8', 'names test root'),
  'RDNs in another order': name([
    [['cn', 'printable', 'Names Test Root']],
    [['o', 'printable', 'Contoso']],
    [['c', 'printable', 'US']],
  ]),
  'O and CN in one RDN': name([
    [['c', 'printable', 'US']],
    [
      ['o', 'printable', 'Contoso'],
      ['cn', 'printable', 'Names Test Root'],
    ],
  ]),
  'other name': ROOT_RDNS('printable', 'Other Root'),
};
for (const [label, issuer] of Object.entries(ISSUERS)) {
  for (const aki of [false, true]) {
    add(
      'chain-issuer',
      `issuer ${label}${aki ? ', AKI keyIdentifier' : ''}`,
      { san: [{ dns: H }], issuer, aki },
      [H],
    );
  }
}

// ---------------------------------------------------------------- files and jobs
const rootFile = path.join(work, 'root.pem');
writeFileSync(rootFile, pem(rootDer));
const jobs = [];
for (const [i, c] of cases.entries()) {
  const file = path.join(work, `leaf${i}.pem`);
  writeFileSync(file, pem(c.der));
  c.file = file;
  for (const host of c.hosts) jobs.push({ case: c, host });
}
const lines = jobs.map((j, i) =>
  [`j${i}`, j.host, AT, win(j.case.file), '-', win(rootFile)].join('\t'),
);
writeFileSync(path.join(work, 'jobs.tsv'), `${lines.join('\n')}\n`);
writeFileSync(
  path.join(work, 'cases.json'),
  `${JSON.stringify(
    cases.map((c) => ({ group: c.group, id: c.id, file: path.basename(c.file), hosts: c.hosts })),
    null,
    1,
  )}\n`,
);
console.error(`${cases.length} certificates, ${jobs.length} (certificate, name) jobs in ${work}`);
if (corpusOnly) process.exit(0);

// ---------------------------------------------------------------- the oracle
const answers = runOracle(oracle, lines, work);

// ---------------------------------------------------------------- supcert
const { explainHostMatch, readCertificates, sslPolicyErrors, verifyChain } =
  await import('../../dist/index.js');
const hex = (n) => `0x${(Number(n) >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;
const root = (await readCertificates(rootDer)).certificates[0];
const out = [];
const all = [];
let agree = 0;
for (const [i, j] of jobs.entries()) {
  const w = answers.get(`j${i}`);
  let supcert;
  let via;
  try {
    const cert = (await readCertificates(j.case.der)).certificates[0];
    const chain = await verifyChain(cert, {
      trustAnchors: [root],
      at: new Date(AT),
      requiredEku: '1.3.6.1.5.5.7.3.1',
    });
    const m = explainHostMatch(cert, j.host);
    via = m.matched ? `${m.via} ${JSON.stringify(m.presented)}` : 'no match';
    supcert =
      sslPolicyErrors(chain, m.matched)[0]?.code.toUpperCase().replace('0X', '0x') ?? '0x00000000';
  } catch (error) {
    supcert = `refused: ${error.code ?? error.message}`;
  }
  const wine = w?.error
    ? `oracle error: ${w.error}`
    : w
      ? hex(Number.parseInt(w.policy, 16))
      : 'no answer';
  all.push([j.case.group, j.case.id, j.host, wine, w?.chainError, supcert, via]);
  if (wine === supcert) {
    agree++;
    continue;
  }
  const ok = (v) => v === '0x00000000';
  out.push({
    // supcert-passes: supcert accepts what the oracle rejects (the direction a gate must avoid).
    direction: wine.startsWith('oracle')
      ? 'oracle-error'
      : ok(supcert)
        ? 'supcert-passes'
        : ok(wine)
          ? 'supcert-fails'
          : 'both-fail',
    group: j.case.group,
    case: j.case.id,
    host: j.host,
    wine,
    wineChainError: w?.chainError,
    wineNameOnly: w?.policyNameOnly,
    supcert,
    supcertMatch: via,
  });
}
writeFileSync(
  outFile,
  `${JSON.stringify({ certificates: cases.length, jobs: jobs.length, agree, disagreements: out, all }, null, 1)}\n`,
);
const by = {};
for (const d of out) by[d.direction] = (by[d.direction] ?? 0) + 1;
const counts = Object.entries(by).map(([k, v]) => `${k} ${v}`);
console.log(
  `${cases.length} certificates, ${jobs.length} jobs: ${agree} agree, ${out.length} disagree (${counts.join(', ')}) -> ${outFile}`,
);
