import { port } from '#port';
import { toHex } from '../../util/bytes.js';
import { Eku } from '../../asn1/oids.js';
import { matchHostname } from '../../names/matchHostname.js';
import { quoteList } from '../../util/quote.js';
import type { CertificateInfo } from '../../x509/CertificateInfo.js';
import { type SupRule, finding } from '../SupRule.js';

const thumbprint = (c: CertificateInfo): string => toHex(port.digest('sha1', c.der)).toUpperCase();
const day = (d: Date): string => d.toISOString().slice(0, 10);

/** The host names a certificate answers to, as Windows reads it: its SAN dNSNames, or its CNs when it has no SAN. */
function hostNames(c: CertificateInfo): string[] {
  return c.dnsNames ?? c.commonNames;
}

const F = {
  sameCertificate: finding(
    'sup.dep.renewal_same_certificate',
    'error',
    () =>
      'replaces is this very certificate: nothing was renewed. Give the certificate that is bound today as replaces, and the new one as the input.',
  ),
  namesLost: finding(
    'sup.dep.renewal_names_lost',
    'error',
    (a: { lost: string[] }) =>
      `The new certificate no longer answers to ${quoteList(a.lost)}, which the replaced one held: clients that connect by ${a.lost.length > 1 ? 'these names' : 'this name'} fail with 0x80072F06 after the switch. Request the new certificate with every name of the old one.`,
    { windowsError: '0x80072F06' },
  ),
  serverAuthLost: finding(
    'sup.dep.renewal_server_auth_lost',
    'error',
    () =>
      'The replaced certificate allowed Server Authentication and the new one does not (its EKU lacks 1.3.6.1.5.5.7.3.1): clients refuse it with 0x800B0110. Issue it from a template with Server Authentication (Web Server).',
    { windowsError: '0x800B0110' },
  ),
  issuerChanged: finding(
    'sup.dep.renewal_issuer_changed',
    'warning',
    (a: { sameName: boolean; issuer: string; oldIssuer: string }) =>
      `The new certificate comes from ${a.sameName ? 'another key of' : 'another issuer than'} the replaced one ("${a.issuer}" instead of "${a.oldIssuer}"): every client must trust the new chain before the switch (push the CA certificates by Group Policy), or scans fail with 0x800B0109.`,
  ),
  expiresSooner: finding(
    'sup.dep.renewal_expires_sooner',
    'warning',
    (a: { notAfter: Date; oldNotAfter: Date }) =>
      `The new certificate expires on ${day(a.notAfter)}, before the replaced one (${day(a.oldNotAfter)}): the renewal shortens the time to the next change.`,
  ),
  steps: finding(
    'sup.dep.renewal_steps',
    'info',
    (a: { steps: string[] }) =>
      `Renewal steps: ${a.steps.map((s, i) => `(${i + 1}) ${s}`).join('; ')}.`,
    { source: 'S6' },
  ),
} as const;

/**
 * SUP-DEP-007 — renewal gate (SupOptions.replaces, CLI --replaces OLD): the new certificate keeps
 * every name and Server Authentication of the one it replaces, comes from the same issuer, and
 * does not expire sooner; and the steps a renewal must redo are listed (S6: bind the new
 * certificate and run configuressl with its name; S15: TLS pinning stores hold the old one).
 */
export const renewalGate: SupRule = {
  id: 'SUP-DEP-007',
  stage: 'issued',
  title: 'A renewal keeps what the replaced certificate gave',
  requirement:
    "With replaces (the certificate being replaced): every host name of the old certificate is still matched and Server Authentication is kept (error otherwise: clients fail with 0x80072F06 / 0x800B0110); the issuer is the same and the new certificate does not expire sooner (warning otherwise). The steps to redo are listed: select the new certificate in the WSUS site's https binding (HTTP.sys keeps the old thumbprint until then), run WsusUtil configuressl again if the name changed, and replace the old certificate in TLS pinning stores.",
  sources: ['S6', 'S15', 'S1'],
  findings: F,
  check(ctx, report) {
    const old = ctx.replaces;
    if (!old)
      return report.notApplicable('no replaced certificate was given (replaces, --replaces)');
    const cert = ctx.cert;
    if (old.sha256 === cert.sha256) {
      report(F.sameCertificate);
      return;
    }
    const lost = hostNames(old).filter(
      (n) => !matchHostname(cert, n, { profile: ctx.options.profile }),
    );
    if (lost.length > 0) {
      report(F.namesLost, { lost });
    }
    const serverAuth = (c: CertificateInfo): boolean =>
      c.extendedKeyUsages === null || c.extendedKeyUsages.includes(Eku.serverAuth);
    if (serverAuth(old) && !serverAuth(cert)) {
      report(F.serverAuthLost);
    }
    if (
      old.issuer !== cert.issuer ||
      (old.authorityKeyIdentifier &&
        cert.authorityKeyIdentifier &&
        old.authorityKeyIdentifier !== cert.authorityKeyIdentifier)
    ) {
      report(F.issuerChanged, {
        sameName: old.issuer === cert.issuer,
        issuer: cert.issuer,
        oldIssuer: old.issuer,
      });
    }
    // Earlier by more than a day (certificates issued minutes apart are not a shortened renewal).
    if (cert.notAfter.getTime() < old.notAfter.getTime() - 86_400_000) {
      report(F.expiresSooner, { notAfter: cert.notAfter, oldNotAfter: old.notAfter });
    }
    const steps = [
      `select the new certificate (${thumbprint(cert)}) in the WSUS site's https binding: HTTP.sys keeps presenting ${thumbprint(old)} until the binding is changed`,
    ];
    const configured =
      ctx.deployment?.setup?.setup.serverCertificateName ??
      ctx.options.configureSslName ??
      ctx.options.intranetName;
    const renamed =
      hostNames(old).some(
        (n) => !hostNames(cert).some((m) => m.toLowerCase() === n.toLowerCase()),
      ) || hostNames(cert).length !== hostNames(old).length;
    if (configured && (renamed || !matchHostname(cert, configured)))
      steps.push(`run "WsusUtil.exe configuressl ${configured}" again (the names changed)`);
    else if (renamed)
      steps.push('run "WsusUtil.exe configuressl <intranet FQDN>" again (the names changed)');
    steps.push(
      `replace ${thumbprint(old)} with the new certificate in the clients' WindowsServerUpdateServices store where TLS pinning is used`,
    );
    report(F.steps, { steps });
  },
};
