import { Eku } from '../../asn1/oids.js';
import { ekuLabel } from '../../x509/ekuNames.js';
import type { SupRule } from '../SupRule.js';

export { ekuLabel };

/**
 * SUP-EKU-001 — S1, IIS site systems: "Enhanced Key Usage value must contain Server
 * Authentication (1.3.6.1.5.5.7.3.1)". WinHTTP reports a certificate not valid for server
 * authentication as ERROR_WINHTTP_SECURE_CERT_WRONG_USAGE (12179, 0x80072F93).
 */
export const serverAuthEku: SupRule = {
  id: 'SUP-EKU-001',
  title: 'Enhanced Key Usage contains Server Authentication',
  severity: 'error',
  requirement: 'The Enhanced Key Usage value must contain Server Authentication (1.3.6.1.5.5.7.3.1). (A certificate without the EKU extension is valid for any purpose to CryptoAPI, so TLS works, but ConfigMgr asks for Server Authentication.)',
  sources: ['S1', 'S2', 'S3', 'S18', 'S21'],
  section: 'Site system server certificates: IIS',
  check(ctx, report) {
    const ekus = ctx.cert.extendedKeyUsages;
    if (ekus === null && ctx.request) {
      return report.info('The request neither asks for an EKU nor names a template supcert knows: the certificate template on the CA decides. Use the Web Server template (or a copy with Server Authentication).');
    }
    if (ekus === null) {
      return report.warning('The certificate has no Enhanced Key Usage extension. Windows then accepts it for any purpose, so TLS works, but ConfigMgr requires Server Authentication (1.3.6.1.5.5.7.3.1): request it from the Web Server template (or a copy of it).');
    }
    if (ekus.includes(Eku.serverAuth)) return;
    if (ctx.request?.ekuSource === 'template') {
      return report.error(`The template "${ctx.request.template}" gives ${ekus.map(ekuLabel).join(', ') || 'no EKU'}, without Server Authentication (1.3.6.1.5.5.7.3.1): the issued certificate would be refused by clients (0x80072F93). Request it from the Web Server template (or a copy with Server Authentication).`, { windowsError: '0x80072F93' });
    }
    if (ekus.length === 1 && ekus[0] === Eku.anyExtendedKeyUsage) return; // SUP-EKU-002 reports "Any Purpose only"
    report.error(`The Enhanced Key Usage is ${ekus.map(ekuLabel).join(', ') || 'empty'}, without Server Authentication (1.3.6.1.5.5.7.3.1): clients refuse the certificate with 0x80072F93 (wrong usage). This is what the Computer/Workstation templates give; request a certificate from the Web Server template (or a copy with Server Authentication).`, { windowsError: '0x80072F93' });
  },
};

/** SUP-EKU-002 — anyExtendedKeyUsage alone: RFC 5280 lets applications reject it (S22). */
export const anyPurposeOnly: SupRule = {
  id: 'SUP-EKU-002',
  title: 'Server Authentication is explicit, not only "Any Purpose"',
  severity: 'warning',
  requirement: 'A certificate whose only EKU is anyExtendedKeyUsage (2.5.29.37.0) may be rejected by applications (RFC 5280 §4.2.1.12); ConfigMgr asks for an explicit Server Authentication EKU.',
  sources: ['S22', 'S18'],
  section: 'RFC 5280 §4.2.1.12',
  check(ctx, report) {
    const ekus = ctx.cert.extendedKeyUsages;
    if (!ekus?.includes(Eku.anyExtendedKeyUsage) || ekus.includes(Eku.serverAuth)) return;
    report.warning('The only Enhanced Key Usage is Any Purpose (2.5.29.37.0). Windows accepts it, but RFC 5280 lets applications refuse it and ConfigMgr asks for Server Authentication (1.3.6.1.5.5.7.3.1) explicitly.');
  },
};

/** SUP-EKU-003 — extra EKUs next to Server Authentication are fine (S1; IBCM proxies need both). */
export const extraEkus: SupRule = {
  id: 'SUP-EKU-003',
  title: 'Extra EKUs next to Server Authentication',
  severity: 'info',
  requirement: 'No rule forbids extra EKUs: Client Authentication alongside Server Authentication is fine (an SSL-bridging proxy certificate needs both).',
  sources: ['S1'],
  check(ctx, report) {
    const ekus = ctx.cert.extendedKeyUsages;
    if (!ekus?.includes(Eku.serverAuth)) return report.notApplicable('no Server Authentication EKU (SUP-EKU-001)');
    const extra = ekus.filter((e) => e !== Eku.serverAuth);
    if (extra.length) report.info(`Besides Server Authentication the certificate allows ${extra.map(ekuLabel).join(', ')}: harmless for a software update point.`);
  },
};
