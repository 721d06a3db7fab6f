import { isIpAddress } from '../../names/hostname.js';
import { unusableSanEntry } from '../../names/matchHostname.js';
import { printable } from '../../util/printable.js';
import {
  type DeclaredFinding,
  type NameRole,
  type Reporter,
  type RuleContext,
  type SupRule,
  finding,
} from '../SupRule.js';
import { ROLE_LABEL, presentedNames } from '../messagePhrases.js';

const NAME_MISMATCH = '0x80072F06';

/** The values of a "required name missing" message. */
export interface MissingName {
  role: NameRole;
  name: string;
  /** What the certificate presents (presentedNames). */
  presented: string;
  /** A SAN entry that looks like the name but does not count, and why. */
  near: { presented: string; reason: string; kind: 'san-dns' | 'cn' } | null;
  /** Judging a request (validateSupRequest): the fix is a new request, not a reissue. */
  request: boolean;
}

/**
 * What to do: the name as its own SAN entry of its type (an IP address is an iPAddress entry,
 * RFC 5280 §4.2.1.6; a dNSName never matches one), in the request or a reissued certificate.
 */
function addNameFix(a: MissingName): string {
  const entry = isIpAddress(a.name) ? 'SAN IP address entry' : 'SAN DNS entry';
  return a.request
    ? `Make the request again with "${a.name}" as a ${entry} (${isIpAddress(a.name) ? 'ipaddress' : 'dns'}=${a.name}).`
    : `Reissue the certificate with "${a.name}" as a ${entry}.`;
}

/** Declares one rule's "required name missing" error; `why` says who fails to connect. */
export function missingNameFinding(code: string, why: string): DeclaredFinding<MissingName> {
  return finding(
    code,
    'error',
    (a: MissingName) =>
      `The ${ROLE_LABEL[a.role]} "${a.name}" is not in the certificate: ${a.presented}.${a.near ? ` The ${a.near.kind === 'cn' ? 'subject CN' : 'SAN entry'} "${printable(a.near.presented)}" does not count: ${a.near.reason}.` : ''} ${why} ${addNameFix(a)}`,
    { windowsError: NAME_MISMATCH },
  );
}

/**
 * Reports each required name of the roles that the certificate does not present. Only the plain
 * case: a name hidden by the SAN (SUP-NAME-006) or a broken wildcard (SUP-NAME-010) is reported
 * by its own rule, once.
 */
export function reportMissing(
  ctx: RuleContext,
  roles: readonly NameRole[],
  report: Reporter,
  missing: DeclaredFinding<MissingName>,
): void {
  for (const n of ctx.names.filter((x) => roles.includes(x.role) && x.failure === 'missing')) {
    const near = unusableSanEntry(ctx.cert, n.name);
    report(
      missing,
      {
        role: n.role,
        name: n.name,
        presented: presentedNames(ctx.cert),
        near,
        request: ctx.request !== undefined,
      },
      { name: n.name },
    );
  }
}

/** Why a name rule did not run when no name at all was given (SUP-NAME-018 reports it). */
export function namesAbsent(skipNames: boolean): string {
  return skipNames
    ? 'names not checked (skipNames)'
    : 'no host name was given: SUP-NAME-018 reports it as an error';
}

const INTRANET = {
  notGiven: finding(
    'sup.name.intranet_name_not_given',
    'error',
    (a: { connections: string }) =>
      `The SUP accepts intranet clients (connections: ${a.connections}) but no intranet name was given, so the name they connect by could not be checked. Give the intranet FQDN the site system is configured with (intranetName, or names "intranet&internet").`,
  ),
  missing: missingNameFinding(
    'sup.name.intranet_name_missing',
    'Intranet clients and the site server (WCM, WSyncMgr) connect by this name and fail with 0x80072F06 (certificate name invalid).',
  ),
} as const;

/**
 * SUP-NAME-001 — "Intranet FQDN (recommended) or the computer's NetBIOS name" must be in the
 * certificate for intranet clients (S1 IIS site-system row).
 */
export const intranetNamePresent: SupRule = {
  id: 'SUP-NAME-001',
  title: 'The intranet FQDN (or NetBIOS name) is in the certificate',
  requirement:
    "For intranet client connections the certificate must contain the site system's intranet FQDN (recommended) or its computer name, as Windows matches names: SAN dNSName when a SAN exists, otherwise the subject CN. When the SUP serves intranet clients and only the internet name was given, the intranet name cannot be judged: an error, never silence.",
  sources: ['S1', 'S2', 'S3', 'S5'],
  section: 'Site system server certificates: IIS',
  findings: INTRANET,
  check(ctx, report) {
    if (ctx.options.connections === 'internet')
      return report.notApplicable('internet-only SUP: SUP-NAME-003 checks the intranet name');
    if (!ctx.options.intranetName && !ctx.options.internetName)
      return report.notApplicable(namesAbsent(ctx.options.skipNames));
    if (!ctx.options.intranetName) {
      return report(INTRANET.notGiven, { connections: ctx.options.connections });
    }
    // Further names of a "names" list (a&b&c) are required alongside the intranet name.
    reportMissing(ctx, ['intranet', 'additional'], report, INTRANET.missing);
  },
};

const INTERNET = {
  notGiven: finding(
    'sup.name.internet_name_not_given',
    'error',
    (a: { connections: string }) =>
      `The SUP accepts internet clients (connections: ${a.connections}) but no internet name was given, so the name they connect by could not be checked. Give the internet FQDN (internetName, or names "intranet&internet"), or connections: 'intranet' if it serves intranet clients only.`,
  ),
  missing: missingNameFinding(
    'sup.name.internet_name_missing',
    'Internet clients connect by this name and fail with 0x80072F06 (certificate name invalid).',
  ),
} as const;

/** SUP-NAME-002 — the internet FQDN must be in the certificate when internet clients connect (S1). */
export const internetNamePresent: SupRule = {
  id: 'SUP-NAME-002',
  title: 'The internet FQDN is in the certificate when the SUP accepts internet clients',
  requirement:
    'When the site system accepts connections from the internet, the certificate must contain its internet FQDN. When connections say the SUP serves internet clients and no internet name was given, it cannot be judged: an error, never silence.',
  sources: ['S1', 'S2', 'S6'],
  section: 'Site system server certificates: IIS',
  findings: INTERNET,
  check(ctx, report) {
    const { connections, internetName } = ctx.options;
    if (connections === 'intranet')
      return report.notApplicable('the SUP accepts intranet clients only');
    if (connections === 'cmg')
      return report.notApplicable(
        'internet clients come through the cloud management gateway and see its certificate (SUP-NAME-016)',
      );
    if (!internetName && !ctx.options.intranetName)
      return report.notApplicable(namesAbsent(ctx.options.skipNames));
    if (!internetName) return report(INTERNET.notGiven, { connections });
    reportMissing(ctx, ['internet'], report, INTERNET.missing);
  },
};

const CONFIGURESSL = {
  notGiven: finding(
    'sup.name.configuressl_name_not_given',
    'info',
    () =>
      'The name given to WsusUtil.exe configuressl was not given, so it could not be checked (configureSslName). It must be a name in the certificate, usually the intranet FQDN.',
  ),
  missing: missingNameFinding(
    'sup.name.configuressl_name_missing',
    'The WSUS console and ConfigMgr WCM connect to https://<that name> and fail.',
  ),
} as const;

/** SUP-NAME-004 — the name given to `WsusUtil.exe configuressl` must be in the certificate (S4, S6, S7, S25). */
export const configureSslNamePresent: SupRule = {
  id: 'SUP-NAME-004',
  title: 'The name given to WsusUtil configuressl is in the certificate',
  requirement:
    'WsusUtil.exe configuressl <name> stores <name> as the WSUS server certificate name; WSUS, its console (ApiRemoting30) and ConfigMgr WCM connect to https://<name>. It must be a name the certificate presents.',
  sources: ['S6', 'S4', 'S7', 'S25'],
  findings: CONFIGURESSL,
  check(ctx, report) {
    if (!ctx.options.configureSslName) return report(CONFIGURESSL.notGiven);
    reportMissing(ctx, ['configuressl'], report, CONFIGURESSL.missing);
  },
};
