import { type SupRule, finding } from '../SupRule.js';

const KU = {
  noTlsUse: finding(
    'sup.ku.no_tls_key_use',
    'error',
    (a: { has: string; missing: string[] }) =>
      `The Key Usage allows ${a.has} but not ${a.missing.join(' or ')}: no TLS key exchange can use this key and every connection fails. Request the certificate from the Web Server template (Key Usage: digital signature, key encipherment).`,
  ),
  partial: finding(
    'sup.ku.key_use_partial',
    'warning',
    (a: { has: string; missing: string[] }) =>
      `The Key Usage allows ${a.has} but not ${a.missing.join(', ')}: ${a.missing[0] === 'keyEncipherment' ? 'TLS suites with RSA key transport' : 'ECDHE suites and TLS 1.3'} cannot be used. The Web Server template gives digital signature + key encipherment.`,
  ),
} as const;

const BC = {
  isCa: finding(
    'sup.bc.leaf_is_ca',
    'warning',
    () =>
      'The certificate is a CA certificate (basicConstraints cA=TRUE). A CA certificate should not be bound to a web site: it could sign other certificates. Use an end-entity certificate from the Web Server template.',
  ),
} as const;

/**
 * SUP-KU-001 — the Web Server template gives KeyUsage a0 (digitalSignature + keyEncipherment):
 * digitalSignature for ECDHE suites and TLS 1.3, keyEncipherment for RSA key transport (S1, S10).
 */
export const keyUsage: SupRule = {
  id: 'SUP-KU-001',
  title: 'Key Usage allows the TLS server key use',
  requirement:
    'If a Key Usage extension is present it must allow the TLS key use: digitalSignature (ECDHE suites, TLS 1.3) and, for RSA, keyEncipherment (RSA key transport). The Web Server template gives a0 (both).',
  sources: ['S1', 'S10'],
  findings: KU,
  check(ctx, report) {
    const ku = ctx.cert.keyUsage;
    if (ku === null)
      return report.notApplicable('no Key Usage extension: every key use is allowed');
    const rsa = ctx.cert.publicKey.algorithm === 'rsa';
    const wanted = rsa ? ['digitalSignature', 'keyEncipherment'] : ['digitalSignature'];
    const missing = wanted.filter((w) => !ku.includes(w));
    if (missing.length === 0) return;
    const has = ku.length ? ku.join(', ') : 'nothing';
    if (missing.length === wanted.length) {
      report(KU.noTlsUse, { has, missing });
    } else {
      report(KU.partial, { has, missing });
    }
  },
};

/** SUP-BC-001 — the bound certificate should not be a CA (RFC 5280 hygiene, S22). */
export const leafNotCa: SupRule = {
  id: 'SUP-BC-001',
  title: 'The certificate is not a CA certificate',
  requirement:
    'The certificate bound to the WSUS site is an end-entity certificate: basicConstraints cA must not be TRUE.',
  sources: ['S22'],
  section: 'RFC 5280 §4.2.1.9',
  findings: BC,
  check(ctx, report) {
    if (ctx.cert.isCA) report(BC.isCa);
  },
};
