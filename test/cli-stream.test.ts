import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CheckArgs } from '../src/cli/args.js';
import type { Outcome } from '../src/cli/judge.js';
import { POOL_INIT, fakeWorkerSource } from './cli-fixtures/pool.js';
import { csvCell } from '../src/cli/output/clean.js';
vi.mock('../src/cli/version.js', () => ({ packageVersion: () => '0.0.0-test' }));

import {
  AT,
  CLI,
  NAMES,
  PFX_PASSWORD,
  ROOT,
  STACK,
  SUP,
  assertBuilt,
  runCli,
  tempDir,
} from './cli-fixtures/run.js';

/*
 * Streamed output (JSON Lines, CSV, the v2 document written as inputs are judged),
 * the expiry summary, --targets and "-" (stdin).
 */

const tmp = tempDir();
const rel = (...parts: string[]): string => path.join(tmp.dir, ...parts);

/** RFC 4180 records (quoted cells with "" and embedded commas; CRLF between records). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  expect(cell, 'the last record ends with CRLF').toBe('');
  return rows;
}

beforeAll(() => {
  assertBuilt();
  mkdirSync(rel('dir', 'sub'), { recursive: true });
  copyFileSync(path.join(ROOT, SUP, 'good-both.pem'), rel('dir', 'good-both.pem'));
  copyFileSync(path.join(ROOT, SUP, 'cn-only-while-san.pem'), rel('dir', 'sub', 'cn-only.pem'));
  copyFileSync(path.join(ROOT, SUP, 'good-both.pfx'), rel('dir', 'sup01.pfx'));
  writeFileSync(rel('dir', 'notes.txt'), 'Meeting notes: renew the SUP certificate\n');
  // A file name a spreadsheet would run as a formula.
  copyFileSync(path.join(ROOT, SUP, 'good-both.pem'), rel('dir', '=HYPERLINK("http:evil")'));
});
afterAll(tmp.remove);

const ARGS = ['--names', NAMES, '--at', AT, '--password-env', 'PFX'];
const env = { PFX: PFX_PASSWORD };

describe('--format jsonl', () => {
  it('prints one parseable object per input, in input order with its index, then one summary whose counts match', async () => {
    const r = await runCli(['check', rel('dir'), 'missing.pem', ...ARGS, '--format', 'jsonl'], {
      env,
    });
    expect(r.status).toBe(2);
    expect(r.stderr).not.toMatch(STACK);
    const records = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, any>);
    const results = records.slice(0, -1);
    const summary = records.at(-1)!;
    expect(results.map((x) => x.type)).toEqual(Array(results.length).fill('result'));
    expect(results.map((x) => x.index)).toEqual(results.map((_, i) => i));
    expect(results.map((x) => [path.basename(x.input), x.verdict])).toEqual([
      ['=HYPERLINK("http:evil")', 'pass'],
      ['good-both.pem', 'pass'],
      ['notes.txt', 'skipped'],
      ['cn-only.pem', 'fail'],
      ['sup01.pfx', 'pass'],
      ['missing.pem', 'error'],
    ]);
    expect(summary.type).toBe('summary');
    expect(summary.schema).toBe('supcert/check/v2');
    const count = (v: string): number => results.filter((x) => x.verdict === v).length;
    expect(summary.summary).toMatchObject({
      inputs: 6,
      passed: count('pass'),
      failed: count('fail'),
      errors: count('error'),
      skipped: count('skipped'),
      exitCode: 2,
    });
    // The PFX holds the issuing CA and the root: every element of its chain with its expiry.
    const pfx = results.find((x) => x.input.endsWith('sup01.pfx'))!;
    expect(pfx.chainExpiry.map((c: { role: string }) => c.role)).toEqual([
      'leaf',
      'intermediate',
      'root',
    ]);
    expect(pfx.report.der).toBeUndefined();
  });
});

describe('--format json (v2, written as inputs are judged)', () => {
  it('is one document with the v2 shape, the same results in order, and summary counts', async () => {
    const r = await runCli(['check', rel('dir'), ...ARGS, '--format', 'json'], { env });
    const doc = JSON.parse(r.stdout) as {
      schema: string;
      tool: object;
      results: Array<{ verdict: string }>;
      summary: Record<string, any>;
    };
    expect(Object.keys(doc)).toEqual(['schema', 'tool', 'results', 'summary']);
    expect(doc.results.map((x) => x.verdict)).toEqual(['pass', 'pass', 'skipped', 'fail', 'pass']);
    expect(doc.summary).toEqual({
      inputs: 5,
      passed: 3,
      failed: 1,
      errors: 0,
      skipped: 1,
      failOn: 'error',
      exitCode: 1,
    });
    // Indented as JSON.stringify(doc, null, 2) would print it.
    expect(r.stdout).toBe(`${JSON.stringify(doc, null, 2)}\n`);
  });

  it('with nothing judged prints an empty results array that parses', async () => {
    const r = await runCli(
      ['check', rel('dir', 'notes.txt'), 'missing.pem', ...ARGS, '--format', 'json'],
      { env },
    );
    const doc = JSON.parse(r.stdout) as { results: unknown[]; summary: { errors: number } };
    expect(doc.summary.errors).toBe(2);
    expect(r.stdout).toBe(`${JSON.stringify(doc, null, 2)}\n`);
  });
});

describe('--format csv', () => {
  it('parses as RFC 4180: a row per chain element, errors and skips with their code, then the expiry rows soonest first and a summary', async () => {
    const r = await runCli(
      ['check', rel('dir'), 'missing.pem', ...ARGS, '--at', '2029-02-10', '--format', 'csv'],
      { env },
    );
    // --at given twice is a usage error: the test's own mistake would show here.
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--at is given 2 times');
    const ok = await runCli(
      [
        'check',
        rel('dir'),
        'missing.pem',
        '--names',
        NAMES,
        '--at',
        '2029-02-10',
        '--password-env',
        'PFX',
        '--format',
        'csv',
      ],
      { env },
    );
    const rows = parseCsv(ok.stdout);
    const header = rows[0]!;
    expect(header.slice(0, 4)).toEqual(['record', 'index', 'input', 'verdict']);
    const col = (name: string): number => header.indexOf(name);
    expect(rows.every((x) => x.length === header.length)).toBe(true);
    const certs = rows.filter((x) => x[0] === 'certificate');
    expect(
      certs.filter((x) => x[col('input')]!.endsWith('sup01.pfx')).map((x) => x[col('role')]),
    ).toEqual(['leaf', 'intermediate', 'root']);
    expect(rows.find((x) => x[0] === 'error')!.slice(2, 4)).toEqual(['missing.pem', 'error']);
    expect(rows.find((x) => x[0] === 'error')![col('code')]).toBe('ENOENT');
    expect(rows.find((x) => x[0] === 'skipped')![col('input')]).toMatch(/notes\.txt$/);
    // The leaves expire 2029-02-26: 16 days after --at, inside the default 30.
    const expiring = rows.filter((x) => x[0] === 'expiring');
    expect(expiring.length).toBeGreaterThan(0);
    const days = expiring.map((x) => Number(x[col('days_left')]));
    expect(days).toEqual([...days].sort((a, b) => a - b));
    expect(days[0]).toBe(16);
    const summary = rows.at(-1)!;
    expect(summary[0]).toBe('summary');
    expect(summary[col('message')]).toContain('exit code 2');
  });

  it('neutralises a cell a spreadsheet would run as a formula (file name or certificate field), after the sanitiser', async () => {
    const r = await runCli(['check', '=HYPERLINK("http:evil")', '.', ...ARGS, '--format', 'csv'], {
      env,
      cwd: rel('dir'),
    });
    const rows = parseCsv(r.stdout);
    const formula = rows.filter((x) => x[2]!.includes('HYPERLINK'));
    expect(formula.length).toBe(2);
    expect(formula[0]![2]).toBe(`'=HYPERLINK("http:evil")`);
    for (const row of rows) for (const cell of row) expect(cell, cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(csvCell('-1+1')).toBe("'-1+1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe("'\\x09x");
    expect(csvCell('\r=1')).toBe("'\\x0d=1");
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
    expect(csvCell('\u202eevil')).toBe('\\u{202e}evil');
    expect(csvCell(-3)).toBe('-3');
  });
});

describe('monitoring: the expiry of every chain element, soonest first', () => {
  it('text: an Expiry row for a chain and the EXPIRING list after the table, in days-left order; --expiry-warning-days sets the window', async () => {
    const r = await runCli(
      [
        'check',
        rel('dir', 'sup01.pfx'),
        rel('dir', 'good-both.pem'),
        '--names',
        NAMES,
        '--at',
        '2031-11-01',
        '--password-env',
        'PFX',
        '--expiry-warning-days',
        '2000',
      ],
      { env },
    );
    expect(r.stdout).toMatch(
      /Expiry +leaf 2029-02-26 \(EXPIRED \d+ days ago\), intermediate 2031-11-23 \(22 days left\), root 2036-11-21 \(\d+ days left\)/,
    );
    const list = r.stdout.slice(r.stdout.indexOf('EXPIRING within 2000 days'));
    const entries = list
      .split('\n')
      .slice(1)
      .filter((l) => /\d{4}-\d{2}-\d{2}/.test(l));
    // The leaf (expired; the PEM holds the same certificate as the PFX: listed once, for both inputs),
    // the issuing CA (22 days), the root (1847 days).
    expect(entries.map((l) => /(leaf|intermediate|root)/.exec(l)![1])).toEqual([
      'leaf',
      'intermediate',
      'root',
    ]);
    expect(entries[0]).toMatch(/expired \d+d .*sup01\.pfx and 1 other input/);
    const none = await runCli(
      [
        'check',
        rel('dir', 'sup01.pfx'),
        '--names',
        NAMES,
        '--at',
        AT,
        '--password-env',
        'PFX',
        '--expiry-warning-days',
        '0',
      ],
      { env },
    );
    expect(none.stdout).not.toContain('EXPIRING');
  });
});

describe('--targets FILE', () => {
  it('takes files, directories and URLs with comments, blank lines and per-line names; a bad line is its own typed error and the others go on', async () => {
    writeFileSync(
      rel('targets.txt'),
      [
        '# SUPs of site P01',
        '',
        'dir/good-both.pem',
        'dir/sub/cn-only.pem   names=sup01.contoso.com&sup01.corp.contoso.com   # swapped on purpose',
        'dir/sub names=sup01.contoso.com',
        'dir/nope.pem',
        'dir/good-both.pem colour=blue',
        'dir/good-both.pem names=sup01.corp.contoso.com:8531',
        'http://sup01.corp.example:8530',
        '-',
        '   \t  ',
      ].join('\r\n'),
    );
    const r = await runCli([
      'check',
      '--targets',
      rel('targets.txt'),
      '--names',
      NAMES,
      '--at',
      AT,
      '--format',
      'jsonl',
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr).not.toMatch(STACK);
    const results = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, any>)
      .filter((x) => x.type === 'result');
    const shown = results.map((x) => [
      x.input.replaceAll(tmp.dir, '').replace(/\\/g, '/'),
      x.verdict,
      x.error?.code,
    ]);
    expect(shown).toEqual([
      ['/dir/good-both.pem', 'pass', undefined],
      ['/dir/sub/cn-only.pem', 'fail', undefined],
      ['/dir/sub/cn-only.pem', 'pass', undefined],
      [`/targets.txt:6: /dir/nope.pem`, 'error', 'ENOENT'],
      ['/targets.txt:7', 'error', 'INVALID_TARGET'],
      ['/targets.txt:8', 'error', 'INVALID_OPTION'],
      ['/targets.txt:9: http://sup01.corp.example:8530', 'error', 'INVALID_URL'],
      ['/targets.txt:10', 'error', 'INVALID_TARGET'],
    ]);
    // Line 4's names are its own: swapped, so the internet name is the CN-only one.
    expect(
      results[1]!.report.names.map((n: { name: string; role: string }) => `${n.role}:${n.name}`),
    ).toEqual(['intranet:sup01.contoso.com', 'internet:sup01.corp.contoso.com']);
    expect(results[2]!.report.names.map((n: { name: string }) => n.name)).toEqual([
      'sup01.contoso.com',
    ]);
    expect(results[4]!.error.message).toContain('colour=blue');
  });

  it('without names on the command line, a file line without names= is an error for that line only; the exit code is 2', async () => {
    writeFileSync(
      rel('targets2.txt'),
      `${rel('dir', 'good-both.pem')}\n${rel('dir', 'good-both.pem')} names=${NAMES}\n`,
    );
    const r = await runCli([
      'check',
      '--targets',
      rel('targets2.txt'),
      '--at',
      AT,
      '--format',
      'jsonl',
    ]);
    const results = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, any>)
      .filter((x) => x.type === 'result');
    expect(results.map((x) => [x.verdict, x.error?.code])).toEqual([
      ['error', 'INVALID_TARGET'],
      ['pass', undefined],
    ]);
    expect(r.status).toBe(2);
  });

  it('a missing targets file is an input error (exit 2), and --targets - reads the list from stdin', async () => {
    const r = await runCli(['check', '--targets', rel('nothing.txt'), '--names', NAMES]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/nothing\.txt: .*ENOENT/);
    const s = spawnSync(
      process.execPath,
      [CLI, 'check', '--targets', '-', '--names', NAMES, '--at', AT, '--format', 'jsonl'],
      { input: `${rel('dir', 'good-both.pem')}\n`, encoding: 'utf8' },
    );
    expect(s.status).toBe(0);
    expect(
      s.stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l).verdict ?? 'summary'),
    ).toEqual(['pass', 'summary']);
  });

  it('a URL with a path, query or fragment is refused (INVALID_URL, "give https://HOST:PORT"): only a server is probed, so nothing after it is dropped unsaid', async () => {
    writeFileSync(
      rel('targets-paths.txt'),
      [
        'https://sup01.corp.example:8531/ClientWebService/client.asmx',
        'https://sup01.corp.example:8531/?probe=1',
        'https://sup01.corp.example#x',
        'https://[fd00::5]:8531/selfupdate/',
      ].join('\n'),
    );
    const r = await runCli([
      'check',
      '--targets',
      rel('targets-paths.txt'),
      '--names',
      NAMES,
      '--format',
      'jsonl',
      // Were a line let through, its connection would go to a closed local port, not the network.
      '--connect-to',
      '127.0.0.1:9',
    ]);
    const results = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, any>)
      .filter((x) => x.type === 'result');
    expect(
      results.map((x) => [
        x.input.replace(tmp.dir, ''),
        x.verdict,
        x.error?.code,
        x.error?.message,
      ]),
    ).toEqual([
      [
        '/targets-paths.txt:1: https://sup01.corp.example:8531/ClientWebService/client.asmx',
        'error',
        'INVALID_URL',
        expect.stringMatching(
          /"\/ClientWebService\/client\.asmx".*give https:\/\/sup01\.corp\.example:8531\.$/,
        ),
      ],
      [
        '/targets-paths.txt:2: https://sup01.corp.example:8531/?probe=1',
        'error',
        'INVALID_URL',
        expect.stringMatching(/"\/\?probe=1".*give https:\/\/sup01\.corp\.example:8531\.$/),
      ],
      [
        '/targets-paths.txt:3: https://sup01.corp.example#x',
        'error',
        'INVALID_URL',
        expect.stringMatching(/"\/#x".*give https:\/\/sup01\.corp\.example:8531\.$/),
      ],
      [
        '/targets-paths.txt:4: https://[fd00::5]:8531/selfupdate/',
        'error',
        'INVALID_URL',
        expect.stringMatching(/give https:\/\/\[fd00::5\]:8531\.$/),
      ],
    ]);
    expect(r.status).toBe(2);
    // The command line reads URLs the same way; a bare "/" is no path.
    const { parseUrl } = await import('../src/cli/inputs.js');
    expect(parseUrl('https://sup01.corp.example:8531/ClientWebService')).toMatchObject({
      kind: 'error',
      code: 'INVALID_URL',
    });
    expect(parseUrl('https://sup01.corp.example:8531/')).toEqual({
      kind: 'url',
      file: 'https://sup01.corp.example:8531',
      host: 'sup01.corp.example',
      port: 8531,
    });
  });

  it('a relative path prints as given whether it came from the command line, a targets file or --targets - (stdin)', async () => {
    const list = 'dir/good-both.pem\ndir/sub\ndir/nope.pem\n';
    writeFileSync(rel('targets-relative.txt'), list);
    const inputs = (stdout: string): string[] =>
      stdout
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l) as { type: string; input: string })
        .filter((x) => x.type === 'result')
        .map((x) => x.input);
    const common = ['--names', NAMES, '--at', AT, '--format', 'jsonl'];
    const stdin = spawnSync(process.execPath, [CLI, 'check', '--targets', '-', ...common], {
      input: list,
      encoding: 'utf8',
      cwd: tmp.dir,
    });
    const file = await runCli(['check', '--targets', 'targets-relative.txt', ...common], {
      cwd: tmp.dir,
    });
    const args = await runCli(
      ['check', 'dir/good-both.pem', 'dir/sub', 'dir/nope.pem', ...common],
      {
        cwd: tmp.dir,
      },
    );
    const given = ['dir/good-both.pem', 'dir/sub/cn-only.pem'];
    expect(inputs(args.stdout)).toEqual([...given, 'dir/nope.pem']);
    expect(inputs(file.stdout)).toEqual([...given, 'targets-relative.txt:3: dir/nope.pem']);
    expect(inputs(stdin.stdout)).toEqual([...given, '(stdin):3: dir/nope.pem']);
  });

  it('a targets file of more than MAX_TARGETS input lines is refused at once (LIMIT_EXCEEDED), comments and blank lines not counted', async () => {
    const { MAX_TARGETS } = await import('../src/cli/targets.js');
    const many = `# a comment\n\n${'h:1\n'.repeat(MAX_TARGETS + 1)}`;
    const s = spawnSync(process.execPath, [CLI, 'check', '--targets', '-', '--names', NAMES], {
      input: many,
      encoding: 'utf8',
    });
    expect(s.status).toBe(2);
    expect(s.stderr).toContain(`lists at most ${MAX_TARGETS.toLocaleString('en-US')} inputs`);
    expect(s.stderr).toContain('(LIMIT_EXCEEDED)');
    expect(s.stdout).toBe('');
    // Exactly MAX_TARGETS lines (plus comments) are read: each bad line is its own error.
    const { readTargets } = await import('../src/cli/targets.js');
    writeFileSync(rel('max-targets.txt'), `# c\n${'missing-file\n'.repeat(MAX_TARGETS)}`);
    const inputs = await readTargets(rel('max-targets.txt'), () => undefined, true, 1024);
    expect(inputs).toHaveLength(MAX_TARGETS);
  });
});

describe('"-": one file on stdin', () => {
  it('judges the bytes on stdin, and refuses more than limits.maxInputBytes without reading the rest (LIMIT_EXCEEDED)', async () => {
    const pem = readFileSync(path.join(ROOT, SUP, 'good-both.pem'));
    const s = spawnSync(
      process.execPath,
      [CLI, 'check', '-', '--names', NAMES, '--at', AT, '--format', 'jsonl'],
      { input: pem, encoding: 'utf8' },
    );
    expect(s.status).toBe(0);
    expect(JSON.parse(s.stdout.split('\n')[0]!)).toMatchObject({ input: '-', verdict: 'pass' });
    const { readStdinCapped } = await import('../src/cli/readFile.js');
    const { openSync, closeSync } = await import('node:fs');
    writeFileSync(rel('big.bin'), Buffer.alloc(300_000, 0x41));
    const fd = openSync(rel('big.bin'), 'r');
    const meter = { bytes: 0 };
    try {
      expect(() =>
        readStdinCapped(100_000, 'a certificate file', 'limits.maxInputBytes', meter, fd),
      ).toThrow(expect.objectContaining({ code: 'LIMIT_EXCEEDED' }));
    } finally {
      closeSync(fd);
    }
    expect(meter.bytes).toBe(100_001);
  });
});

describe('memory: no report is kept once written', () => {
  let dir: string;
  const N = 2000;
  beforeAll(() => {
    dir = rel('many');
    mkdirSync(dir);
    const pem = readFileSync(path.join(ROOT, SUP, 'good-both.pem'));
    for (let i = 0; i < N; i++)
      writeFileSync(path.join(dir, `c${String(i).padStart(5, '0')}.pem`), pem);
  });
  afterEach(() => vi.restoreAllMocks());

  const run = async (
    format: CheckArgs['format'],
    /** The fake stdout's write (default: takes everything at once and keeps the text). */
    stdoutWrite?: (chunk: string | Uint8Array) => boolean,
  ): Promise<{ out: string; max: number; code: number }> => {
    const { runCheck } = await import('../src/cli/commands/check.js');
    const { retention } = await import('../src/cli/output/stream.js');
    retention.max = 0;
    retention.now = 0;
    let out = '';
    let bytes = 0;
    vi.spyOn(process.stdout, 'write').mockImplementation(((chunk: string | Uint8Array) => {
      bytes += chunk.length;
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      if (format !== 'text' && out.length < 50_000_000) out += text;
      return stdoutWrite ? stdoutWrite(chunk) : true;
    }) as never);
    vi.spyOn(process.stderr, 'write').mockImplementation((() => true) as never);
    const args: CheckArgs = {
      inputs: [dir],
      options: { names: NAMES, at: new Date(AT) },
      namesGiven: true,
      trust: [],
      intermediates: [],
      password: {},
      format,
      jsonShape: 'v2',
      failOn: 'error',
      timeoutMs: 10_000,
      verbose: false,
      noColor: true,
      jobs: 1,
      probe: {},
      crls: [],
      online: false,
    };
    const code = await runCheck(args);
    expect(bytes).toBeGreaterThan(N * 10);
    return { out, max: retention.max, code };
  };

  it.each(['jsonl', 'json', 'csv', 'text'] as const)(
    `%s: ${N} files judged, at most 1 outcome held at once`,
    async (format) => {
      const { out, max, code } = await run(format);
      expect(code).toBe(0);
      expect(max).toBe(1);
      if (format === 'jsonl') expect(out.trimEnd().split('\n')).toHaveLength(N + 1);
      if (format === 'json')
        expect((JSON.parse(out) as { summary: { passed: number } }).summary.passed).toBe(N);
    },
    120_000,
  );

  it('sarif (one document built at the end) holds every outcome: the counter sees them', async () => {
    const { max } = await run('sarif');
    expect(max).toBe(N);
  }, 120_000);

  /*
   * stdout into a pipe whose reader is slower than we write: Node keeps what the pipe does not
   * take in the stream's buffer, and write() returns false. 100,000 JSON results once piled up
   * there (1.8 GB) because nothing waited for 'drain'. This reader takes what waits once per
   * millisecond (a timer: it runs only when the run yields to the event loop); the run must wait
   * for it, so only a few records are ever waiting in the buffer.
   */
  it.each(['json', 'jsonl', 'csv', 'text'] as const)(
    `%s into a slow pipe: ${N} files, at most a few records waiting in stdout (back-pressure)`,
    async (format) => {
      const HIGH_WATER = 64 * 1024;
      let waitingBytes = 0;
      let maxWaitingBytes = 0;
      let largestWrite = 0;
      let waitingWrites = 0;
      let maxWaitingWrites = 0;
      let writes = 0;
      let needDrain = false;
      let reading = false;
      const read = (): void => {
        reading = false;
        waitingBytes = 0;
        waitingWrites = 0;
        if (needDrain) {
          needDrain = false;
          process.stdout.emit('drain');
        }
      };
      Object.defineProperty(process.stdout, 'writableNeedDrain', {
        configurable: true,
        get: () => needDrain,
      });
      const write = (chunk: string | Uint8Array): boolean => {
        writes++;
        largestWrite = Math.max(largestWrite, chunk.length);
        waitingBytes += chunk.length;
        waitingWrites++;
        maxWaitingBytes = Math.max(maxWaitingBytes, waitingBytes);
        maxWaitingWrites = Math.max(maxWaitingWrites, waitingWrites);
        if (!reading) {
          reading = true;
          setTimeout(read, 1);
        }
        if (waitingBytes >= HIGH_WATER) needDrain = true;
        return !needDrain;
      };
      try {
        const { code } = await run(format, write);
        expect(code).toBe(0);
      } finally {
        delete (process.stdout as { writableNeedDrain?: boolean }).writableNeedDrain;
      }
      // At least one write per input (a record is 1–2 writes of up to ~18 KB, a CSV row ~300
      // bytes); waiting at once: what fills 64 KB and the write that passed it (the text summary
      // table at the end is one write of ~185 KB), not the run (34 MB of json without the wait).
      expect(writes).toBeGreaterThanOrEqual(N);
      expect(maxWaitingBytes).toBeLessThanOrEqual(HIGH_WATER + Math.max(32 * 1024, largestWrite));
      expect(maxWaitingWrites).toBeLessThan(N / 4);
    },
    120_000,
  );
});

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('parallel judging (--jobs N, a worker_threads pool)', () => {
  it('gives the same output, in input order, with 2 workers as with 1', async () => {
    const dir = rel('par');
    mkdirSync(dir);
    const files = [
      'good-both.pem',
      'cn-only-while-san.pem',
      'good-both.pfx',
      'eku-clientauth-only.pem',
    ];
    for (let i = 0; i < 24; i++)
      copyFileSync(
        path.join(ROOT, SUP, files[i % files.length]!),
        path.join(dir, `f${String(i).padStart(2, '0')}${path.extname(files[i % files.length]!)}`),
      );
    const one = await runCli(['check', dir, ...ARGS, '--format', 'jsonl', '--jobs', '1'], { env });
    const two = await runCli(['check', dir, ...ARGS, '--format', 'jsonl', '--jobs', '2'], { env });
    expect(two.status).toBe(one.status);
    expect(two.stdout).toBe(one.stdout);
    expect(one.stdout.split('\n').filter(Boolean)).toHaveLength(25);
    // The v2 document too (its records are written in the workers), and the text.
    for (const format of ['json', 'text']) {
      const a = await runCli(['check', dir, ...ARGS, '--format', format, '--jobs', '1'], { env });
      const b = await runCli(['check', dir, ...ARGS, '--format', format, '--jobs', '3'], { env });
      expect(b.stdout, format).toBe(a.stdout);
    }
    // Every bad value gets the one range (a word used to read "0 or more", and 0 is refused).
    for (const value of ['0', '65', 'abc', '1.5', '']) {
      const bad = await runCli(['check', dir, ...ARGS, '--jobs', value], { env });
      expect(bad.status, value).toBe(2);
      expect(bad.stderr, value).toContain(
        `--jobs must be a whole number from 1 to 64; got "${value}"`,
      );
    }
    // "-1" after --jobs is read as an option: the message says how to give it (and then the range).
    const negative = await runCli(['check', dir, ...ARGS, '--jobs', '-1'], { env });
    expect(negative.status).toBe(2);
    expect(negative.stderr).toContain('A value that starts with "-" is written --jobs=VALUE.');
    const joined = await runCli(['check', dir, ...ARGS, '--jobs=-1'], { env });
    expect(joined.stderr).toContain('--jobs must be a whole number from 1 to 64; got "-1"');
  });

  it('a worker that throws or dies is reported for its input (WORKER_FAILED), is replaced, and the run goes on', async () => {
    const { WorkerPool } = await import('../src/cli/pool.js');
    const { judgeAll } = await import('../src/cli/commands/check.js');
    const fake = rel('fake-worker.mjs');
    writeFileSync(
      fake,
      fakeWorkerSource({
        onInput: `if (input.file.endsWith('throw')) throw new Error('boom in a worker');
          if (input.file.endsWith('die')) process.exit(7);`,
        reason: 'judged by the fake worker',
      }),
    );
    const pool = await WorkerPool.create(fake, 2, POOL_INIT);
    // Every input to the workers (this thread judges what they have no room for, and these
    // names are no files): both ready first.
    await pool.ready();
    while (pool.room < pool.capacity) await sleep(10);
    const names = ['a', 'b-throw', 'c', 'd-die', 'e', 'f-throw', 'g', 'h', 'i-die', 'j'];
    const inputs = names.map((file) => ({ kind: 'file' as const, file, fromDirectory: false }));
    const seen: Array<[number, string, string]> = [];
    const ctx = {
      options: {},
      namesGiven: true,
      passwords: { given: undefined, origin: undefined, ask: async () => undefined },
      timeoutMs: 1000,
    };
    try {
      await judgeAll(
        inputs,
        ctx,
        pool,
        (o, i) => seen.push([i, o.file, o.kind === 'error' ? o.code : o.kind]),
        4,
      );
    } finally {
      await pool.close();
    }
    expect(seen).toEqual(
      names.map((file, i) => [i, file, /throw|die/.test(file) ? 'WORKER_FAILED' : 'skipped']),
    );
    // 2 workers to start with, one more for each of the 4 that failed (at most).
    expect(pool.started).toBeGreaterThanOrEqual(3);
    expect(pool.started).toBeLessThanOrEqual(6);
  });
});

describe('the main thread judges too (--jobs N: this thread and N - 1 workers)', () => {
  it('judges a file here when the pool has no room, and keeps input order', async () => {
    const { judgeAll } = await import('../src/cli/commands/check.js');
    const file = path.join(ROOT, SUP, 'good-both.pem');
    const inputs = Array.from({ length: 6 }, () => ({
      kind: 'file' as const,
      file,
      fromDirectory: false,
    }));
    // A pool with room for the first two inputs only; its answers come late (after this
    // thread's), and must still be written first.
    let room = 2;
    const sent: number[] = [];
    const pool = {
      get hasRoom() {
        return room > 0;
      },
      run: (input: { file: string }) => {
        room--;
        sent.push(sent.length);
        return new Promise<Outcome>((resolve) =>
          setTimeout(
            () => resolve({ kind: 'skipped', file: input.file, reason: 'judged by the pool' }),
            50,
          ),
        );
      },
    };
    const ctx = {
      options: { names: NAMES, at: new Date(AT) },
      namesGiven: true,
      passwords: { given: undefined, origin: undefined, ask: async () => undefined },
      timeoutMs: 1000,
    };
    const seen: Array<[number, string]> = [];
    await judgeAll(inputs, ctx, pool, (o, i) => seen.push([i, o.kind]), 32);
    expect(sent).toEqual([0, 1]);
    expect(seen).toEqual([
      [0, 'skipped'],
      [1, 'skipped'],
      [2, 'report'],
      [3, 'report'],
      [4, 'report'],
      [5, 'report'],
    ]);
  });

  it("the pool's room: none before a worker is ready, then AHEAD batches of BATCH inputs a ready worker", async () => {
    const { WorkerPool, AHEAD, BATCH } = await import('../src/cli/pool.js');
    const fake = rel('ready-silent.mjs');
    // Ready, then takes batches and never answers.
    writeFileSync(
      fake,
      "import { parentPort } from 'node:worker_threads'; parentPort.on('message', () => {}); parentPort.postMessage('ready');",
    );
    const pool = await WorkerPool.create(fake, 2, POOL_INIT);
    // Started, not ready (they cannot have loaded in this tick): no room, the caller judges.
    expect(pool.hasRoom).toBe(false);
    await pool.ready();
    while (pool.room < pool.capacity) await sleep(10);
    // Both ready: room for 2 workers' batches. Inputs queued in this tick count against it
    // (they are sent as batches in a microtask), so the room runs out after exactly that many.
    expect(pool.capacity).toBe(2 * AHEAD * BATCH);
    let queued = 0;
    while (pool.hasRoom && queued < pool.capacity + 5) {
      void pool.run({ kind: 'file', file: `x${queued}`, fromDirectory: false });
      queued++;
    }
    expect(queued).toBe(2 * AHEAD * BATCH);
    await pool.close();
    expect(pool.hasRoom).toBe(false);
  });

  it('workers that die before they are ready: a few replacements, then this thread judges every input', async () => {
    const { WorkerPool, MAX_START_FAILURES } = await import('../src/cli/pool.js');
    const { judgeAll } = await import('../src/cli/commands/check.js');
    const fake = rel('dies-at-start.mjs');
    writeFileSync(fake, 'process.exit(3);');
    const pool = await WorkerPool.create(fake, 2, POOL_INIT);
    await pool.ready();
    expect(pool.started).toBe(MAX_START_FAILURES + 1);
    expect(pool.hasRoom).toBe(false);
    const file = path.join(ROOT, SUP, 'good-both.pem');
    const inputs = Array.from({ length: 12 }, () => ({
      kind: 'file' as const,
      file,
      fromDirectory: false,
    }));
    const ctx = {
      options: { names: NAMES, at: new Date(AT) },
      namesGiven: true,
      passwords: { given: undefined, origin: undefined, ask: async () => undefined },
      timeoutMs: 1000,
    };
    const seen: string[] = [];
    try {
      await judgeAll(inputs, ctx, pool, (o) => seen.push(o.kind), 32);
    } finally {
      await pool.close();
    }
    expect(seen).toEqual(inputs.map(() => 'report'));
  });
});

describe('cold start: a one-file check loads nothing of the scale features', () => {
  it('node:worker_threads, node:os and the walker are not loaded (esbuild would hoist a static import of them into every run)', () => {
    const hook =
      'data:text/javascript,process.on("exit",()=>process.stderr.write("\\n@@"+process.moduleLoadList.join(",")))';
    const s = spawnSync(
      process.execPath,
      [
        '--import',
        hook,
        CLI,
        'check',
        path.join(ROOT, SUP, 'good-both.pem'),
        '--names',
        NAMES,
        '--at',
        AT,
      ],
      { encoding: 'utf8' },
    );
    expect(s.status).toBe(0);
    const loaded = (/@@(.*)/.exec(s.stderr)?.[1] ?? '').split(',');
    expect(loaded.length).toBeGreaterThan(50);
    expect(loaded).toContain('NativeModule crypto');
    for (const name of [
      'NativeModule worker_threads',
      'NativeModule internal/worker',
      'NativeModule os',
      'NativeModule tls',
    ])
      expect(loaded, name).not.toContain(name);
  });
});

describe('SIGINT (Ctrl-C) in the middle of a long run', () => {
  const FILES = 3000;
  let dir: string;
  beforeAll(() => {
    dir = rel('sigint');
    mkdirSync(dir);
    const pem = readFileSync(path.join(ROOT, SUP, 'good-both.pem'));
    for (let i = 0; i < FILES; i++) writeFileSync(path.join(dir, `sup-${i}.pem`), pem);
  });

  /**
   * Runs `check DIR --format jsonl`, sends SIGINT once the first record is out, and returns what
   * the child wrote once it has exited and its stdout is closed (read to the end, so nothing is
   * judged on a prefix of the output).
   */
  const interrupted = (jobs: string) =>
    new Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>(
      (resolve, reject) => {
        const child = spawn(
          process.execPath,
          [CLI, 'check', dir, '--skip-names', '--at', AT, '--format', 'jsonl', '--jobs', jobs],
          { stdio: ['ignore', 'pipe', 'pipe'] },
        );
        let stdout = '';
        let stderr = '';
        let sent = false;
        child.stdout.setEncoding('utf8').on('data', (d: string) => {
          stdout += d;
          if (!sent && stdout.includes('\n')) {
            sent = true;
            child.kill('SIGINT');
          }
        });
        child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
        child.on('error', reject);
        child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
      },
    );

  it.each(['1', '2'])(
    '--jobs %s: exit status 130, and every line written is a whole JSON record (each is written in one piece, and stdout is drained before the exit)',
    async (jobs) => {
      const r = await interrupted(jobs);
      expect({ code: r.code, signal: r.signal }, r.stderr).toEqual({ code: 130, signal: null });
      expect(r.stderr).toMatch(/^supcert: interrupted/m);
      expect(r.stderr).not.toMatch(STACK);
      const lines = r.stdout.split('\n');
      // No partial last line: the output ends with a line feed.
      expect(lines.pop()).toBe('');
      const records = lines.map((l) => JSON.parse(l) as { type: string; verdict?: string });
      expect(records.every((x) => x.type === 'result' && x.verdict === 'pass')).toBe(true);
      // Stopped in the middle: at least the record that triggered the signal, not every input.
      expect(records.length).toBeGreaterThanOrEqual(1);
      expect(records.length).toBeLessThan(FILES);
    },
  );
});
