import { describe, expect, it } from 'vitest';
import { WorkBudget, validateSupDeployment } from '../src/index.js';
import { fixture, rejectionCode } from './fixtures.js';

const D = 'deployment';
const names = 'sup01.corp.contoso.com&sup01.contoso.com';
const at = new Date('2027-01-01T00:00:00Z');
const BASE = {
  config: 'iis/wsus-admin-good.config',
  netsh: 'netsh/current-good.txt',
  setup: 'reg/setup-good.reg',
  store: 'reg/my-good.reg',
} as const;
type Part = keyof typeof BASE | 'pfx';

async function judge(
  swap: Partial<Record<Part, string | null>>,
  password?: string,
  supNames: string = names,
) {
  const parts = { ...BASE, ...swap } as Record<Part, string | null | undefined>;
  const inputs = Object.values(parts)
    .filter((f): f is string => !!f)
    .map((f) => ({ name: f, bytes: fixture(f.startsWith('sup/') ? f : `${D}/${f}`) }));
  const budget = new WorkBudget();
  const report = await validateSupDeployment(inputs, {
    names: supNames,
    at,
    budget,
    ...(password ? { password } : {}),
  });
  const status = (rule: string) => report.results.find((r) => r.rule === rule)!.status;
  const message = (rule: string) =>
    report.findings
      .filter((f) => f.rule === rule)
      .map((f) => f.message)
      .join('\n');
  return { report, status, message, budget };
}

describe('SUP-DEP-001…005 from a deployment snapshot', () => {
  it('a correct snapshot passes every deployment rule, and the certificate rules run on the bound certificate', async () => {
    const { report, status, budget } = await judge({});
    for (const rule of ['SUP-DEP-001', 'SUP-DEP-002', 'SUP-DEP-003', 'SUP-DEP-004', 'SUP-DEP-005'])
      expect(status(rule), rule).toBe('pass');
    expect(report.ok).toBe(true);
    expect(report.deployment).toMatchObject({
      judged: 'bound',
      thumbprint: '17885EA06B4ECB211827190E53CC57CBA2EE240A',
      sslPort: 8531,
      wsusSite: { name: 'WSUS Administration', id: 1234 },
    });
    expect(report.certificate.subject).toBe('CN=sup01.corp.contoso.com');
    expect(report.results.find((r) => r.rule === 'SUP-NAME-001')!.status).toBe('pass');
    // four small exports: linear work (lines, XML elements, serialized elements, ASN.1 elements)
    expect(budget.spent('maxElements')).toBeLessThan(10_000);
  });

  // rule, what is swapped, the finding's code, what its message names
  const failing: Array<[string, Partial<Record<Part, string | null>>, string, RegExp, string?]> = [
    [
      'SUP-DEP-001',
      { store: 'reg/my-without-bound.reg' },
      'sup.dep.not_in_store',
      /17885EA0.* that HTTP\.sys binds is not in the exported store/,
    ],
    [
      'SUP-DEP-001',
      { store: 'reg/my-no-key.reg' },
      'sup.dep.no_private_key_link',
      /without a link to a private key.*0x80070520/,
    ],
    ['SUP-DEP-001', { store: 'reg/my-archived.reg' }, 'sup.dep.archived', /is archived/],
    [
      'SUP-DEP-002',
      { config: 'iis/no-https-binding.config' },
      'sup.dep.no_https_binding',
      /has no https binding on port 8531/,
    ],
    [
      'SUP-DEP-002',
      { netsh: 'netsh/two-entries-one-old.txt' },
      'sup.dep.binding_other_certificate',
      /HTTP\.sys presents A2BAA334.* on IP:port "10\.0\.0\.5:8531"/,
    ],
    [
      'SUP-DEP-002',
      { netsh: 'netsh/default-site-443.txt' },
      'sup.dep.no_certificate_bound',
      /HTTP\.sys binds no certificate on port 8531.*only "0\.0\.0\.0:443"/,
    ],
    [
      'SUP-DEP-002',
      { netsh: 'netsh/old-certificate.txt', pfx: 'sup/good-both.pfx' },
      'sup.dep.given_certificate_not_bound',
      /not the certificate file given.*imported but not bound/,
      'Passw0rd!',
    ],
    [
      'SUP-DEP-003',
      { config: 'iis/content-requires-ssl.config' },
      'sup.dep.require_ssl_extra',
      /"Content" requires SSL.*downloads fail/,
    ],
    [
      'SUP-DEP-003',
      { config: 'iis/missing-simpleauth.config' },
      'sup.dep.require_ssl_missing',
      /"SimpleAuthWebService" does not require SSL/,
    ],
    [
      'SUP-DEP-003',
      { config: 'iis/site-level-ssl.config' },
      'sup.dep.require_ssl_extra',
      /"Content", "Inventory", "ReportingWebService", "Selfupdate", "the site root of WSUS Administration" require SSL on "WSUS Administration" \(<location path="WSUS Administration\/Content">\)/,
    ],
    [
      'SUP-DEP-004',
      { config: 'iis/client-cert-accept.config' },
      'sup.dep.client_certificates_asked',
      /set to Accept.*0x80072F0C/,
    ],
    [
      'SUP-DEP-004',
      { config: 'iis/client-cert-require.config' },
      'sup.dep.client_certificates_asked',
      /set to Require/,
    ],
    [
      'SUP-DEP-004',
      { netsh: 'netsh/negotiate-client-cert.txt' },
      'sup.dep.client_certificates_negotiated',
      /negotiates client certificates on "0\.0\.0\.0:8531"/,
    ],
    ['SUP-DEP-005', { setup: 'reg/setup-not-ssl.reg' }, 'sup.dep.ssl_not_used', /UsingSSL is 0/],
    [
      'SUP-DEP-005',
      { setup: 'reg/setup-wrong-name.reg' },
      'sup.dep.server_certificate_name_not_in_certificate',
      /ServerCertificateName "sup01".*does not hold.*0x80072F06/,
    ],
  ];
  it.each(failing)('%s fails on %j with %s', async (rule, swap, code, text, password) => {
    const { status, message, report, budget } = await judge(swap, password);
    expect(status(rule)).toBe('error');
    expect(report.findings.filter((f) => f.rule === rule).map((f) => f.code)).toContain(code);
    expect(budget.spent('maxElements')).toBeLessThan(10_000);
    expect(message(rule)).toMatch(text);
    expect(report.ok).toBe(false);
    // only the rule under test is wrong in the snapshot
    // (with nothing bound and no certificate file, SUP-DEP-001 also says no certificate was judged)
    const others = report.findings.filter(
      (f) =>
        f.rule.startsWith('SUP-DEP-00') &&
        f.rule !== rule &&
        f.rule !== 'SUP-DEP-006' &&
        f.severity === 'error' &&
        f.code !== 'sup.dep.certificate_not_judged',
    );
    expect(others.map((f) => f.rule)).toEqual([]);
  });

  it('each rule names the export that would decide it when that file is missing', async () => {
    const { message, status, report } = await judge({ config: null, setup: null, store: null });
    // No store export and no certificate file: the bound certificate is judged nowhere (error).
    expect(status('SUP-DEP-001')).toBe('error');
    expect(report.findings.filter((f) => f.severity === 'error').map((f) => f.code)).toEqual([
      'sup.dep.certificate_not_judged',
    ]);
    expect(report.findings.filter((f) => f.severity === 'info').map((f) => f.code)).toEqual(
      expect.arrayContaining([
        'sup.dep.store_not_given',
        'sup.dep.require_ssl_unknown',
        'sup.dep.setup_not_given',
      ]),
    );
    expect(message('SUP-DEP-001')).toMatch(
      /reg export "HKLM\\SOFTWARE\\Microsoft\\SystemCertificates\\MY"/,
    );
    expect(message('SUP-DEP-003')).toMatch(/applicationHost\.config/);
    expect(message('SUP-DEP-005')).toMatch(/Update Services\\Server\\Setup/);
    // netsh alone decides SUP-DEP-004 (Negotiate Client Certificate: Disabled)
    expect(status('SUP-DEP-004')).toBe('pass');
  });

  it('a hostname:port (SNI) binding of the right certificate passes for the name it binds', async () => {
    const { status } = await judge(
      { config: 'iis/sni-hostname.config', netsh: 'netsh/hostname-port.txt' },
      undefined,
      'sup01.corp.contoso.com',
    );
    expect(status('SUP-DEP-002')).toBe('pass');
  });

  it('SNI entries only: a SUP name no entry binds gets no certificate (HTTP.sys has no address entry to fall back on)', async () => {
    const { status, report, message } = await judge({
      config: 'iis/sni-hostname.config',
      netsh: 'netsh/hostname-port.txt',
    });
    expect(status('SUP-DEP-002')).toBe('error');
    expect(report.findings.filter((f) => f.rule === 'SUP-DEP-002').map((f) => f.code)).toEqual([
      'sup.dep.names_without_binding',
    ]);
    expect(message('SUP-DEP-002')).toMatch(
      /only for the host names "sup01\.corp\.contoso\.com:8531".*connect as "sup01\.contoso\.com"/,
    );
  });

  it('WSUS on the Default Web Site: the SSL port is 443 (PortNumber 80)', async () => {
    const { status, report } = await judge({
      config: 'iis/default-site-good.config',
      netsh: 'netsh/default-site-443.txt',
      setup: 'reg/setup-default-site.reg',
      store: 'sst/my-good.sst',
    });
    expect(report.deployment.sslPort).toBe(443);
    for (const rule of ['SUP-DEP-002', 'SUP-DEP-003', 'SUP-DEP-004', 'SUP-DEP-005'])
      expect(status(rule), rule).toBe('pass');
    expect(status('SUP-DEP-001')).toBe('info'); // an .sst does not name its store
  });

  it('a localised netsh: the thumbprint is read by position, client-certificate negotiation stays open', async () => {
    const { status, message, report } = await judge({ netsh: 'netsh/german.txt', config: null });
    expect(report.deployment.thumbprint).toBe('17885EA06B4ECB211827190E53CC57CBA2EE240A');
    expect(status('SUP-DEP-004')).toBe('info');
    expect(report.findings.find((f) => f.rule === 'SUP-DEP-004')!.code).toBe(
      'sup.dep.client_certificates_unknown',
    );
    expect(message('SUP-DEP-004')).toMatch(/localised/);
  });

  it('the bound certificate in no file given: only the SUP-DEP rules run, the others say why', async () => {
    const { report, status } = await judge({ store: 'reg/my-without-bound.reg' });
    expect(report.deployment.judged).toBe('missing');
    expect(status('SUP-DEP-001')).toBe('error');
    expect(report.results.find((r) => r.rule === 'SUP-NAME-001')).toMatchObject({
      status: 'not-applicable',
      reason: expect.stringMatching(/17885EA0.*not among the files given/),
    });
  });

  it('refuses no inputs and a non-byte input with INVALID_OPTION', async () => {
    expect(await rejectionCode(validateSupDeployment([]))).toBe('INVALID_OPTION');
    expect(await rejectionCode(validateSupDeployment(['x' as unknown as Uint8Array]))).toBe(
      'INVALID_OPTION',
    );
  });
});
