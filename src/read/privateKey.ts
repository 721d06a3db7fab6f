import { createPrivateKey, createPublicKey } from 'node:crypto';
import {
  type Asn1Node, type BerContext, Tag, TagClass,
  bitString, children, content, is, oid, readWhole, sequence, unsignedIntBytes,
} from '../asn1/ber.js';
import { NAMED_CURVES, Oid } from '../asn1/oids.js';
import { SupCertError } from '../errors.js';
import { asBuffer } from '../util/bytes.js';
import type { CertificateInfo } from '../x509/CertificateInfo.js';
import { certificateInternals } from '../x509/parseCertificate.js';
import { bitLength, publicKeyIdFromSpki, rsaKeyId } from '../x509/publicKey.js';

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

const KEY_ALGORITHMS: Record<string, string> = {
  [Oid.rsaEncryption]: 'rsa', [Oid.rsassaPss]: 'rsa-pss', [Oid.ecPublicKey]: 'ec', [Oid.dsa]: 'dsa',
  [Oid.ed25519]: 'ed25519', [Oid.ed448]: 'ed448', [Oid.x25519]: 'x25519', [Oid.x448]: 'x448',
};

const OPENSSL_CURVES: Record<string, string> = { prime256v1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521' };

export interface LoadedKey {
  info: Omit<KeyInfo, 'certificateIndex' | 'source'>;
  /** Identity of the public half (see publicKeyIdFromSpki); null when it cannot be known. */
  publicKeyId: string | null;
}

/**
 * Describes a private key (PKCS#8 PrivateKeyInfo, PKCS#1 RSAPrivateKey or SEC1 ECPrivateKey)
 * and finds the identity of its public half, for matching with certificates. RSA and EC keys
 * (all that Windows and OpenSSL export) are read directly: both formats carry the public key.
 * Others go through node:crypto. No key material leaves this function.
 */
export function loadPrivateKey(der: Uint8Array, type: 'pkcs8' | 'pkcs1' | 'sec1', what: string): LoadedKey {
  const ctx: BerContext = { maxDepth: 16, what };
  try {
    if (type === 'pkcs1') return describeRsa(readWhole(der, ctx), 'rsa', ctx);
    if (type === 'sec1') return describeEc(readWhole(der, ctx), undefined, ctx) ?? viaNode(der, 'sec1', what);
    const [, algId, keyNode] = sequence(readWhole(der, ctx), 'PrivateKeyInfo', ctx);
    const [algOid, params] = sequence(algId, 'private key algorithm', ctx);
    const algorithm = oid(algOid, 'private key algorithm', ctx);
    const inner = content(keyNode!);
    if (algorithm === Oid.rsaEncryption || algorithm === Oid.rsassaPss) {
      return describeRsa(readWhole(inner, ctx), KEY_ALGORITHMS[algorithm]!, ctx);
    }
    if (algorithm === Oid.ecPublicKey) return describeEc(readWhole(inner, ctx), params, ctx) ?? viaNode(der, 'pkcs8', what);
    return viaNode(der, 'pkcs8', what, KEY_ALGORITHMS[algorithm] ?? algorithm);
  } catch (error) {
    if (error instanceof SupCertError && error.code !== 'MALFORMED') throw error;
    throw new SupCertError('MALFORMED', `${what}: the private key could not be decoded; the file is corrupted.`);
  }
}

/** RSAPrivateKey ::= SEQUENCE { version, modulus, publicExponent, ... } */
function describeRsa(node: Asn1Node, algorithm: string, ctx: BerContext): LoadedKey {
  const [, n, e] = sequence(node, 'RSAPrivateKey', ctx);
  const modulus = unsignedIntBytes(n, 'modulus', ctx);
  return { info: { algorithm, bits: bitLength(modulus) }, publicKeyId: rsaKeyId(modulus, unsignedIntBytes(e, 'publicExponent', ctx)) };
}

/** ECPrivateKey ::= SEQUENCE { version, privateKey, [0] parameters OPTIONAL, [1] publicKey OPTIONAL } */
function describeEc(node: Asn1Node, algParams: Asn1Node | undefined, ctx: BerContext): LoadedKey | null {
  const fields = sequence(node, 'ECPrivateKey', ctx);
  const tagged = (tag: number): Asn1Node | undefined => fields.find((f) => f.cls === TagClass.Context && f.tag === tag);
  const paramsField = tagged(0);
  const curveNode = is(algParams, TagClass.Universal, Tag.Oid) ? algParams : paramsField ? children(paramsField, ctx)[0] : undefined;
  const curveOid = is(curveNode, TagClass.Universal, Tag.Oid) ? oid(curveNode, 'EC curve', ctx) : undefined;
  const known = curveOid ? NAMED_CURVES[curveOid] : undefined;
  const publicField = tagged(1);
  if (!publicField) return null; // no public point stored: node:crypto computes it
  const point = bitString(children(publicField, ctx)[0], 'EC public key', ctx).bytes;
  const info: LoadedKey['info'] = { algorithm: 'ec' };
  if (known) { info.curve = known[0]; info.bits = known[1]; } else if (curveOid) info.curve = curveOid;
  return { info, publicKeyId: `ec:${Buffer.from(point).toString('hex')}` };
}

function viaNode(der: Uint8Array, type: 'pkcs8' | 'sec1', what: string, declared?: string): LoadedKey {
  try {
    const key = createPrivateKey({ key: asBuffer(der), format: 'der', type });
    const details = key.asymmetricKeyDetails ?? {};
    const info: LoadedKey['info'] = { algorithm: key.asymmetricKeyType ?? declared ?? 'unknown' };
    if (details.modulusLength) info.bits = details.modulusLength;
    if (details.namedCurve) info.curve = OPENSSL_CURVES[details.namedCurve] ?? details.namedCurve;
    return { info, publicKeyId: publicKeyIdFromSpki(createPublicKey(key).export({ type: 'spki', format: 'der' })) };
  } catch {
    // A well-formed key of an algorithm Node cannot load (GOST, SM2 ...): describe it, do not fail.
    if (declared && !Object.values(KEY_ALGORITHMS).includes(declared)) return { info: { algorithm: declared }, publicKeyId: null };
    throw new SupCertError('MALFORMED', `${what}: the private key could not be decoded; the file is corrupted.`);
  }
}

/**
 * Index of the certificate whose public key equals the key's; when several do (a CA listed
 * twice), the one whose localKeyId matches wins, else the first.
 */
export function matchKeysToCertificates(
  keys: Array<{ publicKeyId: string | null; localKeyId?: string }>,
  certificates: Array<{ info: CertificateInfo; localKeyId?: string }>,
): Array<number | null> {
  if (keys.length === 0) return [];
  const ids = certificates.map((c) => publicKeyIdFromSpki(certificateInternals(c.info).spkiDer));
  return keys.map((key) => {
    if (!key.publicKeyId) return null;
    const candidates = ids.flatMap((id, i) => (id === key.publicKeyId ? [i] : []));
    if (candidates.length === 0) return null;
    return candidates.find((i) => key.localKeyId !== undefined && certificates[i]!.localKeyId === key.localKeyId) ?? candidates[0]!;
  });
}
