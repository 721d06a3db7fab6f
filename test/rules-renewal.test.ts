import { describe, expect, it } from 'vitest';
import {
  WorkBudget,
  readCertificates,
  validateSupCertificate,
  validateSupDeployment,
} from '../src/index.js';
import { NAMES, assertBuilt, runCli } from './cli-fixtures/run.js';
import { fixture, rejectionCode } from './fixtures.js';

const at = new Date('2027-01-01T00:00:00Z');
const names = 'sup01.corp.contoso.com&sup01.contoso.com';

async function renewal(newFile: string, oldFile: string) {
  const budget = new WorkBudget();
  const report = await validateSupCertificate(fixture(newFile), {
    names,
    at,
    replaces: fixture(oldFile),
    budget,
  });
  const findings = report.findings.filter((f) => f.rule === 'SUP-DEP-007');
  return { report, findings, severities: findings.map((f) => f.severity), budget };
}

describe('SUP-DEP-007: renewal gate (replaces)', () => {
  it('a renewal that keeps every name, Server Authentication and the issuer passes, and lists the steps to redo', async () => {
    const { severities, findings, budget } = await renewal(
      'sup/good-both.pem',
      'sup/good-intranet.pem',
    );
    expect(severities).toEqual(['info']);
    expect(findings[0]!.message).toMatch(
      /Renewal steps: \(1\) select the new certificate \(17885EA0.*HTTP\.sys keeps presenting A2BAA334.*configuressl.*WindowsServerUpdateServices/,
    );
    // reading the replaced certificate is bounded like any input: a few hundred ASN.1 elements
    expect(budget.spent('maxElements')).toBeLessThan(2_000);
  });

  it('a name the replaced certificate held is lost: error 0x80072F06 naming it', async () => {
    const { findings } = await renewal('sup/good-intranet.pem', 'sup/good-both.pem');
    const error = findings.find((f) => f.code === 'sup.dep.renewal_names_lost')!;
    expect(error.message).toMatch(/no longer answers to "sup01\.contoso\.com"/);
    expect(error.windowsError).toBe('0x80072F06');
  });

  it('Server Authentication lost: error 0x800B0110', async () => {
    const { findings } = await renewal('sup/eku-clientauth-only.pem', 'sup/good-both.pem');
    expect(findings.find((f) => f.severity === 'error')).toMatchObject({
      code: 'sup.dep.renewal_server_auth_lost',
      windowsError: '0x800B0110',
    });
  });

  it('another issuer, and an earlier expiry: warnings with both dates', async () => {
    const [newer, older] = await Promise.all([
      readCertificates(fixture('generated/leaf-rsa.pem')),
      readCertificates(fixture('sup/good-both.pem')),
    ]);
    const { findings } = await renewal('generated/leaf-rsa.pem', 'sup/good-both.pem');
    const warnings = findings.filter((f) => f.severity === 'warning').map((f) => f.message);
    expect(warnings[0]).toMatch(
      /another issuer than the replaced one \("CN=Contoso Test Issuing CA,O=Contoso" instead of "CN=Contoso SUP Issuing CA"\)/,
    );
    expect(newer.certificates[0]!.notAfter < older.certificates[0]!.notAfter).toBe(true);
    expect(warnings[1]).toContain(
      `expires on ${newer.certificates[0]!.notAfter.toISOString().slice(0, 10)}, before the replaced one (${older.certificates[0]!.notAfter.toISOString().slice(0, 10)})`,
    );
  });

  it('the same certificate is not a renewal; without replaces the rule does not apply; a bad replaces file names the option', async () => {
    expect((await renewal('sup/good-both.pem', 'sup/good-both.pem')).findings[0]!.message).toMatch(
      /nothing was renewed/,
    );
    const plain = await validateSupCertificate(fixture('sup/good-both.pem'), { names, at });
    expect(plain.results.find((r) => r.rule === 'SUP-DEP-007')!.status).toBe('not-applicable');
    await expect(
      validateSupCertificate(fixture('sup/good-both.pem'), {
        names,
        at,
        replaces: 'not a certificate',
      }),
    ).rejects.toThrow(/^replaces: /);
    expect(
      await rejectionCode(
        validateSupCertificate(fixture('sup/good-both.pem'), {
          names,
          at,
          replaces: new Uint8Array(0),
        }),
      ),
    ).toBe('EMPTY_INPUT');
  });

  it("in a deployment snapshot, configuressl comes from WSUS's Setup key", async () => {
    const inputs = [
      'iis/wsus-admin-good.config',
      'netsh/current-good.txt',
      'reg/setup-good.reg',
      'reg/my-good.reg',
    ].map((f) => ({ name: f, bytes: fixture(`deployment/${f}`) }));
    const report = await validateSupDeployment(inputs, {
      names,
      at,
      replaces: fixture('sup/good-intranet.pem'),
    });
    expect(
      report.findings.find((f) => f.rule === 'SUP-DEP-007' && f.severity === 'info')!.message,
    ).toMatch(/WsusUtil\.exe configuressl sup01\.corp\.contoso\.com/);
  });

  it('CLI: check --replaces OLD', async () => {
    assertBuilt();
    const r = await runCli([
      'check',
      'certs-fixtures/sup/good-intranet.pem',
      '--names',
      NAMES,
      '--at',
      '2027-01-01',
      '--replaces',
      'certs-fixtures/sup/good-both.pem',
    ]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(
      /ERROR {4}SUP-DEP-007 \(0x80072F06\) {2}The new certificate no longer answers to "sup01\.contoso\.com"/,
    );
    const missing = await runCli([
      'check',
      'certs-fixtures/sup/good-both.pem',
      '--names',
      NAMES,
      '--replaces',
      'no-such.cer',
    ]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/no-such\.cer/);
  });
});
