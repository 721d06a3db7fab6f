import { type KeyObject, constants, createPublicKey, verify } from 'node:crypto';
import { type BerContext, Tag, TagClass, children, encoded, explicit, oid, readWhole, sequence, smallInt } from '../asn1/ber.js';
import { HASH_ALGORITHMS, Oid, SIGNATURE_ALGORITHMS } from '../asn1/oids.js';
import { asBuffer } from '../util/bytes.js';
import type { CertificateInfo } from '../x509/CertificateInfo.js';
import { certificateInternals } from '../x509/parseCertificate.js';

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
  const inner = certificateInternals(cert);
  const key = publicKeyOf(issuer, parametersFrom);
  if (!key) return { unsupported: `the issuer's ${issuer.publicKey.algorithm} public key cannot be loaded` };
  const algorithm = inner.signatureAlgorithmOid;
  const tbs = asBuffer(inner.tbs);
  const signature = asBuffer(inner.signature);
  try {
    if (algorithm === Oid.rsassaPss) {
      const pss = pssParameters(inner.signatureAlgorithmDer);
      if (pss.hash !== pss.mgfHash) return { unsupported: `RSASSA-PSS with ${pss.hash} and MGF1-${pss.mgfHash}` };
      return verify(pss.hash, tbs, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: pss.saltLength }, signature) ? 'valid' : 'invalid';
    }
    if (algorithm === Oid.ed25519 || algorithm === Oid.ed448) return verify(null, tbs, key, signature) ? 'valid' : 'invalid';
    const known = SIGNATURE_ALGORITHMS[algorithm];
    if (!known?.hash) return { unsupported: `signature algorithm ${known?.name ?? algorithm}` };
    if (known.hash === 'md2' || known.hash === 'md4') return { unsupported: `${known.name} (no implementation in OpenSSL 3)` };
    const options = key.asymmetricKeyType === 'rsa' ? { key, padding: constants.RSA_PKCS1_PADDING } : key;
    return verify(known.hash, tbs, options, signature) ? 'valid' : 'invalid';
  } catch {
    // OpenSSL refuses to compute, e.g. a signature whose algorithm does not fit the key.
    return 'invalid';
  }
}
