import { type SupRule, finding } from '../SupRule.js';
import { missingNameFinding, namesAbsent, reportMissing } from './requiredNameRules.js';

const F = {
  notGiven: finding(
    'sup.name.internet_only_intranet_name_not_given',
    'error',
    () =>
      'This SUP accepts internet clients only, and such a SUP still needs its intranet FQDN in the certificate (the site server\'s WCM and WSyncMgr connect by it), but no intranet name was given, so it could not be checked. Give intranetName as well (or names "intranet&internet").',
  ),
  missing: missingNameFinding(
    'sup.name.internet_only_intranet_name_missing',
    "Even an internet-only SUP is reached by its intranet FQDN: the site server's WCM and WSyncMgr fail to configure and synchronise it.",
  ),
} as const;

/**
 * SUP-NAME-003 — S1 (note under the IIS row): "the software update point ... when it accepts
 * client connections from the internet only ... must contain both the internet FQDN and the
 * intranet FQDN." The site server's WCM and WSyncMgr still connect by the intranet FQDN.
 */
export const internetOnlyNeedsIntranet: SupRule = {
  id: 'SUP-NAME-003',
  title: 'An internet-only SUP still has the intranet FQDN',
  requirement:
    'A software update point that accepts client connections from the internet only must have both the internet FQDN and the intranet FQDN in its certificate: WSUS Configuration Manager and WSUS Synchronization Manager on the site server connect to it by its intranet FQDN. Without the intranet FQDN given, the rule cannot run: an error finding, never silence.',
  sources: ['S1', 'S2', 'S4', 'S5'],
  section: 'Site system server certificates: IIS (note on the software update point)',
  findings: F,
  check(ctx, report) {
    if (ctx.options.connections !== 'internet')
      return report.notApplicable(
        `the SUP does not accept internet clients only (connections: ${ctx.options.connections}); SUP-NAME-001 checks the intranet name`,
      );
    if (!ctx.options.intranetName) {
      if (!ctx.options.internetName)
        return report.notApplicable(namesAbsent(ctx.options.skipNames));
      return report(F.notGiven);
    }
    reportMissing(ctx, ['intranet', 'additional'], report, F.missing);
  },
};
