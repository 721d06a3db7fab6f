import { Eku } from '../asn1/oids.js';

/** The names Windows' certificate dialog (certlm.msc) shows for extended key usages. */
export const EKU_NAMES: Readonly<Record<string, string>> = {
  [Eku.serverAuth]: 'Server Authentication',
  [Eku.clientAuth]: 'Client Authentication',
  [Eku.codeSigning]: 'Code Signing',
  [Eku.emailProtection]: 'Secure Email',
  [Eku.timeStamping]: 'Time Stamping',
  [Eku.ocspSigning]: 'OCSP Signing',
  [Eku.anyExtendedKeyUsage]: 'Any Purpose',
  [Eku.msServerGatedCrypto]: 'Server Gated Crypto (Microsoft)',
  [Eku.nsServerGatedCrypto]: 'Server Gated Crypto (Netscape)',
  '1.3.6.1.4.1.311.10.3.12': 'Document Signing',
  '1.3.6.1.4.1.311.20.2.2': 'Smart Card Logon',
  '1.3.6.1.4.1.311.10.3.4': 'Encrypting File System',
};

/**
 * "Client Authentication (1.3.6.1.5.5.7.3.2)", or the OID when it has no common name (an own key
 * of {@link EKU_NAMES} only: "constructor" is no EKU). Never throws: a value that is not a string
 * gives "".
 */
export function ekuLabel(oid: string): string {
  if (typeof oid !== 'string') return '';
  return Object.hasOwn(EKU_NAMES, oid) ? `${EKU_NAMES[oid]} (${oid})` : oid;
}
