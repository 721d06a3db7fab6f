import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type SupOptions,
  WorkBudget,
  readCertificates,
  validateSupCertificate,
  validateSupRequest,
} from '../src/index.js';
import { assertBuilt, runCli, tempDir } from './cli-fixtures/run.js';
import { CHAIN, type Judged, ROOT, type Report, certificate, replay } from './field-report-kit.js';
import { fixture } from './fixtures.js';
import { BOTH, DAY, INTRANET } from './sup-fixtures.js';

/**
 * Bug reports from the field, round 7 (earlier rounds: test/field-reports.test.ts,
 * test/field-reports-2.test.ts, test/field-reports-6.test.ts): what administrators attach when a
 * software update point's clients fail, or a gate passed or failed wrongly. Each is replayed as
 * the input the administrator had: a file of certs-fixtures/field-reports-7 (a third PKI,
 * "Northwind"; README there), a certs-fixtures/sup certificate, or the CLI run on a file. The
 * five checks of field-report-kit.ts: (a) the verdict, (b) the rule and finding code of the
 * cause, (c) the value at fault named, (d) the Windows error the client shows, (e) what to do.
 * Each row's comment gives the public page and the cause it states.
 */

const DIR = 'certs-fixtures/field-reports-7';
const R7 = (file: string): Buffer => fixture(`field-reports-7/${file}`);
const ROOT7 = R7('root.pem');
const ISSUING7 = R7('issuing.pem');
/** The load-balanced SUP's shared (virtual IP) name. */
const VIP = 'sup.corp.contoso.com';

/** A certs-fixtures/field-reports-7 file judged `days` after its first certificate's notBefore (the files are dated when make.sh ran). */
function judge7(file: string, options: SupOptions & { password?: string }, days = 1) {
  return async (): Promise<Judged> => {
    const { password, ...rest } = options;
    const bundle = await readCertificates(R7(file), password ? { password } : {});
    return validateSupCertificate(bundle, {
      ...rest,
      at: new Date(bundle.certificates[0]!.notBefore.getTime() + days * DAY),
    });
  };
}

/** A certreq INF of certs-fixtures/field-reports-7 judged as `supcert check-request` would. */
function request7(file: string, names: string) {
  return (): Promise<Judged> => validateSupRequest(R7(file), { names, budget: new WorkBudget() });
}

const NORTHWIND = { intermediates: [ISSUING7], trustAnchors: [ROOT7] };

const REPORTS: Report[] = [
  // https://learn.microsoft.com/en-us/windows/win32/secauthn/tls-elliptic-curves-in-windows-10-1607-and-later
  // (the curves Schannel enables by default: curve25519, NistP256, NistP384): the admin's
  // security baseline asked for "the strongest curve", the CA issued a P-521 certificate, and
  // every scan fails in the TLS handshake. Not a certificate-chain error: no client error code.
  {
    report: 'ECDSA P-521 certificate from a "strongest curve" baseline',
    run: judge7('ec-p521.pem', { names: BOTH, ...NORTHWIND }),
    fails: true,
    rule: 'SUP-KEY-004',
    code: 'sup.key.curve_not_enabled',
    severity: 'error',
    value: 'P-521',
    clientError: null,
    action: /enables only curve25519, NistP256 and NistP384.*Request an RSA 2048-bit key/,
  },
  // https://learn.microsoft.com/en-us/windows/win32/api/wincrypt/ns-wincrypt-cert_trust_status
  // (CERT_TRUST_INVALID_EXTENSION: "an unsupported critical extension"): the CA's policy module
  // adds a private device-policy extension marked critical. Windows refuses the certificate;
  // supcert failed it but only said "Windows must reject the certificate", not what to do.
  {
    report: 'private extension marked critical by the CA policy',
    run: judge7('critical-private-ext.pem', { names: BOTH, ...NORTHWIND }),
    fails: true,
    rule: 'SUP-CHAIN-002',
    code: 'sup.chain.problem',
    severity: 'error',
    value: '1.3.6.1.4.1.55555.7.1',
    clientError: { code: '0x800B0105', winhttpError: '0x80072F89' },
    action: /Reissue the certificate without that extension, or with it not marked critical/,
  },
  // https://learn.microsoft.com/en-us/mem/configmgr/core/plan-design/network/pki-certificate-requirements
  // (the SUP's certificate must contain its intranet FQDN, the name the site system is
  // configured with): the request typed the NetBIOS name into the SAN and the FQDN into the
  // subject. Once a SAN exists Windows ignores the CN: every client fails with a name mismatch.
  {
    report: 'SAN holds only the short name, the site uses the FQDN (in the CN)',
    run: judge7('san-short-only.pem', { names: INTRANET, ...NORTHWIND }),
    fails: true,
    rule: 'SUP-NAME-006',
    code: 'sup.name.cn_only',
    severity: 'error',
    value: '"SUP01"',
    clientError: { code: '0x800B010F', winhttpError: '0x80072F06' },
    action: /Add "sup01\.corp\.contoso\.com" to the SAN as a DNS entry/,
  },
  // https://thwack.solarwinds.com/community/archives_tht/patchzone/blog/2013/07 — "Be sure that
  // your SSL certificates have at least 1024-bit keys" (KB 2661254): a SUP certificate from the
  // old version 1 Web Server template, RSA 1024. Windows accepts it; supcert passes with a
  // warning to use 2048 bits at the next renewal (the gate must not fail it).
  {
    report: 'RSA 1024 key from the version 1 Web Server template',
    run: certificate('rsa-1024.pem', { names: BOTH, intermediates: [CHAIN], trustAnchors: [ROOT] }),
    fails: false,
    rule: 'SUP-KEY-002',
    code: 'sup.key.rsa_under_2048',
    severity: 'warning',
    value: '1024 bits',
    clientError: null,
    action: /Use 2048 bits or more at the next renewal/,
  },
  // https://www.sysadmins.lv/blog-en/the-case-about-exportable-keys.aspx (exporting the key to
  // move the certificate): a PFX re-assembled by a script, the root before the issuing CA and an
  // old unrelated root kept from another export. Windows matches certificates by name and key
  // identifier, not by file order, and an extra CA certificate does not change the chain: the
  // gate must pass it.
  {
    report: 'PFX with the chain in the wrong order and an unrelated CA certificate',
    run: judge7('wrong-order-extra-ca.pfx', {
      names: BOTH,
      trustAnchors: [ROOT7],
      password: 'Passw0rd!',
    }),
    fails: false,
    rule: 'SUP-PFX-001',
    code: 'sup.pfx.imports_from',
    severity: 'info',
    value: 'Windows Server 2012 R2',
    clientError: null,
    action: /imports on Windows Server 2012 R2 and later/,
  },
  // https://irohastack.com/en/https-cert-chain-missing-en/ ("Certificate was installed alone"):
  // the CA's web enrollment gave the certificate as PKCS #7 without "Include all certificates".
  // Clients fetch the issuing CA from the AIA URL if they can reach it: a warning.
  {
    report: 'P7B from web enrollment with only the SUP certificate',
    run: judge7('leaf-only.p7b', { names: BOTH, trustAnchors: [ROOT7] }),
    fails: false,
    rule: 'SUP-CHAIN-002',
    code: 'sup.chain.issuer_download_needed',
    severity: 'warning',
    value: 'http://pki.northwind.com/aia/issuing.crt',
    clientError: { code: '0x800B010A', winhttpError: '0x80072F0D' },
    action: /make sure the URL is reachable from every client/,
  },
  // https://techcommunity.microsoft.com/blog/coreinfrastructureandsecurityblog/how-to-setup-network-load-balancing-for-configuration-manager-software-update-po/884816
  // (the SUPs of the NLB cluster are reached through the cluster's shared name): each node kept
  // its own certificate with its own FQDN only; clients connect to the VIP name and fail.
  {
    report: 'load-balanced SUP: node certificate without the shared (VIP) name',
    run: judge7('nlb-node-only.pem', { names: VIP, ...NORTHWIND }),
    fails: true,
    rule: 'SUP-NAME-001',
    code: 'sup.name.intranet_name_missing',
    severity: 'error',
    value: `"${VIP}"`,
    clientError: { code: '0x800B010F', winhttpError: '0x80072F06' },
    action: /Reissue the certificate with "sup\.corp\.contoso\.com" as a SAN DNS entry/,
  },
  // Same page: the certificate that serves the cluster carries the VIP name and every node's
  // FQDN; WsusUtil configuressl is run with the VIP name on each node. Nothing wrong.
  {
    report: 'load-balanced SUP: certificate with the VIP name and the node names',
    run: judge7('nlb-vip.pem', { names: VIP, configureSslName: VIP, ...NORTHWIND }),
    fails: false,
    rule: 'SUP-DEP-005',
    code: 'sup.dep.checklist_configuressl',
    severity: 'info',
    value: 'WsusUtil.exe configuressl',
    clientError: null,
    action: /Require SSL communication to the WSUS server/,
  },
  // https://learn.microsoft.com/en-us/mem/configmgr/core/plan-design/network/pki-certificate-requirements
  // (Web Server template, Server Authentication): the INF was copied from a runbook for client
  // certificates, CertificateTemplate = Workstation. The CA would issue Client Authentication
  // only; supcert check-request says so before the CA issues it.
  {
    report: 'certreq INF made for the Workstation Authentication template',
    run: request7('wrong-template.inf', BOTH),
    fails: true,
    rule: 'SUP-EKU-001',
    code: 'sup.eku.template_without_server_auth',
    severity: 'error',
    value: '"Workstation"',
    clientError: { code: '0x800B0110', winhttpError: '0x80072F93' },
    action: /Request it from the Web Server template/,
  },
  // https://www.sysadmins.lv/blog-en/the-case-about-exportable-keys.aspx — Exportable = FALSE
  // keeps the key on the server that made it: the admin planned to export the load-balanced
  // SUP's certificate from node 1 to the other nodes. Not a fault of the certificate (a request
  // per node with the same names needs no export); supcert passes and says how to get there.
  {
    report: 'shared NLB certificate requested with Exportable = FALSE',
    run: request7('nlb-not-exportable.inf', VIP),
    fails: false,
    rule: 'SUP-PK-002',
    code: 'sup.pk.exportable_not_required',
    severity: 'info',
    value: 'exportable',
    clientError: null,
    action: /request one certificate per server with the same names/,
  },
];

describe('field reports of SUP / WSUS TLS failures, round 7, replayed', () => {
  it('covers at least 10 reports, each once', () => {
    expect(REPORTS.length).toBeGreaterThanOrEqual(10);
    expect(new Set(REPORTS.map((r) => r.report)).size).toBe(REPORTS.length);
  });

  it.each(REPORTS.map((r) => [r.report, r] as const))('%s', (_name, r) => replay(r));
});

describe('field report: a .cer renamed .pfx (CLI)', () => {
  // https://learn.microsoft.com/en-us/windows/win32/api/wincrypt/nf-wincrypt-pfximportcertstore
  // (PFXImportCertStore takes a PFX packet): "Copy to File…" with "No, do not export the private
  // key" writes a DER .cer; the admin renamed it .pfx for the IIS "Import" dialog. supcert read
  // it by its content and passed it, so the gate let through a file that cannot be imported as
  // a PFX and carries no key.
  const args = (file: string) => [
    'check',
    file,
    '--names',
    BOTH,
    '--password-env',
    'PFX_PASSWORD',
    '--trust',
    `${DIR}/root.pem`,
    '--intermediate',
    `${DIR}/issuing.pem`,
    '--at',
    new Date(Date.now() + 30 * DAY).toISOString(),
    '--format',
    'json',
  ];
  const env = { PFX_PASSWORD: 'Passw0rd!' };

  it('fails the file named .pfx that is a certificate without its key, and says how to export it', async () => {
    assertBuilt();
    const r = await runCli(args(`${DIR}/cer-renamed.pfx`), { env });
    expect(r.status, r.stderr).toBe(2);
    const doc = JSON.parse(r.stdout) as {
      results: Array<{ error?: { code: string; message: string } }>;
    };
    const item = doc.results[0]?.error;
    expect(item?.code).toBe('UNKNOWN_FORMAT');
    expect(item?.message).toMatch(/not a PKCS #12 \(PFX\) file/);
    expect(item?.message).toMatch(/"Yes, export the private key"/);
  });

  it("is that file's error in a directory walk too, never skipped", async () => {
    const { dir, remove } = tempDir();
    try {
      copyFileSync(path.join(DIR, 'cer-renamed.pfx'), path.join(dir, 'sup01.pfx'));
      copyFileSync(path.join(DIR, 'good.pem'), path.join(dir, 'sup01.pem'));
      const r = await runCli(args(dir), { env });
      expect(r.status, r.stderr).toBe(2);
      const doc = JSON.parse(r.stdout) as {
        results: Array<{ input: string; verdict?: string; error?: { code: string } }>;
      };
      const byName = (end: string) => doc.results.find((x) => x.input.endsWith(end));
      expect(byName('sup01.pfx')?.error?.code).toBe('UNKNOWN_FORMAT');
      expect(byName('sup01.pem')?.verdict).toBe('pass');
    } finally {
      remove();
    }
  });

  it('still judges the same bytes named .cer as a certificate (content decides the rest)', async () => {
    const { dir, remove } = tempDir();
    try {
      const cer = path.join(dir, 'sup01.cer');
      copyFileSync(path.join(DIR, 'cer-renamed.pfx'), cer);
      const r = await runCli(args(cer), { env });
      expect(r.status, r.stderr).toBe(0);
      const doc = JSON.parse(r.stdout) as { results: Array<{ verdict?: string }> };
      expect(doc.results[0]?.verdict).toBe('pass');
    } finally {
      remove();
    }
  });
});
