import { type BerContext, readWhole } from '../asn1/ber.js';
import type { CertificateInfo } from '../x509/CertificateInfo.js';
import { decodeName } from '../x509/distinguishedName.js';
import { certificateInternals } from '../x509/parseCertificate.js';

const ctx: BerContext = { maxDepth: 32, what: 'name' };
const subjectKeys = new WeakMap<CertificateInfo, string>();
const issuerKeys = new WeakMap<CertificateInfo, string>();

/**
 * A comparison key for an X.501 name following RFC 5280 §7.1: attribute types by OID, string
 * values case-folded with leading, trailing and repeated inner spaces removed, the attributes
 * of a multi-valued RDN in any order. Two names chain when their keys are equal.
 */
export function nameKey(der: Uint8Array): string {
  return decodeName(readWhole(der, ctx), 'name', ctx)
    .map((rdn) =>
      rdn
        .map(
          (atv) =>
            `${atv.type}=${atv.value.startsWith('#') ? atv.value : atv.value.normalize('NFKC').toLowerCase().trim().replace(/\s+/g, ' ')}`,
        )
        .sort()
        .join('+'),
    )
    .join('/');
}

function cached(
  map: WeakMap<CertificateInfo, string>,
  cert: CertificateInfo,
  der: () => Uint8Array,
): string {
  let key = map.get(cert);
  if (key === undefined) {
    key = nameKey(der());
    map.set(cert, key);
  }
  return key;
}

export const subjectKey = (cert: CertificateInfo): string =>
  cached(subjectKeys, cert, () => certificateInternals(cert).subjectDer);
export const issuerKey = (cert: CertificateInfo): string =>
  cached(issuerKeys, cert, () => certificateInternals(cert).issuerDer);
