import { describe, expect, it } from 'vitest';
import { WorkBudget, validateSupDeployment } from '../src/index.js';
import {
  AT,
  CHAIN,
  DEPLOYMENT_BASE,
  ISSUING,
  NEW_THUMBPRINT,
  ROOT,
  type Report,
  certificate,
  replay,
  snapshot,
} from './field-report-kit.js';
import { fixture } from './fixtures.js';
import { BOTH, INTERNET, INTRANET } from './sup-fixtures.js';

/**
 * Bug reports from the field: what administrators saw when a software update point (WSUS over
 * HTTPS) failed, replayed as the input the administrator had (a certificate of certs-fixtures/sup,
 * or a deployment snapshot of certs-fixtures/deployment) and judged by supcert. For each report
 * supcert must (a) fail it (or warn, where Windows itself only may fail), (b) with the rule and
 * finding code of the cause, (c) naming the value at fault, (d) with the Windows error the client
 * shows (report.clientError) when the certificate alone decides it, and (e) saying what to do.
 * Each row's comment gives the public report it replays.
 */

/** The certificate bound before good-both.pem (good-intranet.pem); certs-fixtures/deployment/README.md. */
const OLD_THUMBPRINT = 'A2BAA3345AB2D9EA449B17DF07F8BD4C9BE2B2CD';

/** applicationHost.config of the good snapshot with one <location>'s sslFlags changed. */
function configWith(directory: string, sslFlags: string): { name: string; text: string } {
  const good = new TextDecoder().decode(fixture(`deployment/${DEPLOYMENT_BASE.config}`));
  const pattern = new RegExp(
    `(<location path="WSUS Administration/${directory}">[\\s\\S]*?sslFlags=")[^"]*"`,
  );
  const text = good.replace(pattern, `$1${sslFlags}"`);
  if (text === good) throw new Error(`no <location> for ${directory} in the good config`);
  return { name: 'applicationHost.config', text };
}

const REPORTS: Report[] = [
  // https://blogs.msdn.microsoft.com/ameltzer/2008/04/14/common-native-mode-client-gt-mp-error-messages-and-what-to-do-about-them/
  // WINHTTP_CALLBACK_STATUS_FLAG_CERT_CN_INVALID: the host name clients connect to is neither the
  // certificate's subject nor a subject alternative name.
  {
    report: 'certificate name invalid: the intranet FQDN is not in the certificate',
    run: certificate('internet-name-only.pem', { intranetName: INTRANET }),
    fails: true,
    rule: 'SUP-NAME-001',
    code: 'sup.name.intranet_name_missing',
    severity: 'error',
    value: INTRANET,
    clientError: { code: '0x800B010F', winhttpError: '0x80072F06' },
    action: /Reissue the certificate with "sup01\.corp\.contoso\.com" as a SAN DNS entry/,
  },
  // Same page, WINHTTP_CALLBACK_STATUS_FLAG_INVALID_CA: the root of the issuing CA is not in the
  // client's Local Computer Trusted Root store.
  {
    report: 'invalid CA: the root is not trusted by the client',
    run: certificate('good-both.pem', {
      names: BOTH,
      intermediates: [CHAIN],
      trustAnchors: [fixture('sup/sms-root.pem')],
    }),
    fails: true,
    rule: 'SUP-CHAIN-002',
    code: 'sup.chain.untrusted_root',
    severity: 'error',
    value: 'CN=Contoso SUP Test Root',
    clientError: { code: '0x800B0109', winhttpError: '0x80072F0D' },
    action: /deploy that root to the Local Computer Trusted Root store of every client/,
  },
  // Same page, INVALID_CA for an intermediate: the server does not send the issuing CA, the
  // certificate has no AIA to fetch it, and the client's Intermediate store lacks it.
  {
    report: 'invalid CA: the intermediate is missing on the server and the client',
    run: certificate('no-revocation.pem', { names: BOTH, trustAnchors: [ROOT] }),
    fails: true,
    rule: 'SUP-CHAIN-002',
    code: 'sup.chain.issuer_missing',
    severity: 'error',
    value: 'CN=Contoso SUP Issuing CA',
    clientError: { code: '0x800B010A', winhttpError: '0x80072F0D' },
    action: /Export the certificate with its chain|give the intermediate|Intermediate/,
  },
  // Same page, WINHTTP_CALLBACK_STATUS_FLAG_CERT_REV_FAILED; and
  // https://support.microsoft.com/en-us/help/2980672 (CRYPT_E_REVOCATION_OFFLINE: the CDP is
  // unreachable or unpublished). A certificate without any CDP or OCSP URL can never be checked.
  {
    report: 'revocation failed: no CRL distribution point',
    run: certificate('no-revocation.pem', {
      names: BOTH,
      trustAnchors: [ROOT],
      intermediates: [ISSUING],
    }),
    fails: false,
    rule: 'SUP-CHAIN-003',
    code: 'sup.chain.no_revocation_info',
    severity: 'warning',
    value: 'no CRL distribution point',
    clientError: null,
    action: /Add a CDP \(HTTP\) to the issuing CA and reissue/,
  },
  // https://blogs.technet.microsoft.com/wemd_ua_-_sms_writing_team/2008/10/06/revision-native-mode-certificate-requirements-for-internet-based-software-update-point/
  // An internet-based SUP whose certificate has only the internet FQDN: configuressl takes the
  // intranet FQDN, the site server connects by it, and synchronisation fails.
  {
    report: 'internet-only SUP: certificate without the intranet FQDN, sync fails',
    run: certificate('internet-name-only.pem', {
      intranetName: INTRANET,
      internetName: INTERNET,
      connections: 'internet',
      configureSslName: INTRANET,
    }),
    fails: true,
    rule: 'SUP-NAME-003',
    code: 'sup.name.internet_only_intranet_name_missing',
    severity: 'error',
    value: INTRANET,
    clientError: { code: '0x800B010F', winhttpError: '0x80072F06' },
    action: /Reissue the certificate with "sup01\.corp\.contoso\.com"/,
  },
  // https://github.com/MicrosoftDocs/windowsserverdocs/issues/7708
  // WSUS published under a DNS alias: certificate and configuressl carry the alias only; the WSUS
  // console on the server itself no longer connects (it uses the server's own FQDN).
  {
    report: 'DNS alias only in the certificate: the local WSUS console cannot connect',
    run: certificate('internet-name-only.pem', {
      intranetName: INTRANET,
      configureSslName: INTERNET,
      connections: 'intranet',
    }),
    fails: true,
    rule: 'SUP-NAME-001',
    code: 'sup.name.intranet_name_missing',
    severity: 'error',
    value: INTRANET,
    clientError: { code: '0x800B010F', winhttpError: '0x80072F06' },
    action: /as a SAN DNS entry/,
  },
  // Same issue: the alias itself is reported, with what to keep in the SAN.
  {
    report: 'DNS alias used by configuressl: keep the alias and the real FQDN',
    run: certificate('internet-name-only.pem', {
      intranetName: INTRANET,
      configureSslName: INTERNET,
      connections: 'intranet',
    }),
    fails: true,
    rule: 'SUP-NAME-015',
    code: 'sup.name.configuressl_alias',
    severity: 'info',
    value: INTERNET,
    clientError: { code: '0x800B010F', winhttpError: '0x80072F06' },
    action: /keep both in the SAN/,
  },
  // https://kc.jetpatch.com/hc/en-us/articles/360043618872-7a-How-to-Configure-SSL-for-WSUS
  // "You cannot configure the whole WSUS website to require SSL": content on HTTP fails.
  {
    report: 'SSL required on the whole WSUS site: downloads fail',
    run: snapshot({ config: 'iis/site-level-ssl.config' }),
    fails: true,
    rule: 'SUP-DEP-003',
    code: 'sup.dep.require_ssl_extra',
    severity: 'error',
    value: '"Content"',
    clientError: null,
    action: /Require SSL on the five web services only .*never on the site or on Content/,
  },
  // https://racknotes.pro/?p=802 — "SelfUpdate uses HTTP (port 8530 by default). Do not require
  // SSL on that virtual root."
  {
    report: 'SSL required on SelfUpdate',
    run: snapshot({ config: configWith('Selfupdate', 'Ssl') }),
    fails: true,
    rule: 'SUP-DEP-003',
    code: 'sup.dep.require_ssl_extra',
    severity: 'error',
    value: '"Selfupdate"',
    clientError: null,
    action: /Require SSL on the five web services only/,
  },
  // https://learn.microsoft.com/en-us/mem/configmgr/sum/get-started/software-update-point-ssl
  // (the five web services require SSL): one of them left on HTTP.
  {
    report: 'SSL not required on one WSUS web service',
    run: snapshot({ config: 'iis/missing-simpleauth.config' }),
    fails: true,
    rule: 'SUP-DEP-003',
    code: 'sup.dep.require_ssl_missing',
    severity: 'error',
    value: '"SimpleAuthWebService"',
    clientError: null,
    action: /tick Require SSL/,
  },
  // https://docs.microsoft.com/en-us/archive/blogs/webtopics/ssl-stops-working-in-iis7
  // The certificate was installed in the user store and dragged to the Local Machine store: its
  // key does not follow (NTE_BAD_KEYSET), SSL stops after a restart.
  {
    report: 'certificate moved from the user store: no private key for IIS',
    run: snapshot({ store: 'reg/my-no-key.reg' }),
    fails: true,
    rule: 'SUP-DEP-001',
    code: 'sup.dep.no_private_key_link',
    severity: 'error',
    value: NEW_THUMBPRINT,
    clientError: null,
    action: /Import the PFX with its private key .*certutil -repairstore my/,
  },
  // https://www.engineerdirect.co.uk/guides/library/d/pki-certificates/expired-ssl-certificate-outage/
  // "Certificate renewed but not bound to IIS site": the renewed certificate sits in the store,
  // HTTP.sys still presents the old one. The administrator gives the snapshot only (no PFX).
  {
    report: 'renewed certificate in the store, the old one still bound',
    run: snapshot({ netsh: 'netsh/old-certificate.txt' }),
    fails: true,
    rule: 'SUP-DEP-002',
    code: 'sup.dep.replacement_not_bound',
    severity: 'error',
    value: NEW_THUMBPRINT,
    clientError: { code: '0x800B010F', winhttpError: '0x80072F06' },
    action: new RegExp(
      `Select ${NEW_THUMBPRINT} in the WSUS site's https binding.*netsh http update sslcert ipport=0\\.0\\.0\\.0:8531 certhash=${NEW_THUMBPRINT}`,
    ),
  },
  // https://thwack.solarwinds.com/community/archives_tht/patchzone/blog/2013/07 — KB 2661254:
  // WSUS SSL certificates with keys under 1024 bits are blocked.
  {
    report: 'RSA key under 1024 bits (KB 2661254)',
    run: certificate('rsa-768.pem', {
      names: BOTH,
      trustAnchors: [ROOT],
      intermediates: [ISSUING],
    }),
    fails: true,
    rule: 'SUP-KEY-001',
    code: 'sup.key.rsa_under_1024',
    severity: 'error',
    value: '768 bits',
    clientError: { code: '0x80096004', winhttpError: '0x80072F89' },
    action: /Request a new certificate with a 2048-bit/,
  },
  // https://technet.microsoft.com/de-de/library/gg699362.aspx — site systems running IIS need the
  // Web Server template: the EKU must contain Server Authentication. A Computer/Workstation
  // Authentication certificate (Client Authentication only) is refused.
  {
    report: 'certificate template with Client Authentication only',
    run: certificate('eku-clientauth-only.pem', {
      names: BOTH,
      trustAnchors: [ROOT],
      intermediates: [ISSUING],
    }),
    fails: true,
    rule: 'SUP-EKU-001',
    code: 'sup.eku.server_auth_missing',
    severity: 'error',
    value: 'Client Authentication (1.3.6.1.5.5.7.3.2)',
    clientError: { code: '0x800B0110', winhttpError: '0x80072F93' },
    action: /request a certificate from the Web Server template/,
  },
  // Same page: "issue new server and client authentication certificates signed with SHA-2";
  // Windows blocks SHA-1 for public roots only (Windows Enforcement of SHA1 certificates).
  {
    report: 'SHA-1 signed certificate from an enterprise CA',
    run: certificate('sha1-signed.pem', { names: BOTH }),
    fails: false,
    rule: 'SUP-HASH-001',
    code: 'sup.hash.sha1',
    severity: 'warning',
    value: 'SHA-1',
    clientError: null,
    action: /move the CA to SHA-256 and reissue/,
  },
  // https://learn.microsoft.com/en-us/windows-server/administration/windows-server-update-services/deploy/2-configure-wsus
  // (clients that use HTTPS must address the server by its FQDN): a certificate with the NetBIOS
  // name only.
  {
    report: 'certificate has the NetBIOS name only',
    run: certificate('short-name-only.pem', { intranetName: INTRANET }),
    fails: true,
    rule: 'SUP-NAME-001',
    code: 'sup.name.intranet_name_missing',
    severity: 'error',
    value: 'SUP01',
    clientError: { code: '0x800B010F', winhttpError: '0x80072F06' },
    action: /Reissue the certificate with "sup01\.corp\.contoso\.com"/,
  },
  // Same: the site system itself configured by its NetBIOS name (matches, but WSUS wants FQDNs).
  {
    report: 'SUP configured by its NetBIOS name',
    run: certificate('short-name-only.pem', { intranetName: 'SUP01' }),
    fails: false,
    rule: 'SUP-NAME-009',
    code: 'sup.name.single_label',
    severity: 'warning',
    value: 'SUP01',
    clientError: null,
    action: /configure the site system with its FQDN and put the FQDN in the certificate/,
  },
  // https://www.engineerdirect.co.uk/guides/library/d/pki-certificates/expired-ssl-certificate-outage/
  // The certificate passed its NotAfter date: every HTTPS connection fails.
  {
    report: 'expired certificate',
    run: certificate('good-both.pem', { names: BOTH, atFrom: 'notAfter', atOffsetDays: 2 }),
    fails: true,
    rule: 'SUP-VAL-001',
    code: 'sup.val.expired',
    severity: 'error',
    value: 'expired on',
    clientError: { code: '0x800B0101', winhttpError: '0x80072F05' },
    action: /Renew it, bind the new certificate to the WSUS site in IIS/,
  },
  // https://learn.microsoft.com/en-us/troubleshoot/windows-client/installing-updates-features-roles/troubleshoot-windows-update-error-0x80072f8f
  // 0x80072F8F: the client's clock is outside the certificate's validity.
  {
    report: '0x80072F8F: certificate not yet valid for the client',
    run: certificate('good-both.pem', { names: BOTH, atOffsetDays: -2 }),
    fails: true,
    rule: 'SUP-VAL-001',
    code: 'sup.val.not_yet_valid',
    severity: 'error',
    value: 'not valid before',
    clientError: { code: '0x800B0101', winhttpError: '0x80072F05' },
    action: /0x80072F8F if their clock is off\. Check the CA's and the clients' clocks/,
  },
  // https://learn.microsoft.com/en-us/troubleshoot/mem/configmgr/update-management/troubleshoot-software-update-scan-failures
  // Client certificates set to Accept on the WSUS web services: scans fail with 0x80072F0C.
  {
    report: 'client certificates set to Accept: 0x80072F0C',
    run: snapshot({ config: 'iis/client-cert-accept.config' }),
    fails: true,
    rule: 'SUP-DEP-004',
    code: 'sup.dep.client_certificates_asked',
    severity: 'error',
    value: '"ClientWebService"',
    clientError: null,
    action: /set Client certificates to Ignore/,
  },
  // https://github.com/MicrosoftDocs/windowsserverdocs/issues/7708 — the console connects to the
  // name given to configuressl; a name the certificate lacks breaks the console.
  {
    report: 'WSUS console cannot connect after configuressl (name not in the certificate)',
    run: snapshot({ setup: 'reg/setup-wrong-name.reg' }),
    fails: true,
    rule: 'SUP-DEP-005',
    code: 'sup.dep.server_certificate_name_not_in_certificate',
    severity: 'error',
    value: '"sup01"',
    clientError: { code: '0x800B010F', winhttpError: '0x80072F06' },
    action: /Run "WsusUtil\.exe configuressl <a name in the certificate>"/,
  },
  // https://techcommunity.microsoft.com/blog/windows-itpro-blog/security-best-practices-for-windows-server-update-services-wsus/1587536
  // (step 4: configure WSUS to use HTTPS with wsusutil configuressl): SSL enabled in IIS only.
  {
    report: 'SSL bound in IIS but WSUS not configured for it (configuressl not run)',
    run: snapshot({ setup: 'reg/setup-not-ssl.reg' }),
    fails: true,
    rule: 'SUP-DEP-005',
    code: 'sup.dep.ssl_not_used',
    severity: 'error',
    value: 'UsingSSL is 0',
    clientError: null,
    action: /Run "WsusUtil\.exe configuressl sup01\.corp\.contoso\.com"/,
  },
  // https://systemscenter.ru/sccm2012.en/html/gg699362.htm — "do not use version 3 templates …
  // not compatible with Configuration Manager" (ConfigMgr 2012 and a CNG key).
  {
    report: 'CNG (version 3 template) key on ConfigMgr 2012',
    run: certificate('good-both-cng.pfx', { names: BOTH, generation: '2012' }),
    fails: true,
    rule: 'SUP-CNG-001',
    code: 'sup.cng.cng_key_old_configmgr',
    severity: 'error',
    value: 'Microsoft Software Key Storage Provider',
    clientError: null,
    action: /Request the certificate from a version 2 template with a legacy CSP/,
  },
  // https://techcommunity.microsoft.com/blog/windows-itpro-blog/scan-changes-and-certificates-add-security-for-windows-devices-using-wsus-for-up/2053668
  // TLS pinning: scans fail when the WSUS certificate is not in the clients' pinning store. Only
  // the clients can show that; supcert says where to put the certificate.
  {
    report: 'TLS certificate pinning store',
    run: certificate('good-both.pem', { names: BOTH }),
    fails: false,
    rule: 'SUP-DEP-006',
    code: 'sup.dep.checklist_pinning_store',
    severity: 'info',
    value: 'WindowsServerUpdateServices',
    clientError: null,
    action: /put this certificate .* in the clients' WindowsServerUpdateServices store/,
  },
];

describe('field reports of SUP / WSUS TLS failures, replayed', () => {
  it('covers at least 15 reports', () => {
    expect(REPORTS.length).toBeGreaterThanOrEqual(15);
  });

  it.each(REPORTS.map((r) => [r.report, r] as const))('%s', (_name, r) => replay(r));
});

describe('field report: the renewal bound nowhere (SUP-DEP-002, sup.dep.replacement_not_bound)', () => {
  it('is silent when the bound certificate is the right one, and when the certificate in the store would not serve', async () => {
    // Good snapshot: the other certificate of the store (the previous one) is not reported.
    const good = await snapshot({})();
    expect(good.findings.map((f) => f.code)).not.toContain('sup.dep.replacement_not_bound');
    // Old certificate bound, and the store holds only it and a certificate lacking a required name.
    const oldOnly = await snapshot(
      { netsh: 'netsh/old-certificate.txt' },
      { names: `${INTRANET}&${INTERNET}&wsus.corp.contoso.com` },
    )();
    expect(oldOnly.findings.map((f) => f.code)).not.toContain('sup.dep.replacement_not_bound');
    expect(oldOnly.ok).toBe(false);
  });

  it('is silent when the administrator gave the new certificate (the given-file finding says it instead)', async () => {
    const report = await snapshot({ netsh: 'netsh/old-certificate.txt' })();
    const withFile = await validateSupDeployment(
      [
        ...Object.values({ ...DEPLOYMENT_BASE, netsh: 'netsh/old-certificate.txt' }).map((p) => ({
          name: p,
          bytes: fixture(`deployment/${p}`),
        })),
        { name: 'sup01.pfx', bytes: fixture('sup/good-both.pfx') },
      ],
      { names: BOTH, at: AT, budget: new WorkBudget(), password: 'Passw0rd!' },
    );
    const codes = withFile.findings.map((f) => f.code);
    expect(codes).toContain('sup.dep.given_certificate_not_bound');
    expect(codes).not.toContain('sup.dep.replacement_not_bound');
    // Without the file, the finding names the old (bound) and the new (stored) thumbprints.
    const message = report.findings.find(
      (f) => f.code === 'sup.dep.replacement_not_bound',
    )!.message;
    expect(message).toContain(`HTTP.sys presents ${OLD_THUMBPRINT}`);
    expect(message).toContain(`lacks "${INTERNET}"`);
  });
});
