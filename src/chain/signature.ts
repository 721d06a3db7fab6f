import { port } from '#port';
import {
  type BerContext,
  Tag,
  TagClass,
  bitString,
  children,
  derTlv,
  encoded,
  explicit,
  oid,
  readWhole,
  sequence,
  smallInt,
  unsignedIntBytes,
} from '../asn1/ber.js';
import { HASH_ALGORITHMS, NAMED_CURVES, Oid, SIGNATURE_ALGORITHMS } from '../asn1/oids.js';
import { type PublicKeyHandle, type VerifyParams, verifyNow } from '../port/signatures.js';
import { concatBytes } from '../util/bytes.js';
import { quoteValue } from '../util/quote.js';
import type { CertificateInfo } from '../x509/CertificateInfo.js';
import { certificateInternals } from '../x509/parseCertificate.js';
import { bitLength } from '../x509/publicKey.js';
import { item } from '../util/item.js';

const ctx: BerContext = { maxDepth: 32, what: 'signature' };
const keys = new WeakMap<CertificateInfo, PublicKeyHandle | null>();

/**
 * The issuer's public key, loaded by the runtime port (cached). A DSA key may omit its domain
 * parameters and inherit them from its own issuer (RFC 3279 §2.3.2): `parametersFrom` supplies them.
 */
export function publicKeyOf(
  cert: CertificateInfo,
  parametersFrom?: CertificateInfo,
): PublicKeyHandle | null {
  if (keys.has(cert)) return keys.get(cert)!;
  let spki = certificateInternals(cert).spkiDer;
  let key: PublicKeyHandle | null;
  try {
    const [algId, bits] = sequence(readWhole(spki, ctx), 'SubjectPublicKeyInfo', ctx);
    const [algOid, params] = sequence(algId, 'algorithm', ctx);
    if (oid(algOid, 'algorithm', ctx) === Oid.dsa && !params && parametersFrom) {
      const [inheritedAlgId] = sequence(
        readWhole(certificateInternals(parametersFrom).spkiDer, ctx),
        'SubjectPublicKeyInfo',
        ctx,
      );
      const inheritedParams = item(sequence(inheritedAlgId, 'algorithm', ctx), 1);
      if (inheritedParams)
        spki = derTlv(
          0x30,
          concatBytes(
            derTlv(0x30, concatBytes(encoded(algOid!), encoded(inheritedParams))),
            encoded(bits!),
          ),
        );
      const inherited = port.importPublicKey(spki); // not cached: it depends on the path
      if (!inherited) throw new Error('the key cannot be loaded'); // cached as null, below
      return inherited;
    }
    key = port.importPublicKey(spki);
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
export const KEY_SIZE_BOUNDS = Object.freeze({
  rsaExponentBits: 32,
  rsaModulusBits: 16_384,
  dsaPBits: 3_072,
  dsaQBits: [160, 224, 256] as readonly number[],
});

/**
 * What one verification with a public key costs, in signature-check units (`limits.maxSignatureChecks`).
 * One unit is one verification with a key of the usual sizes: P-256, Ed25519, or RSA up to 4,096
 * bits with e = 65537 (46, 66 and 52 µs of CPU here). Bigger keys cost more:
 * - RSA: (modulus bits / 4,096)² × (modular multiplications of the exponent / 17, those of
 *   65537), at least 1: the public operation is a square-and-multiply over the exponent's bits,
 *   each step quadratic in the modulus. A 16,384-bit modulus with e = 2^32 − 1 costs 58.
 * - DSA: (p bits / 2,048)² × (q bits / 48): two exponentiations with q-bit exponents modulo p.
 * - EC: by curve, {@link CURVE_UNITS}; a curve not in the table (explicit parameters) costs as much as the dearest.
 * Measured on the project's 2-core AMD EPYC VM, Node 20 (OpenSSL 3), 2026-11-30:
 * `process.cpuUsage()` over 200 warm `crypto.verify` calls, µs per verification: RSA-2048 18,
 * RSA-4096 52, RSA-8192 192, RSA-16384 734 (e = 2^32 − 1: 1,807); P-256 46, P-384 436, P-521 969,
 * secp256k1 242, brainpoolP256r1/P384r1/P512r1 231/464/694, P-192 144, P-224 200; Ed25519 66,
 * Ed448 185; DSA 1024/160 52, 2048/224 223, 2048/256 252, 3072/256 541. The formulas and table
 * are those ratios to P-256 (rounded; the RSA formula over-counts big exponents, never under).
 */
export const CURVE_UNITS: Readonly<Record<string, number>> = Object.freeze({
  'P-256': 1,
  'P-384': 10,
  'P-521': 21,
  secp256k1: 6,
  'P-192': 3,
  'P-224': 4,
  brainpoolP256r1: 5,
  brainpoolP384r1: 10,
  brainpoolP512r1: 15,
  Ed25519: 1,
  Ed448: 4,
});
const DEAREST_CURVE = Object.values(CURVE_UNITS).reduce((a, b) => Math.max(a, b), 0);

interface KeyFacts {
  refusal: string | null;
  units: number;
}
const keyFacts = new WeakMap<CertificateInfo, KeyFacts>();

/** Modular multiplications of a square-and-multiply exponentiation by the big-endian `e`. */
function multiplications(e: Uint8Array): number {
  let ones = 0;
  for (const byte of e) for (let b = byte; b; b &= b - 1) ones++;
  return Math.max(1, bitLength(e) - 1 + ones - 1);
}

/** Size refusal (see {@link KEY_SIZE_BOUNDS}) and verification cost of `issuer`'s key, read from its SPKI. */
function factsOf(issuer: CertificateInfo, parametersFrom?: CertificateInfo): KeyFacts {
  const own = keyFacts.get(issuer);
  if (own !== undefined) return own;
  let facts: KeyFacts = { refusal: null, units: 1 };
  let inheritsParameters = false;
  try {
    const [algId, keyBits] = sequence(
      readWhole(certificateInternals(issuer).spkiDer, ctx),
      'SubjectPublicKeyInfo',
      ctx,
    );
    const [algOid, params] = sequence(algId, 'algorithm', ctx);
    const algorithm = oid(algOid, 'algorithm', ctx);
    if (algorithm === Oid.rsaEncryption || algorithm === Oid.rsassaPss) {
      const [n, e] = sequence(
        readWhole(bitString(keyBits, 'subjectPublicKey', ctx).bytes, ctx),
        'RSAPublicKey',
        ctx,
      );
      const exponent = unsignedIntBytes(e, 'exponent', ctx);
      const nBits = bitLength(unsignedIntBytes(n, 'modulus', ctx));
      const eBits = bitLength(exponent);
      if (eBits > KEY_SIZE_BOUNDS.rsaExponentBits)
        facts.refusal = `the issuer's RSA public exponent has ${eBits.toLocaleString('en-US')} bits; CryptoAPI's RSA public-key blob holds a 32-bit exponent, so Windows cannot use this key (supcert does not verify with it)`;
      else if (nBits > KEY_SIZE_BOUNDS.rsaModulusBits)
        facts.refusal = `the issuer's RSA modulus has ${nBits.toLocaleString('en-US')} bits; Windows (CNG) and OpenSSL support at most 16,384 bits`;
      else
        facts.units = Math.max(
          1,
          Math.round((nBits / 4096) ** 2 * Math.max(1, multiplications(exponent) / 17)),
        );
    } else if (algorithm === Oid.dsa) {
      let dsaParams = params;
      if (!dsaParams && parametersFrom) {
        inheritsParameters = true;
        const [inheritedAlgId] = sequence(
          readWhole(certificateInternals(parametersFrom).spkiDer, ctx),
          'SubjectPublicKeyInfo',
          ctx,
        );
        dsaParams = item(sequence(inheritedAlgId, 'algorithm', ctx), 1);
      }
      if (dsaParams && dsaParams.tag === Tag.Sequence) {
        const [p, q] = sequence(dsaParams, 'DSA parameters', ctx);
        const pBits = bitLength(unsignedIntBytes(p, 'DSA p', ctx));
        const qBits = bitLength(unsignedIntBytes(q, 'DSA q', ctx));
        if (pBits > KEY_SIZE_BOUNDS.dsaPBits || !KEY_SIZE_BOUNDS.dsaQBits.includes(qBits))
          facts.refusal = `the issuer's DSA parameters have a ${pBits.toLocaleString('en-US')}-bit p and a ${qBits.toLocaleString('en-US')}-bit q; Windows supports p up to 3,072 bits with q of 160, 224 or 256 bits`;
        else facts.units = Math.max(1, Math.round((pBits / 2048) ** 2 * (qBits / 48)));
      }
    } else if (algorithm === Oid.ecPublicKey) {
      const curve =
        params && params.cls === TagClass.Universal && params.tag === Tag.Oid
          ? NAMED_CURVES[oid(params, 'curve', ctx)]?.[0]
          : undefined;
      facts.units = (curve !== undefined ? CURVE_UNITS[curve] : undefined) ?? DEAREST_CURVE;
    } else if (algorithm === Oid.ed25519) facts.units = CURVE_UNITS.Ed25519!;
    else if (algorithm === Oid.ed448) facts.units = CURVE_UNITS.Ed448!;
  } catch {
    facts = { refusal: null, units: 1 }; // unreadable: node:crypto refuses it and the link is reported as unsupported
  }
  if (!inheritsParameters) keyFacts.set(issuer, facts);
  return facts;
}

/**
 * Why the public key of `issuer` is refused before any verification (see {@link KEY_SIZE_BOUNDS}),
 * or null when its size is fine. Unreadable keys are left to node:crypto (which refuses them).
 * `parametersFrom` supplies inherited DSA parameters.
 */
export function keyRefusal(
  issuer: CertificateInfo,
  parametersFrom?: CertificateInfo,
): string | null {
  return factsOf(issuer, parametersFrom).refusal;
}

/**
 * Signature-check units of one verification with `issuer`'s key (see {@link CURVE_UNITS} for the
 * unit and the measurements): 1 for P-256, Ed25519 and RSA up to 4,096 bits; 58 for a
 * 16,384-bit RSA modulus with a 32-bit exponent. Cached per certificate.
 */
export function verificationUnits(
  issuer: CertificateInfo,
  parametersFrom?: CertificateInfo,
): number {
  return factsOf(issuer, parametersFrom).units;
}

/**
 * RSASSA-PSS parameters of an AlgorithmIdentifier (its DER): hash, MGF1 hash and salt length
 * (RFC 4055 §3.1 defaults: SHA-1, SHA-1, 20). An unknown hash is 'unknown'.
 * @throws SupCertError MALFORMED when the parameters are not well-formed.
 */
export function pssParameters(algDer: Uint8Array): {
  hash: string;
  mgfHash: string;
  saltLength: number;
} {
  const out = { hash: 'sha1', mgfHash: 'sha1', saltLength: 20 };
  // RSASSA-PSS-params has four fields, and each of its AlgorithmIdentifiers two: a wider element is not PSS.
  const ctx: BerContext = { maxDepth: 32, what: 'signature', maxChildren: 4 };
  const params = item(sequence(readWhole(algDer, ctx), 'algorithm', ctx), 1);
  if (!params || params.tag !== Tag.Sequence) return out;
  for (const field of children(params, ctx)) {
    if (field.cls !== TagClass.Context) continue;
    const inner = explicit(field, 'PSS parameter', ctx);
    if (field.tag === 0)
      out.hash =
        HASH_ALGORITHMS[oid(item(sequence(inner, 'hash', ctx), 0), 'hash', ctx)] ?? 'unknown';
    if (field.tag === 1) {
      const [, mgfParams] = sequence(inner, 'MGF', ctx);
      out.mgfHash =
        HASH_ALGORITHMS[oid(item(sequence(mgfParams, 'MGF hash', ctx), 0), 'MGF hash', ctx)] ??
        'unknown';
    }
    if (field.tag === 2) out.saltLength = smallInt(inner, 'salt length', ctx);
  }
  return out;
}

const pssCache = new WeakMap<object, ReturnType<typeof pssParameters> | Error>();

/**
 * The PSS parameters of `cert`'s signature, read once per certificate: the outer
 * signatureAlgorithm is not part of what a signature check is charged for (the signed part), so
 * re-reading it for each of 2,000 candidate issuers would multiply its size.
 */
function pssOf(cert: object, algDer: Uint8Array): ReturnType<typeof pssParameters> {
  let known = pssCache.get(cert);
  if (known === undefined) {
    try {
      known = pssParameters(algDer);
    } catch (error) {
      known = error as Error;
    }
    pssCache.set(cert, known);
  }
  if (known instanceof Error) throw known;
  return known;
}

/**
 * The key types (node:crypto's names) a signature algorithm is computed with: RSA PKCS#1 v1.5
 * with an RSA key, RSASSA-PSS with an RSA or id-RSASSA-PSS key, ECDSA with an EC key, DSA with a
 * DSA key, EdDSA with its own key. A signature whose algorithm does not fit the issuer's key is
 * invalid, as CryptoAPI, which takes the algorithm from the signature's identifier, finds it:
 * node:crypto would verify ECDSA or RSA with its default digest when Ed25519 is named, and
 * WebCrypto an Ed25519 signature whatever the name.
 */
function keyTypesFor(algorithm: string): readonly string[] | undefined {
  if (algorithm === Oid.rsassaPss) return ['rsa', 'rsa-pss'];
  if (algorithm === Oid.ed25519) return ['ed25519'];
  if (algorithm === Oid.ed448) return ['ed448'];
  const name = SIGNATURE_ALGORITHMS[algorithm]?.name ?? '';
  if (/RSA/i.test(name)) return ['rsa'];
  if (name.startsWith('ecdsa-')) return ['ec'];
  if (/^dsa/i.test(name)) return ['dsa'];
  return undefined;
}

type PssParameters = ReturnType<typeof pssParameters>;
const pssRestrictions = new WeakMap<CertificateInfo, PssParameters | null>();

/**
 * What an id-RSASSA-PSS key's own parameters allow (RFC 4055 §3.1: the key is used only with that
 * hash and MGF, and at least that much salt), null when the key has none. OpenSSL enforces them;
 * a browser, which imports the bare modulus and exponent, would not.
 * @throws SupCertError MALFORMED when the parameters are not well-formed.
 */
function pssRestrictionOf(issuer: CertificateInfo): PssParameters | null {
  let known = pssRestrictions.get(issuer);
  if (known === undefined) {
    const [algId] = sequence(
      readWhole(certificateInternals(issuer).spkiDer, ctx),
      'SubjectPublicKeyInfo',
      ctx,
    );
    const params = item(sequence(algId, 'algorithm', ctx), 1);
    known = params && params.tag === Tag.Sequence ? pssParameters(encoded(algId!)) : null;
    pssRestrictions.set(issuer, known);
  }
  return known;
}

/** Verifies `cert`'s signature with `issuer`'s public key (the runtime port; src/port/signatures.ts). */
export function checkSignature(
  cert: CertificateInfo,
  issuer: CertificateInfo,
  parametersFrom?: CertificateInfo,
): SignatureCheck {
  return checkSignedData(certificateInternals(cert), issuer, parametersFrom);
}

/** The parts of any signed structure (certificate, CRL, OCSP response): what was signed, how, and the signature. */
export interface SignedParts {
  tbs: Uint8Array;
  signatureAlgorithmOid: string;
  signatureAlgorithmDer: Uint8Array;
  signature: Uint8Array;
}

/**
 * Verifies a signed structure with `issuer`'s public key (the runtime port); checkSignature for
 * certificates. In a browser, call it inside runWithSignatures (src/port/signatures.ts): outside,
 * a signature not verified before is `{ unsupported }`.
 */
export function checkSignedData(
  inner: SignedParts,
  issuer: CertificateInfo,
  parametersFrom?: CertificateInfo,
): SignatureCheck {
  const refusal = keyRefusal(issuer, parametersFrom);
  if (refusal) return { unsupported: refusal };
  const key = publicKeyOf(issuer, parametersFrom);
  if (!key)
    return {
      unsupported: `the issuer's ${quoteValue(issuer.publicKey.algorithm, 64)} public key cannot be loaded`,
    };
  const algorithm = inner.signatureAlgorithmOid;
  const tbs = inner.tbs;
  const signature = inner.signature;
  const check = (params: VerifyParams): SignatureCheck => {
    const outcome = verifyNow(key, params, tbs, signature);
    return outcome === true ? 'valid' : outcome === false ? 'invalid' : outcome;
  };
  try {
    const keyTypes = keyTypesFor(algorithm);
    if (
      keyTypes &&
      key.asymmetricKeyType !== undefined &&
      !keyTypes.includes(key.asymmetricKeyType)
    )
      return 'invalid';
    if (algorithm === Oid.rsassaPss) {
      const pss = pssOf(inner, inner.signatureAlgorithmDer);
      if (pss.hash !== pss.mgfHash)
        return {
          unsupported: `RSASSA-PSS with ${quoteValue(pss.hash, 64)} and MGF1-${quoteValue(pss.mgfHash, 64)}`,
        };
      const allowed = key.asymmetricKeyType === 'rsa-pss' ? pssRestrictionOf(issuer) : null;
      if (
        allowed &&
        (allowed.hash !== pss.hash ||
          allowed.mgfHash !== pss.mgfHash ||
          pss.saltLength < allowed.saltLength)
      )
        return 'invalid';
      return check({ hash: pss.hash, padding: 'pss', saltLength: pss.saltLength });
    }
    if (algorithm === Oid.ed25519 || algorithm === Oid.ed448) return check({ hash: null });
    const known = SIGNATURE_ALGORITHMS[algorithm];
    if (!known?.hash)
      return { unsupported: `signature algorithm ${known?.name ?? quoteValue(algorithm, 64)}` };
    if (known.hash === 'md2' || known.hash === 'md4')
      return { unsupported: `${known.name} (no implementation in OpenSSL 3)` };
    return check(
      key.asymmetricKeyType === 'rsa'
        ? { hash: known.hash, padding: 'pkcs1' }
        : { hash: known.hash },
    );
  } catch {
    // The runtime refuses to compute, e.g. a signature whose algorithm does not fit the key.
    return 'invalid';
  }
}
