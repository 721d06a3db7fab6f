import {
  type Asn1Node,
  type BerContext,
  Tag,
  TagClass,
  bitString,
  content,
  oid,
  readWhole,
  sequence,
  unsignedIntBytes,
} from '../asn1/ber.js';
import { CURVE_BY_PRIME, NAMED_CURVES, Oid } from '../asn1/oids.js';
import { toHex } from '../util/bytes.js';
import type { PublicKeySummary } from './CertificateInfo.js';
import { item } from '../util/item.js';

/** Bit length of an unsigned big-endian integer. */
export function bitLength(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length && bytes[i] === 0) i++;
  if (i === bytes.length) return 0;
  return (bytes.length - i - 1) * 8 + (32 - Math.clz32(bytes[i]!));
}

/** Summarises a SubjectPublicKeyInfo: algorithm, size, curve. Never throws for unknown algorithms. */
export function summarisePublicKey(spki: Asn1Node, ctx: BerContext): PublicKeySummary {
  const [algId, keyBits] = sequence(spki, 'subjectPublicKeyInfo', ctx);
  const [algOid, params] = sequence(algId, 'subjectPublicKeyInfo algorithm', ctx);
  const algorithm = oid(algOid, 'public key algorithm', ctx);
  const key = bitString(keyBits, 'subjectPublicKey', ctx).bytes;
  switch (algorithm) {
    case Oid.rsaEncryption:
    case Oid.rsassaPss: {
      const inner = { ...ctx, what: `${ctx.what} RSA public key` };
      const [modulus] = sequence(readWhole(key, inner), 'RSAPublicKey', inner);
      return {
        algorithm: algorithm === Oid.rsaEncryption ? 'rsa' : 'rsa-pss',
        bits: bitLength(unsignedIntBytes(modulus, 'modulus', inner)),
      };
    }
    case Oid.ecPublicKey:
      return { algorithm: 'ec', ...ecCurve(params, ctx) };
    case Oid.ed25519:
      return { algorithm: 'ed25519', bits: 256 };
    case Oid.ed448:
      return { algorithm: 'ed448', bits: 456 };
    case Oid.dsa: {
      if (!params || params.cls !== TagClass.Universal || params.tag !== Tag.Sequence)
        return { algorithm: 'dsa' };
      const [p] = sequence(params, 'DSA parameters', ctx);
      return { algorithm: 'dsa', bits: bitLength(unsignedIntBytes(p, 'DSA p', ctx)) };
    }
    default:
      return { algorithm };
  }
}

function ecCurve(
  params: Asn1Node | undefined,
  ctx: BerContext,
): { curve: string; bits?: number; explicitParameters?: boolean } {
  if (params?.cls === TagClass.Universal && params.tag === Tag.Oid) {
    const curveOid = oid(params, 'EC curve', ctx);
    const known = NAMED_CURVES[curveOid];
    return known ? { curve: known[0], bits: known[1] } : { curve: curveOid };
  }
  if (params?.cls === TagClass.Universal && params.tag === Tag.Sequence) {
    // Explicit parameters (RFC 3279 ECParameters): name the curve by its field prime if it is a NIST one.
    const [, fieldId] = sequence(params, 'EC explicit parameters', ctx);
    const [, prime] = sequence(fieldId, 'EC fieldID', ctx);
    const hex = prime && prime.tag === Tag.Integer ? toHex(content(prime)).replace(/^00/, '') : '';
    const known = CURVE_BY_PRIME[hex];
    return known
      ? { curve: known[0], bits: known[1], explicitParameters: true }
      : { curve: 'explicit', explicitParameters: true };
  }
  return { curve: 'implicit' };
}

/**
 * A comparable identity of a public key, read from its SubjectPublicKeyInfo without OpenSSL:
 * "rsa:<n>:<e>" for RSA, "ec:<point>" for EC, "raw:<key>" otherwise (hex). Used to match private
 * keys to certificates; OpenSSL's key import costs ~0.5 ms a key, this costs microseconds.
 */
export function publicKeyIdFromSpki(spkiDer: Uint8Array): string | null {
  const ctx: BerContext = { maxDepth: 16, what: 'public key' };
  try {
    const [algId, keyBits] = sequence(readWhole(spkiDer, ctx), 'subjectPublicKeyInfo', ctx);
    const algorithm = oid(item(sequence(algId, 'algorithm', ctx), 0), 'algorithm', ctx);
    const key = bitString(keyBits, 'subjectPublicKey', ctx).bytes;
    if (algorithm === Oid.rsaEncryption || algorithm === Oid.rsassaPss) {
      const [n, e] = sequence(readWhole(key, ctx), 'RSAPublicKey', ctx);
      return rsaKeyId(unsignedIntBytes(n, 'modulus', ctx), unsignedIntBytes(e, 'exponent', ctx));
    }
    if (algorithm === Oid.ecPublicKey) return `ec:${toHex(key)}`;
    return `raw:${algorithm}:${toHex(key)}`;
  } catch {
    return null;
  }
}

export function rsaKeyId(modulus: Uint8Array, exponent: Uint8Array): string {
  return `rsa:${toHex(modulus)}:${toHex(exponent)}`;
}
