import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WorkBudget } from '../src/index.js';
import { readNetshSslCert } from '../src/deploy/netshSslcert.js';
import {
  CHAIN,
  ISSUING,
  NEW_THUMBPRINT,
  type Part,
  ROOT,
  type Report,
  replay,
  snapshot,
} from './field-report-kit.js';
import { fixture } from './fixtures.js';
import { BOTH, INTERNET, INTRANET, judge } from './sup-fixtures.js';

/**
 * Bug reports from the field, second round (test/field-reports.test.ts has the first): software
 * update points and WSUS servers on HTTPS that failed, replayed as the input the administrator had
 * (a certificate of certs-fixtures/sup, or a deployment snapshot of certs-fixtures/deployment with
 * the one change the report describes) and judged by supcert. The same five checks: (a) the
 * verdict, (b) the rule and finding code of the cause, (c) the value at fault named, (d) the
 * Windows error the client shows (report.clientError) when the certificate alone decides it, (e)
 * what to do. Each row's comment gives the public report and the cause it states.
 *
 * Reports whose cause no input to supcert can show (TLS settings in the registry, the WSUS
 * signing certificate, the network) are the OUT_OF_SCOPE list at the end: docs/failure-modes.md
 * must name each, so that a passing report is never read as covering them.
 */

/** A fixture of certs-fixtures/deployment as text (the .reg files are UTF-16 LE with a BOM). */
function fixtureText(file: string): string {
  const bytes = fixture(`deployment/${file}`);
  return bytes[0] === 0xff && bytes[1] === 0xfe
    ? new TextDecoder('utf-16le').decode(bytes.subarray(2))
    : new TextDecoder().decode(bytes);
}

/** A deployment fixture with one textual change; throws when the text to change is not there. */
function edited(file: string, name: string, change: (text: string) => string): Part {
  const good = fixtureText(file);
  const text = change(good);
  if (text === good) throw new Error(`the change to ${file} changed nothing`);
  return { name, text };
}

/** netsh output of the good snapshot with HTTP.sys's per-binding TLS switches set. */
function netshWith(fields: { legacy?: boolean; tls12?: boolean }): Part {
  return edited('netsh/current-good.txt', 'sslcert.txt', (text) =>
    text
      .replace(/(Disable TLS1\.2\s+: )Not Set/, fields.tls12 ? '$1Set' : '$&')
      .replace(/(Disable Legacy TLS Versions\s+: )Not Set/, fields.legacy ? '$1Set' : '$&'),
  );
}

const REPORTS: Report[] = [
  // https://github.com/DCourtel/Wsus_Package_Publisher/issues/88 — WSUS Package Publisher on the
  // WSUS server: "connect to local server" gets HTTP 403 Forbidden once ApiRemoting30 requires
  // SSL. A local connection uses the scheme of WSUS's Setup key (UsingSSL), which only "WsusUtil
  // configuressl" sets; left at 0 the console and the API talk HTTP to a web service that refuses it.
  {
    report: 'local API connection 403 Forbidden after Require SSL on ApiRemoting30 (UsingSSL 0)',
    run: snapshot({ setup: 'reg/setup-not-ssl.reg' }),
    fails: true,
    rule: 'SUP-DEP-005',
    code: 'sup.dep.ssl_not_used',
    severity: 'error',
    value: 'UsingSSL is 0',
    clientError: null,
    action: /403.*Run "WsusUtil\.exe configuressl sup01\.corp\.contoso\.com"/,
  },
  // https://github.com/awarre/Optimize-WsusServer/issues/33 — with SSL required, every WSUS
  // cmdlet (Get-WsusClassification, Invoke-WsusServerCleanup) fails with "HTTP status 400: Bad
  // Request" unless given -UseSsl -PortNumber 8531. The maintainers' answer in
  // https://github.com/dsccommunity/UpdateServicesDsc/issues/98 (next row): after "wsusutil
  // configuressl <fqdn>" Get-WsusServer connects over SSL by itself. Replayed as a Setup key
  // that configuressl never wrote (no UsingSSL, no ServerCertificateName).
  {
    report:
      'WSUS PowerShell cmdlets fail with HTTP 400 when SSL is required (configuressl never run)',
    run: snapshot({
      setup: edited('reg/setup-good.reg', 'setup.reg', (text) =>
        text
          .replace(/"UsingSSL"=dword:00000001\r?\n/, '')
          .replace(/"ServerCertificateName"=[^\n]*\n/, ''),
      ),
    }),
    fails: true,
    rule: 'SUP-DEP-005',
    code: 'sup.dep.ssl_not_used',
    severity: 'error',
    value: 'UsingSSL is not set',
    clientError: null,
    action: /Get-WsusServer.*Run "WsusUtil\.exe configuressl/,
  },
  // https://github.com/dsccommunity/UpdateServicesDsc/issues/98 — the DSC module no longer finds
  // WSUS once it is on SSL ("get-wsusserver ... on ssl you need extra parameters"); fixed by
  // running configuressl on the server. Replayed with UsingSSL 0 and no ServerCertificateName.
  {
    report: 'Get-WsusServer does not find the local WSUS once it is on SSL',
    run: snapshot({
      setup: edited('reg/setup-not-ssl.reg', 'setup.reg', (text) =>
        text.replace(/"ServerCertificateName"=[^\n]*\n/, ''),
      ),
    }),
    fails: true,
    rule: 'SUP-DEP-005',
    code: 'sup.dep.ssl_not_used',
    severity: 'error',
    value: 'UsingSSL is 0',
    clientError: null,
    action: /Get-WsusServer/,
  },
  // https://github.com/MicrosoftDocs/windowsserverdocs/issues/5096 — following the WSUS SSL guide
  // without selecting the certificate in the https binding "breaks" WSUS: HTTP.sys has nothing
  // to present on 8531.
  {
    report: 'https binding left without a certificate: WSUS breaks',
    run: snapshot({ netsh: 'netsh/no-bindings.txt' }),
    fails: true,
    rule: 'SUP-DEP-002',
    code: 'sup.dep.no_certificate_bound',
    severity: 'error',
    value: 'port 8531',
    clientError: null,
    action: /Bind the certificate to the WSUS site's https binding on port 8531/,
  },
  // https://github.com/MicrosoftDocs/windowsserverdocs/issues/6270 (and #6278) — the WSUS guide
  // said SSL uses port 443 while WSUS listens on 8531: the certificate bound on 443 (the Default
  // Web Site), nothing on the WSUS site's 8531.
  {
    report: 'certificate bound on 443 while WSUS serves SSL on 8531',
    run: snapshot({ netsh: 'netsh/default-site-443.txt' }),
    fails: true,
    rule: 'SUP-DEP-002',
    code: 'sup.dep.no_certificate_bound',
    severity: 'error',
    value: '"0.0.0.0:443"',
    clientError: null,
    action: /on port 8531/,
  },
  // https://github.com/MicrosoftDocs/windowsserverdocs/issues/6278 — same confusion on the IIS
  // side: the WSUS site's https binding made on 443, so nothing listens for TLS on the port WSUS
  // (PortNumber 8530, SSL 8531) and its clients use.
  {
    report: 'WSUS site https binding on 443 instead of 8531',
    run: snapshot({
      config: edited('iis/wsus-admin-good.config', 'applicationHost.config', (text) =>
        text.replace('bindingInformation="*:8531:"', 'bindingInformation="*:443:"'),
      ),
    }),
    fails: true,
    rule: 'SUP-DEP-002',
    code: 'sup.dep.no_https_binding',
    severity: 'error',
    value: '"*:443:"',
    clientError: null,
    action: /Add the binding \(IIS Manager > WSUS Administration > Bindings > https, port 8531\)/,
  },
  // https://github.com/MicrosoftDocs/SCCMdocs/pull/827 — third-party updates with a remote SUP:
  // "Configuration Manager downloads third-party content ... from your WSUS content directory
  // over HTTP"; Content must stay on HTTP.
  {
    report: 'Content virtual directory set to Require SSL: content downloads fail',
    run: snapshot({ config: 'iis/content-requires-ssl.config' }),
    fails: true,
    rule: 'SUP-DEP-003',
    code: 'sup.dep.require_ssl_extra',
    severity: 'error',
    value: '"Content"',
    clientError: null,
    action: /never on the site or on Content/,
  },
  // https://github.com/MicrosoftDocs/windowsserverdocs/issues/3143 — which certificate goes into
  // the clients' Trusted Root store: the CA's root (the reporter's tests), not the SUP's own.
  // Without it, clients do not trust the chain.
  {
    report: "clients lack the issuing CA's root in Trusted Root",
    run: () =>
      judge('good-both.pem', {
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
    action:
      /deploy that root to the Local Computer Trusted Root store of every client.*third-party update installs.*WSUS signing certificate/,
  },
  // https://racknotes.pro/wsus-sync-failed/ — "Intermediate CA certificates go to Intermediate
  // Certification Authorities, not to Trusted Root": an intermediate given as the trust anchor
  // is not what clients have.
  {
    report: 'issuing CA put in Trusted Root instead of the root',
    run: () => judge('good-both.pem', { names: BOTH, trustAnchors: [ISSUING] }),
    fails: false,
    rule: 'SUP-CHAIN-002',
    code: 'sup.chain.anchor_not_self_signed',
    severity: 'warning',
    value: 'CN=Contoso SUP Issuing CA',
    clientError: null,
    action: /give the root your clients trust as trustAnchors \(CLI --trust\)/,
  },
  // https://community.flexera.com/t5/Software-Vulnerability-Manager/SVM-Integration-with-WSUS-API-Explained/ta-p/100778
  // — connecting to WSUS over SSL fails unless the name used is the certificate's "Issued to"
  // (the FQDN); "avoid connections to DNS alias names".
  {
    report: 'WSUS API reached by a DNS alias the certificate lacks',
    run: () =>
      judge('good-both.pem', {
        names: `${INTRANET}&${INTERNET}&wsus.corp.contoso.com`,
        trustAnchors: [ROOT],
        intermediates: [ISSUING],
      }),
    fails: true,
    rule: 'SUP-NAME-001',
    code: 'sup.name.intranet_name_missing',
    severity: 'error',
    value: 'wsus.corp.contoso.com',
    clientError: { code: '0x800B010F', winhttpError: '0x80072F06' },
    action: /Reissue the certificate with "wsus\.corp\.contoso\.com" as a SAN DNS entry/,
  },
  // https://techcommunity.microsoft.com/t5/iis-support-blog/error-hresult-0x80070520-when-adding-ssl-binding-in-iis/ba-p/377281
  // — adding the https binding fails with 0x80070520 (Schannel 36870, 0x8009030D): the
  // certificate's private key cannot be reached ("broken keyset").
  {
    report: 'https binding fails with 0x80070520: private key not reachable',
    run: snapshot({ store: 'reg/my-no-key.reg' }),
    fails: true,
    rule: 'SUP-DEP-001',
    code: 'sup.dep.no_private_key_link',
    severity: 'error',
    value: NEW_THUMBPRINT,
    clientError: null,
    action: /Import the PFX with its private key/,
  },
  // https://www.qcecuring.com/blog/iis-certificate-binding-troubleshooting — "The certificate
  // must have HasPrivateKey = True. Without the private key, it won't appear in the IIS binding
  // dropdown": a PFX exported without its key.
  {
    report: 'PFX without its private key: the certificate is missing from the IIS binding list',
    run: () => judge('good-both-nokey.pfx', { names: BOTH }),
    fails: true,
    rule: 'SUP-PK-001',
    code: 'sup.pk.pfx_without_key',
    severity: 'error',
    value: 'no private key',
    clientError: null,
    action: /Export it again with "Yes, export the private key"/,
  },
  // https://docs.certifytheweb.com/docs/guides/ssl-windows — "IP binding conflicts are the number
  // one reason for certificate confusion ... If your site is serving the wrong certificate this
  // is probably the cause": an entry for one address binds another certificate.
  {
    report: 'an IP-specific HTTP.sys entry serves another certificate',
    run: snapshot({ netsh: 'netsh/two-entries-one-old.txt' }),
    fails: true,
    rule: 'SUP-DEP-002',
    code: 'sup.dep.binding_other_certificate',
    severity: 'error',
    value: '"10.0.0.5:8531"',
    clientError: null,
    action: /netsh http delete sslcert ipport=10\.0\.0\.5:8531/,
  },
  // https://learn.microsoft.com/en-us/mem/configmgr/core/plan-design/security/enable-tls-1-2-server
  // — "start with enabling TLS 1.2 for the clients first ... test client to site system
  // communications before potentially disabling the older protocols on the server side"; and
  // https://support.microsoft.com/en-us/kb/3140245 — Windows 7 SP1, Server 2008 R2 SP1 and
  // Server 2012 do not use TLS 1.1/1.2 in WinHTTP by default. "Disable Legacy TLS Versions" on
  // the WSUS binding turns TLS 1.0/1.1 off for that port only.
  {
    report: 'legacy TLS disabled on the WSUS binding before every client does TLS 1.2',
    run: snapshot({ netsh: netshWith({ legacy: true }) }),
    fails: false,
    rule: 'SUP-DEP-002',
    code: 'sup.dep.binding_legacy_tls_disabled',
    severity: 'warning',
    value: '"0.0.0.0:8531"',
    clientError: null,
    action: /KB 3140245.*DefaultSecureProtocols/,
  },
  // Same pages: TLS 1.2 and the legacy versions both off on the binding leave TLS 1.3 only,
  // which WinHTTP has from Windows 11 / Windows Server 2022 on
  // (https://learn.microsoft.com/windows/win32/secauthn/protocols-in-tls-ssl--schannel-ssp-).
  {
    report: 'TLS 1.2 and legacy TLS disabled on the WSUS binding: TLS 1.3 only',
    run: snapshot({ netsh: netshWith({ legacy: true, tls12: true }) }),
    fails: true,
    rule: 'SUP-DEP-002',
    code: 'sup.dep.binding_tls13_only',
    severity: 'error',
    value: '"0.0.0.0:8531"',
    clientError: null,
    action: /netsh http update sslcert ipport=0\.0\.0\.0:8531 .*disabletls12=disable/,
  },
];

/**
 * Reports whose cause lies outside every input supcert reads. docs/failure-modes.md ("What no
 * input shows") must name each (its address and the phrase given), so the limits of a PASS are
 * written down.
 */
const OUT_OF_SCOPE: Array<{ url: string; phrase: string }> = [
  // WSUS synchronisation with Microsoft Update needs TLS 1.2 and .NET strong cryptography on the
  // WSUS server: the upstream connection, not the SUP's certificate.
  {
    url: 'https://learn.microsoft.com/en-us/troubleshoot/mem/configmgr/troubleshoot-wsus-import-sync-issues',
    phrase: 'TLS 1.2',
  },
  {
    url: 'https://github.com/MicrosoftDocs/windowsserverdocs/issues/7423',
    phrase: 'SchUseStrongCrypto',
  },
  // Clients' WinHTTP/SChannel protocol settings (registry) are not in any export supcert reads.
  { url: 'https://support.microsoft.com/en-us/kb/3140245', phrase: 'DefaultSecureProtocols' },
  // 0x800B0109 when third-party updates install: the WSUS signing certificate, not the TLS one.
  { url: 'http://blog.schnettker.com/2011/05/13/wsus-und-fehler-0x800b0109/', phrase: 'signing' },
  {
    url: 'https://documentation.solarwinds.com/en/Success_Center/patchman/Content/SPMAG_TroubleshootCertificateErrors.htm',
    phrase: 'Trusted Publishers',
  },
  // WSUS sync "remote certificate is invalid" against Microsoft's servers.
  {
    url: 'http://bent-blog.de/wsus-fehler-bei-der-synchronisierung-fehler-0x80072f8f-bei-windows-update/',
    phrase: 'Microsoft Update',
  },
  // A scan timing out (0x80072EE2) against a SUP the client cannot reach: the network.
  {
    url: 'https://msendpointmgr.com/2015/04/07/how-to-amend-wsus-scan-retry-error-codes-list-in-configmgr-2012-with-powershell/',
    phrase: '0x80072EE2',
  },
  // HSTS on the WSUS site: browsers (not the Windows Update agent) move 8530 to https.
  {
    url: 'https://patchmypc.com/kb/wsus-urls-redirect-to-https-when-hsts-is-enabled/',
    phrase: 'HSTS',
  },
  // "Could not establish trust relationship" on the WSUS server itself; cause not found.
  { url: 'https://github.com/awarre/Optimize-WsusServer/issues/27', phrase: 'trust relationship' },
];

describe('field reports of SUP / WSUS TLS failures, round 2, replayed', () => {
  it('covers at least 20 reports, each once', () => {
    expect(REPORTS.length + OUT_OF_SCOPE.length).toBeGreaterThanOrEqual(20);
    expect(new Set(REPORTS.map((r) => r.report)).size).toBe(REPORTS.length);
    expect(new Set(OUT_OF_SCOPE.map((r) => r.url)).size).toBe(OUT_OF_SCOPE.length);
  });

  it.each(REPORTS.map((r) => [r.report, r] as const))('%s', (_name, r) => replay(r));

  it.each(OUT_OF_SCOPE.map((r) => [r.url, r] as const))(
    'docs/failure-modes.md names %s',
    (_url, r) => {
      const doc = readFileSync(new URL('../docs/failure-modes.md', import.meta.url), 'utf8');
      const section = doc.slice(doc.indexOf('## What no input shows'));
      expect(section.startsWith('## What no input shows')).toBe(true);
      const line = section.split('\n- ').find((entry) => entry.includes(r.url));
      expect(line, r.url).toBeDefined();
      expect(line).toContain(r.phrase);
    },
  );
});

describe('field report: TLS switches of the WSUS binding (SUP-DEP-002)', () => {
  it('says nothing about TLS versions when netsh leaves them at their defaults', async () => {
    const report = await snapshot({})();
    const codes = report.findings.map((f) => f.code);
    expect(codes).not.toContain('sup.dep.binding_legacy_tls_disabled');
    expect(codes).not.toContain('sup.dep.binding_tls12_disabled');
    expect(codes).not.toContain('sup.dep.binding_tls13_only');
    expect(report.ok).toBe(true);
  });

  it('warns when only TLS 1.2 is disabled (clients fall back to TLS 1.0/1.1)', async () => {
    const report = await snapshot({ netsh: netshWith({ tls12: true }) })();
    const f = report.findings.find((x) => x.code === 'sup.dep.binding_tls12_disabled');
    expect(f?.severity).toBe('warning');
    expect(f?.message).toContain('"0.0.0.0:8531"');
    expect(report.findings.map((x) => x.code)).not.toContain('sup.dep.binding_tls13_only');
  });

  it('reads "Set" as on, and "Not Set" or any other value as nothing', () => {
    const read = (legacy: string) =>
      readNetshSslCert(
        new TextEncoder().encode(
          fixtureText('netsh/current-good.txt').replace(
            /(Disable Legacy TLS Versions\s+: )Not Set/,
            `$1${legacy}`,
          ),
        ),
        'sslcert.txt',
        new WorkBudget(),
      ).bindings[0]!;
    expect(read('Set').disableLegacyTls).toBe(true);
    expect(read('set').disableLegacyTls).toBe(true);
    expect(read('Not Set')).not.toHaveProperty('disableLegacyTls');
    expect(read('Enabled')).not.toHaveProperty('disableLegacyTls');
    expect(read('Set')).not.toHaveProperty('disableTls12');
  });

  it('reads the switches only from the English layout that has them', async () => {
    // The older layout (Windows Server 2012 R2 and before) has no such lines: nothing is said.
    const report = await snapshot({ netsh: 'netsh/older-good.txt' })();
    expect(report.findings.map((f) => f.code).filter((c) => /tls/.test(c))).toEqual([]);
  });
});
