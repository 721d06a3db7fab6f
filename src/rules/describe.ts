import { printable } from '../util/printable.js';
import type { CertificateInfo } from '../x509/CertificateInfo.js';

/** What the certificate presents, for messages: "its SAN lists a, b" / "it has no SAN; its CN is x". */
export function presentedNames(cert: CertificateInfo): string {
  if (cert.dnsNames === null) {
    return cert.commonNames.length ? `it has no SAN extension; its subject CN is ${quoteList(cert.commonNames)}` : 'it has no SAN extension and no subject CN';
  }
  if (cert.dnsNames.length === 0) return 'its SAN extension has no DNS names';
  return `its SAN lists ${quoteList(cert.dnsNames, 8)}`;
}

/** "a", "b" and 3 more. */
export function quoteList(items: readonly string[], max = 5): string {
  const shown = items.slice(0, max).map((i) => `"${printable(i)}"`);
  const more = items.length > max ? ` and ${items.length - max} more` : '';
  return shown.join(', ') + more;
}

export { printable };

export const ROLE_LABEL = {
  intranet: 'intranet name',
  internet: 'internet name',
  configuressl: 'name given to WsusUtil configuressl',
  additional: 'required name',
} as const;
