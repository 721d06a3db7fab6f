import { type SupRule, finding } from '../SupRule.js';
import { quoteList } from '../messagePhrases.js';
import { quoteValue } from '../../util/quote.js';
import { item } from '../../util/item.js';

const PROXY = {
  note: finding(
    'sup.name.san_order_for_proxies',
    'info',
    (a: { subject: string; first: string | undefined }) =>
      `If this SUP is published through an SSL-bridging proxy, note that some read only the subject (${a.subject ? `"${quoteValue(a.subject, 120)}"` : 'empty here'}) or the first SAN entry (${a.first ? `"${quoteValue(a.first, 120)}"` : 'this certificate has no SAN DNS entry'}).`,
  ),
} as const;

/** SUP-NAME-014 — SSL-bridging proxies that only read the subject or the first SAN (S8, S24). */
export const sanOrderForProxies: SupRule = {
  id: 'SUP-NAME-014',
  title: 'SAN order for SSL-bridging proxies (internet-facing SUP)',
  requirement:
    'Some SSL-bridging reverse proxies read only the subject or the first SAN entry; for an internet-facing SUP published through one, the order of names may matter.',
  sources: ['S8', 'S24'],
  findings: PROXY,
  check(ctx, report) {
    if (ctx.options.connections === 'intranet' || ctx.options.connections === 'cmg')
      return report.notApplicable('no internet clients connect directly');
    const first = ctx.cert.dnsNames ? item(ctx.cert.dnsNames, 0) : undefined;
    report(PROXY.note, { subject: ctx.cert.subject, first });
  },
};

const ALIAS = {
  differs: finding(
    'sup.name.configuressl_alias',
    'info',
    (a: { configureSslName: string; intranetName: string; names: string[] }) =>
      `configuressl uses "${a.configureSslName}", which differs from the intranet name "${a.intranetName}": if one is a DNS alias (CNAME), keep both in the SAN (${quoteList(a.names)}) and register an SPN for the alias.`,
  ),
} as const;

/** SUP-NAME-015 — DNS aliases: the alias and the real FQDN both belong in the SAN (S25, S3). */
export const dnsAliases: SupRule = {
  id: 'SUP-NAME-015',
  title: 'DNS aliases (CNAMEs) are accompanied by the real FQDN',
  requirement:
    "If the name clients or configuressl use is a DNS alias of the server, both the alias and the server's real FQDN should be in the SAN; third-party update publishing and Kerberos need the real name.",
  sources: ['S25', 'S3'],
  findings: ALIAS,
  check(ctx, report) {
    const { configureSslName, intranetName } = ctx.options;
    if (!configureSslName || !intranetName)
      return report.notApplicable(
        'needs both the intranet name and the configuressl name to compare',
      );
    if (
      configureSslName.toLowerCase().replace(/\.$/, '') ===
      intranetName.toLowerCase().replace(/\.$/, '')
    )
      return;
    const names = ctx.names
      .filter((n) => n.role === 'configuressl' || n.role === 'intranet')
      .map((n) => n.name);
    report(ALIAS.differs, { configureSslName, intranetName, names });
  },
};

const CMG = {
  note: finding(
    'sup.name.cmg_certificate',
    'info',
    () =>
      "Internet clients scan through the cloud management gateway and see its certificate, not this one: this certificate needs only the intranet FQDN. If TLS pinning is used, add the CMG certificate to the clients' WindowsServerUpdateServices store.",
  ),
} as const;

/** SUP-NAME-016 — clients behind a cloud management gateway see the CMG's certificate (S6, S14). */
export const cloudManagementGateway: SupRule = {
  id: 'SUP-NAME-016',
  title: 'CMG-routed internet clients see the CMG certificate',
  requirement:
    "When internet clients scan through a cloud management gateway, they see the CMG's certificate; the SUP certificate then needs only the intranet FQDN. The pinning store of CMG-scanning clients must hold the CMG certificate.",
  sources: ['S6', 'S14'],
  findings: CMG,
  check(ctx, report) {
    if (ctx.options.connections !== 'cmg')
      return report.notApplicable(
        'internet clients do not come through a cloud management gateway',
      );
    report(CMG.note);
  },
};
