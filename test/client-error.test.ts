import { describe, expect, it } from 'vitest';
import { WorkBudget } from '../src/limits.js';
import { fixture } from './fixtures.js';
import { assertBuilt, runCli } from './cli-fixtures/run.js';
import { BOTH, judge } from './sup-fixtures.js';

/**
 * report.clientError is the ONE error CertVerifyCertificateChainPolicy(SSL)
 * returns — chain before name — and report.clientErrors the order in which fixing them changes
 * what the client says (src/chain/sslPolicy.ts cites the Windows-verified order).
 */
const codes = (r: { clientErrors: Array<{ name: string; rule: string }> }): string[] =>
  r.clientErrors.map((e) => `${e.name} ${e.rule}`);

describe('the error a client shows first', () => {
  it('untrusted root wins over a name mismatch; trusting the root shows the name next (one more search, bounded)', async () => {
    const budget = new WorkBudget();
    const report = await judge('good-both.pfx', {
      names: 'wrong.corp.contoso.com',
      trustAnchors: [fixture('sup/sms-root.pem')],
      budget,
    });
    expect(report.clientError).toMatchObject({
      code: '0x800B0109',
      name: 'CERT_E_UNTRUSTEDROOT',
      rule: 'SUP-CHAIN-002',
      winhttpError: '0x80072F0D',
    });
    expect(codes(report)).toEqual([
      'CERT_E_UNTRUSTEDROOT SUP-CHAIN-002',
      'CERT_E_CN_NO_MATCH SUP-NAME-001',
    ]);
    // Bounded: one required name against the leaf's identifiers.
    expect(budget.spent('maxNameComparisons')).toBeLessThanOrEqual(10);
  });

  it('untrusted root, then the time, then the name: the order a client goes through as each is fixed', async () => {
    const report = await judge('good-both.pfx', {
      names: 'wrong.corp.contoso.com',
      trustAnchors: [fixture('sup/sms-root.pem')],
      atFrom: 'notAfter',
      atOffsetDays: 2,
    });
    expect(codes(report)).toEqual([
      'CERT_E_UNTRUSTEDROOT SUP-CHAIN-002',
      'CERT_E_EXPIRED SUP-VAL-001',
      'CERT_E_CN_NO_MATCH SUP-NAME-001',
    ]);
  });

  it('a trusted chain with the right names: clients accept it (null), and a name-only failure is the name', async () => {
    const good = await judge('good-both.pfx', {
      names: BOTH,
      trustAnchors: [fixture('sup/root.pem')],
    });
    expect(good.clientError).toBeNull();
    expect(good.clientErrors).toEqual([]);
    const cnOnly = await judge('cn-only-while-san.pem', { names: BOTH });
    expect(cnOnly.clientError).toMatchObject({
      code: '0x800B010F',
      name: 'CERT_E_CN_NO_MATCH',
      rule: 'SUP-NAME-006',
      winhttpError: '0x80072F06',
    });
  });

  it('wrong usage before the name, without trust anchors too', async () => {
    const report = await judge('eku-clientauth-only.pem', { names: 'wrong.corp.contoso.com' });
    expect(codes(report)).toEqual([
      'CERT_E_WRONG_USAGE SUP-EKU-001',
      'CERT_E_CN_NO_MATCH SUP-NAME-001',
    ]);
  });

  it("the CLI's verdict line names it, through the sanitising writer", async () => {
    assertBuilt();
    const out = await runCli(
      [
        'check',
        'certs-fixtures/sup/good-both.pfx',
        '--password-env',
        'SUPCERT_TEST_PFX',
        '--names',
        'wrong.corp.contoso.com',
        '--trust',
        'certs-fixtures/sup/sms-root.pem',
        '--at',
        '2027-01-01',
      ],
      { env: { SUPCERT_TEST_PFX: 'Passw0rd!' } },
    );
    expect(out.stdout).toMatch(
      /FAIL {2}\d+ errors?, .*; clients show CERT_E_UNTRUSTEDROOT \(0x800B0109, SUP-CHAIN-002\) first, then CERT_E_CN_NO_MATCH \(SUP-NAME-001\)\n/,
    );
  });
});

describe('an issuing CA clients must download (AIA)', () => {
  it('ok stays true (a warning), and clientError is what clients show when the download fails', async () => {
    // good-both.pem names its issuer's AIA caIssuers URL; only the root is given.
    const report = await judge('good-both.pem', {
      names: BOTH,
      trustAnchors: [fixture('sup/root.pem')],
    });
    expect(report.findings.map((f) => f.code)).toContain('sup.chain.issuer_download_needed');
    expect(report.ok).toBe(true);
    expect(report.clientError).toMatchObject({ code: '0x800B010A', name: 'CERT_E_CHAINING' });
    // With the intermediate given, nothing is left to download and no client error remains.
    const whole = await judge('good-both.pem', {
      names: BOTH,
      trustAnchors: [fixture('sup/root.pem')],
      intermediates: [fixture('sup/issuing.pem')],
    });
    expect(whole.clientError).toBeNull();
  });
});
