import { type ChainProblemCode, describeCertificate } from '../../chain/verifyChain.js';
import { quoteValue } from '../../util/quote.js';
import type { SupRule } from '../SupRule.js';

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

/** Chain problems reported one finding each; more are counted in one finding. */
const CHAIN_FINDINGS = 20;

/**
 * SUP-CHAIN-002 — clients build the chain from the Local Computer stores; DMZ, workgroup, WinPE
 * and other-forest clients do not get enterprise roots from Group Policy (S7, S26). An untrusted
 * root shows as 0x80072F0D / 0x800B0109 (S21).
 */
export const chainTrust: SupRule = {
  id: 'SUP-CHAIN-002',
  stage: 'issued',
  title: 'Clients can build a trusted chain',
  severity: 'error',
  requirement:
    'Every client must build the chain from the SUP certificate to a root in its Local Computer Trusted Root store (user-store trust is not enough for Automatic Updates). Intermediates must be deployed, included, or reachable through the AIA caIssuers URL; non-domain-joined, DMZ, WinPE and other-forest clients do not get enterprise roots from Group Policy.',
  sources: ['S7', 'S21', 'S26'],
  check(ctx, report) {
    const { cert, chain } = ctx;
    // --online: intermediates downloaded from AIA caIssuers, as Windows does; said, since the server should send them.
    for (const note of ctx.aiaNotes ?? []) report.info(`Online (--online): ${note}.`);
    if (!chain) {
      const issuerInFile = ctx.bundle.certificates.some(
        (c) => c !== cert && c.subject === cert.issuer,
      );
      if (!cert.selfIssued && !issuerInFile && cert.caIssuerUrls.length === 0) {
        report.warning(
          `The file does not include the issuing CA "${quoteValue(cert.issuer || '(empty issuer name)', 160)}" and the certificate has no AIA caIssuers URL: a client that does not already have that CA cannot build the chain (0x800B010A if it is an intermediate, 0x800B0109 if it is a root the client does not trust). Export the certificate with its chain ("Include all certificates in the certification path"), or make sure every client has the CA.`,
        );
      }
      return report.info(
        'No trust anchors were given, so the chain was not validated. Give the root CA certificate(s) your clients trust (trustAnchors, CLI --trust) to check it.',
      );
    }
    for (const anchor of (ctx.trustAnchors ?? []).filter((a) => !a.selfIssued)) {
      report.warning(
        `The trust anchor "${quoteValue(anchor.subject || `(empty subject, serial ${anchor.serialNumber})`, 160)}" is not self-signed (issued by "${quoteValue(anchor.issuer || '(empty)', 160)}"): it is an intermediate, and supcert took it as trusted, as given. Windows clients trust only what is in their Trusted Root store, where intermediates do not normally go; give the root your clients trust as trustAnchors (CLI --trust) and this certificate as intermediates (CLI --intermediate).`,
      );
    }
    if (chain.valid) {
      const path = chain.path;
      const fromOptions = path
        .slice(1, -1)
        .filter((c) => !ctx.bundle.certificates.some((b) => b.sha256 === c.sha256));
      if (fromOptions.length > 0 && cert.caIssuerUrls.length === 0) {
        report.warning(
          `The chain is valid, but the intermediate ${fromOptions.map((c) => `"${describeCertificate(c)}"`).join(', ')} came from outside the file and the certificate has no AIA caIssuers URL: every client must already have it in its Intermediate CA store.`,
        );
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
      return report.warning(
        `The issuing CA ${issuerName} is not in the file or the intermediates given; Windows clients download it from ${quoteValue(aia, 200)} if they can reach that URL (as LOCAL SYSTEM, through the proxy), and fail with 0x800B010A (CERT_E_CHAINING) if they cannot. supcert does not go online: give the intermediate (intermediates, CLI --intermediate) to check the rest of the chain, and make sure the URL is reachable from every client.`,
        { windowsError: CHAINING },
      );
    }
    // One finding per chain problem, at most CHAIN_FINDINGS; the rest are counted in one more.
    const listed = relevant.length ? relevant : chain.problems;
    for (const p of listed.slice(0, CHAIN_FINDINGS)) {
      if (p.code === 'NO_PATH' && missingIssuer) {
        report.error(
          `Chain: ${p.message} The issuing CA ${issuerName} is missing: no certificate given (in the file, the intermediates or the trust anchors) has that subject${stuck.caIssuerUrls.length === 0 ? ', and the certificate has no AIA caIssuers URL to download it from' : ''}. Clients fail with 0x800B010A (CERT_E_CHAINING: a chain to a trusted root cannot be built), even when they trust the root. Put ${issuerName} into the PFX (export with "Include all certificates in the certification path"), or import it into the SUP server's Intermediate Certification Authorities store (Local Computer) so the server sends it; then check again with it (intermediates, CLI --intermediate).`,
          { windowsError: CHAINING },
        );
        continue;
      }
      const extra = WINDOWS_ERROR[p.code];
      report.error(
        `Chain: ${p.message}${p.code === 'NO_PATH' ? ` The chain ends at the self-signed root "${quoteValue(stuck.subject || '(empty subject)', 160)}", which is not among the trust anchors given. Clients fail with 0x800B0109 (untrusted root) or 0x80072F0D: deploy that root to the Local Computer Trusted Root store of every client, including DMZ, workgroup and WinPE clients (or give the root your clients trust as trustAnchors, CLI --trust, if this is not it).` : ''}`,
        extra ? { windowsError: extra } : {},
      );
    }
    if (listed.length > CHAIN_FINDINGS)
      report.error(
        `Chain: … and ${(listed.length - CHAIN_FINDINGS).toLocaleString('en-US')} more chain problems (codes ${[...new Set(listed.slice(CHAIN_FINDINGS).map((p) => p.code))].join(', ')}).`,
      );
  },
};

/**
 * SUP-CHAIN-003 — ConfigMgr clients check the CRL of site systems by default and treat an
 * unreachable CRL as revoked; the check runs as LOCAL SYSTEM, so proxies can block it (S13).
 */
export const revocationInformation: SupRule = {
  id: 'SUP-CHAIN-003',
  stage: 'issued',
  title: 'Revocation information clients can reach',
  severity: 'warning',
  requirement:
    'An enterprise-CA certificate needs a CRL distribution point (or OCSP) that clients reach as LOCAL SYSTEM; an unreachable CRL is treated as revoked (0x80072F19). LDAP-only CDPs are unreachable for internet clients.',
  sources: ['S13', 'S21'],
  check(ctx, report) {
    const { cert } = ctx;
    if (cert.selfIssued)
      return report.notApplicable('a self-signed certificate has no issuer to revoke it');
    // Revocation: what the CRLs given (--crl, or fetched with --online) say, certificate by certificate.
    const rev = ctx.revocation;
    if (rev) {
      const from = rev.source === 'online' ? 'fetched online (--online)' : 'given (--crl)';
      for (const note of rev.notes)
        report.info(`Revocation (${rev.crls} CRL(s) ${from}): ${note}.`);
      for (const st of rev.statuses) {
        if (st.status === 'revoked') {
          report.error(
            `"${st.subject}" (serial ${st.serialNumber}) is REVOKED since ${st.revokedAt!.toISOString()} according to ${st.ocsp === 'revoked' ? 'the OCSP responder (--online)' : `the CRL ${from}`}: clients refuse it (CRYPT_E_REVOKED, 0x80092010). Issue a new certificate${st === rev.statuses[0] ? '' : ' from a CA that is not revoked'}.`,
            { windowsError: '0x80092010' },
          );
        } else if (st.status === 'unknown') {
          const why =
            st.rejected.length > 0
              ? `no usable CRL: ${st.rejected.slice(0, 3).join('; ')}`
              : 'no CRL of its issuer among those given';
          report.warning(
            `Revocation of "${st.subject}" is unknown (${why}). With revocation checking on, clients treat that as CRYPT_E_REVOCATION_OFFLINE (0x80092013) and ConfigMgr as revoked: publish a fresh CRL signed by the issuing CA.`,
            { windowsError: '0x80092013' },
          );
        } else
          report.info(
            st.ocsp === 'good'
              ? `"${st.subject}" is not revoked: the OCSP responder says good${st.rejected.length > 0 ? ` (${st.rejected.slice(0, 2).join('; ')})` : ''}.`
              : `"${st.subject}" is not revoked: the CRL ${from} of its issuer is valid, fresh and does not list serial ${st.serialNumber}.`,
          );
      }
    }
    const cdp = cert.crlDistributionPoints;
    if (cdp.length === 0 && cert.ocspUrls.length === 0) {
      if (ctx.options.issuerType === 'public') return;
      return report.warning(
        'The certificate has no CRL distribution point and no OCSP URL. Clients that require revocation checking (ConfigMgr does for site systems) cannot check it and may fail with 0x80072F19. Add a CDP (HTTP) to the issuing CA and reissue.',
        { windowsError: '0x80072F19' },
      );
    }
    const internetClients =
      ctx.options.connections === 'internet' || ctx.options.connections === 'both';
    if (
      internetClients &&
      cdp.length > 0 &&
      cdp.every((u) => u.toLowerCase().startsWith('ldap:')) &&
      cert.ocspUrls.length === 0
    ) {
      report.info(
        `The CRL is published only over LDAP (${cdp[0]}): internet clients cannot reach it and treat the certificate as revoked (0x80072F19). Publish an HTTP CDP reachable from the internet.`,
        { windowsError: '0x80072F19' },
      );
    }
  },
};
