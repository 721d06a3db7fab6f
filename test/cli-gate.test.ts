import { spawn } from 'node:child_process';
import { copyFileSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs module (the hostile-case convention), no types
import { COUNT_READS, bytesRead } from '../scripts/hostile/cli.mjs';
import { CLI_OPTION_OF, cliMessage } from '../src/cli/optionNames.js';
import { SupCertError, WorkBudget, readCertificates } from '../src/index.js';
import { resolveOptions } from '../src/sup/resolveOptions.js';
import {
  AT,
  CLI,
  type JsonDocument,
  NAMES,
  PFX_PASSWORD,
  ROOT,
  STACK,
  SUP,
  assertBuilt,
  runCli,
  tempDir,
} from './cli-fixtures/run.js';

/**
 * The gate on the command line: its rule for what it cannot judge, names validated in the CLI's
 * words, text notes in a directory, --trust holding an intermediate, one JSON document, Ctrl-C at
 * the prompt. Every exit path of check and check-request, in text and in JSON.
 */

const REQ = 'certs-fixtures/requests';
const PEM = `${SUP}/good-both.pem`;
const CSR = `${REQ}/good-both.csr`;
/** Counts the bytes the command reads (stderr "supcert-test-bytes-read N"): a usage error reads none of the input. */
const run = (args: string[], env?: Record<string, string | undefined>) =>
  runCli(args, { env, nodeArgs: COUNT_READS });
const doc = (stdout: string): JsonDocument => JSON.parse(stdout) as JsonDocument;
/** What the library calls its options: never in a CLI message. */
const LIBRARY_WORDS =
  /\b(intranetName|internetName|configureSslName|trustAnchors|skipNames|issuerType|expiryWarningDays)\b|(?<![-\w])names (is empty|")/;

const tmp = tempDir();
beforeAll(assertBuilt);
afterAll(tmp.remove);

describe.each(['check', 'check-request'] as const)(
  'supcert %s: every exit path, text and JSON',
  (command) => {
    const input = command === 'check' ? PEM : CSR;
    const bad =
      command === 'check' ? `${SUP}/cn-only-while-san.pem` : `${REQ}/cn-only-while-san.csr`;
    const at = command === 'check' ? ['--at', AT] : [];

    it.each(['text', 'json'])('0: every name matched (%s)', async (format) => {
      const r = await run([command, input, '--names', NAMES, ...at, '--format', format]);
      expect(r.status).toBe(0);
      if (format === 'json')
        expect(doc(r.stdout)).toMatchObject({
          schema: `supcert/${command}/v2`,
          tool: { name: 'supcert' },
          results: [{ input, verdict: 'pass' }],
          summary: { inputs: 1, passed: 1, exitCode: 0 },
        });
      else expect(r.stdout).toMatch(/^ {2}PASS {2}0 errors/m);
    });

    it.each(['text', 'json'])('1: a name missing (%s)', async (format) => {
      const r = await run([command, bad, '--names', NAMES, ...at, '--format', format]);
      expect(r.status).toBe(1);
      if (format === 'json')
        expect(doc(r.stdout)).toMatchObject({
          results: [{ input: bad, verdict: 'fail', report: { ok: false } }],
          summary: { failed: 1, exitCode: 1 },
        });
      else expect(r.stdout).toMatch(/^ {2}FAIL {2}1 error/m);
    });

    it.each(['text', 'json'])(
      '2: no names at all (nor --skip-names) is a usage error naming the options to give, before the file is read (%s)',
      async (format) => {
        const r = await run([command, input, ...at, '--format', format, '--fail-on', 'warning']);
        expect(r.status).toBe(2);
        expect(r.stdout).toBe('');
        expect(r.stderr).toContain(
          "supcert: no names given: a certificate for a software update point can be judged only against the names clients connect to. Give --names 'intranet&internet', or --intranet NAME (and --internet NAME); or give --skip-names",
        );
        expect(r.stderr).toContain(`Run "supcert ${command} --help" for usage.`);
        expect(bytesRead(r.stderr)).toBe(0);
        const sslOnly = await run([
          command,
          input,
          '--configuressl',
          'sup01.corp.contoso.com',
          ...at,
        ]);
        expect(sslOnly.status).toBe(2);
        expect(sslOnly.stderr).toContain('(--configuressl alone is not enough)');
      },
    );

    it.each(['text', 'json'])(
      '--skip-names: judged without names, and the output says so (%s)',
      async (format) => {
        const r = await run([command, input, '--skip-names', ...at, '--format', format]);
        expect(r.stderr).not.toMatch(STACK);
        if (format === 'json') {
          const report = doc(r.stdout).results[0]!.report as {
            findings: Array<{ rule: string; severity: string; message: string }>;
          };
          const skipped = report.findings.find((f) => f.rule === 'SUP-NAME-018')!;
          expect(skipped.severity).toBe('info');
          expect(skipped.message).toContain('(--skip-names)');
          expect(skipped.message).not.toMatch(LIBRARY_WORDS);
        } else {
          expect(r.stdout).toMatch(/^ {2}Names +NOT CHECKED \(--skip-names\)$/m);
          expect(r.stdout).toMatch(
            /^ {2}(PASS|FAIL) {2}.*; host names NOT checked \(--skip-names\)(; chain NOT validated \(no --trust\))?$/m,
          );
        }
        const both = await run([command, input, '--skip-names', '--names', NAMES, ...at]);
        expect(both.status).toBe(2);
        expect(both.stderr).toContain(
          '--skip-names with names: give the names (they are checked) or --skip-names, not both.',
        );
      },
    );

    it.each([
      ['--names ""', ['--names', ''], '--names is empty'],
      ['--intranet ""', ['--intranet', ''], '--intranet is empty'],
      ['--internet "  "', ['--internet', '  '], '--internet is empty'],
      ['--configuressl ""', ['--names', NAMES, '--configuressl', ''], '--configuressl is empty'],
      [
        '--intranet twice',
        ['--intranet', 'a.contoso.com', '--intranet', 'b.contoso.com'],
        '--intranet is given 2 times: give it once',
      ],
      ['--names twice', ['--names', NAMES, '--names', NAMES], '--names is given 2 times'],
      [
        '--configuressl twice',
        ['--names', NAMES, '--configuressl', 'a', '--configuressl', 'a'],
        '--configuressl is given 2 times',
      ],
      [
        '--format twice',
        ['--names', NAMES, '--format', 'json', '--format', 'text'],
        '--format is given 2 times',
      ],
      [
        '--fail-on twice',
        ['--names', NAMES, '--fail-on', 'error', '--fail-on=warning'],
        '--fail-on is given 2 times',
      ],
      [
        'a trailing backslash',
        ['--intranet', 'sup01.corp.contoso.com\\'],
        '--intranet "sup01.corp.contoso.com\\" contains a backslash, which no host name has',
      ],
      [
        'a comma',
        ['--internet', 'a.contoso.com,b.contoso.com'],
        '--internet "a.contoso.com,b.contoso.com" contains a comma',
      ],
      [
        'a space in --names',
        ['--names', 'sup01.corp.contoso.com&sup01 contoso.com'],
        '--names (name 2) "sup01 contoso.com" contains a space',
      ],
      [
        'an empty intranet place',
        ['--names', '&updates.example.com'],
        '--names "&updates.example.com" has an empty name at position 1 (the intranet name\'s place)',
      ],
      [
        'a port',
        ['--intranet', 'sup01.corp.contoso.com:8531'],
        '--intranet "sup01.corp.contoso.com:8531" contains a ":" (a port?)',
      ],
      [
        'names that disagree',
        ['--names', NAMES, '--intranet', 'other.contoso.com'],
        'disagrees with --intranet/--internet',
      ],
    ])("2: %s is a usage error in the CLI's words, nothing read", async (_what, extra, message) => {
      for (const format of ['text', 'json']) {
        const r = await run([
          command,
          input,
          ...extra,
          ...at,
          ...(extra.includes('--format') ? [] : ['--format', format]),
        ]);
        expect(r.status).toBe(2);
        expect(r.stdout).toBe('');
        expect(r.stderr).toMatch(/^supcert: /);
        expect(r.stderr).toContain(message);
        expect(r.stderr).not.toMatch(LIBRARY_WORDS);
        expect(r.stderr).not.toMatch(STACK);
        expect(bytesRead(r.stderr)).toBe(0);
      }
    });

    it('a URL given as a name: its host is judged, and stderr says so', async () => {
      const r = await run([
        command,
        input,
        '--intranet',
        'https://sup01.corp.contoso.com:8531/',
        '--internet',
        'sup01.contoso.com',
        ...at,
      ]);
      expect(r.status).toBe(0);
      expect(r.stderr).toContain(
        'supcert: note: --intranet "https://sup01.corp.contoso.com:8531/" is a URL; judged its host name "sup01.corp.contoso.com"',
      );
    });

    it.each(['text', 'json'])(
      '2: a file that cannot be read, and JSON still prints a document (%s)',
      async (format) => {
        const r = await run([command, 'no-such-file', '--names', NAMES, ...at, '--format', format]);
        expect(r.status).toBe(2);
        expect(r.stderr).toContain('supcert: no-such-file: no such file or directory (ENOENT)');
        if (format === 'json')
          expect(doc(r.stdout)).toMatchObject({
            results: [{ input: 'no-such-file', verdict: 'error', error: { code: 'ENOENT' } }],
            summary: { inputs: 1, errors: 1, exitCode: 2 },
          });
        else expect(r.stdout).toBe('');
      },
    );

    it('a directory with a text note: the note is skipped, the scan goes on; named explicitly it is an error', async () => {
      const dir = path.join(tmp.dir, `notes-${command}`);
      const { mkdirSync } = await import('node:fs');
      mkdirSync(dir);
      copyFileSync(path.join(ROOT, input), path.join(dir, path.basename(input)));
      // Text the reader would take for damaged base64 (MALFORMED), in UTF-8 and as PowerShell 5 writes it.
      const note = 'hello world this is text with lines\n';
      writeFileSync(path.join(dir, 'readme.txt'), note);
      writeFileSync(
        path.join(dir, 'notes-utf16.txt'),
        Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(note, 'utf16le')]),
      );
      for (const format of ['text', 'json']) {
        const r = await run([command, dir, '--names', NAMES, ...at, '--format', format]);
        expect(r.status).toBe(0);
        // (The request reader already calls such text UNKNOWN_FORMAT; the certificate reader took it for damaged base64.)
        expect(r.stderr).toContain(
          `supcert: note: ${path.join(dir, 'readme.txt')}: skipped, ${command === 'check' ? 'a text file, not a certificate file' : 'not a certificate request (UNKNOWN_FORMAT)'}`,
        );
        if (format === 'json') {
          expect(doc(r.stdout).results.map((x) => [path.basename(x.input), x.verdict])).toEqual([
            [path.basename(input), 'pass'],
            ['notes-utf16.txt', 'skipped'],
            ['readme.txt', 'skipped'],
          ]);
        }
      }
      const named = await run([command, path.join(dir, 'readme.txt'), '--names', NAMES, ...at]);
      expect(named.status).toBe(2);
      expect(named.stderr).toContain(command === 'check' ? '(MALFORMED)' : '(UNKNOWN_FORMAT)');
    });
  },
);

describe('supcert check: the cases only certificates have', () => {
  it.each(['text', 'json'])(
    '2: a PFX without a password (and no terminal), and a wrong password (%s)',
    async (format) => {
      const missing = await run([
        'check',
        `${SUP}/good-both.pfx`,
        '--names',
        NAMES,
        '--at',
        AT,
        '--format',
        format,
      ]);
      expect(missing.status).toBe(2);
      expect(missing.stderr).toContain('(PASSWORD_REQUIRED)');
      const wrong = await run(
        [
          'check',
          `${SUP}/good-both.pfx`,
          '--names',
          NAMES,
          '--at',
          AT,
          '--format',
          format,
          '--password-env',
          'P',
        ],
        { P: 'wrong' },
      );
      expect(wrong.status).toBe(2);
      expect(wrong.stderr).toContain('(WRONG_PASSWORD)');
      if (format === 'json') {
        expect(doc(missing.stdout).results[0]).toMatchObject({
          verdict: 'error',
          error: { code: 'PASSWORD_REQUIRED' },
        });
        expect(doc(wrong.stdout).results[0]).toMatchObject({
          verdict: 'error',
          error: { code: 'WRONG_PASSWORD' },
        });
      }
      const right = await run(
        [
          'check',
          `${SUP}/good-both.pfx`,
          '--names',
          NAMES,
          '--at',
          AT,
          '--format',
          format,
          '--password-env',
          'P',
        ],
        { P: PFX_PASSWORD },
      );
      expect(right.status).toBe(0);
    },
  );

  it('internet-only without the intranet name is an error finding, never silence (exit 1)', async () => {
    const r = await run([
      'check',
      PEM,
      '--internet',
      'sup01.contoso.com',
      '--at',
      AT,
      '--format',
      'json',
    ]);
    expect(r.status).toBe(1);
    const report = doc(r.stdout).results[0]!.report as {
      findings: Array<{ rule: string; severity: string; message: string }>;
    };
    const finding = report.findings.find(
      (f) => f.rule === 'SUP-NAME-003' && f.severity === 'error',
    );
    expect(finding).toBeDefined();
    for (const f of report.findings) expect(f.message, f.rule).not.toMatch(LIBRARY_WORDS);
  });

  it("--trust holding an intermediate: a note on stderr, and the warning in the report, in the CLI's words", async () => {
    const r = await run([
      'check',
      PEM,
      '--names',
      NAMES,
      '--trust',
      `${SUP}/issuing.pem`,
      '--at',
      AT,
      '--format',
      'json',
    ]);
    expect(r.stderr).toContain(
      `supcert: note: ${SUP}/issuing.pem: "CN=Contoso SUP Issuing CA" is not self-signed (an intermediate CA, issued by "CN=Contoso SUP Test Root"), yet --trust makes it a trust anchor, as given.`,
    );
    const report = doc(r.stdout).results[0]!.report as {
      findings: Array<{ rule: string; message: string }>;
    };
    const warning = report.findings.find(
      (f) => f.rule === 'SUP-CHAIN-002' && /not self-signed/.test(f.message),
    )!;
    expect(warning.message).toContain(
      'give the root your clients trust as --trust and this certificate as --intermediate',
    );
    // A root given as --trust draws no note.
    const root = await run([
      'check',
      PEM,
      '--names',
      NAMES,
      '--trust',
      `${SUP}/root.pem`,
      '--at',
      AT,
    ]);
    expect(root.stderr).not.toContain('not self-signed');
  });

  it('an https:// URL without names: its host is the name (no usage error); with a file beside it, names are required', async () => {
    const mixed = await run(['check', 'https://127.0.0.1:1', PEM, '--at', AT]);
    expect(mixed.status).toBe(2);
    expect(mixed.stderr).toContain('no names given');
    const url = await run(['check', 'https://127.0.0.1:1', '--at', AT, '--timeout', '2']);
    expect(url.stderr).not.toContain('no names given');
    expect(url.stderr).toContain('(ECONNREFUSED)');
  });

  it('--json-shape v1 (deprecated) keeps the 0.1 shapes; a bad --json-shape is a usage error', async () => {
    const one = await run([
      'check',
      PEM,
      '--names',
      NAMES,
      '--at',
      AT,
      '--format',
      'json',
      '--json-shape',
      'v1',
    ]);
    expect(JSON.parse(one.stdout)).toMatchObject({
      ok: true,
      certificate: { subject: 'CN=sup01.corp.contoso.com' },
    });
    const two = await run([
      'check',
      PEM,
      PEM,
      '--names',
      NAMES,
      '--at',
      AT,
      '--format',
      'json',
      '--json-shape',
      'v1',
    ]);
    expect(JSON.parse(two.stdout)).toEqual([
      expect.objectContaining({ file: PEM }),
      expect.objectContaining({ file: PEM }),
    ]);
    const bad = await run([
      'check',
      PEM,
      '--names',
      NAMES,
      '--format',
      'json',
      '--json-shape',
      'v3',
    ]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--json-shape must be one of v1, v2; got "v3".');
    // With another format it would change nothing: refused, not silently ignored.
    for (const format of [[], ['--format', 'text'], ['--format', 'sarif']]) {
      const noEffect = await run(['check', PEM, '--names', NAMES, ...format, '--json-shape', 'v1']);
      expect(noEffect.status, format.join(' ')).toBe(2);
      expect(noEffect.stderr).toContain('--json-shape chooses the shape of --format json');
    }
  });

  it("the v2 document has no two keys that differ only in case (PowerShell's ConvertFrom-Json refuses those)", async () => {
    const r = await run([
      'check',
      PEM,
      `${SUP}/good-both.pfx`,
      'missing.pem',
      '--names',
      NAMES,
      '--at',
      AT,
      '--format',
      'json',
      '--verbose',
    ]);
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) return value.forEach(walk);
      if (value === null || typeof value !== 'object') return;
      const keys = Object.keys(value);
      expect(new Set(keys.map((k) => k.toLowerCase())).size, keys.join(',')).toBe(keys.length);
      Object.values(value).forEach(walk);
    };
    const parsed = doc(r.stdout);
    walk(parsed);
    expect(parsed.results.map((x) => x.verdict)).toEqual(['pass', 'error', 'error']);
    expect(parsed.summary).toEqual({
      inputs: 3,
      passed: 1,
      failed: 0,
      errors: 2,
      skipped: 0,
      failOn: 'error',
      exitCode: 2,
    });
  });
});

describe('Ctrl-C at the password prompt', () => {
  it('exits 130 quietly (no "internal error", no "bug"), and the terminal echoes again', async () => {
    const quote = (s: string): string => `'${s.replace(/'/g, "'\\''")}'`;
    const supcert = [
      process.execPath,
      CLI,
      'check',
      `${SUP}/good-both.pfx`,
      '--names',
      NAMES,
      '--at',
      AT,
      '--no-color',
    ]
      .map(quote)
      .join(' ');
    // After supcert, the same terminal reports its echo setting and the exit code.
    const command = `${supcert}; echo "exit=$?"; stty -a | tr ' ' '\\n' | grep -x -- '-\\?echo'`;
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn('script', ['-q', '-e', '-f', '-c', command, '/dev/null'], {
        cwd: ROOT,
        env: { ...process.env, TERM: 'xterm' },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let out = '';
      let answered = false;
      const onData = (d: Buffer): void => {
        out += d.toString('utf8');
        if (!answered && out.includes('Password for')) {
          answered = true;
          child.stdin.write('abc\u0003');
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.on('error', reject);
      child.on('close', () => resolve(out));
    });
    expect(output).toContain('exit=130');
    expect(output).not.toMatch(/internal error|This is a bug|INTERNAL_ERROR/);
    expect(output).not.toContain('abc');
    expect(output).toMatch(/^echo\r?$/m);
  });
});

describe('the translation of library option names (src/cli/optionNames.ts)', () => {
  it('names every library option by its CLI option', () => {
    expect(CLI_OPTION_OF).toMatchObject({
      intranetName: '--intranet',
      internetName: '--internet',
      configureSslName: '--configuressl',
      trustAnchors: '--trust',
      skipNames: '--skip-names',
    });
    expect(cliMessage('intranetName is empty: give the host name')).toBe(
      '--intranet is empty: give the host name',
    );
    expect(
      cliMessage(
        'Give the SUP\'s names (intranetName, internetName, or names "intranet&internet"; configureSslName alone is not enough), or set skipNames: true to judge',
      ),
    ).toBe(
      'Give the SUP\'s names (--intranet, --internet, or --names "intranet&internet"; --configuressl alone is not enough), or give --skip-names to judge',
    );
    expect(
      cliMessage(
        'give the root as trustAnchors (CLI --trust) and this certificate as intermediates (CLI --intermediate).',
      ),
    ).toBe('give the root as --trust and this certificate as --intermediate.');
    // "names" as prose, and words that only contain an option name, stay.
    expect(cliMessage('host names were not checked; myintranetName, --intranet')).toBe(
      'host names were not checked; myintranetName, --intranet',
    );
    // SUP-DEP-002's names_without_binding: "the host names" before a quoted list is prose.
    const sni =
      'HTTP.sys binds a certificate on port 8531 only for the host names "sup01.corp.contoso.com:8531" (SNI, sslcert.txt) and for no address';
    expect(cliMessage(sni)).toBe(sni);
  });

  it('leaves no "(CLI --x)" aside and no library function name in any library message that has one', () => {
    // Every line of library code (not comments) whose text names the CLI's option or command
    // next to the library's: translated, only the CLI's words remain.
    const lines: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          if (entry.name !== 'cli') walk(file);
        } else if (file.endsWith('.ts')) {
          for (const line of readFileSync(file, 'utf8').split('\n'))
            if (/CLI(?: --|: supcert)/.test(line) && !/^\s*(?:\/\/|\*|\/\*)/.test(line))
              lines.push(line);
        }
      }
    };
    walk(path.join(ROOT, 'src'));
    expect(lines.length).toBeGreaterThanOrEqual(6);
    for (const line of lines) {
      const out = cliMessage(line);
      expect(out, line).not.toMatch(/\bCLI(?: --|: )/);
      // ("intermediates" is also a plain word: "where intermediates do not normally go".)
      expect(out, line).not.toMatch(/\b(?:trustAnchors|validateSup[A-Za-z]+)\b/);
    }
    expect(
      cliMessage(
        'pass CA certificates as trustAnchors / intermediates (CLI --trust / --intermediate).',
      ),
    ).toBe('pass CA certificates as --trust / --intermediate.');
    expect(cliMessage('the root your clients trust (trustAnchors, CLI --trust) to check it')).toBe(
      'the root your clients trust (--trust) to check it',
    );
    expect(cliMessage('Check it with validateSupRequest (CLI: supcert check-request).')).toBe(
      'Check it with supcert check-request.',
    );
  });

  it('says of every limit that no supcert option raises it', () => {
    expect(
      cliMessage(
        'PKCS#12: 3000000 is more than the limit of 2000000. If the file is genuine, raise limits.maxIterations.',
      ),
    ).toBe(
      'PKCS#12: 3000000 is more than the limit of 2000000. If the file is genuine, raise limits.maxIterations (a library option; no supcert option raises it).',
    );
    expect(cliMessage('the most supcert reads (limits.maxInputBytes); this is not')).toBe(
      'the most supcert reads (limits.maxInputBytes: a library option; no supcert option raises it); this is not',
    );
  });

  it("every INVALID_OPTION resolveOptions gives for a bad name reads in the CLI's words", () => {
    const bad: Array<Record<string, unknown>> = [
      { intranetName: '' },
      { internetName: ' ' },
      { names: '' },
      { names: '&' },
      { names: '&b.example.com' },
      { configureSslName: 'a b' },
      { intranetName: 'a,b' },
      { intranetName: 'a\\' },
      { intranetName: 'a:1' },
      { intranetName: 'x&y' },
      { intranetName: '*.contoso.com' },
      { names: 'a.contoso.com&b.contoso.com', intranetName: 'c.contoso.com' },
      { skipNames: true, intranetName: 'a.contoso.com' },
      { names: 'ipaddress=10.0.0.1&b.example.com' },
      { intranetName: 'https://' },
      { intranetName: '.a' },
      { intranetName: 'a'.repeat(300) },
    ];
    for (const options of bad) {
      let message = '';
      try {
        resolveOptions(options);
      } catch (error) {
        expect(error).toBeInstanceOf(SupCertError);
        expect((error as SupCertError).code).toBe('INVALID_OPTION');
        message = cliMessage((error as Error).message);
      }
      expect(message, JSON.stringify(options)).not.toBe('');
      expect(message, message).not.toMatch(LIBRARY_WORDS);
      expect(message.length).toBeLessThan(600);
    }
  });

  it('a limit message from the reader, translated, is bounded and names no option the CLI lacks', async () => {
    const budget = new WorkBudget({ maxCertificates: 1 });
    const two = Buffer.concat([
      Buffer.from(await import('node:fs').then((fs) => fs.readFileSync(path.join(ROOT, PEM)))),
      Buffer.from(await import('node:fs').then((fs) => fs.readFileSync(path.join(ROOT, PEM)))),
    ]);
    const error = await readCertificates(two, { budget, limits: { maxCertificates: 1 } }).catch(
      (e: unknown) => e,
    );
    expect((error as SupCertError).code).toBe('LIMIT_EXCEEDED');
    const message = cliMessage((error as Error).message);
    expect(message).toMatch(
      /limits\.maxCertificates[ :(]+a library option; no supcert option raises it/,
    );
  });
});

describe('no --trust: the chain is NOT validated, and every output says so', () => {
  // README ("No --trust, no chain verdict"): SUP-CHAIN-002 reports it as info and the verdict
  // line says so; the exit code's default (--fail-on error) stays 0. A calling tool reads the
  // same from the JSON and SARIF, and --fail-on info closes the gate on it.
  const base = ['check', PEM, '--names', NAMES, '--at', AT];
  type Finding = { rule: string; code: string; severity: string };
  type Sarif = {
    runs: Array<{
      results: Array<{ ruleId: string; level: string; properties: { code: string } }>;
      invocations: Array<{ exitCode: number }>;
    }>;
  };
  const reportOf = (stdout: string) =>
    doc(stdout).results[0] as unknown as {
      verdict: string;
      report: { findings: Finding[]; chain?: { valid: boolean } };
    };

  it.each([
    ['text', [] as string[]],
    ['json', ['--format', 'json']],
    ['sarif', ['--format', 'sarif']],
  ])('%s: exit 0 by default, the finding there', async (format, more) => {
    const r = await runCli([...base, ...more]);
    expect(r.status).toBe(0);
    if (format === 'text') {
      expect(r.stdout).toMatch(/^ {2}PASS {2}.*; chain NOT validated \(no --trust\)$/m);
    } else if (format === 'json') {
      const { verdict, report } = reportOf(r.stdout);
      expect(verdict).toBe('pass');
      expect(report.chain).toBeUndefined();
      expect(
        report.findings.filter((f) => f.rule === 'SUP-CHAIN-002').map((f) => [f.code, f.severity]),
      ).toEqual([['sup.chain.not_validated', 'info']]);
    } else {
      const run = (JSON.parse(r.stdout) as Sarif).runs[0]!;
      expect(
        run.results
          .filter((x) => x.ruleId === 'SUP-CHAIN-002')
          .map((x) => [x.properties.code, x.level]),
      ).toEqual([['sup.chain.not_validated', 'note']]);
      expect(run.invocations[0]!.exitCode).toBe(0);
    }
  });

  it('--fail-on info closes the gate on it (exit 1, verdict fail); with --trust the finding is gone and report.chain says valid', async () => {
    const failing = await runCli([...base, '--fail-on', 'info', '--format', 'json']);
    expect(failing.status).toBe(1);
    expect(reportOf(failing.stdout).verdict).toBe('fail');
    const trusted = await runCli([
      ...base,
      '--trust',
      `${SUP}/root.pem`,
      '--intermediate',
      `${SUP}/issuing.pem`,
      '--format',
      'json',
    ]);
    expect(trusted.status).toBe(0);
    const { report } = reportOf(trusted.stdout);
    expect(report.chain?.valid).toBe(true);
    expect(report.findings.map((f) => f.code)).not.toContain('sup.chain.not_validated');
  });
});
