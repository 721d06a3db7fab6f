/**
 * Recomputes the MAC of a (mutated) PKCS#12 file under a known password, so that an edit inside
 * the AuthenticatedSafe reaches the bag parsers instead of stopping at "wrong password".
 * Classic MacData only (PKCS#12 KDF, RFC 7292 B.2); PBMAC1 (RFC 9579) with PBKDF2.
 */
import { createHash, createHmac, pbkdf2Sync } from 'node:crypto';
import { parseTree } from './asn1.mjs';

const HASHES = {
  '2b0e03021a': { name: 'sha1', u: 20, v: 64 },
  '608648016503040204': { name: 'sha224', u: 28, v: 64 },
  '608648016503040201': { name: 'sha256', u: 32, v: 64 },
  '608648016503040202': { name: 'sha384', u: 48, v: 128 },
  '608648016503040203': { name: 'sha512', u: 64, v: 128 },
};
const HMACS = {
  '2a864886f70d0207': 'sha1',
  '2a864886f70d0208': 'sha224',
  '2a864886f70d0209': 'sha256',
  '2a864886f70d020a': 'sha384',
  '2a864886f70d020b': 'sha512',
};
const PBMAC1 = '2a864886f70d01050e';
const PBKDF2 = '2a864886f70d01050c';
const MAX_ITERATIONS = 20000;

const hex = (b) => Buffer.from(b).toString('hex');

function intValue(raw) {
  if (raw.length === 0 || raw.length > 6) return -1;
  let n = 0;
  for (const b of raw) n = n * 256 + b;
  return n;
}

/** The octets of an OCTET STRING, primitive or constructed (BER segments). */
function octets(node) {
  if (!node.constructed) return node.raw;
  if (!node.children) return null;
  const parts = [];
  for (const c of node.children) {
    const o = octets(c);
    if (!o) return null;
    parts.push(o);
  }
  return Buffer.concat(parts);
}

function bmpPassword(password) {
  const out = Buffer.alloc(password.length * 2 + 2);
  for (let i = 0; i < password.length; i++) out.writeUInt16BE(password.charCodeAt(i), i * 2);
  return out;
}

/** RFC 7292 B.2 with ID 3 (MAC key). */
export function pkcs12Kdf(hash, password, salt, iterations, n) {
  const { name, u, v } = hash;
  const D = Buffer.alloc(v, 3);
  const fill = (src) => {
    if (src.length === 0) return Buffer.alloc(0);
    const len = v * Math.ceil(src.length / v);
    const out = Buffer.alloc(len);
    for (let i = 0; i < len; i++) out[i] = src[i % src.length];
    return out;
  };
  const I = Buffer.concat([fill(Buffer.from(salt)), fill(password)]);
  const out = [];
  for (let got = 0; got < n; got += u) {
    let A = createHash(name).update(D).update(I).digest();
    for (let r = 1; r < iterations; r++) A = createHash(name).update(A).digest();
    out.push(A);
    const B = Buffer.alloc(v);
    for (let i = 0; i < v; i++) B[i] = A[i % u];
    for (let j = 0; j < I.length; j += v) {
      let carry = 1;
      for (let k = v - 1; k >= 0; k--) {
        carry += I[j + k] + B[k];
        I[j + k] = carry & 0xff;
        carry >>>= 8;
      }
    }
  }
  return Buffer.concat(out).subarray(0, n);
}

/** Returns the file with its MAC digest recomputed under `password`, or null when it has no usable MacData. */
export function remac(bytes, password) {
  const tree = parseTree(bytes);
  const kids = tree?.root.children;
  if (!kids || kids.length < 3) return null;
  const [version, authSafe, macData] = kids;
  if (version.tag !== 2 || !authSafe.children || !macData.children) return null;
  const explicit = authSafe.children[1];
  const content = explicit?.children?.[0];
  if (!content || content.tag !== 4) return null;
  const data = octets(content);
  const [digestInfo, saltNode, iterNode] = macData.children;
  const algId = digestInfo?.children?.[0];
  const digestNode = digestInfo?.children?.[1];
  const oidNode = algId?.children?.[0];
  if (!data || !oidNode || oidNode.tag !== 6 || !digestNode || digestNode.constructed) return null;
  const oid = hex(oidNode.raw);
  let mac;
  if (oid === PBMAC1) {
    const params = algId.children?.[1]?.children;
    const kdf = params?.[0]?.children;
    if (!kdf || hex(kdf[0]?.raw ?? []) !== PBKDF2) return null;
    const p = kdf[1]?.children;
    const scheme = params?.[1]?.children?.[0];
    const hmac = scheme && HMACS[hex(scheme.raw)];
    if (!p || !hmac || p.length < 3) return null;
    const iterations = intValue(p[1].raw);
    const keyLength = intValue(p[2].raw);
    const prf = p[3]?.children?.[0] ? HMACS[hex(p[3].children[0].raw)] : 'sha1';
    if (!prf || iterations < 1 || iterations > MAX_ITERATIONS || keyLength < 1 || keyLength > 128)
      return null;
    const key = pbkdf2Sync(Buffer.from(password, 'utf8'), p[0].raw, iterations, keyLength, prf);
    mac = createHmac(hmac, key).update(data).digest();
  } else {
    const hash = HASHES[oid];
    if (!hash || !saltNode || saltNode.constructed) return null;
    const iterations = iterNode ? intValue(iterNode.raw) : 1;
    if (iterations < 1 || iterations > MAX_ITERATIONS) return null;
    const key = pkcs12Kdf(hash, bmpPassword(password), saltNode.raw, iterations, hash.u);
    mac = createHmac(hash.name, key).update(data).digest();
  }
  if (mac.length !== digestNode.raw.length) return null;
  const out = Uint8Array.from(bytes);
  out.set(mac, digestNode.hdrEnd);
  return out;
}
