/**
 * The browser implementation of the runtime port (./types.ts), selected by the `#port` import's
 * "browser" condition (package.json "imports"; the browser build, tsup.config.ts). Only web
 * platform APIs: WebCrypto (crypto.subtle) for PBKDF2, HMAC, AES-128/256-CBC and signature
 * verification (RSA PKCS#1 v1.5 and PSS, ECDSA on P-256/384/521, Ed25519, Ed448 where the browser
 * has it); node-forge for triple DES and AES-192 (WebCrypto has no DES; Chromium no 192-bit AES);
 * plain JavaScript for the synchronous digests (./hashes.ts) and for what WebCrypto lacks but is
 * cheap to do exactly (HMAC and PBKDF2 over MD5 and SHA-224, RSA PKCS#1 v1.5 with MD5 or SHA-224).
 *
 * What this runtime cannot do is said, never guessed: DSA signatures, ECDSA on other curves or
 * with SHA-224, RSASSA-PSS with MD5 or SHA-224 verify to `{ unsupported }` (a chain problem
 * UNSUPPORTED_SIGNATURE); DSA, Ed448/X448 (where the browser lacks them) and EC private keys
 * without their public point on other curves are SupCertError UNSUPPORTED_ALGORITHM when read.
 * Runs in Node too (Node 20 has globalThis.crypto.subtle): test/port-browser.test.ts compares it
 * with the Node implementation.
 */
import {
  type Asn1Node,
  type BerContext,
  Tag,
  TagClass,
  bitString,
  children,
  derTlv,
  encoded,
  is,
  oid,
  readWhole,
  sequence,
  unsignedIntBytes,
} from '../asn1/ber.js';
import { KEY_ALGORITHMS, NAMED_CURVES, Oid } from '../asn1/oids.js';
import { unsupported } from '../errors.js';
import {
  base64Decode,
  base64Encode,
  bytesToBigInt,
  concatBytes,
  fromHex,
  toHex,
} from '../util/bytes.js';
// Types only (erased from the bundle): the project compiles against @types/node, not the DOM library.
import type { webcrypto } from 'node:crypto';
import { forgeDecrypt } from './forge.js';
import { jsDigest } from './hashes.js';
import {
  type CryptoPort,
  DecryptFailed,
  type PortCipher,
  type PublicHalf,
  type PublicKeyHandle,
  type VerifyOutcome,
  type VerifyParams,
} from './types.js';

type SubtleCrypto = webcrypto.SubtleCrypto;
type CryptoKey = webcrypto.CryptoKey;
type KeyUsage = webcrypto.KeyUsage;

const subtle = (): SubtleCrypto => {
  const s = globalThis.crypto?.subtle;
  if (!s)
    throw unsupported(
      'WebCrypto (crypto.subtle) is not available: open the page from a file or over HTTPS (a secure context).',
    );
  return s;
};

/** WebCrypto's digest names for the hashes it has. */
const WEB_HASH: Readonly<Record<string, string>> = {
  sha1: 'SHA-1',
  sha256: 'SHA-256',
  sha384: 'SHA-384',
  sha512: 'SHA-512',
};
/** Block sizes (bytes) of the hashes HMAC is computed for in JavaScript. */
const JS_HMAC_BLOCK: Readonly<Record<string, number>> = { md5: 64, sha224: 64 };

const notHere = (what: string): Error =>
  unsupported(
    `${what} is not available in this runtime (a browser); the supcert command line (Node) reads it.`,
  );

/** A copy in a fresh ArrayBuffer, as WebCrypto's typings want (and detached from the caller's memory). */
const buf = (bytes: Uint8Array): Uint8Array<ArrayBuffer> => new Uint8Array(bytes);

function jsHmac(name: string, key: Uint8Array, data: Uint8Array): Uint8Array {
  const block = JS_HMAC_BLOCK[name]!;
  const k = new Uint8Array(block);
  k.set(key.length > block ? jsDigest(name, key) : key);
  const ipad = k.map((b) => b ^ 0x36);
  const opad = k.map((b) => b ^ 0x5c);
  return jsDigest(name, concatBytes(opad, jsDigest(name, concatBytes(ipad, data))));
}

async function hmac(name: string, key: Uint8Array, data: Uint8Array): Promise<Uint8Array> {
  const web = WEB_HASH[name];
  if (web) {
    const k = await subtle().importKey('raw', buf(key), { name: 'HMAC', hash: web }, false, [
      'sign',
    ]);
    return new Uint8Array(await subtle().sign('HMAC', k, buf(data)));
  }
  if (JS_HMAC_BLOCK[name]) return jsHmac(name, key, data);
  throw notHere(`HMAC-${name.toUpperCase()}`);
}

/** Longest stretch of JavaScript PBKDF2 iterations between two returns to the event loop. */
const PBKDF2_SLICE = 256;

async function pbkdf2(
  password: Uint8Array,
  salt: Uint8Array,
  iterations: number,
  keyLength: number,
  prf: string,
): Promise<Uint8Array> {
  const web = WEB_HASH[prf];
  if (web) {
    const k = await subtle().importKey('raw', buf(password), 'PBKDF2', false, ['deriveBits']);
    return new Uint8Array(
      await subtle().deriveBits(
        { name: 'PBKDF2', hash: web, salt: buf(salt), iterations },
        k,
        keyLength * 8,
      ),
    );
  }
  if (!JS_HMAC_BLOCK[prf]) throw notHere(`PBKDF2 with HMAC-${prf.toUpperCase()}`);
  // RFC 8018 §5.2 over the JavaScript HMAC, in slices so that the page stays responsive.
  const out = new Uint8Array(keyLength);
  for (let block = 1, at = 0; at < keyLength; block++) {
    let u = jsHmac(
      prf,
      password,
      concatBytes(salt, Uint8Array.of(block >>> 24, block >>> 16, block >>> 8, block)),
    );
    const t = u.slice();
    for (let i = 1; i < iterations; i++) {
      u = jsHmac(prf, password, u);
      for (let k = 0; k < t.length; k++) t[k]! ^= u[k]!;
      if (i % PBKDF2_SLICE === 0) await yieldToEventLoop();
    }
    out.set(t.subarray(0, keyLength - at), at);
    at += t.length;
  }
  return out;
}

/** PKCS#5 padding as OpenSSL checks it: 1 to `block` bytes, all equal to their count. */
function unpad(plain: Uint8Array, block: number): Uint8Array {
  const n = plain[plain.length - 1] ?? 0;
  if (n < 1 || n > block || n > plain.length) throw new DecryptFailed();
  for (let i = plain.length - n; i < plain.length; i++)
    if (plain[i] !== n) throw new DecryptFailed();
  return plain.subarray(0, plain.length - n);
}

async function decryptCbc(
  cipher: PortCipher,
  key: Uint8Array,
  iv: Uint8Array,
  data: Uint8Array,
): Promise<Uint8Array> {
  const aes = cipher.startsWith('aes-');
  const block = aes ? 16 : 8;
  const keyLength = {
    'aes-128-cbc': 16,
    'aes-192-cbc': 24,
    'aes-256-cbc': 32,
    'des-ede3-cbc': 24,
    'des-ede-cbc': 16,
  }[cipher];
  // node:crypto refuses these before decrypting; so does this.
  if (
    key.length !== keyLength ||
    iv.length !== block ||
    data.length === 0 ||
    data.length % block !== 0
  )
    throw new DecryptFailed();
  if (cipher === 'aes-128-cbc' || cipher === 'aes-256-cbc') {
    try {
      const k = await subtle().importKey('raw', buf(key), 'AES-CBC', false, ['decrypt']);
      // WebCrypto removes and checks the padding (all its bytes, as OpenSSL does).
      return new Uint8Array(await subtle().decrypt({ name: 'AES-CBC', iv: buf(iv) }, k, buf(data)));
    } catch {
      throw new DecryptFailed();
    }
  }
  // Two-key triple DES is K1 K2 K1.
  const desKey = cipher === 'des-ede-cbc' ? concatBytes(key, key.subarray(0, 8)) : key;
  const plain = await forgeDecrypt(aes ? 'aes' : 'des', aes ? key : desKey, iv, data, 0, 'none');
  if (!plain) throw new DecryptFailed();
  return unpad(plain, block);
}

// ---- Public keys and signatures ----

const ctx: BerContext = { maxDepth: 16, what: 'public key' };

interface WebKey extends PublicKeyHandle {
  readonly asymmetricKeyType: string;
  readonly spki: Uint8Array;
  /** RSA: modulus and exponent, big-endian, no leading zeros. */
  readonly rsa?: { n: Uint8Array; e: Uint8Array };
  /** EC: the curve's name (P-256 ...), or its OID when not a known named curve. */
  readonly curve?: string;
  /** EdDSA and EC: the public key bytes. */
  readonly point?: Uint8Array;
  identity?: string;
  /** Imported CryptoKeys, by algorithm (and hash), each imported once. */
  readonly imported: Map<string, Promise<CryptoKey | null>>;
}

const stripZeros = (b: Uint8Array): Uint8Array => {
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  return b.subarray(i);
};

function importPublicKey(spki: Uint8Array): PublicKeyHandle | null {
  try {
    const [algId, keyBits] = sequence(readWhole(spki, ctx), 'SubjectPublicKeyInfo', ctx);
    const [algOid, params] = sequence(algId, 'algorithm', ctx);
    const type = KEY_ALGORITHMS[oid(algOid, 'algorithm', ctx)];
    if (!type) return null; // an algorithm no runtime here verifies with (node:crypto refuses it too)
    const bits = bitString(keyBits, 'subjectPublicKey', ctx).bytes;
    const key: WebKey = { asymmetricKeyType: type, spki, imported: new Map() };
    let handle: WebKey;
    if (type === 'rsa' || type === 'rsa-pss') {
      const [n, e] = sequence(readWhole(bits, ctx), 'RSAPublicKey', ctx);
      handle = {
        ...key,
        rsa: {
          n: stripZeros(unsignedIntBytes(n, 'modulus', ctx)),
          e: stripZeros(unsignedIntBytes(e, 'exponent', ctx)),
        },
      };
      return handle;
    }
    if (type === 'ec') {
      const curveOid = is(params, TagClass.Universal, Tag.Oid) ? oid(params, 'curve', ctx) : '';
      handle = {
        ...key,
        curve: NAMED_CURVES[curveOid]?.[0] ?? (curveOid || 'explicit parameters'),
        point: bits,
      };
      return handle;
    }
    handle = { ...key, point: bits };
    return handle;
  } catch {
    return null;
  }
}

function b64url(bytes: Uint8Array): string {
  const text = base64Encode(bytes).replace(/\+/g, '-').replace(/\//g, '_');
  const pad = text.indexOf('=');
  return pad < 0 ? text : text.slice(0, pad);
}
const fromB64url = (text: string): Uint8Array =>
  base64Decode(text.replace(/-/g, '+').replace(/_/g, '/'));

/** The CryptoKey for `algorithm`, imported once per key; null when the runtime refuses it. */
function cryptoKey(
  key: WebKey,
  name: string,
  make: () => Promise<CryptoKey>,
): Promise<CryptoKey | null> {
  let found = key.imported.get(name);
  if (!found) {
    found = make().catch(() => null);
    key.imported.set(name, found);
  }
  return found;
}

/** Field sizes (bytes) of the curves WebCrypto has. */
const WEB_CURVES: Readonly<Record<string, number>> = { 'P-256': 32, 'P-384': 48, 'P-521': 66 };

/**
 * An ECDSA signature in DER (SEQUENCE { r INTEGER, s INTEGER }) as WebCrypto's r || s of
 * `size` bytes each; null unless it is strict DER (OpenSSL refuses any other encoding) with
 * positive r and s that fit.
 */
export function ecdsaRaw(der: Uint8Array, size: number): Uint8Array | null {
  let at = 0;
  const length = (): number => {
    const first = der[at++];
    if (first === undefined) return -1;
    if (first < 0x80) return first;
    if (first !== 0x81) return -1; // r and s of P-521 need at most 0x81 nn
    const n = der[at++];
    return n === undefined || n < 0x80 ? -1 : n;
  };
  if (der[at++] !== 0x30) return null;
  const total = length();
  if (total < 0 || at + total !== der.length) return null;
  const out = new Uint8Array(2 * size);
  for (let k = 0; k < 2; k++) {
    if (der[at++] !== 0x02) return null;
    const n = length();
    if (n <= 0 || at + n > der.length) return null;
    const v = der.subarray(at, at + n);
    at += n;
    if (v[0]! & 0x80) return null; // negative
    if (v[0] === 0 && (v.length === 1 || !(v[1]! & 0x80))) return null; // zero, or not minimal
    const value = stripZeros(v);
    if (value.length > size) return null;
    out.set(value, (k + 1) * size - value.length);
  }
  return at === der.length ? out : null;
}

/** DigestInfo prefixes (RFC 8017 §9.2 note 1) of the hashes RSA PKCS#1 v1.5 is checked for in JavaScript. */
const DIGEST_INFO: Readonly<Record<string, string>> = {
  md5: '3020300c06082a864886f70d020505000410',
  sha224: '302d300d06096086480165030402040500041c',
};

const modPow = (base: bigint, exponent: bigint, modulus: bigint): bigint => {
  let result = 1n;
  let b = base % modulus;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
  }
  return result;
};

/** RSASSA-PKCS1-v1_5 (RFC 8017 §8.2.2) with BigInt arithmetic, for MD5 and SHA-224. */
function rsaPkcs1Js(key: WebKey, hash: string, data: Uint8Array, signature: Uint8Array): boolean {
  const { n, e } = key.rsa!;
  const k = n.length;
  if (signature.length !== k) return false;
  const modulus = bytesToBigInt(n);
  const s = bytesToBigInt(signature);
  if (s >= modulus) return false;
  const em = modPow(s, bytesToBigInt(e), modulus)
    .toString(16)
    .padStart(2 * k, '0');
  const t = DIGEST_INFO[hash]! + toHex(jsDigest(hash, data));
  const ps = 2 * k - 6 - t.length;
  return ps >= 16 && em === `0001${'f'.repeat(ps)}00${t}`;
}

async function verifyAsync(
  handle: PublicKeyHandle,
  params: VerifyParams,
  data: Uint8Array,
  signature: Uint8Array,
): Promise<VerifyOutcome> {
  const key = handle as WebKey;
  const type = key.asymmetricKeyType;
  const here = (what: string): VerifyOutcome => ({
    unsupported: `${what} cannot be verified in this runtime (a browser); the supcert command line (Node) verifies it`,
  });
  try {
    if (type === 'rsa' || type === 'rsa-pss') {
      const hash = params.hash ?? '';
      if (params.padding === 'pkcs1' && DIGEST_INFO[hash])
        return rsaPkcs1Js(key, hash, data, signature);
      const web = WEB_HASH[hash];
      if (!web || !params.padding)
        return here(
          `an RSA signature with ${hash || 'no hash'}${params.padding ? '' : " and the key's own padding"}`,
        );
      const name = params.padding === 'pss' ? 'RSA-PSS' : 'RSASSA-PKCS1-v1_5';
      const k = await cryptoKey(key, `${name}/${web}`, () =>
        subtle().importKey(
          'jwk',
          { kty: 'RSA', n: b64url(key.rsa!.n), e: b64url(key.rsa!.e), ext: true },
          { name, hash: web },
          false,
          ['verify'],
        ),
      );
      if (!k) return here(`a signature with this ${key.rsa!.n.length * 8}-bit RSA key`);
      const algorithm =
        name === 'RSA-PSS' ? { name, saltLength: params.saltLength ?? 0 } : { name };
      return await subtle().verify(algorithm, k, buf(signature), buf(data));
    }
    if (type === 'ec') {
      const size = WEB_CURVES[key.curve!];
      if (!size) return here(`an ECDSA signature on ${key.curve!}`);
      const web = WEB_HASH[params.hash ?? ''];
      if (!web) return here(`an ECDSA signature with ${params.hash ?? 'no hash'}`);
      const k = await cryptoKey(key, 'ECDSA', () =>
        subtle().importKey(
          'spki',
          buf(key.spki),
          { name: 'ECDSA', namedCurve: key.curve! },
          false,
          ['verify'],
        ),
      );
      if (!k) return here(`a signature with this ${key.curve!} key (its point encoding)`);
      const raw = ecdsaRaw(signature, size);
      if (!raw) return false;
      return await subtle().verify({ name: 'ECDSA', hash: web }, k, buf(raw), buf(data));
    }
    if (type === 'ed25519' || type === 'ed448') {
      const name = type === 'ed25519' ? 'Ed25519' : 'Ed448';
      const k = await cryptoKey(key, name, () =>
        subtle().importKey('spki', buf(key.spki), { name }, false, ['verify']),
      );
      if (!k) return here(`an ${name} signature`);
      return await subtle().verify({ name }, k, buf(signature), buf(data));
    }
    return here(`a ${type.toUpperCase()} signature`);
  } catch {
    return false; // as node:crypto's refusals: invalid
  }
}

// ---- The public half of a private key ----

/** SPKI prefixes of the RFC 8410 keys: the public key bytes follow. */
const OKP: Readonly<Record<string, { name: string; prefix: string; usage: KeyUsage }>> = {
  [Oid.ed25519]: { name: 'Ed25519', prefix: '302a300506032b6570032100', usage: 'sign' },
  [Oid.x25519]: { name: 'X25519', prefix: '302a300506032b656e032100', usage: 'deriveBits' },
  [Oid.ed448]: { name: 'Ed448', prefix: '3043300506032b6571033a00', usage: 'sign' },
  [Oid.x448]: { name: 'X448', prefix: '3042300506032b656f033900', usage: 'deriveBits' },
};

async function publicHalf(der: Uint8Array, type: 'pkcs8' | 'sec1'): Promise<PublicHalf> {
  let pkcs8 = der;
  let algorithm: string;
  let curveNode: Asn1Node | undefined;
  if (type === 'sec1') {
    // ECPrivateKey's [0] parameters name the curve; PKCS#8 wraps it for WebCrypto.
    const fields = sequence(readWhole(der, ctx), 'ECPrivateKey', ctx);
    const tagged = fields.find((f) => f.cls === TagClass.Context && f.tag === 0);
    curveNode = tagged ? children(tagged, ctx)[0] : undefined;
    algorithm = Oid.ecPublicKey;
    if (is(curveNode, TagClass.Universal, Tag.Oid)) {
      const algId = derTlv(0x30, concatBytes(fromHex('06072a8648ce3d0201'), encoded(curveNode)));
      pkcs8 = derTlv(0x30, concatBytes(fromHex('020100'), algId, derTlv(0x04, der)));
    }
  } else {
    const [, algId] = sequence(readWhole(der, ctx), 'PrivateKeyInfo', ctx);
    const [algOid, params] = sequence(algId, 'private key algorithm', ctx);
    algorithm = oid(algOid, 'private key algorithm', ctx);
    curveNode = params;
  }
  if (algorithm === Oid.ecPublicKey) {
    const curveOid = is(curveNode, TagClass.Universal, Tag.Oid) ? oid(curveNode, 'curve', ctx) : '';
    const curve = NAMED_CURVES[curveOid]?.[0] ?? '';
    if (!WEB_CURVES[curve])
      throw notHere(
        `Computing the public key of an EC private key on ${curve || curveOid || 'explicit parameters'} (the file does not store it)`,
      );
    const k = await subtle().importKey(
      'pkcs8',
      buf(pkcs8),
      { name: 'ECDSA', namedCurve: curve },
      true,
      ['sign'],
    );
    const jwk = await subtle().exportKey('jwk', k);
    const point = concatBytes(Uint8Array.of(4), fromB64url(jwk.x!), fromB64url(jwk.y!));
    const algId = derTlv(
      0x30,
      concatBytes(fromHex('06072a8648ce3d0201'), derTlv(0x06, fromHex(encodeCurve(curveOid)))),
    );
    return {
      spki: derTlv(0x30, concatBytes(algId, derTlv(0x03, concatBytes(Uint8Array.of(0), point)))),
      type: 'ec',
    };
  }
  const okp = OKP[algorithm];
  if (okp) {
    let k: CryptoKey;
    try {
      k = await subtle().importKey('pkcs8', buf(pkcs8), { name: okp.name }, true, [okp.usage]);
    } catch (error) {
      if (error instanceof Error && error.name === 'NotSupportedError')
        throw notHere(`An ${okp.name} key`);
      throw error;
    }
    const jwk = await subtle().exportKey('jwk', k);
    return {
      spki: concatBytes(fromHex(okp.prefix), fromB64url(jwk.x!)),
      type: okp.name.toLowerCase(),
    };
  }
  throw notHere(`A ${KEY_ALGORITHMS[algorithm]?.toUpperCase() ?? algorithm} private key`);
}

/** The DER content bytes of an OBJECT IDENTIFIER, as hex, for the three WebCrypto curves. */
function encodeCurve(curveOid: string): string {
  return {
    '1.2.840.10045.3.1.7': '2a8648ce3d030107',
    '1.3.132.0.34': '2b81040022',
    '1.3.132.0.35': '2b81040023',
  }[curveOid]!;
}

/** A macrotask without timer clamping (nested setTimeout(0) waits 4 ms in browsers). */
function yieldToEventLoop(): Promise<void> {
  return new Promise<void>((resolve) => {
    const channel = new MessageChannel();
    (channel.port1 as unknown as { onmessage: (() => void) | null }).onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

export const port: CryptoPort = {
  runtime: 'browser',
  yieldToEventLoop,
  now: () => performance.now(),
  base64Decode,
  digest: jsDigest,
  hmac,
  pbkdf2,
  decryptCbc,
  importPublicKey,
  verify: () => undefined,
  verifyAsync,
  keyIdentity(handle) {
    const key = handle as WebKey;
    key.identity ??= toHex(jsDigest('sha256', key.spki));
    return key.identity;
  },
  publicHalf,
};
