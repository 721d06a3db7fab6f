import { port } from '#port';
import {
  type Asn1Node,
  type BerContext,
  Tag,
  TagClass,
  type ElementBudget,
  bitString,
  children,
  content,
  derTlv,
  elementCounter,
  encodeOid,
  expectUniversal,
  is,
  octetString,
  oid,
  readWhole,
  sequence,
  unsignedIntBytes,
} from '../asn1/ber.js';
import { KEY_ALGORITHMS, NAMED_CURVES, Oid } from '../asn1/oids.js';
import { SupCertError, malformed, unsupported } from '../errors.js';
import { concatBytes, toHex } from '../util/bytes.js';
import type { CertificateInfo } from '../x509/CertificateInfo.js';
import { certificateInternals } from '../x509/parseCertificate.js';
import { bitLength, publicKeyIdFromSpki, rsaKeyId } from '../x509/publicKey.js';
import { item } from '../util/item.js';

/** A private key found in a file, described without any key material. */
export interface KeyInfo {
  /** Same vocabulary as publicKey.algorithm: 'rsa', 'ec', 'rsa-pss', 'ed25519', ... or the OID. */
  algorithm: string;
  /** Index in certificates[] whose public key matches this key; null = none. */
  certificateIndex: number | null;
  friendlyName?: string;
  /** Microsoft CSP/KSP name attribute (1.3.6.1.4.1.311.17.1), when present. */
  providerName?: string;
  // ---- beyond the contract ----
  bits?: number;
  curve?: string;
  /** PKCS#12 localKeyId attribute, hex. */
  localKeyId?: string;
  /** Where the key was found. */
  source: 'pkcs12' | 'pem';
}

export interface LoadedKey {
  info: Omit<KeyInfo, 'certificateIndex' | 'source'>;
  /** Identity of the public half (see publicKeyIdFromSpki); null when it cannot be known. */
  publicKeyId: string | null;
  /** Something unusual about how the key was written, for the bundle's notes. */
  note?: string;
}

/**
 * Describes a private key (PKCS#8 PrivateKeyInfo, PKCS#1 RSAPrivateKey or SEC1 ECPrivateKey)
 * and finds the identity of its public half, for matching with certificates. RSA and EC keys
 * (all that Windows and OpenSSL export) are read directly: both formats carry the public key.
 * Others go through the runtime port (node:crypto in Node; WebCrypto in a browser, where a key
 * it has no implementation for is UNSUPPORTED_ALGORITHM). No key material leaves this function.
 * `budget`: the call's work budget; every ASN.1 element read draws from its `limits.maxElements`
 * (a 30 MB PEM key of 11 million NULLs once decoded uncounted: 1.6 GB).
 * @throws SupCertError MALFORMED, LIMIT_EXCEEDED (limits.maxElements), UNSUPPORTED_ALGORITHM.
 */
export async function loadPrivateKey(
  der: Uint8Array,
  type: 'pkcs8' | 'pkcs1' | 'sec1',
  what: string,
  budget?: ElementBudget,
): Promise<LoadedKey> {
  const ctx: BerContext = { maxDepth: 16, what, elements: budget && elementCounter(budget) };
  try {
    if (type === 'pkcs1') return describeRsa(readWhole(der, ctx), 'rsa', ctx);
    if (type === 'sec1') return await describeEc(readWhole(der, ctx), undefined, ctx);
    const [, algId, keyNode] = sequence(readWhole(der, ctx), 'PrivateKeyInfo', ctx);
    const [algOid, params] = sequence(algId, 'private key algorithm', ctx);
    const algorithm = oid(algOid, 'private key algorithm', ctx);
    const inner = octetString(keyNode, 'privateKey', ctx);
    if (algorithm === Oid.rsaEncryption || algorithm === Oid.rsassaPss) {
      return describeRsa(readWhole(inner, ctx), KEY_ALGORITHMS[algorithm]!, ctx);
    }
    if (algorithm === Oid.ecPublicKey) return await describeEc(readWhole(inner, ctx), params, ctx);
    const okpLength = OKP_LENGTHS[algorithm];
    if (okpLength !== undefined) {
      // RFC 8410 §7: CurvePrivateKey ::= OCTET STRING, of the algorithm's fixed length.
      const raw = octetString(readWhole(inner, ctx), 'CurvePrivateKey', ctx);
      if (raw.length !== okpLength)
        throw damaged(
          `${what}: an ${KEY_ALGORITHMS[algorithm]} private key of ${raw.length} bytes (it is always ${okpLength}): the key is damaged.`,
        );
      return await viaPort(der, what, KEY_ALGORITHMS[algorithm]!);
    }
    if (algorithm === Oid.dsa) {
      checkDsa(params, readWhole(inner, ctx), ctx);
      return await viaPort(der, what, 'dsa');
    }
    // Any other algorithm (GOST, SM2 as its own OID, DH ...) is described, never given to
    // node:crypto: only the shapes checked above are known not to crash or stall OpenSSL.
    return { info: { algorithm: KEY_ALGORITHMS[algorithm] ?? algorithm }, publicKeyId: null };
  } catch (error) {
    if (error instanceof SupCertError && error.code !== 'MALFORMED') throw error;
    if (error instanceof SupCertError && SHAPE_ERRORS.has(error)) throw error;
    throw new SupCertError(
      'MALFORMED',
      `${what}: the private key could not be decoded; the file is corrupted.`,
    );
  }
}

/** MALFORMED errors of the key checks below: their messages say what is wrong, so they are kept. */
const SHAPE_ERRORS = new WeakSet<SupCertError>();
function damaged(message: string): SupCertError {
  const error = malformed(message);
  SHAPE_ERRORS.add(error);
  return error;
}

/** RFC 8410 private key lengths. */
const OKP_LENGTHS: Readonly<Record<string, number>> = {
  [Oid.ed25519]: 32,
  [Oid.x25519]: 32,
  [Oid.ed448]: 57,
  [Oid.x448]: 56,
};

/**
 * FIPS 186-4 §4.2: p of at most 3,072 bits (also Windows CNG's DSA maximum), q of 160, 224 or 256
 * bits. node:crypto computes y = g^x mod p to identify the key, so p is bounded before it does.
 */
const MAX_DSA_P_BITS = 3072;
const MAX_DSA_Q_BITS = 256;

/**
 * Dss-Parms ::= SEQUENCE { p, q, g } (RFC 3279 §2.3.2) and the private INTEGER x: sizes within
 * OpenSSL's limits, 1 < g < p, 0 < x < q, so node:crypto computes y = g^x mod p quickly.
 * @throws SupCertError MALFORMED otherwise.
 */
function checkDsa(params: Asn1Node | undefined, xNode: Asn1Node, ctx: BerContext): void {
  const [pNode, qNode, gNode] = sequence(params, 'DSA parameters', ctx);
  const big = (node: Asn1Node | undefined, name: string): bigint => {
    const bytes = content(expectUniversal(node, Tag.Integer, name, ctx));
    if (bytes.length === 0 || (bytes[0]! & 0x80) !== 0)
      throw damaged(`${ctx.what}: DSA ${name} is not a positive INTEGER: the key is damaged.`);
    if (bytes.length > MAX_DSA_P_BITS / 8 + 1)
      throw unsupported(
        `${ctx.what}: DSA ${name} of ${bytes.length} bytes; supcert reads DSA keys up to ${MAX_DSA_P_BITS} bits (FIPS 186-4, Windows CNG).`,
      );
    return BigInt(`0x${toHex(bytes)}`);
  };
  const p = big(pNode, 'p');
  const q = big(qNode, 'q');
  const g = big(gNode, 'g');
  const x = big(xNode, 'private value');
  const pBits = p.toString(2).length;
  const qBits = q.toString(2).length;
  if (pBits > MAX_DSA_P_BITS)
    throw unsupported(
      `${ctx.what}: a DSA key of ${pBits} bits; supcert reads DSA keys up to ${MAX_DSA_P_BITS} bits (FIPS 186-4, Windows CNG).`,
    );
  if (qBits > MAX_DSA_Q_BITS || q >= p || g <= 1n || g >= p || x < 1n || x >= q) {
    throw damaged(
      `${ctx.what}: the DSA key (p of ${pBits} bits, q of ${qBits} bits) is out of range: the key is damaged.`,
    );
  }
}

/** RSAPrivateKey ::= SEQUENCE { version, modulus, publicExponent, ... } */
function describeRsa(node: Asn1Node, algorithm: string, ctx: BerContext): LoadedKey {
  const [, n, e] = sequence(node, 'RSAPrivateKey', ctx);
  const modulus = unsignedIntBytes(n, 'modulus', ctx);
  const exponent = unsignedIntBytes(e, 'publicExponent', ctx);
  const bits = bitLength(modulus);
  // Signed INTEGERs: a set top bit in the first content octet is a negative number.
  if ((content(n!)[0]! & 0x80) !== 0 || (content(e!)[0]! & 0x80) !== 0)
    throw damaged(`${ctx.what}: the RSA modulus or exponent is negative: the key is damaged.`);
  if (bits > MAX_RSA_BITS)
    throw unsupported(
      `${ctx.what}: an RSA key of ${bits} bits; supcert reads keys up to ${MAX_RSA_BITS} bits (the largest Windows CNG and OpenSSL accept).`,
    );
  if (bits < 2 || bitLength(exponent) < 2 || bitLength(exponent) > bits) {
    throw damaged(
      `${ctx.what}: an RSA modulus of ${bits} bits with a public exponent of ${bitLength(exponent)} bits is not an RSA key: the key is damaged.`,
    );
  }
  return { info: { algorithm, bits }, publicKeyId: rsaKeyId(modulus, exponent) };
}

/** Largest RSA modulus read (OpenSSL's OPENSSL_RSA_MAX_MODULUS_BITS; Windows CNG's RSA maximum). */
const MAX_RSA_BITS = 16_384;

/**
 * Orders of the named curves whose private keys may reach node:crypto (SEC 2 §2, RFC 5639 §3,
 * checked against `openssl ecparam -param_enc explicit -text`). Node 20's OpenSSL glue aborts the
 * process in `asymmetricKeyDetails` when a scalar is longer than the order (crypto_ec.cc
 * GetEcKeyDetail asserts `ec != nullptr`), so a scalar is checked against these first.
 */
const CURVE_ORDERS: Readonly<Record<string, string>> = {
  '1.2.840.10045.3.1.7': 'ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551',
  '1.3.132.0.34':
    'ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973',
  '1.3.132.0.35':
    '01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409',
  '1.3.132.0.10': 'fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141',
  '1.2.840.10045.3.1.1': 'ffffffffffffffffffffffff99def836146bc9b1b4d22831',
  '1.3.132.0.33': 'ffffffffffffffffffffffffffff16a2e0b8f03e13dd29455c5c2a3d',
  '1.3.36.3.3.2.8.1.1.7': 'a9fb57dba1eea9bc3e660a909d838d718c397aa3b561a6f7901e0e82974856a7',
  '1.3.36.3.3.2.8.1.1.11':
    '8cb91e82a3386d280f5d6f7e50e641df152f7109ed5456b31f166e6cac0425a7cf3ab6af6b7fc3103b883202e9046565',
  '1.3.36.3.3.2.8.1.1.13':
    'aadd9db8dbe9c48b3fd4e6ae33c9fc07cb308db3b3c9d20ed6639cca70330870553e5c414ca92619418661197fac10471db1d381085ddaddb58796829ca90069',
};

/**
 * SEC 1 v2 §C.4 / RFC 5915 §3: privateKey is an octet string of ceiling(log2(n)/8) octets holding
 * d in [1, n-1]. Two other spellings of a valid d are read, as OpenSSL reads them: fewer octets
 * (leading zeros dropped, as OpenSSL 1.0.2 wrote) and one octet more when it is a leading
 * zero (the signed INTEGER's octets, as GnuTLS and Mbed TLS wrote). Anything longer is not.
 * @returns d in exactly ceiling(log2(n)/8) octets (`scalar` itself when it was written so).
 * @throws SupCertError MALFORMED otherwise.
 */
function checkScalar(
  scalar: Uint8Array,
  order: string,
  curve: string,
  ctx: BerContext,
): Uint8Array {
  const n = BigInt(`0x${order}`);
  const orderBytes = Math.ceil(n.toString(2).length / 8);
  const signedForm = scalar.length === orderBytes + 1 && scalar[0] === 0;
  const d =
    scalar.length === 0 || (scalar.length > orderBytes && !signedForm)
      ? 0n
      : BigInt(`0x${toHex(scalar)}`);
  if (d < 1n || d >= n) {
    throw damaged(
      `${ctx.what}: the ${curve} private scalar (${scalar.length} bytes) is not between 1 and the curve order - 1 in at most ${orderBytes} bytes (${orderBytes + 1} with a leading zero): the key is damaged.`,
    );
  }
  if (scalar.length === orderBytes) return scalar;
  const digits = signedForm ? scalar.subarray(1) : scalar;
  const out = new Uint8Array(orderBytes);
  out.set(digits, orderBytes - digits.length);
  return out;
}

/**
 * SEC 1 v2 §2.3.3: an uncompressed point is 04 || X || Y, a compressed one 02/03 || X, with X and
 * Y of the field size.
 * @throws SupCertError MALFORMED otherwise.
 */
function checkPoint(point: Uint8Array, fieldBits: number, curve: string, ctx: BerContext): void {
  const size = Math.ceil(fieldBits / 8);
  const ok =
    (point[0] === 0x04 && point.length === 1 + 2 * size) ||
    ((point[0] === 0x02 || point[0] === 0x03) && point.length === 1 + size);
  if (!ok)
    throw damaged(
      `${ctx.what}: the ${curve} public point stored with the private key is ${point.length} bytes (expected ${1 + 2 * size}, or ${1 + size} compressed): the key is damaged.`,
    );
}

/**
 * ECPrivateKey ::= SEQUENCE { version, privateKey, [0] parameters OPTIONAL, [1] publicKey OPTIONAL }
 * On a named curve whose order is known, node:crypto computes the public point from the scalar
 * checked against it, and a stored point must be that one (fromScalar). On any other curve the
 * stored point identifies the key, and without one the key is described without a public key
 * (it then matches no certificate).
 */
async function describeEc(
  node: Asn1Node,
  algParams: Asn1Node | undefined,
  ctx: BerContext,
): Promise<LoadedKey> {
  const fields = sequence(node, 'ECPrivateKey', ctx);
  const scalar = octetString(item(fields, 1), 'EC private key', ctx);
  const tagged = (tag: number): Asn1Node | undefined =>
    fields.find((f) => f.cls === TagClass.Context && f.tag === tag);
  const paramsField = tagged(0);
  const inner = paramsField ? item(children(paramsField, ctx), 0) : undefined;
  // RFC 5915 §3: parameters in the key, when present, must be the ones of the AlgorithmIdentifier
  // (OpenSSL would use the inner ones, on which the scalar was not checked).
  if (
    is(algParams, TagClass.Universal, Tag.Oid) &&
    inner &&
    !(
      is(inner, TagClass.Universal, Tag.Oid) &&
      oid(inner, 'EC curve', ctx) === oid(algParams, 'EC curve', ctx)
    )
  ) {
    throw damaged(
      `${ctx.what}: the EC private key names another curve than its algorithm identifier: the key is damaged.`,
    );
  }
  const curveNode = is(algParams, TagClass.Universal, Tag.Oid) ? algParams : inner;
  const curveOid = is(curveNode, TagClass.Universal, Tag.Oid)
    ? oid(curveNode, 'EC curve', ctx)
    : undefined;
  const known = curveOid ? NAMED_CURVES[curveOid] : undefined;
  const order = curveOid ? CURVE_ORDERS[curveOid] : undefined;
  const info: LoadedKey['info'] = { algorithm: 'ec' };
  if (known) {
    info.curve = known[0];
    info.bits = known[1];
  } else if (curveOid) info.curve = curveOid;
  const curveName = info.curve ?? 'EC';
  const d = order ? checkScalar(scalar, order, curveName, ctx) : scalar;
  const publicField = tagged(1);
  const point = publicField
    ? bitString(item(children(publicField, ctx), 0), 'EC public key', ctx).bytes
    : undefined;
  if (point && known) checkPoint(point, known[1], curveName, ctx);
  if (order && curveOid) return await fromScalar(info, d, scalar, curveOid, point, ctx);
  if (point) return { info, publicKeyId: `ec:${toHex(point)}` };
  return { info, publicKeyId: null };
}

/**
 * A scalar checked against its curve's order (checkScalar), in `d` in the standard length: its
 * public point is computed (a SEC1 key of just the scalar and the curve, given to the runtime as
 * for a key without a point). A point stored with the key must be that point, uncompressed or
 * compressed: matching goes by it, so a stored point of another key would pair the scalar with a
 * certificate it does not belong to (whatever the scalar's length). A scalar written in another
 * length than the field size is noted, as how Windows' PFX import reads it is not documented.
 * @throws SupCertError MALFORMED when the stored point is another, or the runtime cannot compute it.
 */
async function fromScalar(
  info: LoadedKey['info'],
  d: Uint8Array,
  written: Uint8Array,
  curveOid: string,
  point: Uint8Array | undefined,
  ctx: BerContext,
): Promise<LoadedKey> {
  const curveName = info.curve ?? curveOid;
  let spki: Uint8Array;
  try {
    const sec1 = derTlv(
      0x30,
      concatBytes(
        derTlv(0x02, Uint8Array.of(1)),
        derTlv(0x04, d),
        derTlv(0xa0, derTlv(0x06, encodeOid(curveOid))),
      ),
    );
    spki = (await port.publicHalf(sec1, 'sec1')).spki;
  } catch (error) {
    if (error instanceof SupCertError && error.code === 'UNSUPPORTED_ALGORITHM') {
      // A runtime without this curve (a browser: secp256k1, brainpool ...) cannot check a
      // stored point: a key written in the standard length is identified by it unchecked.
      if (point && written === d) return { info, publicKeyId: `ec:${toHex(point)}` };
      throw error;
    }
    throw damaged(
      `${ctx.what}: node:crypto cannot compute the public key of this ${curveName} private key: the key is damaged.`,
    );
  }
  const computed = publicKeyIdFromSpki(spki);
  if (point && !samePoint(point, computed))
    throw damaged(
      `${ctx.what}: the ${curveName} public point stored with the private key is not the one of its private scalar: the key is damaged.`,
    );
  // The computed point, uncompressed as certificates give it, identifies the key (a stored
  // compressed point is the same key).
  const loaded: LoadedKey = { info, publicKeyId: computed };
  if (written !== d)
    loaded.note = `${ctx.what}: the ${curveName} private scalar is written in ${written.length} octets, not ${d.length} (SEC 1 / RFC 5915 write exactly ${d.length}; ${written.length > d.length ? 'one leading zero more, as an INTEGER is written' : 'leading zeros dropped'}). supcert and OpenSSL read it; how Windows' PFX import reads it is not documented: export the key again with OpenSSL 3 or Windows if the import fails.`;
  return loaded;
}

/** Whether `point` (04 || X || Y, or 02/03 || X) is the uncompressed point of the key id `computed`. */
function samePoint(point: Uint8Array, computed: string | null): boolean {
  if (!computed?.startsWith('ec:04')) return false;
  const hex = computed.slice(3);
  if (point[0] === 0x04) return toHex(point) === hex;
  const size = (hex.length - 2) / 4;
  const x = hex.slice(2, 2 + 2 * size);
  const yOdd = parseInt(hex.slice(-1), 16) % 2 === 1;
  return toHex(point) === `${yOdd ? '03' : '02'}${x}`;
}

/**
 * Loads a key the runtime must read itself (EdDSA, X25519/X448, DSA), after its structure was
 * checked, and identifies its public half.
 */
async function viaPort(der: Uint8Array, what: string, algorithm: string): Promise<LoadedKey> {
  try {
    const half = await port.publicHalf(der, 'pkcs8');
    const info: LoadedKey['info'] = { algorithm: half.type ?? algorithm };
    if (algorithm === 'dsa' && half.bits) info.bits = half.bits;
    return { info, publicKeyId: publicKeyIdFromSpki(half.spki) };
  } catch (error) {
    if (error instanceof SupCertError && error.code === 'UNSUPPORTED_ALGORITHM') throw error;
    throw new SupCertError(
      'MALFORMED',
      `${what}: the private key could not be decoded; the file is corrupted.`,
    );
  }
}

/**
 * Index of the certificate whose public key equals the key's; when several do (a CA listed
 * twice), the one whose localKeyId matches wins, else the first. The keys' identities go into a
 * map first; then one pass over the certificates, each looked up by its public key's identity
 * (only certificates that share a key's identity are kept): linear in keys + certificates (it
 * was keys x certificates), and nothing kept per certificate that matches no key.
 */
export function matchKeysToCertificates(
  keys: Array<{ publicKeyId: string | null; localKeyId?: string }>,
  certificates: Array<{ info: CertificateInfo; localKeyId?: string }>,
): Array<number | null> {
  if (keys.length === 0) return [];
  // Identity → the certificates that have it, in file order (only identities some key has).
  const byKey = new Map<string, number[]>();
  for (const key of keys) if (key.publicKeyId) byKey.set(key.publicKeyId, []);
  if (byKey.size > 0)
    certificates.forEach((c, i) => {
      const id = publicKeyIdFromSpki(certificateInternals(c.info).spkiDer);
      if (id !== null) byKey.get(id)?.push(i);
    });
  return keys.map((key) => {
    if (!key.publicKeyId) return null;
    const candidates = byKey.get(key.publicKeyId)!;
    if (candidates.length === 0) return null;
    return (
      candidates.find(
        (i) => key.localKeyId !== undefined && certificates[i]!.localKeyId === key.localKeyId,
      ) ?? candidates[0]!
    );
  });
}
