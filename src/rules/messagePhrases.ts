import { printable } from '../util/printable.js';
import type { CertificateInfo } from '../x509/CertificateInfo.js';

/** What the certificate presents, for messages: "its SAN lists a, b" / "it has no SAN; its CN is x". */
export function presentedNames(cert: CertificateInfo): string {
  if (cert.dnsNames === null) {
    return cert.commonNames.length
      ? `it has no SAN extension; its subject CN is ${quoteList(cert.commonNames)}`
      : 'it has no SAN extension and no subject CN';
  }
  if (cert.dnsNames.length === 0)
    return `its SAN extension has no DNS names${otherSanEntries(cert)}`;
  return `its SAN lists ${quoteList(cert.dnsNames, 8)}`;
}

/** " (only IP address "10.0.0.5")", " (it is empty)": what a SAN without DNS names holds. */
function otherSanEntries(cert: CertificateInfo): string {
  const others = cert.altNames.filter((a) => a.type !== 'dns');
  if (others.length === 0) return ' (it is empty)';
  const label = (t: string): string =>
    (
      ({
        ip: 'IP address',
        email: 'email address',
        uri: 'URI',
        directoryName: 'directory name',
        otherName: 'other name',
        registeredId: 'registered ID',
      }) as Record<string, string>
    )[t] ?? t;
  const shown = others
    .slice(0, 3)
    .map((a) => `${label(a.type)} "${printable(a.value.slice(0, 100))}"`);
  return ` (only ${shown.join(', ')}${others.length > 3 ? ` and ${others.length - 3} more` : ''})`;
}

/** The SAN as a phrase for messages: "a SAN extension listing "a", "b"", "a SAN extension with no DNS names (only IP address "10.0.0.5")". */
export function describeSan(cert: CertificateInfo): string {
  if (cert.dnsNames === null) return 'no SAN extension';
  if (cert.dnsNames.length === 0)
    return `a SAN extension with no DNS names${otherSanEntries(cert)}`;
  return `a SAN extension listing ${quoteList(cert.dnsNames, 8)}`;
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
