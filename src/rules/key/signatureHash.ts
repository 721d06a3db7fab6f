import { describeCertificate } from '../../chain/verifyChain.js';
import { type SupRule, finding } from '../SupRule.js';

const F = {
  unknownHash: finding(
    'sup.hash.unknown',
    'info',
    (a: { algorithm: string }) =>
      `The signature algorithm ${a.algorithm} names no hash supcert knows; check it is SHA-256 or stronger.`,
  ),
  broken: finding(
    'sup.hash.md_family',
    'error',
    (a: { hash: string; algorithm: string }) =>
      `The certificate is signed with ${a.hash.toUpperCase()} (${a.algorithm}), which is broken and refused by Windows. Reissue it from a CA that signs with SHA-256.`,
  ),
  sha1Public: finding(
    'sup.hash.sha1_public_root',
    'error',
    () =>
      'The certificate is signed with SHA-1 and chains to a public root: Windows blocks SHA-1 TLS certificates from the Microsoft Trusted Root Program. Reissue it with SHA-256.',
  ),
  sha1: finding(
    'sup.hash.sha1',
    'warning',
    () =>
      'The certificate is signed with SHA-1. Windows still accepts SHA-1 from an enterprise root (it blocks SHA-1 only for public roots), but it is weak: move the CA to SHA-256 and reissue.',
  ),
  sha1Ca: finding(
    'sup.hash.sha1_ca',
    'warning',
    (a: { subject: string }) =>
      `The CA certificate "${a.subject}" in the chain is signed with SHA-1. Windows still accepts SHA-1 under an enterprise root (it blocks SHA-1 only for public roots), but it is weak: renew that CA certificate with SHA-256 (on AD CS, set the parent CA to sign with SHA256 and renew the CA certificate), then deploy the renewed CA certificate to the SUP server and the clients.`,
  ),
} as const;

/**
 * SUP-HASH-001 — MD2/MD5 are broken; SHA-1 TLS certificates are blocked by Windows only for
 * chains to the Microsoft Trusted Root Program, not for enterprise roots (S17). SHA-2 is
 * supported and recommended (S1, S2). A SHA-1 intermediate CA is warned about the same way (the
 * root's own signature is not checked).
 */
export const signatureHash: SupRule = {
  id: 'SUP-HASH-001',
  stage: 'issued',
  title: 'Signature hash is SHA-2',
  requirement:
    'MD2/MD5 signatures are refused. SHA-1 works with an enterprise root but is blocked for chains to publicly trusted roots; use SHA-256 or stronger.',
  sources: ['S17', 'S1', 'S2'],
  findings: F,
  check(ctx, report) {
    const hash = ctx.cert.signatureHash;
    if (ctx.cert.selfIssued)
      return report.notApplicable(
        'a self-signed certificate is trusted as itself; its signature hash is not checked by Windows',
      );
    if (!hash) return report(F.unknownHash, { algorithm: ctx.cert.signatureAlgorithm });
    if (/^md[245]$/.test(hash)) {
      return report(F.broken, { hash, algorithm: ctx.cert.signatureAlgorithm });
    }
    if (hash === 'sha1') {
      report(ctx.options.issuerType === 'public' ? F.sha1Public : F.sha1);
    }
    // The CAs between the certificate and the root: a root's own signature is not checked by
    // Windows, an intermediate's is. The chain's path when it was built, else the file's CAs.
    const cas = ctx.chain
      ? ctx.chain.path.slice(1).filter((c) => !c.selfIssued)
      : ctx.bundle.certificates.filter((c) => c !== ctx.cert && c.isCA && !c.selfIssued);
    for (const ca of cas) {
      if (ca.signatureHash === 'sha1') report(F.sha1Ca, { subject: describeCertificate(ca) });
    }
  },
};
