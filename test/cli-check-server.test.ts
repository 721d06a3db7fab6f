import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { NAMES, STACK, assertBuilt, onlyReport, runCli, tempDir } from './cli-fixtures/run.js';

beforeAll(assertBuilt);

const SNAP = 'certs-fixtures/deployment/snapshots';
const server = (dir: string, ...more: string[]) =>
  runCli(['check-server', `${SNAP}/${dir}`, '--names', NAMES, '--at', '2027-01-01', ...more], {
    env: { PFX: 'Passw0rd!' },
  });

describe('supcert check-server', () => {
  it('text: a correct snapshot passes (0) and says what each file was and which certificate is bound', async () => {
    const r = await server('good-wsus-admin');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('applicationHost.config: IIS applicationHost.config');
    expect(r.stdout).toContain('sslcert.txt: netsh http show sslcert');
    expect(r.stdout).toMatch(/Bound {8}0\.0\.0\.0:8531 → 17885EA06B4ECB211827190E53CC57CBA2EE240A/);
    expect(r.stdout).toMatch(/PASS {2}0 errors, 0 warnings/);
    expect(r.stderr).toBe('');
  });

  it('text: a broken snapshot fails (1) with the deployment errors and the certificate rules of the bound (old) certificate', async () => {
    const r = await server('broken');
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/ERROR {4}SUP-DEP-003 {2}"Content" requires SSL/);
    expect(r.stdout).toMatch(/ERROR {4}SUP-DEP-005 {2}WSUS does not use SSL/);
    expect(r.stdout).toMatch(/ERROR {4}SUP-NAME-002/);
  });

  it("JSON: the library's DeploymentReport, with deployment.files and the bound thumbprint", async () => {
    const r = await server('renewal-not-bound', '--password-env', 'PFX', '--format', 'json');
    expect(r.status).toBe(1);
    const report = onlyReport(r.stdout) as unknown as {
      ok: boolean;
      deployment: { judged: string; thumbprint: string; files: Array<{ kind: string }> };
      findings: Array<{ rule: string; severity: string; message: string }>;
    };
    expect(report.ok).toBe(false);
    expect(report.deployment.judged).toBe('bound');
    expect(report.deployment.thumbprint).toBe('A2BAA3345AB2D9EA449B17DF07F8BD4C9BE2B2CD');
    expect(report.deployment.files.map((f) => f.kind).sort()).toEqual([
      'cert-store',
      'certificates',
      'iis-config',
      'netsh-sslcert',
      'wsus-setup',
    ]);
    expect(
      report.findings.find((f) => f.rule === 'SUP-DEP-002' && f.severity === 'error')!.message,
    ).toMatch(/imported but not bound/);
  });

  it('SARIF: one run whose results carry the SUP-DEP rule ids', async () => {
    const r = await server('broken', '--format', 'sarif');
    expect(r.status).toBe(1);
    const log = JSON.parse(r.stdout) as {
      version: string;
      runs: Array<{ results: Array<{ ruleId: string; level: string }> }>;
    };
    expect(log.version).toBe('2.1.0');
    const errors = log.runs[0]!.results.filter((x) => x.level === 'error')
      .map((x) => x.ruleId)
      .sort();
    expect(errors).toEqual(['SUP-DEP-003', 'SUP-DEP-005', 'SUP-NAME-002']);
  });

  it('a hostname:port binding, a localised netsh and a store without the bound certificate give clear findings', async () => {
    expect((await server('hostname-binding')).status).toBe(0);
    const localised = await server('localised', '--verbose');
    expect(localised.stdout).toMatch(/another language than English/);
    expect(localised.stdout).toMatch(
      /SUP-DEP-004 {2}Whether client certificates are ignored is not known \(the netsh output is localised/,
    );
    const without = await server('store-without-bound');
    expect(without.status).toBe(1);
    expect(without.stdout).toMatch(
      /SUP-DEP-001 {2}The certificate 17885EA06B4ECB211827190E53CC57CBA2EE240A that HTTP\.sys binds is not in the exported store/,
    );
  });

  it('a PFX in the snapshot without a password is exit 2 naming the file; with it, judged', async () => {
    const none = await runCli([
      'check-server',
      `${SNAP}/with-pfx`,
      '--names',
      NAMES,
      '--at',
      '2027-01-01',
    ]);
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(
      /sup01\.pfx: PKCS#12: this file is protected by a password.*\(PASSWORD_REQUIRED\)/,
    );
    expect((await server('with-pfx', '--password-env', 'PFX')).status).toBe(0);
  });

  it('in a directory, files that are neither exports nor certificates are skipped with a note; an empty file named explicitly is exit 2', async () => {
    const dir = tempDir();
    try {
      mkdirSync(path.join(dir.dir, 'snap'));
      writeFileSync(path.join(dir.dir, 'snap', 'notes.txt'), 'collected on Monday\n');
      writeFileSync(path.join(dir.dir, 'snap', 'empty.txt'), '');
      const r = await runCli([
        'check-server',
        path.join(dir.dir, 'snap'),
        `${SNAP}/good-wsus-admin/sslcert.txt`,
        '--names',
        NAMES,
        '--at',
        '2027-01-01',
      ]);
      expect(r.stderr).toMatch(/note: .*notes\.txt: skipped/);
      expect(r.stderr).toMatch(/note: .*empty\.txt: skipped/);
      expect(r.status).toBe(0);
      const empty = await runCli([
        'check-server',
        path.join(dir.dir, 'snap', 'empty.txt'),
        '--names',
        NAMES,
      ]);
      expect(empty.status).toBe(2);
      expect(empty.stderr).toMatch(/empty\.txt.*\(EMPTY_INPUT\)/);
      expect(empty.stderr).not.toMatch(STACK);
    } finally {
      dir.remove();
    }
  });

  it('refuses a live https:// URL mixed with exported files (2), and check-server --help describes the exports', async () => {
    const r = await runCli([
      'check-server',
      'https://sup01.corp.contoso.com:8531',
      `${SNAP}/good-wsus-admin`,
      '--names',
      NAMES,
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /check-server judges either a live server \(https:\/\/ URLs only\) or the files exported from it, not both/,
    );
    const help = await runCli(['check-server', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain(
      'reg export "HKLM\\SOFTWARE\\Microsoft\\Update Services\\Server\\Setup" setup.reg',
    );
  });
});
