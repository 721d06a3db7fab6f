import { dnsNameSyntaxProblem } from '../../names/dnsNameSyntax.js';
import { isIpAddress } from '../../names/hostname.js';
import { type SupRule, finding } from '../SupRule.js';
import { printable } from '../messagePhrases.js';

/** Entries other rules already explain (request notation, NUL, non-ASCII, addresses). */
const OTHER_RULES = /&|^\s*(dns=|san:)|\0|[^\x00-\x7f]/i;

const F = {
  emptySan: finding(
    'sup.name.san_empty',
    'warning',
    () =>
      'The SAN extension is present but empty: it names nothing, and Windows then ignores the subject CN too, so no host matches. Request the certificate with the names as SAN DNS entries.',
  ),
  emptyEntry: finding(
    'sup.name.san_entry_empty',
    'warning',
    (a: { type: string }) =>
      `The SAN has an empty ${a.type} entry (RFC 5280 forbids empty general names): a sign of a broken request or template.`,
  ),
  invalidDnsName: finding(
    'sup.name.dns_name_invalid',
    'warning',
    (a: { name: string; problem: string }) =>
      `The SAN dNSName "${printable(a.name)}" is not a valid host name: ${a.problem}. It matches no real host; check the request for a typing mistake.`,
  ),
} as const;

/**
 * SUP-NAME-017 (beyond ConfigMgr) — RFC 5280 §4.2.1.6: a dNSName is in the RFC 1034 preferred
 * name syntax. Windows compares an invalid entry as text, so it matches no real host; it usually
 * betrays a typing mistake in the request.
 */
export const dnsNameSyntax: SupRule = {
  id: 'SUP-NAME-017',
  title: 'SAN DNS entries are valid host names',
  requirement:
    'Every SAN dNSName must be a host name in the RFC 1034 preferred syntax (letters, digits and hyphens in labels of 1 to 63 characters); a SAN extension and its entries must not be empty. An invalid entry matches no host and usually shows a mistake in the request.',
  sources: ['S22'],
  section: 'RFC 5280 §4.2.1.6',
  findings: F,
  check(ctx, report) {
    const { dnsNames, altNames } = ctx.cert;
    if (dnsNames === null) return report.notApplicable('no SAN extension');
    if (altNames.length === 0) report(F.emptySan);
    for (const entry of altNames.filter((n) => n.value === '' && n.type !== 'dns')) {
      report(F.emptyEntry, { type: entry.type });
    }
    for (const name of dnsNames) {
      if (OTHER_RULES.test(name) || isIpAddress(name)) continue;
      const problem = dnsNameSyntaxProblem(name);
      if (problem) report(F.invalidDnsName, { name, problem });
    }
  },
};
