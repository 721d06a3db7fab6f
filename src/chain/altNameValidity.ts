import type { CertificateInfo } from '../x509/CertificateInfo.js';
import { printable } from '../util/printable.js';

/**
 * Why the certificate's SAN extension (2.5.29.17, or the obsolete 2.5.29.7 Windows reads in its
 * place) is invalid to Windows, or null. A dNSName with an embedded NUL byte: crypt32 since Vista
 * refuses to decode such a name, so the chain gets CERT_TRUST_INVALID_EXTENSION (and, under name
 * constraints, CERT_TRUST_INVALID_NAME_CONSTRAINTS) — Wine dlls/crypt32/tests/chain.c,
 * chainCheckEmbeddedNull (chain27), asserted on Windows outside broken().
 */
export function invalidSanReason(cert: CertificateInfo): string | null {
  const withNul = (cert.dnsNames ?? []).find((n) => n.includes('\0'));
  if (withNul === undefined) return null;
  const ext =
    cert.sanExtension === '2.5.29.7' ? 'obsolete subjectAltName (2.5.29.7)' : 'subjectAltName';
  return `has ${ext === 'subjectAltName' ? 'a' : 'an'} ${ext} dNSName with an embedded NUL byte ("${printable(withNul)}"): Windows cannot decode the extension and marks it invalid`;
}
