import type { SupRule } from '../SupRule.js';
import { printable } from '../describe.js';

const NOTATION = /&|^\s*dns\s*=|^\s*san\s*:/i;

/**
 * SUP-NAME-005 — the ConfigMgr documentation writes "intranet&internet" for "both names"; the
 * `&` is the Windows CA request syntax (san:dns=a&dns=b, certreq _continue_ lines), never
 * certificate content (S1, S8, S9, S10).
 */
export const ampersandNotation: SupRule = {
  id: 'SUP-NAME-005',
  title: 'The & notation was not typed into the certificate',
  severity: 'error',
  requirement:
    'When a site system needs both names, the documentation joins them with "&". That is request notation: the certificate must carry each name as its own SAN DNS entry. A CN or dNSName containing "&", "dns=" or "san:" matches nothing and is not a valid DNS name.',
  sources: ['S1', 'S8', 'S9', 'S10', 'S22'],
  section: 'Site system server certificates: IIS',
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
      report.error(
        `The ${where} "${printable(value)}" contains request notation ("&", "dns=" or "san:"): it is one literal name that matches no host. Request the certificate again with each name as its own SAN DNS entry: ${parts.map((p) => `DNS=${p}`).join(', ')}.`,
      );
    }
    // The names the administrator typed for this check, parsed as docs/names.md ("The & notation") describes.
    for (const problem of ctx.options.nameListProblems) {
      if (/identity, not a DNS name/.test(problem))
        report.warning(`In the names given: ${problem}.`);
      else report.info(`In the names given: ${problem}.`);
    }
  },
};
