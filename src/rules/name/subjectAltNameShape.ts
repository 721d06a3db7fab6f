import { Oid } from '../../asn1/oids.js';
import { type SupRule, finding } from '../SupRule.js';
import { quoteList } from '../messagePhrases.js';

/** "the subject CN values …" part of the no-SAN message. */
const noSanMessage = (a: { commonNames: string[] }): string =>
  `The certificate has no SAN extension: hosts are matched against the subject CN only (${a.commonNames.length ? quoteList(a.commonNames) : 'it has no CN either, so it names no host at all'}). Windows accepts that, RFC 9110/9525 clients (browsers, test tools) do not. Request the certificate with the names as SAN DNS entries.`;

const NO_SAN = {
  noSan: finding('sup.name.no_san', 'warning', noSanMessage),
  noSanStrict: finding('sup.name.no_san_strict', 'error', noSanMessage),
} as const;

const EMPTY_SUBJECT = {
  noSan: finding(
    'sup.name.empty_subject_without_san',
    'warning',
    () =>
      'The subject is empty and there is no SAN extension: the certificate names no host at all. Request it again with the names as SAN DNS entries.',
  ),
  sanNotCritical: finding(
    'sup.name.empty_subject_san_not_critical',
    'warning',
    () =>
      'The subject is empty but the SAN extension is not marked critical, as RFC 5280 §4.2.1.6 requires. Windows tolerates it; strict TLS libraries may reject the certificate. Mark the SAN critical in the template (or request).',
  ),
} as const;

/**
 * SUP-NAME-007 — a certificate with no SAN works on Windows through CN fallback, but RFC 9110
 * forbids CN-ID for HTTP clients and RFC 9525 drops it (S18, S19, S22).
 */
export const noSubjectAltName: SupRule = {
  id: 'SUP-NAME-007',
  title: 'The certificate has a SAN extension',
  requirement:
    'Without a SAN extension Windows still matches the subject CN, so SUP clients work, but RFC 9110 forbids CN-IDs for HTTP and RFC 9525 removes them: browsers and other TLS clients reject such a certificate.',
  sources: ['S22', 'S18', 'S19', 'S6'],
  findings: NO_SAN,
  check(ctx, report) {
    if (ctx.cert.dnsNames !== null) return;
    report(ctx.options.profile === 'strict' ? NO_SAN.noSanStrict : NO_SAN.noSan, {
      commonNames: ctx.cert.commonNames,
    });
  },
};

/** SUP-NAME-008 — RFC 5280 §4.2.1.6: an empty subject requires a critical SAN. */
export const emptySubjectNeedsCriticalSan: SupRule = {
  id: 'SUP-NAME-008',
  title: 'An empty subject comes with a critical SAN',
  requirement:
    "If the subject is empty, the SAN extension must be present and marked critical (RFC 5280 §4.2.1.6). Microsoft's step-by-step leaves the subject blank, so check the CA marked the SAN critical.",
  sources: ['S22', 'S8'],
  section: 'RFC 5280 §4.2.1.6',
  findings: EMPTY_SUBJECT,
  check(ctx, report) {
    if (ctx.cert.subject !== '') return report.notApplicable('the subject is not empty');
    if (ctx.request?.kind === 'attributes')
      return report.notApplicable('the subject comes from the request the attributes go with');
    const san = ctx.cert.extensions.find((e) => e.oid === Oid.subjectAltName);
    if (!san) return report(EMPTY_SUBJECT.noSan);
    if (!san.critical) report(EMPTY_SUBJECT.sanNotCritical);
  },
};
