import { describe, expect, it } from 'vitest';
import { type SupOptions, readCertificates, validateSupCertificate } from '../src/index.js';
import { assertBuilt, runCli } from './cli-fixtures/run.js';
import { type Judged, NEW_THUMBPRINT, type Report, replay, snapshot } from './field-report-kit.js';
import { fixture } from './fixtures.js';
import { BOTH, DAY } from './sup-fixtures.js';

/**
 * Bug reports from the field, round 8 (earlier rounds: test/field-reports.test.ts,
 * test/field-reports-2.test.ts, test/field-reports-6.test.ts, test/field-reports-7.test.ts): what
 * administrators attach when a software update point's clients fail, or a gate passed or failed
 * wrongly. Each is replayed as the input the administrator had: a file of
 * certs-fixtures/field-reports-8 (a fourth PKI, "Tailspin", with a root cross-signed by its
 * predecessor; README there), or the good deployment snapshot of certs-fixtures/deployment with
 * one file swapped for a field-reports-8 one. The five checks of field-report-kit.ts: (a) the
 * verdict, (b) the rule and finding code of the cause, (c) the value at fault named, (d) the
 * Windows error the client shows, (e) what to do. Each row's comment gives the public page and
 * the cause it states.
 */

const DIR = 'certs-fixtures/field-reports-8';
const R8 = (file: string): Buffer => fixture(`field-reports-8/${file}`);
/** The new root (self-signed), what up-to-date clients trust. */
const ROOT_G2 = R8('root.pem');
/** The old root; it cross-signed G2 for 30 days (cross-g2-by-old.pem). */
const OLD_ROOT = R8('old-root.pem');
const ISSUING8 = R8('issuing.pem');
const TAILSPIN = { intermediates: [ISSUING8], trustAnchors: [ROOT_G2] };
/** Days after the files' notBefore at which they are judged: the 30-day cross certificate has expired. */
const DAY60 = 60;
/** The previous certificate of the deployment fixtures (good-intranet.pem; certs-fixtures/deployment/README.md). */
const OLD_THUMBPRINT = 'A2BAA3345AB2D9EA449B17DF07F8BD4C9BE2B2CD';

/** A certs-fixtures/field-reports-8 file judged `days` after its first certificate's notBefore (the files are dated when make.sh ran). */
function judge8(file: string, options: SupOptions & { password?: string }, days = DAY60) {
  return async (): Promise<Judged> => {
    const { password, ...rest } = options;
    const bundle = await readCertificates(R8(file), password ? { password } : {});
    return validateSupCertificate(bundle, {
      ...rest,
      at: new Date(bundle.certificates[0]!.notBefore.getTime() + days * DAY),
    });
  };
}

/** A field-reports-8 file as one part of a deployment snapshot (its text; the .reg is UTF-16 LE with a BOM). */
const file8 = (name: string) => ({ name, text: decode(R8(name)) });
function decode(bytes: Buffer): string {
  return bytes[0] === 0xff && bytes[1] === 0xfe
    ? new TextDecoder('utf-16le').decode(bytes.subarray(2))
    : bytes.toString('utf8');
}

const REPORTS: Report[] = [
  // https://learn.microsoft.com/en-us/archive/blogs/pki/certificate-path-validation-in-bridge-ca-and-cross-certification-environments
  // ("CAPI2 tries to select the best quality chain leading up to a certificate that the user
  // trusts"): the CA moved to a new root G2; the old root cross-signed G2 for the migration and
  // that cross certificate has expired. Clients still on the old root only (G2 never deployed to
  // them) have no other path: every certificate of theirs is refused as expired.
  {
    report: 'root migration: clients trust only the old root, the cross certificate expired',
    run: judge8('chain-with-cross.pem', { names: BOTH, trustAnchors: [OLD_ROOT] }),
    fails: true,
    rule: 'SUP-CHAIN-002',
    code: 'sup.chain.problem',
    severity: 'error',
    value: '"CN=Tailspin Root CA G2" expired',
    clientError: { code: '0x800B0101', winhttpError: '0x80072F05' },
    action: /put the renewed CA certificate into the SUP server's Local Computer store/,
  },
  // https://agirlamonggeeks.com/hostname-ip-does-not-match-certificates-altnames ("the SAN field
  // explicitly defines which hostnames or IP addresses the certificate is valid for"): the request
  // put the server's address in the SAN "so that it works by IP too" and the FQDN in the subject
  // only. With a SAN extension Windows never reads the CN: every client fails on the name.
  {
    report: 'SAN holds only the IP address, the FQDN only in the subject',
    run: judge8('san-ip-only.pem', { names: BOTH, ...TAILSPIN }),
    fails: true,
    rule: 'SUP-NAME-006',
    code: 'sup.name.cn_only',
    severity: 'error',
    value: 'only IP address "10.20.30.40"',
    clientError: { code: '0x800B010F', winhttpError: '0x80072F06' },
    action: /Add "sup01\.corp\.contoso\.com" to the SAN as a DNS entry/,
  },
  // https://learn.microsoft.com/en-us/mem/configmgr/core/plan-design/network/pki-certificate-requirements
  // (the site system's FQDN in the certificate): the names were pasted from a DNS zone file, each
  // with its trailing dot. supcert failed it, but said the intranet name was "only in the subject
  // CN" while the SAN visibly lists it (with the dot): the admin could not see what to change.
  {
    report: 'SAN names written with a trailing dot (copied from a DNS zone file)',
    run: judge8('san-trailing-dot.pem', { names: BOTH, ...TAILSPIN }),
    fails: true,
    rule: 'SUP-NAME-006',
    code: 'sup.name.cn_only',
    severity: 'error',
    value: 'the SAN entry "sup01.corp.contoso.com." does not count (it ends in a dot',
    clientError: { code: '0x800B010F', winhttpError: '0x80072F06' },
    action:
      /Reissue the certificate with "sup01\.corp\.contoso\.com" as a SAN DNS entry, exactly so \(no trailing dot/,
  },
  // https://learn.microsoft.com/en-us/mem/configmgr/core/plan-design/security/plan-for-certificates
  // (CRL checking; LDAP CDPs are for domain members): the enterprise CA's default CDP is LDAP
  // only, and the SUP accepts internet clients. Whether the Windows Update Agent's scan checks
  // the SUP certificate's revocation is not documented: supcert passes and says so (an info,
  // with the fix), it does not fail the gate on a guess.
  {
    report: 'internet-facing SUP, CRL published over LDAP only',
    run: judge8('ldap-only-cdp.pem', { names: BOTH, connections: 'both', ...TAILSPIN }),
    fails: false,
    rule: 'SUP-CHAIN-003',
    code: 'sup.chain.crl_ldap_only',
    severity: 'info',
    value: 'ldap:///CN=Tailspin%20Issuing%20CA',
    clientError: null,
    action: /Publish an HTTP CDP reachable from the internet/,
  },
  // https://learn.microsoft.com/en-us/previous-versions/windows/it-pro/windows-server-2003/cc738545(v=ws.10)
  // (import and export: PKCS #12 for a certificate with its key): a PFX exported on a German
  // server, friendly name "WSUS-Zertifikat für sup01 – 2026", password with "ö" and "€". PKCS #12
  // passwords are BMPStrings (UTF-16), as Windows writes them: the file must open with the
  // password as typed and pass.
  {
    report: 'PFX with a non-ASCII friendly name and password',
    run: judge8('unicode-name-password.pfx', {
      names: BOTH,
      trustAnchors: [ROOT_G2],
      password: 'Kennwört€2026',
    }),
    fails: false,
    rule: 'SUP-PFX-001',
    code: 'sup.pfx.imports_from',
    severity: 'info',
    value: 'Windows Server 2012 R2',
    clientError: null,
    action: /imports on Windows Server 2012 R2 and later/,
  },
  // https://www.sysadmins.lv/blog-en/the-case-about-exportable-keys.aspx and the IIS binding
  // dialog, which lists LocalMachine\My only: the admin requested the certificate in certmgr.msc
  // (his own account) and sent a reg export of HKEY_CURRENT_USER\...\SystemCertificates\MY as
  // "the store". IIS cannot see it.
  {
    report: "certificate in the administrator's own Personal store (HKCU reg export)",
    run: snapshot({ store: file8('my-current-user.reg') }),
    fails: true,
    rule: 'SUP-DEP-001',
    code: 'sup.dep.user_store',
    severity: 'error',
    value: "current user's MY store",
    clientError: null,
    action: /Import the certificate into the Computer account's Personal store/,
  },
  // https://www.engineerdirect.co.uk/guides/library/d/pki-certificates/expired-ssl-certificate-outage/
  // ("certificate renewed but not bound"): the admin selected the renewed certificate in IIS on
  // the Default Web Site's https binding (443); WSUS listens on 8531, where HTTP.sys keeps the
  // old one. supcert failed it on the old certificate's missing internet name and told him to
  // reissue the certificate, which he had just done: the renewal-not-bound finding stayed silent
  // because the new thumbprint was bound "somewhere".
  {
    report: 'renewal selected on the Default Web Site (443), WSUS on 8531 keeps the old one',
    run: snapshot({ netsh: file8('sslcert-new-on-443-old-on-8531.txt') }),
    fails: true,
    rule: 'SUP-DEP-002',
    code: 'sup.dep.replacement_not_bound',
    severity: 'error',
    value: 'bound only on "0.0.0.0:443", not on the WSUS site\'s port 8531',
    clientError: { code: '0x800B010F', winhttpError: '0x80072F06' },
    action: new RegExp(
      `netsh http update sslcert ipport=0\\.0\\.0\\.0:8531 certhash=${NEW_THUMBPRINT}`,
    ),
  },
  // https://learn.microsoft.com/en-us/mem/configmgr/sum/get-started/install-a-software-update-point
  // (the SUP's port settings must match WSUS's: 8530/8531 for a WSUS Administration site): the
  // admin changed the WSUS site's https binding to 443 "to use the standard port"; WSUS's Setup
  // key and the SUP's properties still say 8530/8531, so clients connect to 8531 and nothing
  // listens there.
  {
    report: "WSUS site's https binding moved to 443, the SUP still configured for 8531",
    run: snapshot({
      config: file8('wsus-admin-https-443.config'),
      netsh: file8('sslcert-443.txt'),
    }),
    fails: true,
    rule: 'SUP-DEP-002',
    code: 'sup.dep.no_https_binding',
    severity: 'error',
    value: 'its https bindings: "*:443:"',
    clientError: null,
    action: /Add the binding \(IIS Manager > WSUS Administration > Bindings > https, port 8531\)/,
  },
];

describe('field reports of SUP / WSUS TLS failures, round 8, replayed', () => {
  // Eight table rows; three more reports (the G2 bundle, the Base64 .p7b, the PFX through the
  // CLI) follow in their own blocks.
  it('covers at least 8 reports, each once', () => {
    expect(REPORTS.length).toBeGreaterThanOrEqual(8);
    expect(new Set(REPORTS.map((r) => r.report)).size).toBe(REPORTS.length);
  });

  it.each(REPORTS.map((r) => [r.report, r] as const))('%s', (_name, r) => replay(r));
});

describe('field report: a root migration bundle with an expired cross certificate', () => {
  // The same page as the first row: clients that trust G2 build leaf > issuing CA > G2 and never
  // use the expired cross certificate in the bundle; the gate passed, but the CLI's Expiry line
  // and its EXPIRING list named the expired cross certificate as the chain's last element (the
  // path's subjects were looked up in file order, and the cross certificate has G2's subject),
  // and left the root G2 out: a monitoring job alerted on a chain that is fine.
  it('passes: the path ends at the self-signed G2, nothing about the cross certificate', async () => {
    const report = await judge8('chain-with-cross.pem', { names: BOTH, trustAnchors: [ROOT_G2] })();
    expect(report.ok).toBe(true);
    expect(report.findings.filter((f) => f.rule === 'SUP-CHAIN-002')).toEqual([]);
    const full = await validateSupCertificate(await readCertificates(R8('chain-with-cross.pem')), {
      names: BOTH,
      trustAnchors: [ROOT_G2],
      at: new Date(
        (await readCertificates(ROOT_G2)).certificates[0]!.notBefore.getTime() + DAY60 * DAY,
      ),
    });
    expect(full.chain?.path).toEqual([
      'CN=sup01.corp.contoso.com',
      'CN=Tailspin Issuing CA',
      'CN=Tailspin Root CA G2',
    ]);
  });

  it('the CLI lists the path it validated: the root G2 in date, not the expired cross certificate', async () => {
    assertBuilt();
    const [root, cross] = await Promise.all(
      ['root.pem', 'cross-g2-by-old.pem'].map(
        async (f) => (await readCertificates(R8(f))).certificates[0]!,
      ),
    );
    const at = new Date(root!.notBefore.getTime() + DAY60 * DAY);
    expect(cross!.notAfter.getTime()).toBeLessThan(at.getTime());
    const r = await runCli([
      'check',
      `${DIR}/chain-with-cross.pem`,
      '--names',
      BOTH,
      '--trust',
      `${DIR}/root.pem`,
      '--at',
      at.toISOString(),
      '--format',
      'jsonl',
    ]);
    expect(r.status, r.stderr).toBe(0);
    const result = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((x) => x.type === 'result') as {
      verdict: string;
      chainExpiry: Array<{ role: string; subject: string; sha256: string; daysLeft: number }>;
    };
    expect(result.verdict).toBe('pass');
    expect(result.chainExpiry.map((c) => c.role)).toEqual(['leaf', 'intermediate', 'root']);
    const last = result.chainExpiry[2]!;
    expect(last.subject).toBe('CN=Tailspin Root CA G2');
    expect(last.sha256).toBe(root!.sha256);
    expect(last.daysLeft).toBeGreaterThan(0);
    expect(result.chainExpiry.map((c) => c.sha256)).not.toContain(cross!.sha256);
  });

  it('with only the old root trusted, the expired cross certificate is the path and is listed', async () => {
    const r = await runCli([
      'check',
      `${DIR}/chain-with-cross.pem`,
      '--names',
      BOTH,
      '--trust',
      `${DIR}/old-root.pem`,
      '--at',
      new Date(Date.now() + DAY60 * DAY).toISOString(),
      '--format',
      'jsonl',
    ]);
    expect(r.status, r.stderr).toBe(1);
    const result = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((x) => x.type === 'result') as {
      chainExpiry: Array<{ role: string; subject: string; daysLeft: number }>;
    };
    const g2 = result.chainExpiry.find((c) => c.subject === 'CN=Tailspin Root CA G2');
    expect(g2?.role).toBe('intermediate');
    expect(g2!.daysLeft).toBeLessThan(0);
  });
});

describe('field report: the chain as a Base64 .p7b ("-----BEGIN PKCS7-----")', () => {
  // https://learn.microsoft.com/en-us/previous-versions/windows/it-pro/windows-server-2003/cc738545(v=ws.10)
  // (PKCS #7 files hold a certificate and its certification path): the CA's web enrollment
  // "Download certificate chain" with "Base 64 encoded" writes PEM PKCS #7, not DER. The admin
  // asked whether the gate reads it: it must, with the whole chain, and pass.
  it('reads the three certificates and passes with the chain from the file alone', async () => {
    const text = R8('chain-base64.p7b').toString('latin1');
    expect(text.startsWith('-----BEGIN PKCS7-----')).toBe(true);
    const bundle = await readCertificates(R8('chain-base64.p7b'));
    expect(bundle.certificates).toHaveLength(3);
    const report = await judge8('chain-base64.p7b', { names: BOTH, trustAnchors: [ROOT_G2] })();
    expect(report.ok, report.findings.map((f) => f.message).join('\n')).toBe(true);
    expect(report.findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });
});

describe('field report: a PFX with a non-ASCII password through the CLI', () => {
  // The PFX row above, as the pipeline runs it: the password in an environment variable.
  const args = [
    'check',
    `${DIR}/unicode-name-password.pfx`,
    '--names',
    BOTH,
    '--password-env',
    'PFX_PASSWORD',
    '--trust',
    `${DIR}/root.pem`,
    '--at',
    new Date(Date.now() + DAY60 * DAY).toISOString(),
  ];

  it('opens with the password as typed and shows the friendly name', async () => {
    assertBuilt();
    const r = await runCli(args, { env: { PFX_PASSWORD: 'Kennwört€2026' } });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('WSUS-Zertifikat für sup01 – 2026');
    expect(r.stdout).toMatch(/PASS {2}0 errors, 0 warnings/);
  });

  it('refuses the password with the accents dropped, without echoing it', async () => {
    const r = await runCli(args, { env: { PFX_PASSWORD: 'Kennwort2026' } });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/wrong password.*\(WRONG_PASSWORD\)/s);
    expect(r.stderr + r.stdout).not.toContain('Kennwort2026');
  });
});

describe('field report: the renewal selected on another site (SUP-DEP-002)', () => {
  it('names the certificate port 8531 still presents, and is silent once the renewal is bound there too', async () => {
    const report = await snapshot({ netsh: file8('sslcert-new-on-443-old-on-8531.txt') })();
    const f = report.findings.find((x) => x.code === 'sup.dep.replacement_not_bound')!;
    expect(f.message).toContain(`HTTP.sys presents ${OLD_THUMBPRINT}`);
    // Both ports with the renewal: nothing to select.
    const both = decode(R8('sslcert-new-on-443-old-on-8531.txt')).replaceAll(
      OLD_THUMBPRINT.toLowerCase(),
      NEW_THUMBPRINT.toLowerCase(),
    );
    const fixed = await snapshot({ netsh: { name: 'sslcert.txt', text: both } })();
    expect(fixed.findings.map((x) => x.code)).not.toContain('sup.dep.replacement_not_bound');
    expect(fixed.ok).toBe(true);
  });
});
