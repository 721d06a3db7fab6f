import { Eku } from '../../asn1/oids.js';
import type { CertificateBundle } from '../../read/CertificateBundle.js';
import { quoteList } from '../../util/quote.js';
import type { CertificateInfo } from '../../x509/CertificateInfo.js';
import { type SupRule, finding } from '../SupRule.js';

const BASE64 = {
  base64Pfx: finding(
    'sup.file.pfx_base64_text',
    'error',
    () =>
      "This PFX is base64 text, not the binary PKCS#12 file Windows imports (an Azure Key Vault secret download gives this form): certutil -importPFX and the Certificate Import Wizard refuse it as it is. Decode it first, then check and import the decoded file: certutil -decode in.txt out.pfx, or in PowerShell [IO.File]::WriteAllBytes('out.pfx', [Convert]::FromBase64String((Get-Content in.txt -Raw))).",
    { source: 'S32' },
  ),
} as const;

const SERVER_CERTIFICATE = {
  onlyCaCertificates: finding(
    'sup.file.only_ca_certificates',
    'error',
    (a: { subjects: string[] }) =>
      `The file holds ${a.subjects.length === 1 ? 'one CA certificate' : `only CA certificates (${a.subjects.length})`} and no server certificate: ${quoteList(a.subjects, 5, '; ')}. It looks like the chain or a trust store, not the SUP's certificate, so the other rules were not run. Give the certificate bound to the WSUS site (a PFX exported from the SUP server with its private key, or its .cer); pass CA certificates as trustAnchors / intermediates (CLI --trust / --intermediate).`,
  ),
} as const;

/**
 * SUP-FILE-001 — Windows imports a PFX as a binary PKCS#12 BLOB (PFXImportCertStore, certutil
 * -importPFX, the Certificate Import Wizard: S31, S32). A PFX saved as base64 text (what Azure
 * Key Vault's secret download gives, S33) must be decoded first.
 */
export const pfxAsBase64Text: SupRule = {
  id: 'SUP-FILE-001',
  stage: 'issued',
  title: 'A PFX is binary PKCS#12, not base64 text',
  requirement:
    'Windows imports a PFX as binary PKCS#12 (PFXImportCertStore; certutil -importPFX; the Certificate Import Wizard). A PFX given as base64 text (an Azure Key Vault secret download, a PFX pasted from a pipeline variable) cannot be imported as it is: it must be decoded to bytes first (certutil -decode, or [Convert]::FromBase64String in PowerShell).',
  sources: ['S31', 'S32', 'S33'],
  findings: BASE64,
  check(ctx, report) {
    const { bundle } = ctx;
    if (bundle.contains !== 'pkcs12') return report.notApplicable('the input is not a PFX');
    if (bundle.format !== 'base64') return;
    report(BASE64.base64Pfx);
  },
};

/**
 * Could this certificate be the server's own (rather than a CA certificate of its chain)? Not a
 * CA; or its key is in the file; or, CA:TRUE as "openssl req -x509" makes self-signed server
 * certificates, it names a host (SAN entries, Server Authentication, or a CN that is one of the
 * names given).
 */
export function looksLikeServerCertificate(
  cert: CertificateInfo,
  index: number,
  bundle: CertificateBundle,
  names: readonly string[] = [],
): boolean {
  if (!cert.isCA) return true;
  if (bundle.keys.some((k) => k.certificateIndex === index)) return true;
  if (
    (cert.dnsNames?.length ?? 0) > 0 ||
    cert.ipAddresses.length > 0 ||
    (cert.extendedKeyUsages ?? []).includes(Eku.serverAuth)
  )
    return true;
  const wanted = new Set(names.map((n) => n.toLowerCase().replace(/\.$/, '')));
  return cert.commonNames.some((cn) => wanted.has(cn.toLowerCase().replace(/\.$/, '')));
}

/** True when no certificate of the file can be the server's: a chain .p7b, a CA bundle, a trust store. */
export function holdsOnlyCaCertificates(
  bundle: CertificateBundle,
  names: readonly string[] = [],
): boolean {
  return (
    bundle.certificates.length > 0 &&
    !bundle.certificates.some((c, i) => looksLikeServerCertificate(c, i, bundle, names))
  );
}

/**
 * SUP-FILE-002 — the SUP needs its own Server Authentication certificate (S1); a file with only
 * CA certificates (the .p7b of the chain, a Java trust store, a CA bundle) holds none, and its
 * root must not be judged as if it were the server's certificate.
 */
export const serverCertificatePresent: SupRule = {
  id: 'SUP-FILE-002',
  title: 'The file holds a server certificate',
  requirement:
    "The input must hold the software update point's own certificate (an end-entity Server Authentication certificate). A file of CA certificates only (the chain .p7b, a trust store, a CA bundle) holds none: it gets this verdict alone, and the other rules do not judge its root as the server certificate.",
  sources: ['S1', 'S13'],
  section: 'Site system server certificates: IIS',
  findings: SERVER_CERTIFICATE,
  check(ctx, report) {
    if (ctx.request)
      return report.notApplicable('a request describes the certificate to be issued');
    if (!ctx.noServerCertificate) return;
    const subjects = ctx.bundle.certificates.map(
      (c) => c.subject || `(empty subject, serial ${c.serialNumber})`,
    );
    report(SERVER_CERTIFICATE.onlyCaCertificates, { subjects });
  },
};
