#!/usr/bin/env node
// Re-encodes two DER PKCS#12 files of ../generated into BER the way NSS (Firefox, Thunderbird)
// and Java write it: indefinite lengths everywhere, OCTET STRINGs split into constructed chunks,
// the encrypted content as a constructed [0]. The plaintext SafeContents inside the
// AuthenticatedSafe is re-encoded too, so the MAC is recomputed (RFC 7292 with the PKCS#12 KDF,
// written plainly here). OpenSSL must read the result: that is the independent check.
// Run: node certs-fixtures/generated-ber/make.mjs   (needs the openssl CLI)
import { createHash, createHmac } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const CHUNK = 512;
const PASSWORD = 'Passw0rd!';

// --- minimal DER reader -------------------------------------------------------------------
function node(buf, pos) {
  const tag = buf[pos];
  let len = buf[pos + 1];
  let hdr = 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[pos + 2 + i];
    hdr += n;
  }
  return { tag, start: pos, body: pos + hdr, end: pos + hdr + len, buf };
}
function kids(n) {
  const out = [];
  for (let p = n.body; p < n.end; ) { const k = node(n.buf, p); out.push(k); p = k.end; }
  return out;
}
const content = (n) => n.buf.subarray(n.body, n.end);
const whole = (n) => n.buf.subarray(n.start, n.end);

// --- BER writers ----------------------------------------------------------------------------
const indefinite = (tag, parts) => Buffer.concat([Buffer.from([tag, 0x80]), ...parts, Buffer.from([0, 0])]);
function definite(tag, body) {
  const l = body.length;
  const len = l < 128 ? [l] : l < 256 ? [0x81, l] : l < 65536 ? [0x82, l >> 8, l & 255] : [0x83, l >> 16, (l >> 8) & 255, l & 255];
  return Buffer.concat([Buffer.from([tag, ...len]), body]);
}
function chunked(tag, bytes) {
  const parts = [];
  for (let i = 0; i < bytes.length; i += CHUNK) parts.push(definite(0x04, bytes.subarray(i, i + CHUNK)));
  return indefinite(tag, parts);
}
/** Every constructed element indefinite; OCTET STRINGs (and the implicit [0] of EncryptedContentInfo) chunked. */
function recode(n) {
  if (n.tag & 0x20) return indefinite(n.tag, kids(n).map(recode));
  if (n.tag === 0x04) return chunked(0x24, content(n));
  if (n.tag === 0x80) return chunked(0xa0, content(n));
  return Buffer.from(whole(n));
}

// --- PKCS#12 KDF and MAC (RFC 7292 B.2), plain and slow --------------------------------------
function kdf(password, salt, id, iterations, length, hash = 'sha1') {
  const v = 64, u = createHash(hash).digest().length;
  const pw = Buffer.concat([Buffer.from(password, 'utf16le').swap16(), Buffer.alloc(2)]);
  const fill = (b) => (b.length ? Buffer.concat(Array(Math.ceil(v * Math.ceil(b.length / v) / b.length) + 1).fill(b)).subarray(0, v * Math.ceil(b.length / v)) : Buffer.alloc(0));
  const I = Buffer.concat([fill(salt), fill(pw)]);
  let a = Buffer.concat([Buffer.alloc(v, id), I]);
  for (let i = 0; i < iterations; i++) a = createHash(hash).update(a).digest();
  if (length > u) throw new Error('only MAC keys are derived here');
  return a.subarray(0, length);
}

function toBer(src) {
  const der = readFileSync(`${here}../generated/${src}`);
  const [version, authSafe, macData] = kids(node(der, 0));
  const [dataOid, wrapper] = kids(authSafe);
  const [octet] = kids(wrapper);
  const infos = kids(node(content(octet), 0));
  const newInfos = infos.map((ci) => {
    const [oid, ciContent] = kids(ci);
    if (whole(oid).toString('hex') !== '06092a864886f70d010701') return recode(ci); // encryptedData
    const safeContents = node(content(kids(ciContent)[0]), 0);
    return indefinite(0x30, [Buffer.from(whole(oid)), indefinite(0xa0, [chunked(0x24, recode(safeContents))])]);
  });
  const authenticatedSafe = indefinite(0x30, newInfos);
  // New MAC over the new AuthenticatedSafe encoding, same salt and iteration count.
  const [digestInfo, salt, iterNode] = kids(macData);
  const [algId] = kids(digestInfo);
  const iterations = parseInt(content(iterNode).toString('hex'), 16);
  const key = kdf(PASSWORD, content(salt), 3, iterations, 20);
  const mac = createHmac('sha1', key).update(authenticatedSafe).digest();
  const newMac = indefinite(0x30, [indefinite(0x30, [Buffer.from(whole(algId)), definite(0x04, mac)]), Buffer.from(whole(salt)), Buffer.from(whole(iterNode))]);
  return indefinite(0x30, [Buffer.from(whole(version)), indefinite(0x30, [Buffer.from(whole(dataOid)), indefinite(0xa0, [chunked(0x24, authenticatedSafe)])]), newMac]);
}

// --- DER writer ---------------------------------------------------------------------------
const seq = (...parts) => definite(0x30, Buffer.concat(parts));
const setOf = (...parts) => definite(0x31, Buffer.concat(parts));
const explicit0 = (x) => definite(0xa0, x);
const octet = (b) => definite(0x04, b);
const oid = (hex) => definite(0x06, Buffer.from(hex, 'hex'));
const int = (n) => definite(0x02, Buffer.from(n < 128 ? [n] : [n >> 8, n & 255])); // 0 ≤ n < 32768
const OID = {
  data: '2a864886f70d010701', certBag: '2a864886f70d010c0a0103', shroudedKeyBag: '2a864886f70d010c0a0102',
  x509Certificate: '2a864886f70d01091601', friendlyName: '2a864886f70d010914', sha256: '608648016503040201',
};
const bmp = (text) => definite(0x1e, Buffer.from(text, 'utf16le').swap16());

/** A PFX with the leaf certificate in a plain bag and the given EncryptedPrivateKeyInfo, SHA-256 MAC. */
function assemble(leafDer, epki) {
  const name = setOf(seq(oid(OID.friendlyName), setOf(bmp('sup01'))));
  const certBag = seq(oid(OID.certBag), explicit0(seq(oid(OID.x509Certificate), explicit0(octet(leafDer)))), name);
  const keyBag = seq(oid(OID.shroudedKeyBag), explicit0(epki), name);
  const dataInfo = (safeContents) => seq(oid(OID.data), explicit0(octet(safeContents)));
  const authSafe = seq(dataInfo(seq(certBag)), dataInfo(seq(keyBag)));
  const salt = Buffer.from('a1b2c3d4e5f60718', 'hex');
  const mac = createHmac('sha256', kdf(PASSWORD, salt, 3, 2048, 32, 'sha256')).update(authSafe).digest();
  return seq(int(3), dataInfo(authSafe), seq(seq(seq(oid(OID.sha256), Buffer.from([5, 0])), octet(mac)), octet(salt), int(2048)));
}

const gen = (f) => `${here}../generated/${f}`;
const openssl = (args, input) => execFileSync('openssl', args, { input, encoding: input === undefined ? 'utf8' : undefined });
const sha256 = (b) => createHash('sha256').update(b).digest('hex');
const manifest = [];

for (const [src, out] of [['legacy.pfx', 'nss-style-ber.pfx'], ['ec-legacy.pfx', 'nss-style-ber-ec.pfx']]) {
  const ber = toBer(src);
  writeFileSync(`${here}${out}`, ber);
  // Independent check: OpenSSL reads the BER file with the password (and the MAC verifies).
  const certs = openssl(['pkcs12', '-in', `${here}${out}`, '-passin', `pass:${PASSWORD}`, '-nokeys', '-legacy']);
  const leafDer = execFileSync('openssl', ['x509', '-outform', 'DER'], { input: certs });
  manifest.push({ file: out, kind: 'ber', source: `../generated/${src}`, password: PASSWORD, certCount: 1, keyCount: 1, leafSha256: sha256(leafDer), indefiniteLengths: ber[1] === 0x80 });
}

const leafDer = readFileSync(gen('leaf-rsa.der'));
const PBES2_VARIANTS = [
  ['aes-128-cbc', 'hmacWithSHA1'], ['aes-192-cbc', 'hmacWithSHA224'], ['aes-256-cbc', 'hmacWithSHA384'],
  ['aes-256-cbc', 'hmacWithSHA512'], ['des3', 'hmacWithSHA256'], ['des', 'hmacWithSHA256'], ['rc2-cbc', 'hmacWithSHA256'],
];
for (const [cipher, prf] of PBES2_VARIANTS) {
  const legacy = cipher === 'des' || cipher === 'rc2-cbc' ? ['-provider', 'legacy', '-provider', 'default'] : [];
  const epki = execFileSync('openssl', ['pkcs8', '-topk8', '-in', gen('leaf-rsa.key'), '-v2', cipher, '-v2prf', prf, '-passout', `pass:${PASSWORD}`, '-outform', 'DER', ...legacy]);
  const file = `pbes2-${cipher.replace('-cbc', '')}-${prf.replace('hmacWith', '').toLowerCase()}.pfx`;
  writeFileSync(`${here}${file}`, assemble(leafDer, epki));
  // Independent check: OpenSSL verifies the MAC and decrypts the key to the same RSA key.
  const dump = openssl(['pkcs12', '-in', `${here}${file}`, '-passin', `pass:${PASSWORD}`, '-nodes', ...legacy]);
  const modulus = (pem) => execFileSync('openssl', ['rsa', '-noout', '-modulus'], { input: pem, encoding: 'utf8' });
  if (modulus(dump) !== modulus(readFileSync(gen('leaf-rsa.key')))) throw new Error(`${file}: OpenSSL does not get the key back`);
  manifest.push({ file, kind: 'pbes2', cipher, prf, password: PASSWORD, certCount: 1, keyCount: 1, leafSha256: sha256(leafDer) });
}
// NSS writes 600,000 iterations: the file the event-loop stall test reads (PKCS#12 KDF for MAC and both bags).
{
  const file = 'iter600k-3des.pfx';
  execFileSync('openssl', ['pkcs12', '-export', '-in', gen('leaf-rsa.pem'), '-inkey', gen('leaf-rsa.key'), '-name', 'sup01',
    '-keypbe', 'PBE-SHA1-3DES', '-certpbe', 'PBE-SHA1-3DES', '-macalg', 'sha1', '-iter', '600000', '-passout', `pass:${PASSWORD}`, '-out', `${here}${file}`]);
  openssl(['pkcs12', '-in', `${here}${file}`, '-passin', `pass:${PASSWORD}`, '-info', '-noout']); // OpenSSL reads it back (throws otherwise)
  manifest.push({ file, kind: 'iterations', iterations: 600000, password: PASSWORD, certCount: 1, keyCount: 1, leafSha256: sha256(leafDer) });
}
writeFileSync(`${here}manifest.json`, `${JSON.stringify(manifest, null, 1)}\n`);
console.log(`wrote ${manifest.map((m) => m.file).join(', ')}; OpenSSL reads all of them`);
