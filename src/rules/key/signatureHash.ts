import type { SupRule } from '../SupRule.js';

/**
 * SUP-HASH-001 — MD2/MD5 are broken; SHA-1 TLS certificates are blocked by Windows only for
 * chains to the Microsoft Trusted Root Program, not for enterprise roots (S17). SHA-2 is
 * supported and recommended (S1, S2).
 */
export const signatureHash: SupRule = {
  id: 'SUP-HASH-001',
  stage: 'issued',
  title: 'Signature hash is SHA-2',
  severity: 'error',
  requirement:
    'MD2/MD5 signatures are refused. SHA-1 works with an enterprise root but is blocked for chains to publicly trusted roots; use SHA-256 or stronger.',
  sources: ['S17', 'S1', 'S2'],
  check(ctx, report) {
    const hash = ctx.cert.signatureHash;
    if (ctx.cert.selfIssued)
      return report.notApplicable(
        'a self-signed certificate is trusted as itself; its signature hash is not checked by Windows',
      );
    if (!hash)
      return report.info(
        `The signature algorithm ${ctx.cert.signatureAlgorithm} names no hash supcert knows; check it is SHA-256 or stronger.`,
      );
    if (/^md[245]$/.test(hash)) {
      return report.error(
        `The certificate is signed with ${hash.toUpperCase()} (${ctx.cert.signatureAlgorithm}), which is broken and refused by Windows. Reissue it from a CA that signs with SHA-256.`,
      );
    }
    if (hash === 'sha1') {
      if (ctx.options.issuerType === 'public')
        return report.error(
          'The certificate is signed with SHA-1 and chains to a public root: Windows blocks SHA-1 TLS certificates from the Microsoft Trusted Root Program. Reissue it with SHA-256.',
        );
      report.warning(
        'The certificate is signed with SHA-1. Windows still accepts SHA-1 from an enterprise root (it blocks SHA-1 only for public roots), but it is weak: move the CA to SHA-256 and reissue.',
      );
    }
  },
};
