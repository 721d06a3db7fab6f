import { explainHostMatch } from '../names/matchHostname.js';
import { type NormalizedHost, normalizeHost } from '../names/hostname.js';
import { matchPresented, presentedId } from '../names/presentedId.js';
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
  const badWildcard = laxWildcardEntry(cert, match.host);
  if (badWildcard) return { name, role, match, failure: 'bad-wildcard', badWildcard };
  return { name, role, match, failure: 'missing' };
}

function sameName(presented: string, host: string): boolean {
  const n = normalizeHost(presented);
  return !n.hasNul && n.value === host;
}

/**
 * A wildcard entry that Windows does not honour (partial label, '*' not left-most, several '*',
 * a single label after it) but that RFC 2818's looser reading would match to `host`: the first
 * SAN dNSName (or, without a SAN, subject CN) that the `lax` profile of presentedId.ts matches.
 */
function laxWildcardEntry(cert: CertificateInfo, host: NormalizedHost): string | undefined {
  const kind = cert.dnsNames ? 'san-dns' : 'cn';
  const entries = cert.dnsNames ?? cert.commonNames;
  return entries.find((entry) => matchPresented(presentedId(kind, entry), host, 'lax'));
}

/** The glob of the `lax` profile, here for the callers that imported it from this module. */
export { globMatch } from '../names/presentedId.js';
