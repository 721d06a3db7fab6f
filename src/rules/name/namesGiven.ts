import { type SupRule, finding } from '../SupRule.js';

const F = {
  skipped: finding(
    'sup.name.names_not_checked',
    'info',
    () =>
      "Host names were not checked (skipNames): no rule compared the SUP's intranet or internet FQDN with the certificate. The verdict says nothing about the names clients connect to.",
  ),
  noName: finding(
    'sup.name.no_name_given',
    'error',
    (a: { configureSslGiven: boolean }) =>
      `No host name was given, so the name rules (SUP-NAME-001, SUP-NAME-002, SUP-NAME-003) could not run and the certificate cannot pass: a certificate without the SUP's names fails on every client with 0x80072F06. Give the SUP's names (intranetName, internetName, or names "intranet&internet"${a.configureSslGiven ? '; configureSslName alone is not enough' : ''}), or set skipNames: true to judge everything else and say so.`,
  ),
} as const;

/**
 * SUP-NAME-018 — the gate's rule for what it cannot judge: the name rules (SUP-NAME-001 … 004,
 * 006, 010) need the host names the SUP is configured with (S1, S6). Without them a report
 * could pass a certificate whose names were never compared, so a missing name is an error
 * unless the caller opts out explicitly (SupOptions.skipNames, CLI --skip-names).
 */
export const namesGiven: SupRule = {
  id: 'SUP-NAME-018',
  title: "The SUP's host names were given, so the name rules could run",
  requirement:
    'A certificate is fit for a software update point only if it presents the names clients connect to (S1: the intranet FQDN, and the internet FQDN for internet clients; S6: the name given to WsusUtil configuressl). supcert can judge that only when the names are given. No name at all is an error finding (never a silent pass); the explicit opt-out (skipNames, CLI --skip-names) turns it into an info finding that states the names were not checked. A required name that cannot be judged is reported as an error by its own rule: the intranet FQDN of an internet-only SUP (SUP-NAME-003), the intranet or internet name when connections say the SUP serves those clients (SUP-NAME-001, SUP-NAME-002).',
  sources: ['S1', 'S6'],
  section: 'Site system server certificates: IIS',
  findings: F,
  check(ctx, report) {
    const { intranetName, internetName, skipNames } = ctx.options;
    if (intranetName || internetName) return;
    if (skipNames) {
      return report(F.skipped);
    }
    report(F.noName, { configureSslGiven: !!ctx.options.configureSslName });
  },
};
