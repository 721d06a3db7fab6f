import { type SupRule, finding } from '../SupRule.js';

const day = 86_400_000;
const iso = (d: Date): string => d.toISOString().replace('.000Z', 'Z');

const TIME = {
  expired: finding(
    'sup.val.expired',
    'error',
    (a: { notAfter: Date; at: Date }) =>
      `The certificate expired on ${iso(a.notAfter)} (${Math.ceil((a.at.getTime() - a.notAfter.getTime()) / day)} days before ${iso(a.at)}): clients fail with 0x80072F05. Renew it, bind the new certificate to the WSUS site in IIS and update any pinning store.`,
    { windowsError: '0x80072F05' },
  ),
  notYetValid: finding(
    'sup.val.not_yet_valid',
    'error',
    (a: { notBefore: Date; at: Date }) =>
      `The certificate is not valid before ${iso(a.notBefore)} (it is ${iso(a.at)}): clients fail with 0x80072F05 until then, or 0x80072F8F if their clock is off. Check the CA's and the clients' clocks.`,
    { windowsError: '0x80072F05' },
  ),
} as const;

const NEAR = {
  expiresSoon: finding(
    'sup.val.expires_soon',
    'warning',
    (a: { notAfter: Date; days: number; threshold: number }) =>
      `The certificate expires on ${iso(a.notAfter)}, ${a.days === 0 ? 'in less than a day' : `in ${a.days} day${a.days === 1 ? '' : 's'}`} (warning threshold ${a.threshold}). Renew it now, bind the renewed certificate to the WSUS site and update pinning stores.`,
  ),
} as const;

/** SUP-VAL-001 — expired or not yet valid: WinHTTP 12037 / 0x80072F05; clock skew shows as 0x80072F8F (S28, S21). */
export const timeValidity: SupRule = {
  id: 'SUP-VAL-001',
  stage: 'issued',
  title: 'The certificate is within its validity period',
  requirement:
    'A certificate that is expired or not yet valid is refused (0x80072F05, certificate date invalid); a client whose clock is wrong reports 0x80072F8F.',
  sources: ['S21', 'S28'],
  findings: TIME,
  check(ctx, report) {
    const { notBefore, notAfter } = ctx.cert;
    const at = ctx.options.at;
    if (at.getTime() > notAfter.getTime()) {
      report(TIME.expired, { notAfter, at });
    } else if (at.getTime() < notBefore.getTime()) {
      report(TIME.notYetValid, { notBefore, at });
    }
  },
};

/** SUP-VAL-002 — renewal must be re-bound in IIS and added to pinning stores (S6, S27). */
export const nearExpiry: SupRule = {
  id: 'SUP-VAL-002',
  stage: 'issued',
  title: 'The certificate does not expire soon',
  requirement:
    "Renew before expiry: the renewed certificate must be bound to the WSUS site in IIS again and, with TLS pinning, added to the clients' pinning store.",
  sources: ['S6', 'S27'],
  findings: NEAR,
  check(ctx, report) {
    const left = ctx.cert.notAfter.getTime() - ctx.options.at.getTime();
    if (left < 0) return report.notApplicable('already expired (SUP-VAL-001)');
    const days = Math.floor(left / day);
    if (days < ctx.options.expiryWarningDays) {
      report(NEAR.expiresSoon, {
        notAfter: ctx.cert.notAfter,
        days,
        threshold: ctx.options.expiryWarningDays,
      });
    }
  },
};
