import { Oid } from '../../asn1/oids.js';
import type { SupRule } from '../SupRule.js';
import { quoteList } from '../describe.js';

/**
 * SUP-NAME-007 — a certificate with no SAN works on Windows through CN fallback, but RFC 9110
 * forbids CN-ID for HTTP clients and RFC 9525 drops it (S18, S19, S22).
 */
export const noSubjectAltName: SupRule = {
  id: 'SUP-NAME-007',
  title: 'The certificate has a SAN extension',
  severity: 'error',
  requirement:
    'Without a SAN extension Windows still matches the subject CN, so SUP clients work, but RFC 9110 forbids CN-IDs for HTTP and RFC 9525 removes them: browsers and other TLS clients reject such a certificate.',
  sources: ['S22', 'S18', 'S19', 'S6'],
  check(ctx, report) {
    if (ctx.cert.dnsNames !== null) return;
    const message = `The certificate has no SAN extension: hosts are matched against the subject CN only (${ctx.cert.commonNames.length ? quoteList(ctx.cert.commonNames) : 'it has no CN either, so it names no host at all'}). Windows accepts that, RFC 9110/9525 clients (browsers, test tools) do not. Request the certificate with the names as SAN DNS entries.`;
    if (ctx.options.profile === 'strict') report.error(message);
    else report.warning(message);
  },
};

/** SUP-NAME-008 — RFC 5280 §4.2.1.6: an empty subject requires a critical SAN. */
export const emptySubjectNeedsCriticalSan: SupRule = {
  id: 'SUP-NAME-008',
  title: 'An empty subject comes with a critical SAN',
  severity: 'warning',
  requirement:
    "If the subject is empty, the SAN extension must be present and marked critical (RFC 5280 §4.2.1.6). Microsoft's step-by-step leaves the subject blank, so check the CA marked the SAN critical.",
  sources: ['S22', 'S8'],
  section: 'RFC 5280 §4.2.1.6',
  check(ctx, report) {
    if (ctx.cert.subject !== '') return report.notApplicable('the subject is not empty');
    if (ctx.request?.kind === 'attributes')
      return report.notApplicable('the subject comes from the request the attributes go with');
    const san = ctx.cert.extensions.find((e) => e.oid === Oid.subjectAltName);
    if (!san)
      return report.warning(
        'The subject is empty and there is no SAN extension: the certificate names no host at all. Request it again with the names as SAN DNS entries.',
      );
    if (!san.critical)
      report.warning(
        'The subject is empty but the SAN extension is not marked critical, as RFC 5280 §4.2.1.6 requires. Windows tolerates it; strict TLS libraries may reject the certificate. Mark the SAN critical in the template (or request).',
      );
  },
};
