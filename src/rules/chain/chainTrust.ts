import { rootSelfSignatureProblem } from '../../chain/sslPolicy.js';
import { type ChainProblemCode, describeCertificate } from '../../chain/verifyChain.js';
import { quoteValue } from '../../util/quote.js';
import { type SupRule, finding } from '../SupRule.js';
import type { RevocationStatus } from '../../chain/crl.js';
import { item, lastItem } from '../../util/item.js';

/** CERT_E_CHAINING: a chain could not be built to a trusted root (an issuer is missing). */
const CHAINING = '0x800B010A';

/** The error a Windows client shows for each chain problem (WinHTTP / CryptoAPI, S21). */
const WINDOWS_ERROR: Partial<Record<ChainProblemCode, string>> = {
  NO_PATH: '0x800B0109',
  BAD_SIGNATURE: '0x80096004',
  EXPIRED: '0x80072F05',
  NOT_YET_VALID: '0x80072F05',
  EKU_NOT_ALLOWED: '0x80072F93',
  NOT_CA: '0x800B0109',
  PATH_LENGTH: '0x80096001',
  NAME_CONSTRAINTS: '0x800B0114',
};

/**
 * What to do about a chain problem whose message alone does not say it: a CA of the chain outside
 * its validity (the leaf's own dates are SUP-VAL-*'s; clients fail with 0x80072F05 whichever
 * certificate of the chain is expired), or a critical extension Windows does not understand
 * (CERT_TRUST_INVALID_EXTENSION: it refuses the certificate, whatever the extension says).
 */
function chainAction(
  p: { code: ChainProblemCode; certificate?: string },
  leaf: Parameters<typeof describeCertificate>[0],
): string | undefined {
  if (p.code === 'UNKNOWN_CRITICAL_EXTENSION')
    return p.certificate === undefined || p.certificate === describeCertificate(leaf)
      ? 'Reissue the certificate without that extension, or with it not marked critical: remove it from the certificate template or the CA policy that adds it (or from the [Extensions] section of the certreq INF).'
      : 'Renew that CA certificate without that extension, or with it not marked critical, and reissue the SUP certificate from it.';
  if (p.code !== 'EXPIRED' && p.code !== 'NOT_YET_VALID') return undefined;
  if (p.certificate === undefined || p.certificate === describeCertificate(leaf)) return undefined;
  return p.code === 'EXPIRED'
    ? `Clients refuse the whole chain with 0x80072F05 even though the SUP certificate is in date. Renew that CA certificate (with the same key, certificates it issued stay valid; with a new key, reissue the SUP certificate too), put the renewed CA certificate into the SUP server's Local Computer store (Intermediate Certification Authorities, or Trusted Root for a root) and the clients', and remove the expired one from the server so it is not sent.`
    : `Clients refuse the whole chain with 0x80072F05 until that date: check the clocks of the CA and the clients, or wait until the CA certificate is valid before binding this one.`;
}

/** Chain problems reported one finding each; more are counted in one finding. */
const CHAIN_FINDINGS = 20;

const TRUST = {
  aiaDownload: finding(
    'sup.chain.aia_download',
    'info',
    (a: { note: string }) => `Online (--online): ${a.note}.`,
  ),
  issuerNotIncluded: finding(
    'sup.chain.issuer_not_included',
    'warning',
    (a: { issuer: string }) =>
      `The file does not include the issuing CA "${quoteValue(a.issuer || '(empty issuer name)', 160)}" and the certificate has no AIA caIssuers URL: a client that does not already have that CA cannot build the chain (0x800B010A if it is an intermediate, 0x800B0109 if it is a root the client does not trust). Export the certificate with its chain ("Include all certificates in the certification path"), or make sure every client has the CA.`,
  ),
  notValidated: finding(
    'sup.chain.not_validated',
    'info',
    () =>
      'No trust anchors were given, so the chain was not validated. Give the root CA certificate(s) your clients trust (trustAnchors, CLI --trust) to check it.',
  ),
  anchorNotSelfSigned: finding(
    'sup.chain.anchor_not_self_signed',
    'warning',
    (a: { subject: string; issuer: string; isCA: boolean }) =>
      a.isCA
        ? `The trust anchor "${quoteValue(a.subject, 160)}" is not self-signed (issued by "${quoteValue(a.issuer || '(empty)', 160)}"): it is an intermediate, and supcert took it as trusted, as given. Windows clients trust only what is in their Trusted Root store, where intermediates do not normally go; give the root your clients trust as trustAnchors (CLI --trust) and this certificate as intermediates (CLI --intermediate).`
        : `The trust anchor "${quoteValue(a.subject, 160)}" is not a CA certificate (an end-entity certificate issued by "${quoteValue(a.issuer || '(empty)', 160)}"), and supcert took it as trusted, as given: a chain that ends at it proves nothing about the chain clients build. Give the root CA your clients trust as trustAnchors (CLI --trust), not the server's own certificate.`,
  ),
  intermediateOutsideFile: finding(
    'sup.chain.intermediate_outside_file',
    'warning',
    (a: { intermediates: string[] }) =>
      `The chain is valid, but the intermediate ${a.intermediates.map((c) => `"${c}"`).join(', ')} came from outside the file and the certificate has no AIA caIssuers URL: every client must already have it in its Intermediate CA store.`,
  ),
  issuerToDownload: finding(
    'sup.chain.issuer_download_needed',
    'warning',
    (a: { issuerName: string; aia: string }) =>
      `The issuing CA ${a.issuerName} is not in the file or the intermediates given; Windows clients download it from ${quoteValue(a.aia, 200)} if they can reach that URL (as LOCAL SYSTEM, through the proxy), and fail with 0x800B010A (CERT_E_CHAINING) if they cannot. supcert does not go online: give the intermediate (intermediates, CLI --intermediate) to check the rest of the chain, and make sure the URL is reachable from every client.`,
    { windowsError: CHAINING },
  ),
  issuerMissing: finding(
    'sup.chain.issuer_missing',
    'error',
    (a: { problem: string; issuerName: string; noAia: boolean }) =>
      `Chain: ${a.problem} The issuing CA ${a.issuerName} is missing: no certificate given (in the file, the intermediates or the trust anchors) has that subject${a.noAia ? ', and the certificate has no AIA caIssuers URL to download it from' : ''}. Clients fail with 0x800B010A (CERT_E_CHAINING: a chain to a trusted root cannot be built), even when they trust the root. Put ${a.issuerName} into the PFX (export with "Include all certificates in the certification path"), or import it into the SUP server's Intermediate Certification Authorities store (Local Computer) so the server sends it; then check again with it (intermediates, CLI --intermediate).`,
    { windowsError: CHAINING },
  ),
  untrustedRoot: finding(
    'sup.chain.untrusted_root',
    'error',
    (a: { problem: string; root: string }) =>
      `Chain: ${a.problem} The chain ends at the self-signed root "${quoteValue(a.root || '(empty subject)', 160)}", which is not among the trust anchors given. Clients fail with 0x800B0109 (untrusted root) or 0x80072F0D: deploy that root to the Local Computer Trusted Root store of every client, including DMZ, workgroup and WinPE clients (or give the root your clients trust as trustAnchors, CLI --trust, if this is not it). A 0x800B0109 when a third-party update installs, while scans work, is the WSUS signing certificate instead (clients need it in Trusted Publishers and its root in Trusted Root), which supcert does not judge.`,
  ),
  rootSelfSignature: finding(
    'sup.chain.root_self_signature',
    'error',
    (a: { problem: string }) =>
      `Chain: ${a.problem} Clients refuse the chain with 0x80096004 (TRUST_E_CERT_SIGNATURE) even though the root is trusted: replace the root certificate in the trust anchors and on the clients with the CA's real one.`,
    { windowsError: '0x80096004' },
  ),
  problem: finding(
    'sup.chain.problem',
    'error',
    (a: { problem: string; action?: string }) =>
      `Chain: ${a.problem}${a.action ? ` ${a.action}` : ''}`,
  ),
  moreProblems: finding(
    'sup.chain.more_problems',
    'error',
    (a: { more: number; codes: string[] }) =>
      `Chain: … and ${a.more.toLocaleString('en-US')} more chain problems (codes ${a.codes.join(', ')}).`,
  ),
} as const;

/**
 * SUP-CHAIN-002 — clients build the chain from the Local Computer stores; DMZ, workgroup, WinPE
 * and other-forest clients do not get enterprise roots from Group Policy (S7, S26). An untrusted
 * root shows as 0x80072F0D / 0x800B0109 (S21).
 */
export const chainTrust: SupRule = {
  id: 'SUP-CHAIN-002',
  stage: 'issued',
  title: 'Clients can build a trusted chain',
  requirement:
    'Every client must build the chain from the SUP certificate to a root in its Local Computer Trusted Root store (user-store trust is not enough for Automatic Updates). Intermediates must be deployed, included, or reachable through the AIA caIssuers URL; non-domain-joined, DMZ, WinPE and other-forest clients do not get enterprise roots from Group Policy.',
  sources: ['S7', 'S21', 'S26'],
  findings: TRUST,
  check(ctx, report) {
    const { cert, chain } = ctx;
    // --online: intermediates downloaded from AIA caIssuers, as Windows does; said, since the server should send them.
    for (const note of ctx.aiaNotes ?? []) report(TRUST.aiaDownload, { note });
    if (!chain) {
      const issuerInFile = ctx.bundle.certificates.some(
        (c) => c !== cert && c.subject === cert.issuer,
      );
      if (!cert.selfIssued && !issuerInFile && cert.caIssuerUrls.length === 0) {
        report(TRUST.issuerNotIncluded, { issuer: cert.issuer });
      }
      return report(TRUST.notValidated);
    }
    for (const anchor of (ctx.trustAnchors ?? []).filter((a) => !a.selfIssued)) {
      report(TRUST.anchorNotSelfSigned, {
        subject: anchor.subject || `(empty subject, serial ${anchor.serialNumber})`,
        issuer: anchor.issuer,
        isCA: anchor.isCA,
      });
    }
    if (chain.valid) {
      const path = chain.path;
      // The chain is valid, but CryptoAPI also checks the root's own signature (sslPolicy.ts):
      // a bad one is the first error clients show (clientErrors), so it is an error here too.
      const root = lastItem(path);
      const bad = root?.selfIssued ? rootSelfSignatureProblem(root) : null;
      if (bad) report(TRUST.rootSelfSignature, { problem: bad });
      const fromOptions = path
        .slice(1, -1)
        .filter((c) => !ctx.bundle.certificates.some((b) => b.sha256 === c.sha256));
      if (fromOptions.length > 0 && cert.caIssuerUrls.length === 0) {
        report(TRUST.intermediateOutsideFile, {
          intermediates: fromOptions.map((c) => describeCertificate(c)),
        });
      }
      return;
    }
    // Problems the leaf's own rules already report (validity, EKU) are not repeated here.
    const own = new Set(['EXPIRED', 'NOT_YET_VALID', 'EKU_NOT_ALLOWED']);
    const relevant = chain.problems.filter(
      (p) => !(own.has(p.code) && p.certificate === describeCertificate(cert)),
    );
    // Where the search stopped: a self-signed certificate that is not trusted (an untrusted root,
    // CERT_E_UNTRUSTEDROOT), or a certificate whose issuer is nowhere (a missing intermediate,
    // CERT_E_CHAINING) although the root may well have been given.
    const stuck = chain.path[chain.path.length - 1]!;
    const missingIssuer = !stuck.selfIssued;
    const issuerName = `"${quoteValue(stuck.issuer || '(empty issuer name)', 160)}"`;
    const aia = stuck.caIssuerUrls.find((u) => /^https?:/i.test(u));
    // A missing intermediate with an AIA URL: Windows downloads it, supcert (offline) cannot.
    if (relevant.length === 1 && relevant[0]!.code === 'NO_PATH' && missingIssuer && aia) {
      return report(TRUST.issuerToDownload, { issuerName, aia });
    }
    // One finding per chain problem, at most CHAIN_FINDINGS; the rest are counted in one more.
    const listed = relevant.length ? relevant : chain.problems;
    for (const p of listed.slice(0, CHAIN_FINDINGS)) {
      if (p.code === 'NO_PATH' && missingIssuer) {
        report(TRUST.issuerMissing, {
          problem: p.message,
          issuerName,
          noAia: stuck.caIssuerUrls.length === 0,
        });
        continue;
      }
      const extra = WINDOWS_ERROR[p.code];
      const windowsError = extra ? { windowsError: extra } : {};
      if (p.code === 'NO_PATH')
        report(TRUST.untrustedRoot, { problem: p.message, root: stuck.subject }, windowsError);
      else
        report(TRUST.problem, { problem: p.message, action: chainAction(p, cert) }, windowsError);
    }
    if (listed.length > CHAIN_FINDINGS)
      report(TRUST.moreProblems, {
        more: listed.length - CHAIN_FINDINGS,
        codes: [...new Set(listed.slice(CHAIN_FINDINGS).map((p) => p.code))],
      });
  },
};

const REVOCATION = {
  note: finding(
    'sup.chain.revocation_note',
    'info',
    (a: { crls: number; from: string; note: string }) =>
      `Revocation (${a.crls} CRL(s) ${a.from}): ${a.note}.`,
  ),
  revoked: finding(
    'sup.chain.revoked',
    'error',
    (a: { status: RevocationStatus; by: string; leaf: boolean }) =>
      `"${a.status.subject}" (serial ${a.status.serialNumber}) is REVOKED since ${a.status.revokedAt!.toISOString()} according to ${a.by}: clients refuse it (CRYPT_E_REVOKED, 0x80092010). Issue a new certificate${a.leaf ? '' : ' from a CA that is not revoked'}.`,
    { windowsError: '0x80092010' },
  ),
  unknown: finding(
    'sup.chain.revocation_unknown',
    'warning',
    (a: { subject: string; why: string }) =>
      `Revocation of "${a.subject}" is unknown (${a.why}). With revocation checking on, clients treat that as CRYPT_E_REVOCATION_OFFLINE (0x80092013) and ConfigMgr as revoked: publish a fresh CRL signed by the issuing CA.`,
    { windowsError: '0x80092013' },
  ),
  notRevoked: finding(
    'sup.chain.not_revoked',
    'info',
    (a: { status: RevocationStatus; from: string }) =>
      a.status.ocsp === 'good'
        ? `"${a.status.subject}" is not revoked: the OCSP responder says good${a.status.rejected.length > 0 ? ` (${a.status.rejected.slice(0, 2).join('; ')})` : ''}.`
        : `"${a.status.subject}" is not revoked: the CRL ${a.from} of its issuer is valid, fresh and does not list serial ${a.status.serialNumber}.`,
  ),
  noRevocationInfo: finding(
    'sup.chain.no_revocation_info',
    'warning',
    () =>
      'The certificate has no CRL distribution point and no OCSP URL. Clients that require revocation checking (ConfigMgr does for site systems) cannot check it and may fail with 0x80072F19. Add a CDP (HTTP) to the issuing CA and reissue.',
    { windowsError: '0x80072F19' },
  ),
  ldapOnly: finding(
    'sup.chain.crl_ldap_only',
    'info',
    (a: { cdp: string | undefined }) =>
      `The CRL is published only over LDAP (${a.cdp}): clients on the internet cannot reach it. Clients that check revocation treat an unreachable CRL as a failure (ConfigMgr's own connections: 0x80072F19); whether the Windows Update Agent's scan checks it is not documented. Publish an HTTP CDP reachable from the internet.`,
    { windowsError: '0x80072F19' },
  ),
} as const;

/**
 * SUP-CHAIN-003 — ConfigMgr clients check the CRL of site systems by default and treat an
 * unreachable CRL as revoked; the check runs as LOCAL SYSTEM, so proxies can block it (S13).
 */
export const revocationInformation: SupRule = {
  id: 'SUP-CHAIN-003',
  stage: 'issued',
  title: 'Revocation information clients can reach',
  requirement:
    'An enterprise-CA certificate needs a CRL distribution point (or OCSP) that clients reach as LOCAL SYSTEM; an unreachable CRL is treated as revoked (0x80072F19). LDAP-only CDPs are unreachable for internet clients.',
  sources: ['S13', 'S21'],
  findings: REVOCATION,
  check(ctx, report) {
    const { cert } = ctx;
    if (cert.selfIssued)
      return report.notApplicable('a self-signed certificate has no issuer to revoke it');
    // Revocation: what the CRLs given (--crl, or fetched with --online) say, certificate by certificate.
    const rev = ctx.revocation;
    if (rev) {
      const from = rev.source === 'online' ? 'fetched online (--online)' : 'given (--crl)';
      for (const note of rev.notes) report(REVOCATION.note, { crls: rev.crls, from, note });
      for (const st of rev.statuses) {
        if (st.status === 'revoked') {
          report(REVOCATION.revoked, {
            status: st,
            by: st.ocsp === 'revoked' ? 'the OCSP responder (--online)' : `the CRL ${from}`,
            leaf: st === item(rev.statuses, 0),
          });
        } else if (st.status === 'unknown') {
          const why =
            st.rejected.length > 0
              ? `no usable CRL: ${st.rejected.slice(0, 3).join('; ')}`
              : 'no CRL of its issuer among those given';
          report(REVOCATION.unknown, { subject: st.subject, why });
        } else report(REVOCATION.notRevoked, { status: st, from });
      }
    }
    const cdp = cert.crlDistributionPoints;
    if (cdp.length === 0 && cert.ocspUrls.length === 0) {
      if (ctx.options.issuerType === 'public') return;
      return report(REVOCATION.noRevocationInfo);
    }
    const internetClients =
      ctx.options.connections === 'internet' || ctx.options.connections === 'both';
    if (
      internetClients &&
      cdp.length > 0 &&
      cdp.every((u) => u.toLowerCase().startsWith('ldap:')) &&
      cert.ocspUrls.length === 0
    ) {
      report(REVOCATION.ldapOnly, { cdp: item(cdp, 0) });
    }
  },
};
