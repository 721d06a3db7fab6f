import { type KeyObject, constants, createPublicKey, verify } from 'node:crypto';
import { type BerContext, Tag, TagClass, bitString, children, encoded, explicit, oid, readWhole, sequence, smallInt, unsignedIntBytes } from '../asn1/ber.js';
import { HASH_ALGORITHMS, Oid, SIGNATURE_ALGORITHMS } from '../asn1/oids.js';
import { asBuffer } from '../util/bytes.js';
import { quoteValue } from '../util/quote.js';
import type { CertificateInfo } from '../x509/CertificateInfo.js';
import { certificateInternals } from '../x509/parseCertificate.js';
import { bitLength } from '../x509/publicKey.js';

const ctx: BerContext = { maxDepth: 32, what: 'signature' };
const keys = new WeakMap<CertificateInfo, KeyObject | null>();

/** Wraps DER content in a header (for re-encoding a DSA key with inherited parameters). */
function der(tag: number, body: Uint8Array): Buffer {
  const l = body.length;
  const len = l < 128 ? [l] : l < 256 ? [0x81, l] : l < 65536 ? [0x82, l >> 8, l & 255] : [0x83, l >> 16, (l >> 8) & 255, l & 255];
  return Buffer.concat([Buffer.from([tag, ...len]), asBuffer(body)]);
}

/**
 * The issuer's public key as a KeyObject (cached). A DSA key may omit its domain parameters and
 * inherit them from its own issuer (RFC 3279 §2.3.2): `parametersFrom` supplies them.
 */
export function publicKeyOf(cert: CertificateInfo, parametersFrom?: CertificateInfo): KeyObject | null {
  if (keys.has(cert)) return keys.get(cert)!;
  let spki = certificateInternals(cert).spkiDer;
  let key: KeyObject | null = null;
  try {
    const [algId, bits] = sequence(readWhole(spki, ctx), 'SubjectPublicKeyInfo', ctx);
    const [algOid, params] = sequence(algId, 'algorithm', ctx);
    if (oid(algOid, 'algorithm', ctx) === Oid.dsa && !params && parametersFrom) {
      const [inheritedAlgId] = sequence(readWhole(certificateInternals(parametersFrom).spkiDer, ctx), 'SubjectPublicKeyInfo', ctx);
      const inheritedParams = sequence(inheritedAlgId, 'algorithm', ctx)[1];
      if (inheritedParams) spki = der(0x30, Buffer.concat([der(0x30, Buffer.concat([encoded(algOid!), encoded(inheritedParams)])), encoded(bits!)]));
      return createPublicKey({ key: asBuffer(spki), format: 'der', type: 'spki' }); // not cached: it depends on the path
    }
    key = createPublicKey({ key: asBuffer(spki), format: 'der', type: 'spki' });
  } catch {
    key = null;
  }
  keys.set(cert, key);
  return key;
}

export type SignatureCheck = 'valid' | 'invalid' | { unsupported: string };

/**
 * Largest public-key sizes verified, checked on the SubjectPublicKeyInfo before node:crypto sees
 * the key. Larger keys make one verification cost milliseconds to seconds, and Windows cannot use
 * them anyway:
 * - RSA public exponent: 32 bits. CryptoAPI's RSA public-key blob (RSAPUBKEY.pubexp, a DWORD)
 *   holds a 32-bit exponent; OpenSSL verifies with any exponent below the modulus when the modulus
 *   has at most 3,072 bits (a 3,070-bit exponent costs ~5 ms a verification).
 * - RSA modulus: 16,384 bits, the largest key CNG's RSA provider creates or imports (and OpenSSL's
 *   OPENSSL_RSA_MAX_MODULUS_BITS).
 * - DSA: p of at most 3,072 bits and q of 160, 224 or 256 bits (FIPS 186-4 §4.2, the sizes CNG's
 *   DSA provider supports).
 * EC keys need no check here: OpenSSL refuses fields over 661 bits, and EdDSA keys have fixed sizes.
 */
export const KEY_SIZE_BOUNDS = Object.freeze({ rsaExponentBits: 32, rsaModulusBits: 16_384, dsaPBits: 3_072, dsaQBits: [160, 224, 256] as readonly number[] });

const keyRefusals = new WeakMap<CertificateInfo, string | null>();

/**
 * Why the public key of `issuer` is refused before any verification (see {@link KEY_SIZE_BOUNDS}),
 * or null when its size is fine. Unreadable keys are left to node:crypto (which refuses them).
 * `parametersFrom` supplies inherited DSA parameters.
 */
export function keyRefusal(issuer: CertificateInfo, parametersFrom?: CertificateInfo): string | null {
  const own = keyRefusals.get(issuer);
  if (own !== undefined) return own;
  let refusal: string | null = null;
  let inheritsParameters = false;
  try {
    const [algId, keyBits] = sequence(readWhole(certificateInternals(issuer).spkiDer, ctx), 'SubjectPublicKeyInfo', ctx);
    const [algOid, params] = sequence(algId, 'algorithm', ctx);
    const algorithm = oid(algOid, 'algorithm', ctx);
    if (algorithm === Oid.rsaEncryption || algorithm === Oid.rsassaPss) {
      const [n, e] = sequence(readWhole(bitString(keyBits, 'subjectPublicKey', ctx).bytes, ctx), 'RSAPublicKey', ctx);
      const nBits = bitLength(unsignedIntBytes(n, 'modulus', ctx));
      const eBits = bitLength(unsignedIntBytes(e, 'exponent', ctx));
      if (eBits > KEY_SIZE_BOUNDS.rsaExponentBits) refusal = `the issuer's RSA public exponent has ${eBits.toLocaleString('en-US')} bits; CryptoAPI's RSA public-key blob holds a 32-bit exponent, so Windows cannot use this key (supcert does not verify with it)`;
      else if (nBits > KEY_SIZE_BOUNDS.rsaModulusBits) refusal = `the issuer's RSA modulus has ${nBits.toLocaleString('en-US')} bits; Windows (CNG) and OpenSSL support at most 16,384 bits`;
    } else if (algorithm === Oid.dsa) {
      let dsaParams = params;
      if (!dsaParams && parametersFrom) {
        inheritsParameters = true;
        const [inheritedAlgId] = sequence(readWhole(certificateInternals(parametersFrom).spkiDer, ctx), 'SubjectPublicKeyInfo', ctx);
        dsaParams = sequence(inheritedAlgId, 'algorithm', ctx)[1];
      }
      if (dsaParams && dsaParams.tag === Tag.Sequence) {
        const [p, q] = sequence(dsaParams, 'DSA parameters', ctx);
        const pBits = bitLength(unsignedIntBytes(p, 'DSA p', ctx));
        const qBits = bitLength(unsignedIntBytes(q, 'DSA q', ctx));
        if (pBits > KEY_SIZE_BOUNDS.dsaPBits || !KEY_SIZE_BOUNDS.dsaQBits.includes(qBits)) refusal = `the issuer's DSA parameters have a ${pBits.toLocaleString('en-US')}-bit p and a ${qBits.toLocaleString('en-US')}-bit q; Windows supports p up to 3,072 bits with q of 160, 224 or 256 bits`;
      }
    }
  } catch {
    refusal = null; // unreadable: node:crypto refuses it and the link is reported as unsupported
  }
  if (!inheritsParameters) keyRefusals.set(issuer, refusal);
  return refusal;
}

/** RSASSA-PSS parameters: hash, MGF1 hash and salt length (RFC 4055 defaults: SHA-1, SHA-1, 20). */
function pssParameters(algDer: Uint8Array): { hash: string; mgfHash: string; saltLength: number } {
  const out = { hash: 'sha1', mgfHash: 'sha1', saltLength: 20 };
  const params = sequence(readWhole(algDer, ctx), 'algorithm', ctx)[1];
  if (!params || params.tag !== Tag.Sequence) return out;
  for (const field of children(params, ctx)) {
    if (field.cls !== TagClass.Context) continue;
    const inner = explicit(field, 'PSS parameter', ctx);
    if (field.tag === 0) out.hash = HASH_ALGORITHMS[oid(sequence(inner, 'hash', ctx)[0], 'hash', ctx)] ?? 'unknown';
    if (field.tag === 1) {
      const [, mgfParams] = sequence(inner, 'MGF', ctx);
      out.mgfHash = HASH_ALGORITHMS[oid(sequence(mgfParams, 'MGF hash', ctx)[0], 'MGF hash', ctx)] ?? 'unknown';
    }
    if (field.tag === 2) out.saltLength = smallInt(inner, 'salt length', ctx);
  }
  return out;
}

/** Verifies `cert`'s signature with `issuer`'s public key (node:crypto). */
export function checkSignature(cert: CertificateInfo, issuer: CertificateInfo, parametersFrom?: CertificateInfo): SignatureCheck {
  return checkSignedData(certificateInternals(cert), issuer, parametersFrom);
}

/** The parts of any signed structure (certificate, CRL, OCSP response): what was signed, how, and the signature. */
export interface SignedParts {
  tbs: Uint8Array;
  signatureAlgorithmOid: string;
  signatureAlgorithmDer: Uint8Array;
  signature: Uint8Array;
}

/** Verifies a signed structure with `issuer`'s public key (node:crypto); checkSignature for certificates. */
export function checkSignedData(inner: SignedParts, issuer: CertificateInfo, parametersFrom?: CertificateInfo): SignatureCheck {
  const refusal = keyRefusal(issuer, parametersFrom);
  if (refusal) return { unsupported: refusal };
  const key = publicKeyOf(issuer, parametersFrom);
  if (!key) return { unsupported: `the issuer's ${quoteValue(issuer.publicKey.algorithm, 64)} public key cannot be loaded` };
  const algorithm = inner.signatureAlgorithmOid;
  const tbs = asBuffer(inner.tbs);
  const signature = asBuffer(inner.signature);
  try {
    if (algorithm === Oid.rsassaPss) {
      const pss = pssParameters(inner.signatureAlgorithmDer);
      if (pss.hash !== pss.mgfHash) return { unsupported: `RSASSA-PSS with ${quoteValue(pss.hash, 64)} and MGF1-${quoteValue(pss.mgfHash, 64)}` };
      return verify(pss.hash, tbs, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: pss.saltLength }, signature) ? 'valid' : 'invalid';
    }
    if (algorithm === Oid.ed25519 || algorithm === Oid.ed448) return verify(null, tbs, key, signature) ? 'valid' : 'invalid';
    const known = SIGNATURE_ALGORITHMS[algorithm];
    if (!known?.hash) return { unsupported: `signature algorithm ${known?.name ?? quoteValue(algorithm, 64)}` };
    if (known.hash === 'md2' || known.hash === 'md4') return { unsupported: `${known.name} (no implementation in OpenSSL 3)` };
    const options = key.asymmetricKeyType === 'rsa' ? { key, padding: constants.RSA_PKCS1_PADDING } : key;
    return verify(known.hash, tbs, options, signature) ? 'valid' : 'invalid';
  } catch {
    // OpenSSL refuses to compute, e.g. a signature whose algorithm does not fit the key.
    return 'invalid';
  }
}
