import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  readFileSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateSupCertificate } from '../src/index.js';
import {
  AT,
  NAMES,
  PFX_PASSWORD,
  ROOT,
  STACK,
  SUP,
  type JsonDocument,
  assertBuilt,
  runCli,
  tempDir,
} from './cli-fixtures/run.js';

/**
 * A folder as an administrator has one: good and bad certificates, a PFX, a bare key, notes,
 * an empty file, a damaged PEM, in nested folders. Content decides, never the file name.
 */
const tmp = tempDir();
const dir = tmp.dir;
const rel = (...parts: string[]): string => path.join(dir, ...parts);

beforeAll(() => {
  assertBuilt();
  mkdirSync(rel('exports', 'old'), { recursive: true });
  copyFileSync(path.join(ROOT, SUP, 'good-both.pem'), rel('good-both.pem'));
  copyFileSync(path.join(ROOT, SUP, 'cn-only-while-san.pem'), rel('cn-only-while-san.cer'));
  copyFileSync(path.join(ROOT, SUP, 'good-both.pfx'), rel('exports', 'sup01.pfx'));
  copyFileSync(path.join(ROOT, SUP, 'good-both.key'), rel('exports', 'sup01.key'));
  copyFileSync(path.join(ROOT, SUP, 'README.md'), rel('README.md'));
  writeFileSync(rel('exports', 'old', 'empty.txt'), '');
  // A certificate named like a text file is still a certificate.
  copyFileSync(path.join(ROOT, SUP, 'eku-clientauth-only.pem'), rel('exports', 'old', 'notes.txt'));
});
afterAll(tmp.remove);

const damaged = (): void => {
  const pem = readFileSync(path.join(ROOT, SUP, 'good-intranet.pem'), 'utf8');
  writeFileSync(rel('exports', 'broken.pem'), pem.replace(/^(.{40}).*$/m, '$1!!!'));
};

describe('supcert check DIRECTORY', () => {
  it('judges every certificate file under it, skips the rest with a note, and ends with a table', async () => {
    const r = await runCli(['check', dir, '--password-env', 'PFX', '--names', NAMES, '--at', AT], {
      env: { PFX: PFX_PASSWORD },
    });
    expect(r.status).toBe(1);
    const clientAuth = await validateSupCertificate(
      readFileSync(rel('exports', 'old', 'notes.txt')),
      { names: NAMES, at: new Date(AT) },
    );
    const table = r.stdout.slice(r.stdout.lastIndexOf('FILE'));
    expect(
      table
        .split('\n')
        .map((l) => l.replace(/ +/g, ' ').trim())
        .filter(Boolean),
    ).toEqual([
      'FILE VERDICT ERRORS WARNINGS',
      `${rel('cn-only-while-san.cer')} FAIL 1 0`,
      `${rel('exports', 'old', 'notes.txt')} FAIL ${clientAuth.summary.errors} ${clientAuth.summary.warnings}`,
      `${rel('exports', 'sup01.pfx')} PASS 0 0`,
      `${rel('good-both.pem')} PASS 0 0`,
      '4 inputs: 2 passed, 2 failed, 3 files skipped',
    ]);
    expect(r.stderr.split('\n').filter(Boolean).sort()).toEqual([
      `supcert: note: ${rel('README.md')}: skipped, not a certificate file (UNKNOWN_FORMAT)`,
      `supcert: note: ${rel('exports', 'old', 'empty.txt')}: skipped, not a certificate file (EMPTY_INPUT)`,
      `supcert: note: ${rel('exports', 'sup01.key')}: skipped, not a certificate file (UNKNOWN_FORMAT)`,
    ]);
  });

  it('a damaged certificate file in the folder is an error (exit 2) that does not stop the others', async () => {
    damaged();
    const r = await runCli(
      ['check', dir, '--password-env', 'PFX', '--names', NAMES, '--at', AT, '--format', 'json'],
      { env: { PFX: PFX_PASSWORD } },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).not.toMatch(STACK);
    const items = (JSON.parse(r.stdout) as JsonDocument).results.filter(
      (i) => i.verdict !== 'skipped',
    );
    expect(items.map((i) => [path.relative(dir, i.input), i.error?.code ?? i.report?.ok])).toEqual([
      ['cn-only-while-san.cer', false],
      [path.join('exports', 'broken.pem'), 'MALFORMED'],
      [path.join('exports', 'old', 'notes.txt'), false],
      [path.join('exports', 'sup01.pfx'), true],
      ['good-both.pem', true],
    ]);
    expect(r.stderr).toContain(`supcert: ${rel('exports', 'broken.pem')}: `);
  });

  it('a PFX in the folder without a password is an error, not a skip', async () => {
    const r = await runCli([
      'check',
      rel('exports'),
      '--names',
      NAMES,
      '--at',
      AT,
      '--format',
      'json',
    ]);
    expect(r.status).toBe(2);
    const items = (JSON.parse(r.stdout) as JsonDocument).results;
    expect(items.find((i) => i.input.endsWith('sup01.pfx'))?.error?.code).toBe('PASSWORD_REQUIRED');
  });

  it('a directory gives the same JSON document as one file (v2), and v1 keeps the array form', async () => {
    const one = tempDir();
    try {
      copyFileSync(path.join(ROOT, SUP, 'good-both.pem'), path.join(one.dir, 'leaf.crt'));
      const r = await runCli(['check', one.dir, '--names', NAMES, '--at', AT, '--format', 'json']);
      expect(r.status).toBe(0);
      expect((JSON.parse(r.stdout) as JsonDocument).results).toEqual([
        expect.objectContaining({ input: path.join(one.dir, 'leaf.crt'), verdict: 'pass' }),
      ]);
      const v1 = await runCli([
        'check',
        one.dir,
        '--names',
        NAMES,
        '--at',
        AT,
        '--format',
        'json',
        '--json-shape',
        'v1',
      ]);
      const items = JSON.parse(v1.stdout) as Array<{ file: string; report: { ok: boolean } }>;
      expect(items).toHaveLength(1);
      expect(items[0]!.report.ok).toBe(true);
    } finally {
      one.remove();
    }
  });

  it('a directory without any certificate file is exit 2', async () => {
    const none = tempDir();
    try {
      writeFileSync(path.join(none.dir, 'notes.md'), '# nothing here\n');
      const r = await runCli(['check', none.dir, '--skip-names']);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('no certificate file found in');
      // What to give instead, and where the reason for each skipped file is.
      expect(r.stderr).toMatch(/found in .*\. Give the SUP's certificate: a \.pfx\/\.p12 /);
      expect(r.stderr).toContain('the notes above say why each file was skipped');
      expect(r.stderr).toContain('supcert check-request');
    } finally {
      none.remove();
    }
  });

  it.runIf(process.platform !== 'win32')(
    'skips what is no certificate file by what the listing and the file say: too large, a link to a directory, a FIFO; follows a link to a file',
    async () => {
      const odd = tempDir();
      const at = (...p: string[]): string => path.join(odd.dir, ...p);
      try {
        copyFileSync(path.join(ROOT, SUP, 'good-both.pem'), at('a-good.pem'));
        // One byte over the reader's limit (32 MiB), sparse: refused on its size, never read.
        writeFileSync(at('big.bin'), '');
        truncateSync(at('big.bin'), 32 * 1024 * 1024 + 1);
        mkdirSync(at('sub'));
        symlinkSync(at('sub'), at('link-to-dir'));
        symlinkSync(at('big.bin'), at('link-to-big'));
        symlinkSync(at('a-good.pem'), at('link-to-good.pem'));
        execFileSync('mkfifo', [at('pipe')]);
        const r = await runCli([
          'check',
          odd.dir,
          '--names',
          NAMES,
          '--at',
          AT,
          '--format',
          'jsonl',
        ]);
        const records = r.stdout
          .trim()
          .split('\n')
          .map(
            (l) =>
              JSON.parse(l) as {
                type: string;
                input?: string;
                verdict?: string;
                skipped?: { reason: string };
              },
          );
        const results = records
          .filter((x) => x.type === 'result')
          .map((x) => [path.basename(x.input!), x.verdict, x.skipped?.reason]);
        const reason = `larger than ${32 * 1024 * 1024} bytes, so not a certificate file`;
        expect(results).toEqual([
          ['a-good.pem', 'pass', undefined],
          ['big.bin', 'skipped', reason],
          ['link-to-big', 'skipped', reason],
          ['link-to-dir', 'skipped', 'a symbolic link to a directory (not followed)'],
          ['link-to-good.pem', 'pass', undefined],
        ]);
        expect(r.status).toBe(0);
      } finally {
        odd.remove();
      }
    },
  );
});
