import { type SupRule, finding } from '../SupRule.js';
import { printable } from '../messagePhrases.js';

const NOTATION = /&|^\s*dns\s*=|^\s*san\s*:/i;

const F = {
  notationInCertificate: finding(
    'sup.name.request_notation_in_certificate',
    'error',
    (a: { where: string; value: string; parts: string[] }) =>
      `The ${a.where} "${printable(a.value)}" contains request notation ("&", "dns=" or "san:"): it is one literal name that matches no host. Request the certificate again with each name as its own SAN DNS entry: ${a.parts.map((p) => `DNS=${p}`).join(', ')}.`,
  ),
  nameListIdentity: finding(
    'sup.name.names_given_not_dns',
    'warning',
    (a: { problem: string }) => `In the names given: ${a.problem}.`,
  ),
  nameListNote: finding(
    'sup.name.names_given_note',
    'info',
    (a: { problem: string }) => `In the names given: ${a.problem}.`,
  ),
} as const;

/**
 * SUP-NAME-005 — the ConfigMgr documentation writes "intranet&internet" for "both names"; the
 * `&` is the Windows CA request syntax (san:dns=a&dns=b, certreq _continue_ lines), never
 * certificate content (S1, S8, S9, S10).
 */
export const ampersandNotation: SupRule = {
  id: 'SUP-NAME-005',
  title: 'The & notation was not typed into the certificate',
  requirement:
    'When a site system needs both names, the documentation joins them with "&". That is request notation: the certificate must carry each name as its own SAN DNS entry. A CN or dNSName containing "&", "dns=" or "san:" matches nothing and is not a valid DNS name.',
  sources: ['S1', 'S8', 'S9', 'S10', 'S22'],
  section: 'Site system server certificates: IIS',
  findings: F,
  check(ctx, report) {
    const typed = [
      ...ctx.cert.commonNames
        .filter((v) => NOTATION.test(v))
        .map((v) => ['subject CN', v] as const),
      ...(ctx.cert.dnsNames ?? [])
        .filter((v) => NOTATION.test(v))
        .map((v) => ['SAN dNSName', v] as const),
    ];
    for (const [where, value] of typed) {
      const parts = value
        .replace(/^\s*san\s*:/i, '')
        .split('&')
        .map((p) => p.replace(/^\s*dns\s*=\s*/i, '').trim())
        .filter(Boolean);
      report(F.notationInCertificate, { where, value, parts });
    }
    // The names the administrator typed for this check, parsed as docs/names.md ("The & notation") describes.
    for (const problem of ctx.options.nameListProblems) {
      report(/identity, not a DNS name/.test(problem) ? F.nameListIdentity : F.nameListNote, {
        problem,
      });
    }
  },
};
