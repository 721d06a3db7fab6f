import { execFile } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeRules } from '../src/index.js';
import { AT, NAMES, ROOT, STACK, SUP, assertBuilt, runCli } from './cli-fixtures/run.js';

beforeAll(assertBuilt);

describe('supcert rules', () => {
  it('lists every rule with id, severity, title and citation', async () => {
    const r = await runCli(['rules']);
    expect(r.status).toBe(0);
    const rules = describeRules();
    for (const rule of rules) {
      expect(r.stdout).toMatch(
        new RegExp(
          `^${rule.id} +${rule.severity} +${rule.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`,
          'm',
        ),
      );
      expect(r.stdout).toContain(rule.citation.title);
      if (rule.citation.url) expect(r.stdout).toContain(rule.citation.url);
    }
    expect(r.stdout).toContain(`${rules.length} rules.`);
  });

  it('--format json is describeRules() as it is', async () => {
    const r = await runCli(['rules', '--format', 'json']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(JSON.stringify(describeRules())));
  });

  it('--format sarif is not a rules format', async () => {
    const r = await runCli(['rules', '--format', 'sarif']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--format must be one of text, json');
  });
});

describe('supcert --help, --version and usage errors', () => {
  it('--help lists the commands; check --help every option of the contract', async () => {
    const general = await runCli(['--help']);
    expect(general.status).toBe(0);
    expect(general.stdout).toContain('supcert check FILE');
    expect(general.stdout).toContain('supcert rules');
    const check = await runCli(['check', '--help']);
    expect(check.status).toBe(0);
    for (const option of [
      '--intranet',
      '--internet',
      '--names',
      '--configuressl',
      '--generation',
      '--trust',
      '--intermediate',
      '--password-env',
      '--password-file',
      '--at',
      '--profile',
      '--format',
      '--fail-on',
      '--connections',
      '--issuer-type',
      '--expiry-warning-days',
      '--timeout',
      '--verbose',
      '--no-color',
    ]) {
      expect(check.stdout).toContain(option);
    }
    expect(check.stdout).toContain('Exit codes: 0');
    const rules = await runCli(['rules', '-h']);
    expect(rules.status).toBe(0);
    expect(rules.stdout).toContain('supcert rules [--format text|json]');
  });

  it('--version prints the package version', async () => {
    const r = await runCli(['--version']);
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`${pkg.version}\n`);
  });

  it.each([['verify'], ['check-requests']])(
    'unknown command %s is exit 2 and lists the commands',
    async (command) => {
      const r = await runCli([command, 'x.csr']);
      expect(r.status).toBe(2);
      expect(r.stderr).toBe(
        `supcert: unknown command "${command}". The commands are: check, check-request, check-server, rules, suggest.\nRun "supcert --help" for usage.\n`,
      );
    },
  );

  it('no command at all is exit 2', async () => {
    const r = await runCli([]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('give a command');
    expect(r.stderr).not.toMatch(STACK);
  });

  it('the binary is an executable CommonJS file with a node shebang; dist/cli.js (ESM) runs the same command', async () => {
    for (const file of ['dist/cli.cjs', 'dist/cli.js']) {
      const head = readFileSync(path.join(ROOT, file), 'utf8').split('\n', 1)[0];
      expect(head, file).toBe('#!/usr/bin/env node');
      expect(statSync(path.join(ROOT, file)).mode & 0o111, file).not.toBe(0);
    }
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      bin: Record<string, string>;
    };
    expect(pkg.bin).toEqual({ supcert: 'dist/cli.cjs' });
    // CommonJS on purpose (tsup.config.ts): no ES module syntax at its top level.
    expect(readFileSync(path.join(ROOT, 'dist/cli.cjs'), 'utf8')).toMatch(/\brequire\(/);
    const args = ['check', `${SUP}/good-both.pem`, '--names', NAMES, '--at', AT];
    const viaCjs = await runCli(args);
    const viaEsm = await new Promise<{ status: number | null; stdout: string }>((resolve) => {
      execFile(
        process.execPath,
        [path.join(ROOT, 'dist/cli.js'), ...args],
        { cwd: ROOT },
        (error, stdout) => resolve({ status: error ? (error.code as number) : 0, stdout }),
      );
    });
    expect(viaCjs.status).toBe(0);
    expect(viaEsm).toEqual({ status: viaCjs.status, stdout: viaCjs.stdout });
  });
});

describe('supcert on an unexpected error', () => {
  // A bug is simulated from outside: a preload makes Date#toISOString throw a TypeError.
  const breakDates = [
    '--import',
    `data:text/javascript,${encodeURIComponent("Date.prototype.toISOString = () => { throw new TypeError('simulated bug'); };")}`,
  ];

  it('prints one line and "this is a bug", exit 2, no stack', async () => {
    const r = await runCli(['check', `${SUP}/good-both.pem`, '--skip-names', '--at', AT], {
      nodeArgs: breakDates,
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /^supcert: internal error: simulated bug\nThis is a bug: .*SUPCERT_DEBUG=1 shows the stack.*\n$/,
    );
    expect(r.stderr).not.toMatch(STACK);
  });

  it('a bug while judging one input does not stop the others: that input is INTERNAL_ERROR, exit 2', async () => {
    // Opening one particular file throws a TypeError (fs.openSync patched, ESM bindings synced).
    const preload = [
      "import fs from 'node:fs'; import { syncBuiltinESMExports } from 'node:module';",
      'const open = fs.openSync;',
      "fs.openSync = function (p, ...rest) { if (String(p).endsWith('good-intranet.pem')) throw new TypeError('simulated bug'); return open.call(this, p, ...rest); };",
      'syncBuiltinESMExports();',
    ].join(' ');
    const nodeArgs = ['--import', `data:text/javascript,${encodeURIComponent(preload)}`];
    const r = await runCli(
      [
        'check',
        `${SUP}/good-intranet.pem`,
        `${SUP}/good-both.pem`,
        '--names',
        NAMES,
        '--at',
        AT,
        '--format',
        'json',
      ],
      { nodeArgs },
    );
    expect(r.status).toBe(2);
    expect((JSON.parse(r.stdout) as { results: unknown[] }).results).toEqual([
      {
        input: `${SUP}/good-intranet.pem`,
        verdict: 'error',
        error: { code: 'INTERNAL_ERROR', message: 'internal error: simulated bug' },
      },
      {
        input: `${SUP}/good-both.pem`,
        verdict: 'pass',
        report: expect.objectContaining({ ok: true }),
      },
    ]);
    expect(r.stderr).toMatch(
      /^supcert: certs-fixtures\/sup\/good-intranet\.pem: internal error: simulated bug \(INTERNAL_ERROR\)\nThis is a bug: /,
    );
    expect(r.stderr).not.toMatch(STACK);
  });

  it('shows the stack with SUPCERT_DEBUG=1', async () => {
    const r = await runCli(['check', `${SUP}/good-both.pem`, '--skip-names', '--at', AT], {
      nodeArgs: breakDates,
      env: { SUPCERT_DEBUG: '1' },
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('supcert: internal error: simulated bug');
    expect(r.stderr).toMatch(/TypeError: simulated bug\n\s+at /);
  });
});
