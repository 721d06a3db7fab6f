import { createServer } from 'node:net';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileCapped } from '../src/cli/readFile.js';
import { passwordFromFileBytes } from '../src/cli/password.js';
// @ts-expect-error: a plain .mjs module (the hostile-case convention), no types
import * as hostileCli from '../scripts/hostile/cli.mjs';
const { COUNT_READS, MAX_INPUT_BYTES, bytesRead, cases, makeFifo, makeOversized, runCli } =
  hostileCli;
import { AT, NAMES, PFX_PASSWORD, ROOT, STACK, SUP, assertBuilt } from './cli-fixtures/run.js';

/**
 * Hostile command lines (scripts/hostile/cli.mjs, kinds 8 and 11): files that are not files, sizes
 * stat() gets wrong, password options given the password, the password file's encodings, --timeout
 * past Node's timer.
 */

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}
type HostileCase = {
  id: string;
  kind: number;
  title: string;
  run: () => Promise<string>;
  expect: string;
};

let dir: string;
beforeAll(() => {
  assertBuilt();
  dir = mkdtempSync(path.join(os.tmpdir(), 'supcert-hostile-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PFX = `${SUP}/good-both.pfx`;
const PEM = `${SUP}/good-both.pem`;
const run = (args: string[], env?: Record<string, string | undefined>): Promise<Run> =>
  runCli(args, { env, nodeArgs: COUNT_READS }) as Promise<Run>;

describe('scripts/hostile/cli.mjs cases', () => {
  it.each((cases as HostileCase[]).map((c) => [c.id, c] as const))(
    '%s ends with its typed outcome',
    async (_id, c) => {
      expect(await c.run()).toBe(c.expect);
    },
  );
});

describe('files that are not files', () => {
  it.each([
    ['the file to check', ['check', '/dev/zero', '--skip-names']],
    ['--trust', ['check', PEM, '--skip-names', '--trust', '/dev/zero']],
    ['--intermediate', ['check', PEM, '--skip-names', '--intermediate', '/dev/zero']],
    ['--password-file', ['check', PFX, '--skip-names', '--password-file', '/dev/zero']],
    ['the request to check', ['check-request', '/dev/zero', '--skip-names']],
  ])(
    '/dev/zero as %s: refused by name (NOT_A_FILE, exit 2), not one byte of it read',
    async (_what, args) => {
      const r = await run(args);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(
        /^supcert: \/dev\/zero: a character device, not a regular file: .* \(NOT_A_FILE\)$/m,
      );
      expect(r.stderr).not.toMatch(STACK);
      // Every byte the process read with fs.readSync (package.json and the like included).
      expect(bytesRead(r.stderr)).toBeLessThan(64 * 1024);
    },
  );

  it('a FIFO without a writer (input, --trust, --password-file, check-request): refused at once instead of waiting forever', async () => {
    const fifo = makeFifo(path.join(dir, 'fifo.pem'));
    for (const args of [
      ['check', fifo, '--skip-names'],
      ['check', PEM, '--skip-names', '--trust', fifo],
      ['check', PFX, '--skip-names', '--password-file', fifo],
      ['check-request', fifo, '--skip-names'],
    ]) {
      const r = await run(args);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('a FIFO (named pipe), not a regular file');
      expect(r.stderr).toContain('(NOT_A_FILE)');
      expect(bytesRead(r.stderr)).toBeLessThan(64 * 1024);
    }
  });

  it('a Unix socket as input: refused by name', async () => {
    const socket = path.join(dir, 'sock.pem');
    const server = createServer().listen(socket);
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const r = await run(['check', socket, '--skip-names']);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(
        /sock\.pem: a socket or a device, not a regular file.* \(NOT_A_FILE\)/,
      );
    } finally {
      server.close();
    }
  });

  it('a regular file over maxInputBytes is refused unread (a directory entry is skipped)', async () => {
    const big = makeOversized(path.join(dir, 'big.pem'));
    expect(statSync(big).size).toBe(MAX_INPUT_BYTES + 1);
    const r = await run(['check', big, '--skip-names']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(
      'more than 33,554,432 bytes, the most supcert reads for a certificate file (limits.maxInputBytes: a library option; no supcert option raises it)',
    );
    expect(r.stderr).toContain('(LIMIT_EXCEEDED)');
    expect(bytesRead(r.stderr)).toBeLessThan(64 * 1024);
  });

  it('readFileCapped is the one way src/cli reads a file', () => {
    const files = readdirSync(path.join(ROOT, 'src/cli'), {
      recursive: true,
      encoding: 'utf8',
    })
      // start.ts (the bin) reads supcert's own files, never an input: the bundle, and its code
      // cache after checking that it is a regular file of the user's, private, at most 16 MB.
      .filter((f) => f.endsWith('.ts') && f !== 'readFile.ts' && f !== 'start.ts');
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      expect(readFileSync(path.join(ROOT, 'src/cli', file), 'utf8'), file).not.toMatch(
        /\b(readFileSync|readFile|createReadStream|openSync|readSync|open)\s*\(/,
      );
    }
  });

  it('a /proc file says 0 bytes and is read anyway, stopping at the cap + 1 byte', () => {
    const proc = '/proc/self/status';
    expect(statSync(proc).size).toBe(0);
    const meter = { bytes: 0 };
    const whole = readFileCapped(proc, 1024 * 1024, 'a test file', 'test', meter);
    expect(whole.toString('utf8')).toMatch(/^Name:/);
    expect(meter.bytes).toBe(whole.length);
    const capped = { bytes: 0 };
    expect(() => readFileCapped(proc, 100, 'a test file', 'test', capped)).toThrow(
      /more than 100 bytes/,
    );
    expect(capped.bytes).toBe(101);
    // /dev/zero would never end: refused before a byte is read.
    const zero = { bytes: 0 };
    expect(() => readFileCapped('/dev/zero', 100, 'a test file', 'test', zero)).toThrow(
      /character device/,
    );
    expect(zero.bytes).toBe(0);
  });

  it('a file exactly at the cap is read; reading never asks for more than the cap + 1', () => {
    const file = path.join(dir, 'exact.bin');
    writeFileSync(file, Buffer.alloc(70_000, 0x41));
    const meter = { bytes: 0 };
    expect(readFileCapped(file, 70_000, 'a test file', 'test', meter).length).toBe(70_000);
    expect(meter.bytes).toBe(70_000);
    expect(() => readFileCapped(file, 69_999, 'a test file', 'test')).toThrow(
      /more than 69,999 bytes/,
    );
  });
});

describe('password options never echo their value', () => {
  const secret = 'Tr0ub4dor&3-horse';
  it.each([
    [
      '--password-env given the password',
      ['--password-env', secret],
      /--password-env takes the NAME of an environment variable/,
    ],
    [
      '--password-env given a name-shaped password that is no variable',
      ['--password-env', 'Horse_Battery_Staple_42'],
      /the environment variable named by --password-env is not set/,
    ],
    [
      '--password-file given the password',
      ['--password-file', secret],
      /^supcert: --password-file: no such file: --password-file takes the NAME of a file/m,
    ],
  ])('%s: exit 2, in every format, and the value is nowhere', async (_what, options, message) => {
    for (const format of ['text', 'json', 'sarif']) {
      const r = await run(['check', PFX, '--skip-names', ...options, '--format', format], {
        Horse_Battery_Staple_42: undefined,
      });
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(`${r.stdout}${r.stderr}`).not.toContain(options[1]!);
      expect(`${r.stdout}${r.stderr}`).not.toContain('Tr0ub4dor');
    }
  });

  it('a wrong password names neither the variable nor the file it came from (either may be the password)', async () => {
    const file = path.join(dir, 'Horse_Battery_File');
    writeFileSync(file, 'wrong\n');
    for (const [options, env] of [
      [['--password-env', 'Horse_Battery_Var'], { Horse_Battery_Var: 'wrong' }],
      [['--password-file', file], {}],
    ] as const) {
      const r = await run(['check', PFX, '--skip-names', ...options], env);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(
        /Tried the password in (the environment variable that --password-env names|the first line of the --password-file)\. \(WRONG_PASSWORD\)$/m,
      );
      expect(r.stderr).not.toContain('Horse_Battery');
    }
  });
});

describe('the password file', () => {
  const write = (name: string, bytes: Buffer | string): string => {
    const file = path.join(dir, name);
    writeFileSync(file, bytes);
    return file;
  };
  const utf16be = (s: string): Buffer =>
    Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(s, 'utf16le').swap16()]);
  const utf16le = (s: string): Buffer =>
    Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]);

  it.each([
    ['a CR-only line end (classic Mac)', `${PFX_PASSWORD}\rsecond line\r`],
    ['UTF-16 BE with a BOM', utf16be(`${PFX_PASSWORD}\r\n`)],
    ['UTF-16 LE with a BOM (PowerShell 5 >)', utf16le(`${PFX_PASSWORD}\r\n`)],
    ['UTF-8 with a BOM and a CR-only line end', `\ufeff${PFX_PASSWORD}\r`],
  ])('%s: the first line is the password', async (name, content) => {
    const r = await run([
      'check',
      PFX,
      '--password-file',
      write(name.replace(/\W+/g, '-'), content),
      '--names',
      NAMES,
      '--at',
      AT,
    ]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('Private key  in the file');
    expect(`${r.stdout}${r.stderr}`).not.toContain(PFX_PASSWORD);
  });

  it('an empty file says so (EMPTY_INPUT), not PASSWORD_REQUIRED; a lone line break is an empty password', async () => {
    for (const content of [
      Buffer.alloc(0),
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from([0xff, 0xfe]),
    ]) {
      const r = await run([
        'check',
        PFX,
        '--skip-names',
        '--password-file',
        write('empty.txt', content),
      ]);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(
        /empty\.txt: the --password-file is empty: put the password on its first line.* \(EMPTY_INPUT\)\n/,
      );
      expect(r.stderr).not.toContain('PASSWORD_REQUIRED');
    }
    const emptyPassword = await run([
      'check',
      'certs-fixtures/generated/empty-password.pfx',
      '--password-file',
      write('newline.txt', '\n'),
      '--skip-names',
      '--at',
      AT,
    ]);
    expect(emptyPassword.stderr).not.toContain('(PASSWORD_REQUIRED)');
    expect(emptyPassword.stdout).toContain('Private key  in the file');
  });

  it('UTF-16 with an odd number of bytes is MALFORMED, naming the option, not the content', async () => {
    const r = await run([
      'check',
      PFX,
      '--skip-names',
      '--password-file',
      write('odd.txt', Buffer.from([0xfe, 0xff, 0x00, 0x41, 0x00])),
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /^supcert: --password-file: the password file starts with a UTF-16 byte order mark but has an odd number of bytes.* \(MALFORMED\)$/m,
    );
  });

  it('passwordFromFileBytes: line ends, BOMs, empty', () => {
    expect(passwordFromFileBytes(Buffer.from('a\rb'))).toBe('a');
    expect(passwordFromFileBytes(Buffer.from('a\r\nb'))).toBe('a');
    expect(passwordFromFileBytes(Buffer.from('a\nb'))).toBe('a');
    expect(passwordFromFileBytes(utf16be('pässwörd\rx'))).toBe('pässwörd');
    expect(passwordFromFileBytes(utf16le('pässwörd\nx'))).toBe('pässwörd');
    expect(passwordFromFileBytes(Buffer.from('\n'))).toBe('');
    expect(passwordFromFileBytes(Buffer.alloc(0))).toBeUndefined();
  });
});

describe('--timeout', () => {
  it('above 2,147,483 s is a usage error (Node would make it 1 ms); 2,147,483 s is accepted', async () => {
    const over = await run(['check', PEM, '--skip-names', '--timeout', '2147484']);
    expect(over.status).toBe(2);
    expect(over.stderr).toMatch(/^supcert: --timeout must be at most 2147483 seconds/);
    const huge = await run(['check', PEM, '--skip-names', '--timeout', '1e300']);
    expect(huge.status).toBe(2);
    const max = await run(['check', PEM, '--timeout', '2147483', '--names', NAMES, '--at', AT]);
    expect(max.status).toBe(0);
  });
});

describe('a URL never repeats the password in it', () => {
  it('user:password@ in a URL that is refused (check and check-request)', async () => {
    for (const args of [
      ['check', 'http://admin:S3cret-pw@sup01.contoso.com'],
      ['check', 'https://admin:S3cret-pw@[bad'],
      ['check-request', 'https://admin:S3cret-pw@sup01.contoso.com'],
    ]) {
      const r = await run(args);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('…@');
      expect(`${r.stdout}${r.stderr}`).not.toContain('S3cret');
    }
  });
});
