import { isIpAddress } from '../../names/hostname.js';
import type { SupRule } from '../SupRule.js';
import { printable } from '../describe.js';

/** Why a SAN dNSName is not a host name in RFC 1034 preferred syntax, or null when it is. */
export function dnsNameSyntaxProblem(name: string): string | null {
  if (name === '') return 'it is empty';
  if (name === '*') return 'it is a bare "*" (no domain at all)';
  const body = name.startsWith('*.') ? name.slice(2) : name;
  if (body.length > 253) return `it is ${body.length} characters long (at most 253)`;
  if (body.startsWith('.')) return 'it starts with a dot';
  const labels = body.replace(/\.$/, '').split('.');
  for (const label of labels) {
    if (label === '') return 'it has an empty label ("..")';
    if (label.length > 63) return `the label "${label.slice(0, 20)}…" is ${label.length} characters long (at most 63)`;
    if (label.includes('*')) continue; // wildcard shapes are SUP-NAME-010's
    if (!/^[A-Za-z0-9_-]+$/.test(label)) return `the label "${printable(label)}" has characters other than letters, digits, "-" and "_"`;
    if (label.startsWith('-') || label.endsWith('-')) return `the label "${label}" starts or ends with "-"`;
  }
  return null;
}

/** Entries other rules already explain (request notation, NUL, non-ASCII, addresses). */
const OTHER_RULES = /&|^\s*(dns=|san:)|\0|[^\x00-\x7f]/i;

/**
 * SUP-NAME-017 (beyond sup-rules.md) — RFC 5280 §4.2.1.6: a dNSName is in the RFC 1034 preferred
 * name syntax. Windows compares an invalid entry as text, so it matches no real host; it usually
 * betrays a typing mistake in the request.
 */
export const dnsNameSyntax: SupRule = {
  id: 'SUP-NAME-017',
  title: 'SAN DNS entries are valid host names',
  severity: 'warning',
  requirement: 'Every SAN dNSName must be a host name in the RFC 1034 preferred syntax (letters, digits and hyphens in labels of 1 to 63 characters); a SAN extension and its entries must not be empty. An invalid entry matches no host and usually shows a mistake in the request.',
  sources: ['S22'],
  section: 'RFC 5280 §4.2.1.6',
  check(ctx, report) {
    const { dnsNames, altNames } = ctx.cert;
    if (dnsNames === null) return report.notApplicable('no SAN extension');
    if (altNames.length === 0) report.warning('The SAN extension is present but empty: it names nothing, and Windows then ignores the subject CN too, so no host matches. Request the certificate with the names as SAN DNS entries.');
    for (const entry of altNames.filter((n) => n.value === '' && n.type !== 'dns')) {
      report.warning(`The SAN has an empty ${entry.type} entry (RFC 5280 forbids empty general names): a sign of a broken request or template.`);
    }
    for (const name of dnsNames) {
      if (OTHER_RULES.test(name) || isIpAddress(name)) continue;
      const problem = dnsNameSyntaxProblem(name);
      if (problem) report.warning(`The SAN dNSName "${printable(name)}" is not a valid host name: ${problem}. It matches no real host; check the request for a typing mistake.`);
    }
  },
};
