import { type KeyObject, createPrivateKey, createPublicKey } from 'node:crypto';
import { type BerContext, oid, readNode, sequence } from '../asn1/ber.js';
import { Oid } from '../asn1/oids.js';
import { SupCertError } from '../errors.js';
import { asBuffer } from '../util/bytes.js';
import type { CertificateInfo } from '../x509/CertificateInfo.js';
import { certificateInternals } from '../x509/parseCertificate.js';

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

const CURVE_NAMES: Record<string, string> = { prime256v1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521', secp256k1: 'secp256k1', prime192v1: 'P-192', secp224r1: 'P-224' };

export interface LoadedKey {
  info: Omit<KeyInfo, 'certificateIndex' | 'source'>;
  /** Public half as SPKI DER, for matching; null when Node cannot load the algorithm. */
  spki: Buffer | null;
}

/**
 * Loads a private key (PKCS#8 PrivateKeyInfo, PKCS#1 RSAPrivateKey or SEC1 ECPrivateKey) far
 * enough to describe it and to compare its public half with certificates. The KeyObject is
 * dropped right away: supcert never hands private key material to its callers.
 */
export function loadPrivateKey(der: Uint8Array, type: 'pkcs8' | 'pkcs1' | 'sec1', what: string): LoadedKey {
  let declared: string | undefined;
  if (type === 'pkcs8') declared = pkcs8Algorithm(der, what);
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: asBuffer(der), format: 'der', type });
  } catch {
    if (declared && !Object.values(KEY_ALGORITHMS).includes(declared)) {
      // A well-formed key of an algorithm Node cannot load (GOST, SM2 ...): describe, do not fail.
      return { info: { algorithm: declared }, spki: null };
    }
    throw new SupCertError('MALFORMED', `${what}: the private key could not be decoded; the file is corrupted.`);
  }
  const details = key.asymmetricKeyDetails ?? {};
  const info: LoadedKey['info'] = { algorithm: key.asymmetricKeyType ?? declared ?? 'unknown' };
  if (details.modulusLength) info.bits = details.modulusLength;
  if (details.namedCurve) info.curve = CURVE_NAMES[details.namedCurve] ?? details.namedCurve;
  return { info, spki: createPublicKey(key).export({ type: 'spki', format: 'der' }) };
}

function pkcs8Algorithm(der: Uint8Array, what: string): string {
  const ctx: BerContext = { maxDepth: 16, what };
  const [, algId] = sequence(readNode(der, 0, der.length, 0, ctx), 'PrivateKeyInfo', ctx);
  const id = oid(sequence(algId, 'private key algorithm', ctx)[0], 'private key algorithm', ctx);
  return KEY_ALGORITHMS[id] ?? id;
}

/** Normalised SPKI of a certificate (Node re-encodes, so compressed EC points compare equal). */
function certificateSpki(cert: CertificateInfo): Buffer | null {
  try {
    return createPublicKey({ key: asBuffer(certificateInternals(cert).spkiDer), format: 'der', type: 'spki' }).export({ type: 'spki', format: 'der' });
  } catch {
    return null;
  }
}

/**
 * Index of the certificate whose public key equals the key's; when several do (a CA listed
 * twice), the one whose localKeyId matches wins, else the first.
 */
export function matchKeysToCertificates(
  keys: Array<{ spki: Buffer | null; localKeyId?: string }>,
  certificates: Array<{ info: CertificateInfo; localKeyId?: string }>,
): Array<number | null> {
  if (keys.length === 0) return [];
  const spkis = certificates.map((c) => certificateSpki(c.info));
  return keys.map((key) => {
    if (!key.spki) return null;
    const candidates = spkis.flatMap((s, i) => (s && key.spki!.equals(s) ? [i] : []));
    if (candidates.length === 0) return null;
    return candidates.find((i) => key.localKeyId !== undefined && certificates[i]!.localKeyId === key.localKeyId) ?? candidates[0]!;
  });
}
