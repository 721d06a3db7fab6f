import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, WINDOWS, assertBuilt, runCli } from './cli-fixtures/run.js';

beforeAll(assertBuilt);

describe('npm run demo (scripts/demo.mjs)', () => {
  it('announces the FAIL it shows as expected, and exits 0 because both verdicts are the announced ones', () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts/demo.mjs')], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(
      /^ {2}PASS: 0 error\(s\), 0 warning\(s\), \d+ info \(expected: PASS\)$/m,
    );
    expect(r.stdout).toContain('this FAIL is expected');
    expect(r.stdout).toMatch(
      /^ERROR {3}SUP-NAME-002 {2}The internet name "updates\.contoso\.com"/m,
    );
    expect(r.stdout).toMatch(
      /^FAIL: 1 error\(s\), 0 warning\(s\), \d+ info \(expected: FAIL, by SUP-NAME-002 only\)$/m,
    );
    expect(r.stdout).toContain('Demo done: both verdicts are the expected ones (exit 0).');
  });

  it('its two verdicts are the CLI\'s: "supcert check" passes (0) for the intranet name and fails (1) by SUP-NAME-002 with the internet name', async () => {
    const check = (names: string) =>
      runCli(
        [
          'check',
          `${WINDOWS}/cert-chain-des.pfx`,
          '--names',
          names,
          '--at',
          '2022-06-01',
          '--password-env',
          'DEMO_PFX',
        ],
        { env: { DEMO_PFX: 'Passw0rd' } },
      );
    const intranet = await check('server.lab.local');
    expect(intranet.status).toBe(0);
    const both = await check('server.lab.local&updates.contoso.com');
    expect(both.status).toBe(1);
    expect(both.stdout.match(/^ {2}ERROR +(\S+)/gm)?.map((l) => l.trim().split(/\s+/)[1])).toEqual([
      'SUP-NAME-002',
    ]);
  });
});
