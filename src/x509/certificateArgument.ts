import { invalidArgument } from './arguments.js';
import type { CertificateInfo } from './CertificateInfo.js';

const isStringArray = (v: unknown): boolean =>
  Array.isArray(v) && v.every((x) => typeof x === 'string');

/**
 * Whether `value` has the shape of a CertificateInfo as readCertificates returns it: the fields
 * the revocation and fetching functions read. A hand-made object with these fields is taken (its
 * `der` is read again when its internals are needed, and may then be refused as MALFORMED).
 */
export function looksLikeCertificate(value: unknown): value is CertificateInfo {
  if (typeof value !== 'object' || value === null || value instanceof Uint8Array) return false;
  const c = value as Partial<Record<keyof CertificateInfo, unknown>>;
  return (
    c.der instanceof Uint8Array &&
    typeof c.subject === 'string' &&
    typeof c.issuer === 'string' &&
    typeof c.serialNumber === 'string' &&
    typeof c.sha256 === 'string' &&
    typeof c.selfIssued === 'boolean' &&
    (c.keyUsage === null || isStringArray(c.keyUsage)) &&
    isStringArray(c.crlDistributionPoints) &&
    isStringArray(c.ocspUrls) &&
    isStringArray(c.caIssuerUrls)
  );
}

const WANTED = 'a CertificateInfo as readCertificates returns it';

/** @throws SupCertError INVALID_OPTION naming `what` when `value` is no CertificateInfo. */
export function certificateArgument(value: unknown, what: string): CertificateInfo {
  if (looksLikeCertificate(value)) return value;
  throw invalidArgument(what, WANTED, value);
}

/** @throws SupCertError INVALID_OPTION when `value` is not an array of CertificateInfo. */
export function certificateListArgument(value: unknown, what: string): readonly CertificateInfo[] {
  if (!Array.isArray(value))
    throw invalidArgument(
      what,
      `an array of ${WANTED.replace('a CertificateInfo', 'CertificateInfo')}`,
      value,
    );
  value.forEach((c, i) => certificateArgument(c, `${what}[${i}]`));
  return value as CertificateInfo[];
}
