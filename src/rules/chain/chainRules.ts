import { type SupRule, finding } from '../SupRule.js';

const SELF_SIGNED = {
  selfSigned: finding(
    'sup.chain.self_signed',
    'warning',
    () =>
      "The certificate is self-signed. Clients trust it only if it is in every client's Local Computer Trusted Root store (0x800B0109 otherwise), and ConfigMgr expects a PKI-issued Web Server certificate. Request one from your enterprise CA.",
    { windowsError: '0x800B0109' },
  ),
} as const;

const ENHANCED_HTTP = {
  smsCertificate: finding(
    'sup.chain.enhanced_http_certificate',
    'warning',
    () =>
      'This is the site\'s enhanced-HTTP certificate ("SMS Role SSL Certificate", issued by "SMS Issuing"). It is made for management and distribution points; Windows Update clients do not trust "SMS Issuing". Bind a PKI Web Server certificate to the WSUS site instead.',
  ),
} as const;

/**
 * SUP-CHAIN-001 — ConfigMgr requires a PKI-issued web server certificate for HTTPS site systems
 * (S1, S12); WSUS accepts any certificate every client trusts (S7).
 */
export const selfSigned: SupRule = {
  id: 'SUP-CHAIN-001',
  stage: 'issued',
  title: 'The certificate is issued by a CA, not self-signed',
  requirement:
    "HTTPS site systems need a PKI-issued web server certificate; a self-signed certificate works only if it is added to every client's Local Computer Trusted Root store, and is not the supported ConfigMgr configuration.",
  sources: ['S1', 'S12', 'S7'],
  findings: SELF_SIGNED,
  check(ctx, report) {
    if (!ctx.cert.selfIssued) return;
    report(SELF_SIGNED.selfSigned);
  },
};

const SMS_ISSUING = /(^|,)CN=SMS Issuing(,|$)/i;
const SMS_ROLE = /SMS Role SSL Certificate/i;

/** SUP-CHAIN-004 — the site-issued enhanced-HTTP certificate is not a SUP certificate (S12). */
export const enhancedHttpCertificate: SupRule = {
  id: 'SUP-CHAIN-004',
  stage: 'issued',
  title: 'Not the enhanced-HTTP "SMS Role SSL Certificate"',
  requirement:
    'The site generates "SMS Role SSL Certificate" (issued by "SMS Issuing") for enhanced HTTP on management points and distribution points; the software update point is not part of enhanced HTTP and needs its own PKI certificate.',
  sources: ['S12'],
  findings: ENHANCED_HTTP,
  check(ctx, report) {
    const { cert } = ctx;
    const hit =
      SMS_ISSUING.test(cert.issuer) ||
      cert.commonNames.some((cn) => SMS_ROLE.test(cn)) ||
      SMS_ROLE.test(cert.friendlyName ?? '');
    if (hit) report(ENHANCED_HTTP.smsCertificate);
  },
};
