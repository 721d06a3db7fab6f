/**
 * supcert: will this certificate work as the TLS certificate of a ConfigMgr software update
 * point (WSUS over HTTPS), and if not, exactly why? This is the public entry point; api.md
 * is the contract for the names exported here.
 */
export { SupCertError, type SupCertErrorCode } from './errors.js';
export { DEFAULT_LIMITS, type ReadLimits } from './limits.js';
export { readCertificates, type ReadOptions } from './read/readCertificates.js';
export type { BundleFormat, CertificateBundle, KeyInfo } from './read/CertificateBundle.js';
export type {
  AltName, AltNameType, CertificateInfo, CertificateTemplate, ExtensionSummary, PublicKeySummary,
} from './x509/CertificateInfo.js';
export { Eku, Oid } from './asn1/oids.js';
