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
function kdf(password, salt, id, iterations, length) {
  const v = 64, u = 20;
  const pw = Buffer.concat([Buffer.from(password, 'utf16le').swap16(), Buffer.alloc(2)]);
  const fill = (b) => (b.length ? Buffer.concat(Array(Math.ceil(v * Math.ceil(b.length / v) / b.length) + 1).fill(b)).subarray(0, v * Math.ceil(b.length / v)) : Buffer.alloc(0));
  const I = Buffer.concat([fill(salt), fill(pw)]);
  let a = Buffer.concat([Buffer.alloc(v, id), I]);
  for (let i = 0; i < iterations; i++) a = createHash('sha1').update(a).digest();
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

const manifest = [];
for (const [src, out] of [['legacy.pfx', 'nss-style-ber.pfx'], ['ec-legacy.pfx', 'nss-style-ber-ec.pfx']]) {
  const ber = toBer(src);
  writeFileSync(`${here}${out}`, ber);
  // Independent check: OpenSSL reads the BER file with the password (and the MAC verifies).
  const certs = execFileSync('openssl', ['pkcs12', '-in', `${here}${out}`, '-passin', `pass:${PASSWORD}`, '-nokeys', '-legacy'], { encoding: 'utf8' });
  const leafDer = execFileSync('openssl', ['x509', '-outform', 'DER'], { input: certs });
  manifest.push({ file: out, source: `../generated/${src}`, password: PASSWORD, certCount: 1, keyCount: 1, leafSha256: createHash('sha256').update(leafDer).digest('hex'), indefiniteLengths: ber[1] === 0x80 });
}
writeFileSync(`${here}manifest.json`, `${JSON.stringify(manifest, null, 1)}\n`);
console.log(`wrote ${manifest.map((m) => m.file).join(', ')}; OpenSSL reads both`);
