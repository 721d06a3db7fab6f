import { Eku } from '../../asn1/oids.js';
import { ekuLabel } from '../../x509/ekuNames.js';
import { type SupRule, finding } from '../SupRule.js';

export { ekuLabel };

/** "Client Authentication (1.3.6.1.5.5.7.3.2), …" for messages. */
const listed = (ekus: readonly string[], none: string): string =>
  ekus.map(ekuLabel).join(', ') || none;

const SERVER_AUTH = {
  requestTemplateDecides: finding(
    'sup.eku.template_decides',
    'info',
    () =>
      'The request neither asks for an EKU nor names a template supcert knows: the certificate template on the CA decides. Use the Web Server template (or a copy with Server Authentication).',
  ),
  noEku: finding(
    'sup.eku.no_eku_extension',
    'warning',
    () =>
      'The certificate has no Enhanced Key Usage extension. Windows then accepts it for any purpose, so TLS works, but ConfigMgr requires Server Authentication (1.3.6.1.5.5.7.3.1): request it from the Web Server template (or a copy of it).',
  ),
  templateWithout: finding(
    'sup.eku.template_without_server_auth',
    'error',
    (a: { template: string | undefined; ekus: string[] }) =>
      `The template "${a.template}" gives ${listed(a.ekus, 'no EKU')}, without Server Authentication (1.3.6.1.5.5.7.3.1): the issued certificate would be refused by clients (0x80072F93). Request it from the Web Server template (or a copy with Server Authentication).`,
    { windowsError: '0x80072F93' },
  ),
  anyPurposeOnly: finding(
    'sup.eku.any_purpose_without_server_auth',
    'error',
    (a: { ekus: string[] }) =>
      `The Enhanced Key Usage is ${listed(a.ekus, '')}: Any Purpose (2.5.29.37.0) without Server Authentication (1.3.6.1.5.5.7.3.1). ConfigMgr's requirement is that the Enhanced Key Usage "must contain Server Authentication", which this does not; Wine's crypt32 marks such a certificate not valid for Server Authentication (CERT_TRUST_IS_NOT_VALID_FOR_USAGE), RFC 5280 §4.2.1.12 lets applications refuse it, and no Windows-verified result shows WinHTTP accepting it. Request the certificate from the Web Server template (or a copy with Server Authentication).`,
    { windowsError: '0x80072F93' },
  ),
  missing: finding(
    'sup.eku.server_auth_missing',
    'error',
    (a: { ekus: string[] }) =>
      `The Enhanced Key Usage is ${listed(a.ekus, 'empty')}, without Server Authentication (1.3.6.1.5.5.7.3.1): clients refuse the certificate with 0x80072F93 (wrong usage). This is what the Computer/Workstation templates give; request a certificate from the Web Server template (or a copy with Server Authentication).`,
    { windowsError: '0x80072F93' },
  ),
} as const;

const ANY_PURPOSE = {
  alongside: finding(
    'sup.eku.any_purpose_alongside',
    'warning',
    () =>
      'The Enhanced Key Usage lists Any Purpose (2.5.29.37.0) next to Server Authentication. Server Authentication is what clients need; Any Purpose adds nothing for a software update point and lets the key be used for anything: request the Web Server template without it.',
  ),
} as const;

const EXTRA = {
  extra: finding(
    'sup.eku.extra_ekus',
    'info',
    (a: { extra: string[] }) =>
      `Besides Server Authentication the certificate allows ${listed(a.extra, '')}: harmless for a software update point.`,
  ),
} as const;

/**
 * SUP-EKU-001 — S1, IIS site systems: "Enhanced Key Usage value must contain Server
 * Authentication (1.3.6.1.5.5.7.3.1)". WinHTTP reports a certificate not valid for server
 * authentication as ERROR_WINHTTP_SECURE_CERT_WRONG_USAGE (12179, 0x80072F93).
 */
export const serverAuthEku: SupRule = {
  id: 'SUP-EKU-001',
  title: 'Enhanced Key Usage contains Server Authentication',
  requirement:
    'The Enhanced Key Usage value must contain Server Authentication (1.3.6.1.5.5.7.3.1). Any Purpose (2.5.29.37.0) in its place does not meet these words and is an error (Wine crypt32 treats it as not valid for Server Authentication; RFC 5280 §4.2.1.12 lets applications refuse it). (A certificate without the EKU extension is valid for any purpose to CryptoAPI, so TLS works, but ConfigMgr asks for Server Authentication: a warning.)',
  sources: ['S1', 'S2', 'S3', 'S18', 'S21'],
  section: 'Site system server certificates: IIS',
  findings: SERVER_AUTH,
  check(ctx, report) {
    const ekus = ctx.cert.extendedKeyUsages;
    if (ekus === null && ctx.request) {
      return report(SERVER_AUTH.requestTemplateDecides);
    }
    if (ekus === null) {
      return report(SERVER_AUTH.noEku);
    }
    if (ekus.includes(Eku.serverAuth)) return;
    if (ctx.request?.ekuSource === 'template') {
      return report(SERVER_AUTH.templateWithout, { template: ctx.request.template, ekus });
    }
    if (!ekus.includes(Eku.serverAuth) && ekus.includes(Eku.anyExtendedKeyUsage)) {
      // Any Purpose is not Server Authentication: the requirement's own words ask for Server Authentication itself.
      return report(SERVER_AUTH.anyPurposeOnly, { ekus });
    }
    report(SERVER_AUTH.missing, { ekus });
  },
};

/** SUP-EKU-002 — anyExtendedKeyUsage next to Server Authentication (alone it is SUP-EKU-001's error): S22. */
export const anyPurposeOnly: SupRule = {
  id: 'SUP-EKU-002',
  title: 'Server Authentication is explicit, not only "Any Purpose"',
  requirement:
    'Any Purpose (anyExtendedKeyUsage, 2.5.29.37.0) next to Server Authentication adds nothing for a SUP; without Server Authentication it is an error of SUP-EKU-001 (RFC 5280 §4.2.1.12 lets applications refuse it; Wine crypt32 does).',
  sources: ['S22', 'S18'],
  section: 'RFC 5280 §4.2.1.12',
  findings: ANY_PURPOSE,
  check(ctx, report) {
    const ekus = ctx.cert.extendedKeyUsages;
    if (!ekus?.includes(Eku.anyExtendedKeyUsage)) return;
    // Without Server Authentication, SUP-EKU-001 reports it as an error (Any Purpose alone does not contain it).
    if (!ekus.includes(Eku.serverAuth))
      return report.notApplicable(
        'Any Purpose without Server Authentication is an error of SUP-EKU-001',
      );
    report(ANY_PURPOSE.alongside);
  },
};

/** SUP-EKU-003 — extra EKUs next to Server Authentication are fine (S1; IBCM proxies need both). */
export const extraEkus: SupRule = {
  id: 'SUP-EKU-003',
  title: 'Extra EKUs next to Server Authentication',
  requirement:
    'No rule forbids extra EKUs: Client Authentication alongside Server Authentication is fine (an SSL-bridging proxy certificate needs both).',
  sources: ['S1'],
  findings: EXTRA,
  check(ctx, report) {
    const ekus = ctx.cert.extendedKeyUsages;
    if (!ekus?.includes(Eku.serverAuth))
      return report.notApplicable('no Server Authentication EKU (SUP-EKU-001)');
    const extra = ekus.filter((e) => e !== Eku.serverAuth);
    if (extra.length) report(EXTRA.extra, { extra });
  },
};
