import { spawn } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AT,
  CLI,
  NAMES,
  PFX_PASSWORD,
  ROOT,
  SUP,
  assertBuilt,
  tempDir,
} from './cli-fixtures/run.js';

/*
 * dist/cli.cjs (src/cli/start.ts) runs the command from V8's code cache, kept in
 * $XDG_CACHE_HOME/supcert. The cache changes nothing but the start-up time, is written only where
 * only the user can read and write, and anything unexpected there is ignored.
 */

const tmp = tempDir();
beforeAll(assertBuilt);
afterAll(tmp.remove);

const ARGS = [
  'check',
  `${SUP}/good-both.pfx`,
  '--names',
  NAMES,
  '--at',
  AT,
  '--password-env',
  'PW',
];

function run(
  cacheHome: string,
  env: Record<string, string> = {},
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return runWith(cacheHome, ARGS, env);
}

function runWith(
  cacheHome: string,
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        HOME: cacheHome,
        XDG_CACHE_HOME: cacheHome,
        PW: PFX_PASSWORD,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const cacheFiles = (home: string): string[] =>
  existsSync(path.join(home, 'supcert'))
    ? readdirSync(path.join(home, 'supcert')).map((f) => path.join(home, 'supcert', f))
    : [];

describe.runIf(typeof process.getuid === 'function')('the code cache of dist/cli.cjs', () => {
  it('is written by the first run (a 0700 directory, a 0600 file) and used by the next, the output the same', async () => {
    const home = path.join(tmp.dir, 'fresh');
    const first = await run(home);
    expect(first.status).toBe(0);
    expect(first.stderr).toBe('');
    const [file, ...more] = cacheFiles(home);
    expect(more).toEqual([]);
    expect(path.basename(file!)).toMatch(/^cli-[0-9a-f]{32}\.v8cache$/);
    expect(statSync(path.join(home, 'supcert')).mode & 0o777).toBe(0o700);
    expect(statSync(file!).mode & 0o777).toBe(0o600);
    expect(statSync(file!).size).toBeGreaterThan(100_000);
    const before = statSync(file!);
    const second = await run(home);
    expect(second).toEqual(first);
    // Accepted by V8: not written again (a rejected cache is replaced by a new file).
    const after = statSync(file!);
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
    // SUPCERT_NO_CODE_CACHE: none read or written.
    const off = path.join(tmp.dir, 'off');
    expect(await run(off, { SUPCERT_NO_CODE_CACHE: '1' })).toEqual(first);
    expect(existsSync(path.join(off, 'supcert'))).toBe(false);
  });

  it('is not written by a run that judged nothing (--help, a usage error): the first run that judges writes it', async () => {
    // A cache holds the functions its run compiled, and an accepted cache is not written again: a
    // --help run's would have left every later run compiling the rest.
    const home = path.join(tmp.dir, 'help-first');
    const help = await runWith(home, ['--help']);
    expect(help.status).toBe(0);
    const usage = await runWith(home, ['check', `${SUP}/good-both.pem`]);
    expect(usage.status).toBe(2);
    expect(cacheFiles(home)).toEqual([]);
    const judged = await run(home);
    expect(judged.status).toBe(0);
    const [file] = cacheFiles(home);
    expect(statSync(file!).size).toBeGreaterThan(100_000);
  });

  it('written by a run without a PFX, is written once more by the first PFX run (with the PKCS #12 reader), then left as it is', async () => {
    const home = path.join(tmp.dir, 'pem-first');
    const pem = await runWith(home, [
      'check',
      `${SUP}/good-both.pem`,
      '--names',
      NAMES,
      '--at',
      AT,
    ]);
    expect(pem.status).toBe(0);
    const [file] = cacheFiles(home);
    const { readFileSync } = await import('node:fs');
    const first = readFileSync(file!);
    // The first byte says what wrote it: 0, no PKCS #12 run.
    expect(first[0]).toBe(0);
    const pfx = await run(home);
    expect(pfx.status).toBe(0);
    const second = readFileSync(file!);
    expect(second[0]).toBe(1);
    // The PKCS #12 reader's functions are in it now: more code than the PEM run's.
    expect(second.length).toBeGreaterThan(first.length);
    const before = statSync(file!);
    expect(await run(home)).toEqual(pfx);
    expect(
      await runWith(home, ['check', `${SUP}/good-both.pem`, '--names', NAMES, '--at', AT]),
    ).toEqual(pem);
    const after = statSync(file!);
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
  });

  it('keeps the three newest caches of other builds, deletes older ones, and nothing else', async () => {
    const home = path.join(tmp.dir, 'prune');
    const dir = path.join(home, 'supcert');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    chmodSync(dir, 0o700);
    // Five caches of earlier builds, oldest first, and two files that are not ours.
    const old = Array.from({ length: 5 }, (_, i) => {
      const file = path.join(dir, `cli-${String(i).repeat(32)}.v8cache`);
      writeFileSync(file, Buffer.alloc(10), { mode: 0o600 });
      const t = new Date(Date.UTC(2020, 0, 1 + i));
      utimesSync(file, t, t);
      return file;
    });
    const foreign = [path.join(dir, 'notes.txt'), path.join(dir, 'cli-short.v8cache')];
    for (const f of foreign) writeFileSync(f, 'x', { mode: 0o600 });
    expect((await run(home)).status).toBe(0);
    const left = cacheFiles(home).sort();
    const current = left.filter((f) => !old.includes(f) && !foreign.includes(f));
    expect(current).toHaveLength(1);
    expect(left).toEqual([...old.slice(2), ...foreign, ...current].sort());
  });

  it('is neither read nor written in a directory others can write or read', async () => {
    const reference = await run(path.join(tmp.dir, 'reference'));
    for (const mode of [0o777, 0o755]) {
      const home = path.join(tmp.dir, `open-${mode.toString(8)}`);
      mkdirSync(path.join(home, 'supcert'), { recursive: true });
      chmodSync(path.join(home, 'supcert'), mode);
      expect(await run(home)).toEqual(reference);
      expect(cacheFiles(home)).toEqual([]);
    }
  });

  it('ignores a cache damaged on disk (bytes of its code changed, cut short, one byte left) and replaces it', async () => {
    const { readFileSync } = await import('node:fs');
    const reference = await run(path.join(tmp.dir, 'reference3'));
    const [good] = cacheFiles(path.join(tmp.dir, 'reference3'));
    const bytes = readFileSync(good!);
    const flipped = (at: number): Buffer => {
      const b = Buffer.from(bytes);
      for (let k = at; k < at + 64; k++) b[k]! ^= 0x5a;
      return b;
    };
    const cases: Array<[string, Buffer]> = [
      // V8 checks a cache's header and length, not its code: changed code ended the process.
      ['middle', flipped(bytes.length >> 1)],
      ['end', flipped(bytes.length - 64)],
      ['cut', bytes.subarray(0, bytes.length >> 1)],
      ['one byte', bytes.subarray(0, 1)],
    ];
    for (const [what, damaged] of cases) {
      const home = path.join(tmp.dir, `damaged-${what.replace(' ', '-')}`);
      mkdirSync(path.join(home, 'supcert'), { recursive: true, mode: 0o700 });
      chmodSync(path.join(home, 'supcert'), 0o700);
      const file = path.join(home, 'supcert', path.basename(good!));
      writeFileSync(file, damaged, { mode: 0o600 });
      expect(await run(home), what).toEqual(reference);
      expect(readFileSync(file).equals(damaged), what).toBe(false);
      // The new cache is good: the next run reads it and leaves it as it is.
      const before = statSync(file);
      expect(await run(home), what).toEqual(reference);
      const after = statSync(file);
      expect([after.ino, after.mtimeMs], what).toEqual([before.ino, before.mtimeMs]);
    }
  });

  it('ignores a cache file that is garbage, a symbolic link or open to others, and replaces it', async () => {
    const reference = await run(path.join(tmp.dir, 'reference2'));
    const [good] = cacheFiles(path.join(tmp.dir, 'reference2'));
    const name = path.basename(good!);
    const cases: Array<[string, (file: string) => void]> = [
      ['garbage', (f) => writeFileSync(f, Buffer.alloc(200_000, 0x41), { mode: 0o600 })],
      ['symlink', (f) => symlinkSync(good!, f)],
      [
        'world-writable',
        (f) => {
          writeFileSync(f, Buffer.alloc(10, 0x41));
          chmodSync(f, 0o666);
        },
      ],
    ];
    for (const [what, make] of cases) {
      const home = path.join(tmp.dir, `bad-${what}`);
      mkdirSync(path.join(home, 'supcert'), { recursive: true, mode: 0o700 });
      chmodSync(path.join(home, 'supcert'), 0o700);
      const file = path.join(home, 'supcert', name);
      make(file);
      expect(await run(home), what).toEqual(reference);
      // Replaced by a cache of our own: a private regular file.
      const st = statSync(file, { throwIfNoEntry: false });
      expect(st?.isFile() && (st.mode & 0o777) === 0o600 && st.size > 100_000, what).toBe(true);
    }
  });
});
