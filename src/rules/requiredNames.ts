import { explainHostMatch } from '../names/matchHostname.js';
import { normalizeHost } from '../names/hostname.js';
import type { WorkBudget } from '../limits.js';
import type { CertificateInfo } from '../x509/CertificateInfo.js';
import type { NameRole, RequiredName, ResolvedOptions } from './SupRule.js';

/**
 * The names the SUP must present for the chosen connections (docs/names.md), each matched
 * once, with the reason when it fails. The intranet name is required in every mode (an
 * internet-only SUP still needs it: SUP-NAME-003).
 *
 * Each required name is compared with every identifier the certificate presents (SAN DNS and IP
 * entries, subject CNs): that many units are drawn from `budget.maxNameComparisons`, so a long
 * `names` list against a certificate with thousands of SAN entries is bounded.
 *
 * @throws SupCertError LIMIT_EXCEEDED (limits.maxNameComparisons) when the comparisons pass the budget.
 */
export function requiredNames(
  cert: CertificateInfo,
  options: ResolvedOptions,
  budget?: WorkBudget,
): RequiredName[] {
  const wanted: Array<[string, NameRole]> = [];
  if (options.intranetName) wanted.push([options.intranetName, 'intranet']);
  if (options.internetName && options.connections !== 'intranet' && options.connections !== 'cmg')
    wanted.push([options.internetName, 'internet']);
  for (const extra of options.extraNames) wanted.push([extra, 'additional']);
  if (options.configureSslName) wanted.push([options.configureSslName, 'configuressl']);
  const identifiers =
    1 + (cert.dnsNames?.length ?? 0) + cert.ipAddresses.length + cert.commonNames.length;
  return wanted.map(([name, role]) => {
    budget?.charge(
      'maxNameComparisons',
      identifiers,
      "Comparing the required names with the certificate's names",
    );
    return evaluate(cert, name, role, options);
  });
}

function evaluate(
  cert: CertificateInfo,
  name: string,
  role: NameRole,
  options: ResolvedOptions,
): RequiredName {
  const match = explainHostMatch(cert, name, options.profile);
  if (match.matched) return { name, role, match, failure: null };
  // Would the CN have matched, had Windows consulted it? Then the SAN hides it (SUP-NAME-006).
  if (
    match.hasSan &&
    match.host.kind === 'dns' &&
    cert.commonNames.some((cn) => sameName(cn, match.host.value))
  ) {
    return { name, role, match, failure: 'cn-only' };
  }
  const badWildcard = laxWildcardEntry(cert, match.host.value);
  if (badWildcard) return { name, role, match, failure: 'bad-wildcard', badWildcard };
  return { name, role, match, failure: 'missing' };
}

function sameName(presented: string, host: string): boolean {
  const n = normalizeHost(presented);
  return !n.hasNul && n.value === host;
}

/**
 * A wildcard entry that Windows does not honour (partial label, '*' not left-most, several '*',
 * a single label after it) but that RFC 2818's looser reading would match to `host`.
 */
function laxWildcardEntry(cert: CertificateInfo, host: string): string | undefined {
  const entries = cert.dnsNames ?? cert.commonNames;
  const hostLabels = host.split('.');
  return entries.find((entry) => {
    if (!entry.includes('*')) return false;
    const labels = normalizeHost(entry).value.split('.');
    if (labels.length !== hostLabels.length) return false;
    return labels.every((label, i) => {
      if (!label.includes('*')) return label === hostLabels[i];
      return globMatch(label, hostLabels[i]!);
    });
  });
}

/**
 * Does `text` match `pattern`, where each '*' stands for any run of characters (labels hold no
 * '.', so this is RFC 2818's "*" within one label)? A linear scan, never a regular expression:
 * the pattern comes from the certificate, and a regex built from "****…z" backtracks
 * exponentially. The literal parts must appear in order; taking each at its leftmost place is
 * optimal, so no backtracking is needed.
 */
export function globMatch(pattern: string, text: string): boolean {
  const parts = pattern.split('*');
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  if (parts.length === 1) return pattern === text;
  if (first.length + last.length > text.length || !text.startsWith(first) || !text.endsWith(last))
    return false;
  let pos = first.length;
  const end = text.length - last.length;
  for (let i = 1; i < parts.length - 1; i++) {
    const part = parts[i]!;
    if (part === '') continue;
    const at = text.indexOf(part, pos);
    if (at < 0 || at + part.length > end) return false;
    pos = at + part.length;
  }
  return true;
}
