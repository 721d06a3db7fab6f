import { describe, expect, it } from 'vitest';
import { readCertificates, validateSupCertificate } from '../src/index.js';
import { UndeclaredFindingError, runRules } from '../src/rules/runRules.js';
import { type RuleContext, type SupRule, finding } from '../src/rules/SupRule.js';
import { fixture, rejectionCode } from './fixtures.js';

const pfx = fixture('securityfever-windows-pfx/cert-chain-des.pfx');
const at = new Date('2022-06-01T00:00:00Z');

describe('validateSupCertificate: input, options and report shape', () => {
  it('judges the certificate whose private key is in the PFX, not the root after it', async () => {
    const report = await validateSupCertificate(pfx, {
      password: 'Passw0rd',
      intranetName: 'server.lab.local',
      at,
    });
    expect(report.certificate.subject).toBe('CN=server.lab.local');
    expect(report.certificateIndex).toBe(0);
    expect(report.ok).toBe(true);
    expect(report.rules).toEqual(report.results.map((r) => r.rule));
    expect(report.findings.every((f) => report.rules.includes(f.rule))).toBe(true);
  });

  it('accepts an already-read bundle, bytes or PEM text alike', async () => {
    const bundle = await readCertificates(pfx, { password: 'Passw0rd' });
    const fromBundle = await validateSupCertificate(bundle, {
      intranetName: 'server.lab.local',
      at,
    });
    const fromPem = await validateSupCertificate(
      fixture('securityfever-windows-pfx/cert.pem').toString(),
      { intranetName: 'server.lab.local', at },
    );
    expect(fromBundle.certificate.sha256).toBe(fromPem.certificate.sha256);
  });

  it('turns input problems into SupCertError, never into a report', async () => {
    expect(await rejectionCode(validateSupCertificate(pfx, { password: 'wrong', at }))).toBe(
      'WRONG_PASSWORD',
    );
    expect(await rejectionCode(validateSupCertificate(pfx, { at }))).toBe('PASSWORD_REQUIRED');
    expect(await rejectionCode(validateSupCertificate('not a certificate', { at }))).toBe(
      'UNKNOWN_FORMAT',
    );
    expect(
      await rejectionCode(
        validateSupCertificate(fixture('generated/key-only.pfx'), { password: 'Passw0rd!' }),
      ),
    ).toBe('UNKNOWN_FORMAT');
  });

  it.each([
    [{ connections: 'everyone' }, /connections must be one of/],
    [{ generation: '2010' }, /generation must be one of/],
    [{ profile: 'rfc' }, /profile must be one of/],
    [{ at: new Date('nonsense') }, /at must be a valid Date/],
    [{ expiryWarningDays: -1 }, /expiryWarningDays/],
    [{ intranetName: 'a.corp&b.com' }, /contains "&"/],
    [{ internetName: '*.contoso.com' }, /not a pattern/],
    [{ names: 'a.corp&b.com', intranetName: 'c.corp' }, /disagrees/],
  ])('refuses bad options: %j', async (options, message) => {
    const error = await validateSupCertificate(pfx, {
      password: 'Passw0rd',
      ...(options as object),
    }).catch((e: Error) => e);
    expect(error).toMatchObject({ name: 'SupCertError', code: 'INVALID_OPTION' });
    expect((error as Error).message).toMatch(message);
  });

  it('reads "intranet&internet" as the two names and infers both connections', async () => {
    const report = await validateSupCertificate(pfx, {
      password: 'Passw0rd',
      names: 'san:dns=server.lab.local&dns=updates.contoso.com',
      at,
    });
    expect(report.names.map((n) => [n.name, n.role, n.matched])).toEqual([
      ['server.lab.local', 'intranet', true],
      ['updates.contoso.com', 'internet', false],
    ]);
    expect(
      report.findings.filter((f) => f.severity === 'error').map((f) => [f.rule, f.name]),
    ).toEqual([['SUP-NAME-002', 'updates.contoso.com']]);
  });

  it('says when an input is missing instead of passing silently', async () => {
    const report = await validateSupCertificate(pfx, { password: 'Passw0rd', at });
    expect(report.findings).toContainEqual(
      expect.objectContaining({ rule: 'SUP-NAME-018', severity: 'error' }),
    );
    expect(report.ok).toBe(false);
    expect(report.findings).toContainEqual(
      expect.objectContaining({ rule: 'SUP-NAME-004', severity: 'info' }),
    );
  });

  it('every finding carries a citation with a title, and the contract fields only of the right types', async () => {
    const report = await validateSupCertificate(pfx, {
      password: 'Passw0rd',
      names: 'x.corp&y.com',
      at,
    });
    for (const f of report.findings) {
      expect(['error', 'warning', 'info']).toContain(f.severity);
      expect(f.citation.title).toBeTruthy();
      expect(typeof f.message).toBe('string');
    }
  });
});

describe('the rule runner', () => {
  it('turns a rule that throws into an error finding, never a pass', async () => {
    const bundle = await readCertificates(pfx, { password: 'Passw0rd' });
    const broken: SupRule = {
      id: 'TEST-BROKEN',
      title: 'broken',
      requirement: 'none',
      sources: ['S1'],
      findings: {},
      check() {
        throw new Error('boom');
      },
    };
    const { findings, results } = runRules([broken], {
      cert: bundle.certificates[0]!,
      bundle,
      key: undefined,
      names: [],
      options: {} as RuleContext['options'],
    });
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'TEST-BROKEN',
        code: 'sup.internal.rule_failed',
        severity: 'error',
        message: expect.stringMatching(/boom.*bug in supcert/),
      }),
    ]);
    expect(results).toEqual([{ rule: 'TEST-BROKEN', status: 'error' }]);
  });

  describe('a finding the rule does not declare', () => {
    const own = finding('sup.test.own', 'info', () => 'declared');
    const other = finding('sup.test.other', 'info', (a: { v: string }) => `not declared: ${a.v}`);
    const rogue: SupRule = {
      id: 'TEST-ROGUE',
      title: 'rogue',
      requirement: 'none',
      sources: ['S1'],
      findings: { own },
      check(_ctx, report) {
        report(own);
        report(other, { v: 'x' });
      },
    };
    const context = async (): Promise<RuleContext> => {
      const bundle = await readCertificates(pfx, { password: 'Passw0rd' });
      return {
        cert: bundle.certificates[0]!,
        bundle,
        key: undefined,
        names: [],
        options: {} as RuleContext['options'],
      };
    };

    it('throws in the test suite (SUPCERT_STRICT_FINDINGS=1)', async () => {
      expect(process.env.SUPCERT_STRICT_FINDINGS).toBe('1');
      const ctx = await context();
      expect(() => runRules([rogue], ctx)).toThrow(UndeclaredFindingError);
      expect(() => runRules([rogue], ctx)).toThrow(/TEST-ROGUE.*sup\.test\.other/);
    });

    it('otherwise is kept as an error under sup.internal.undeclared_finding, never dropped', async () => {
      const ctx = await context();
      const saved = process.env.SUPCERT_STRICT_FINDINGS;
      delete process.env.SUPCERT_STRICT_FINDINGS;
      try {
        const { findings, results } = runRules([rogue], ctx);
        expect(findings.map((f) => [f.code, f.severity])).toEqual([
          ['sup.test.own', 'info'],
          ['sup.internal.undeclared_finding', 'error'],
        ]);
        expect(findings[1]!.message).toMatch(/^not declared: x .*"sup\.test\.other"/);
        expect(results).toEqual([{ rule: 'TEST-ROGUE', status: 'error' }]);
      } finally {
        process.env.SUPCERT_STRICT_FINDINGS = saved;
      }
    });
  });
});
