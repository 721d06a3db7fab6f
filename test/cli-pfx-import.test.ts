import { beforeAll, describe, expect, it } from 'vitest';
import { NAMES, STACK, assertBuilt, onlyReport, runCli } from './cli-fixtures/run.js';

beforeAll(assertBuilt);

const env = { PFX: 'Passw0rd!' };
const pfx = (file: string, ...more: string[]) =>
  runCli(
    [
      'check',
      `certs-fixtures/generated/${file}`,
      '--password-env',
      'PFX',
      '--names',
      NAMES,
      '--at',
      '2026-12-01',
      ...more,
    ],
    { env },
  );

describe('supcert check --target-os (SUP-PFX-001)', () => {
  it('an OpenSSL 3 default PFX fails on the default target (2016) and passes this rule on 2019', async () => {
    const old = await pfx('default.pfx');
    expect(old.status).toBe(1);
    expect(old.stdout).toMatch(
      /ERROR {4}SUP-PFX-001 \(0x80070056\) {2}This PFX will not import on Windows Server 2016/,
    );
    // The way out names the command line's option only, not the library's targetOs next to it.
    expect(old.stdout).toContain('Or import it on Windows Server 2019 or later (--target-os).');
    expect(old.stdout).not.toContain('targetOs');
    const json = await pfx('default.pfx', '--target-os', '2019', '--format', 'json');
    const report = onlyReport(json.stdout) as unknown as {
      findings: Array<{ rule: string; severity: string }>;
    };
    expect(report.findings.filter((f) => f.rule === 'SUP-PFX-001').map((f) => f.severity)).toEqual([
      'info',
      'info',
    ]);
  });

  it('a -legacy PFX passes on 2012 R2', async () => {
    const r = await pfx('legacy.pfx', '--target-os', '2012r2', '--format', 'json');
    const report = onlyReport(r.stdout) as unknown as {
      findings: Array<{ rule: string; severity: string; message: string }>;
    };
    expect(report.findings.find((f) => f.rule === 'SUP-PFX-001')!.message).toMatch(
      /imports on Windows Server 2012 R2 and later/,
    );
  });

  it('refuses an unknown --target-os (2), and check-request refuses the option with the reason', async () => {
    const bad = await pfx('legacy.pfx', '--target-os', '2008');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(
      /--target-os must be one of 2012r2, 2016, 2019, 2022, 2025; got "2008"/,
    );
    expect(bad.stderr).not.toMatch(STACK);
    const request = await runCli([
      'check-request',
      'certs-fixtures/requests',
      '--target-os',
      '2016',
    ]);
    expect(request.status).toBe(2);
    expect(request.stderr).toMatch(
      /--target-os is not a check-request option: a request is not a PFX yet/,
    );
  });
});
