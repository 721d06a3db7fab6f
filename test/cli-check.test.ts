import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inCliWords } from '../src/cli/optionNames.js';
import { readCertificates, validateSupCertificate } from '../src/index.js';
import {
  AT,
  NAMES,
  PFX_PASSWORD,
  ROOT,
  STACK,
  SUP,
  WINDOWS,
  asJson,
  assertBuilt,
  onlyReport,
  runCli,
  tempDir,
} from './cli-fixtures/run.js';

const read = (file: string): Buffer => readFileSync(path.join(ROOT, file));
const check = (...args: string[]) => runCli(['check', ...args]);
const at = new Date(AT);

beforeAll(assertBuilt);

describe('supcert check: exit codes', () => {
  it('0 when no finding reaches --fail-on (default error)', async () => {
    const r = await check(`${SUP}/good-both.pem`, '--names', NAMES, '--at', AT);
    expect(r.status).toBe(0);
    // No --trust: the verdict line says the chain was not validated (a PASS covers no chain).
    expect(r.stdout).toMatch(
      /^ {2}PASS {2}0 errors, 0 warnings, \d+ info; chain NOT validated \(no --trust\)$/m,
    );
    const trusted = await check(
      `${SUP}/good-both.pem`,
      '--names',
      NAMES,
      '--at',
      AT,
      '--trust',
      `${SUP}/root.pem`,
      '--intermediate',
      `${SUP}/issuing.pem`,
    );
    expect(trusted.stdout).toMatch(/^ {2}PASS {2}0 errors, \d+ warnings?, \d+ info$/m);
    expect(r.stderr).toBe('');
  });

  it('1 when a finding is an error, and the text names the rule, the Windows error and the source', async () => {
    const r = await check(`${SUP}/cn-only-while-san.pem`, '--names', NAMES, '--at', AT);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(
      /ERROR {4}SUP-NAME-006 \(0x80072F06\) {2}The intranet name "sup01\.corp\.contoso\.com"/,
    );
    expect(r.stdout).toMatch(/see .*https:\/\//);
    expect(r.stdout).toMatch(
      /^ {2}FAIL {2}1 error, 0 warnings, \d+ info; chain NOT validated \(no --trust\); clients show CERT_E_CN_NO_MATCH \(0x800B010F, SUP-NAME-006\) first$/m,
    );
  });

  it('--fail-on warning closes the gate on a warning; --fail-on info on anything', async () => {
    const nearExpiry = ['--names', NAMES, '--at', '2029-02-10T00:00:00Z'];
    const byDefault = await check(`${SUP}/good-both.pem`, ...nearExpiry);
    expect(byDefault.status).toBe(0);
    expect(byDefault.stdout).toContain('SUP-VAL-002');
    const onWarning = await check(`${SUP}/good-both.pem`, ...nearExpiry, '--fail-on', 'warning');
    expect(onWarning.status).toBe(1);
    expect(onWarning.stdout).toMatch(
      /FAIL {2}0 errors, 1 warning, \d+ info \(failing on warning or worse\)/,
    );
    const onInfo = await check(
      `${SUP}/good-both.pem`,
      '--names',
      NAMES,
      '--at',
      AT,
      '--fail-on',
      'info',
    );
    expect(onInfo.status).toBe(1);
    // The findings that fail the gate are printed, not counted away.
    expect(onInfo.stdout).toMatch(/info {5}SUP-DEP-001 {2}/);
    expect(onInfo.stdout).not.toContain('not shown');
  });

  it("a PFX's friendlyName is a FriendlyName row (what certlm.msc and Cert:\\ list it by); a file without one has none", async () => {
    const named = await runCli(
      ['check', `${SUP}/good-both.pfx`, '--password-env', 'PFX', '--names', NAMES, '--at', AT],
      { env: { PFX: PFX_PASSWORD } },
    );
    expect(named.status).toBe(0);
    expect(named.stdout).toMatch(/^ {2}FriendlyName sup01$/m);
    const pem = await check(`${SUP}/good-both.pem`, '--names', NAMES, '--at', AT);
    expect(pem.stdout).not.toContain('FriendlyName');
  });

  it('judges a real Windows PFX export; an expired certificate fails', async () => {
    const env = { PFX: 'Passw0rd' };
    const args = [
      `${WINDOWS}/cert-chain-des.pfx`,
      '--password-env',
      'PFX',
      '--intranet',
      'server.lab.local',
    ];
    const inside = await runCli(['check', ...args, '--at', '2022-06-01'], { env });
    expect(inside.status).toBe(0);
    expect(inside.stdout).toContain('Subject      CN=server.lab.local');
    expect(inside.stdout).toMatch(
      /Judged {7}certificate 1 of \d in the file \(the one with the private key\)/,
    );
    const expired = await runCli(['check', ...args, '--at', '2023-06-01'], { env });
    expect(expired.status).toBe(1);
    expect(expired.stdout).toContain('SUP-VAL-001');
    expect(expired.stdout).toMatch(/Valid .*\(EXPIRED \d+ days ago\)/);
  });

  it.each([
    ['an unknown format', ['--format', 'xml']],
    ['an unknown --fail-on', ['--fail-on', 'critical']],
    ['a bad --generation', ['--generation', '2010']],
    ['a bad --profile', ['--profile', 'lax']],
    ['a bad --connections', ['--connections', 'all']],
    ['a bad --issuer-type', ['--issuer-type', 'private']],
    ['a date that is not ISO 8601', ['--at', 'next tuesday']],
    ['an impossible date', ['--at', '2027-02-30x']],
    ['negative --expiry-warning-days', ['--expiry-warning-days', '-1']],
    ['a zero --timeout', ['--timeout', '0']],
    ['an unknown option', ['--colour']],
    ['an option without its value', ['--names']],
    ['both password sources', ['--password-env', 'A', '--password-file', 'b']],
    [
      'names that disagree (the library refuses them)',
      ['--names', NAMES, '--intranet', 'other.contoso.com'],
    ],
  ])('2 for %s, with a usage line and no stack trace', async (_what, args) => {
    // With names (unless the case is about them): the exit 2 must come from the value under test.
    const r = await check(
      `${SUP}/good-both.pem`,
      ...(args.includes('--names') ? [] : ['--names', NAMES]),
      ...args,
    );
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^supcert: .+\n/);
    expect(r.stderr).not.toContain('no names given');
    expect(r.stderr).not.toMatch(STACK);
  });

  it('2 for an option whose value starts with "-": the message says it was read as an option and how to write it', async () => {
    const r = await check(`${SUP}/good-both.pem`, '--names', NAMES, '--expiry-warning-days', '-5');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(
      '--expiry-warning-days needs a value: the argument after it starts with "-", so it is read as an option. A value that starts with "-" is written --expiry-warning-days=VALUE.',
    );
    expect(r.stderr).not.toContain('-5');
    const joined = await check(
      `${SUP}/good-both.pem`,
      '--names',
      NAMES,
      '--expiry-warning-days=-5',
    );
    expect(joined.status).toBe(2);
    expect(joined.stderr).toContain('--expiry-warning-days must be a whole number, 0 or more');
    const last = await check(`${SUP}/good-both.pem`, '--names', NAMES, '--expiry-warning-days');
    expect(last.stderr).toContain(
      '--expiry-warning-days needs a value (--expiry-warning-days VALUE).',
    );
  });

  it('2 without any file', async () => {
    const r = await check('--names', NAMES);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('give at least one certificate file');
  });

  it('2 for a missing file and for a file that is not a certificate, named explicitly', async () => {
    const missing = await check('no-such-file.pfx', '--skip-names');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe('supcert: no-such-file.pfx: no such file or directory (ENOENT)\n');
    const notCert = await check('README.md', '--skip-names');
    expect(notCert.status).toBe(2);
    expect(notCert.stderr).toMatch(
      /^supcert: README\.md: Not a certificate file.* \(UNKNOWN_FORMAT\)\n$/,
    );
    const keyOnly = await check(`${SUP}/good-both.key`, '--skip-names');
    expect(keyOnly.status).toBe(2);
    expect(keyOnly.stderr).toContain('(UNKNOWN_FORMAT)');
  });

  it('one unreadable input does not stop the others; the worst exit code wins', async () => {
    const r = await check(
      'no-such-file.pem',
      `${SUP}/good-both.pem`,
      `${SUP}/cn-only-while-san.pem`,
      '--names',
      NAMES,
      '--at',
      AT,
      '--format',
      'json',
    );
    expect(r.status).toBe(2);
    const items = (
      JSON.parse(r.stdout) as {
        results: Array<{ input: string; report?: { ok: boolean }; error?: { code: string } }>;
      }
    ).results;
    expect(items.map((i) => [i.input, i.error?.code ?? i.report?.ok])).toEqual([
      ['no-such-file.pem', 'ENOENT'],
      [`${SUP}/good-both.pem`, true],
      [`${SUP}/cn-only-while-san.pem`, false],
    ]);
    const findingsOnly = await check(
      `${SUP}/good-both.pem`,
      `${SUP}/cn-only-while-san.pem`,
      '--names',
      NAMES,
      '--at',
      AT,
    );
    expect(findingsOnly.status).toBe(1);
  });
});

describe('supcert check --format json', () => {
  it('prints, for one file, exactly the library report (Dates as ISO strings, der omitted)', async () => {
    const r = await check(
      `${SUP}/cn-only-while-san.pem`,
      '--names',
      NAMES,
      '--at',
      AT,
      '--format',
      'json',
    );
    expect(r.status).toBe(1);
    const printed = onlyReport(r.stdout);
    const report = await validateSupCertificate(read(`${SUP}/cn-only-while-san.pem`), {
      names: NAMES,
      at,
    });
    expect(printed).toEqual(asJson(inCliWords(report)));
    expect(r.stdout).not.toContain('"der"');
    expect((printed.certificate as { notAfter: string }).notAfter).toBe(
      report.certificate.notAfter.toISOString(),
    );
  });

  it('is the same report for a PFX opened with the password, with trust anchors and every option set', async () => {
    const options = [
      '--intranet',
      'sup01.corp.contoso.com',
      '--internet',
      'sup01.contoso.com',
      '--configuressl',
      'sup01.corp.contoso.com',
      '--generation',
      '2012',
      '--connections',
      'both',
      '--issuer-type',
      'enterprise',
      '--profile',
      'strict',
      '--expiry-warning-days',
      '60',
      '--trust',
      `${SUP}/root.pem`,
      '--intermediate',
      `${SUP}/issuing.pem`,
      '--at',
      AT,
    ];
    const r = await runCli(
      [
        'check',
        `${SUP}/good-both-cng.pfx`,
        ...options,
        '--password-env',
        'PFX',
        '--format',
        'json',
      ],
      { env: { PFX: PFX_PASSWORD } },
    );
    const report = await validateSupCertificate(read(`${SUP}/good-both-cng.pfx`), {
      password: PFX_PASSWORD,
      intranetName: 'sup01.corp.contoso.com',
      internetName: 'sup01.contoso.com',
      configureSslName: 'sup01.corp.contoso.com',
      generation: '2012',
      connections: 'both',
      issuerType: 'enterprise',
      profile: 'strict',
      expiryWarningDays: 60,
      trustAnchors: [read(`${SUP}/root.pem`)],
      intermediates: [read(`${SUP}/issuing.pem`)],
      at,
    });
    expect(onlyReport(r.stdout)).toEqual(asJson(inCliWords(report)));
    expect(report.chain?.valid).toBe(true);
    // ConfigMgr 2012 cannot use a CNG key: the PFX records the provider.
    expect(report.findings.filter((f) => f.severity === 'error').map((f) => f.rule)).toEqual([
      'SUP-CNG-001',
    ]);
    expect(r.status).toBe(1);
  });

  it('prints a JSON document with the error when the one file cannot be read (0.1 printed nothing)', async () => {
    const r = await check(`${SUP}/good-both.pfx`, '--names', NAMES, '--format', 'json');
    expect(r.status).toBe(2);
    const doc = JSON.parse(r.stdout) as {
      results: Array<{ input: string; verdict: string; error: { code: string } }>;
      summary: { exitCode: number; errors: number };
    };
    expect(doc.results).toHaveLength(1);
    expect(doc.results[0]).toMatchObject({
      input: `${SUP}/good-both.pfx`,
      verdict: 'error',
      error: { code: 'PASSWORD_REQUIRED' },
    });
    expect(doc.summary).toMatchObject({ exitCode: 2, errors: 1 });
    expect(r.stderr).toContain('(PASSWORD_REQUIRED)');
    // The deprecated shape prints the error object too.
    const v1 = await check(
      `${SUP}/good-both.pfx`,
      '--names',
      NAMES,
      '--format',
      'json',
      '--json-shape',
      'v1',
    );
    expect(v1.status).toBe(2);
    expect(JSON.parse(v1.stdout)).toMatchObject({
      file: `${SUP}/good-both.pfx`,
      error: { code: 'PASSWORD_REQUIRED' },
    });
  });
});

describe('supcert check: passwords', () => {
  const dir = tempDir();
  afterAll(dir.remove);
  const pfx = `${SUP}/good-both.pfx`;

  it('reads the password from an environment variable', async () => {
    const r = await runCli(
      ['check', pfx, '--password-env', 'SUP_PFX', '--names', NAMES, '--at', AT],
      { env: { SUP_PFX: PFX_PASSWORD } },
    );
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Private key  in the file');
    expect(r.stdout).not.toContain(PFX_PASSWORD);
  });

  it('reads the first line of a password file (LF, CRLF, UTF-8 BOM)', async () => {
    for (const [name, content] of [
      ['lf.txt', `${PFX_PASSWORD}\n`],
      ['crlf.txt', `${PFX_PASSWORD}\r\nsecond line\r\n`],
      ['bom.txt', `\uFEFF${PFX_PASSWORD}`],
    ] as const) {
      const file = path.join(dir.dir, name);
      writeFileSync(file, content);
      const r = await check(pfx, '--password-file', file, '--names', NAMES, '--at', AT);
      expect(r.status, name).toBe(0);
      expect(r.stdout + r.stderr).not.toContain(PFX_PASSWORD);
    }
  });

  it('a wrong password is exit 2 with a clear line, and the password is printed nowhere', async () => {
    const wrong = 'NotThePassword-4711';
    const file = path.join(dir.dir, 'wrong.txt');
    writeFileSync(file, `${wrong}\n`);
    for (const r of [
      await runCli(['check', pfx, '--password-env', 'SUP_PFX', '--names', NAMES, '--at', AT], {
        env: { SUP_PFX: wrong },
      }),
      await check(pfx, '--password-file', file, '--names', NAMES, '--at', AT),
      await runCli(
        [
          'check',
          pfx,
          '--password-env',
          'SUP_PFX',
          '--names',
          NAMES,
          '--at',
          AT,
          '--format',
          'json',
        ],
        { env: { SUP_PFX: wrong } },
      ),
      await runCli(
        [
          'check',
          pfx,
          '--password-env',
          'SUP_PFX',
          '--names',
          NAMES,
          '--at',
          AT,
          '--format',
          'sarif',
        ],
        { env: { SUP_PFX: wrong } },
      ),
    ]) {
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(
        /^supcert: certs-fixtures\/sup\/good-both\.pfx: PKCS#12: wrong password .*Tried the password in .* \(WRONG_PASSWORD\)\n$/,
      );
      expect(r.stdout + r.stderr).not.toContain(wrong);
      expect(r.stderr).not.toMatch(STACK);
    }
  });

  it('without a password and without a terminal, a PFX that needs one is exit 2 with what to do', async () => {
    const r = await check(pfx, '--names', NAMES, '--at', AT);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--password-env VAR or --password-file FILE');
    expect(r.stderr).toContain('(PASSWORD_REQUIRED)');
  });

  it('refuses --password, in both spellings, without echoing the value', async () => {
    for (const args of [['--password', 'Secret-123'], ['--password=Secret-123']]) {
      const r = await check(pfx, ...args);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('--password is not accepted');
      expect(r.stderr).toContain('process list');
      expect(r.stdout + r.stderr).not.toContain('Secret-123');
    }
  });

  it('an unset --password-env variable and a missing --password-file are exit 2, and neither value is echoed (it may be the password)', async () => {
    const unset = await runCli(
      ['check', pfx, '--names', NAMES, '--password-env', 'SUPCERT_NOT_SET'],
      { env: { SUPCERT_NOT_SET: undefined } },
    );
    expect(unset.status).toBe(2);
    expect(unset.stderr).toContain('the environment variable named by --password-env is not set');
    expect(unset.stderr).not.toContain('SUPCERT_NOT_SET');
    const missing = await check(
      pfx,
      '--names',
      NAMES,
      '--password-file',
      path.join(dir.dir, 'absent.txt'),
    );
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^supcert: --password-file: no such file: .* \(ENOENT\)\n$/);
    expect(missing.stderr).not.toContain('absent');
  });
});

describe('supcert check: text output', () => {
  it('shows the certificate, then errors and warnings with sources, info findings counted, then the verdict', async () => {
    const r = await check(`${SUP}/good-both.pem`, '--names', NAMES, '--at', AT);
    const rows = [
      'Subject',
      'SAN',
      'EKU',
      'Valid',
      'Key',
      'Issuer',
      'Judged',
      'Thumbprint',
      'SHA-256',
      'Private key',
      'Names',
      'Chain',
    ];
    const labels = r.stdout
      .split('\n')
      .slice(1, rows.length + 1)
      .map((l) => l.slice(2, 14).trim());
    expect(labels).toEqual(rows);
    expect(r.stdout.split('\n')[0]).toBe(`${SUP}/good-both.pem`);
    expect(r.stdout).toContain('SAN          DNS:sup01.corp.contoso.com, DNS:sup01.contoso.com');
    expect(r.stdout).toContain('EKU          Server Authentication');
    expect(r.stdout).toContain('Key          RSA 2048 bits, signed with sha256WithRSAEncryption');
    expect(r.stdout).toContain('Chain        not checked (give the root with --trust FILE)');
    expect(r.stdout).toMatch(/\d+ info findings not shown \(--verbose shows them\)/);
    expect(r.stdout).not.toContain('\x1b[');
  });

  it('--verbose prints every info finding with its source', async () => {
    const r = await check(`${SUP}/good-both.pem`, '--names', NAMES, '--at', AT, '--verbose');
    const report = await validateSupCertificate(read(`${SUP}/good-both.pem`), { names: NAMES, at });
    for (const f of inCliWords(report).findings)
      expect(r.stdout).toContain(`${f.rule}  ${f.message}`);
    expect(r.stdout).not.toContain('not shown');
  });

  it('escapes control characters that come from the certificate', async () => {
    const r = await check(`${SUP}/nul-in-dnsname.pem`, '--names', NAMES, '--at', AT);
    expect(r.stdout).toContain('DNS:sup01.corp.contoso.com\\x00.evil.com');
    expect(r.stdout).not.toContain('\u0000');
  });

  it('ends several inputs with a summary table', async () => {
    const r = await check(
      `${SUP}/good-both.pem`,
      `${SUP}/cn-only-while-san.pem`,
      'no-such.pem',
      '--names',
      NAMES,
      '--at',
      AT,
    );
    expect(r.status).toBe(2);
    const table = r.stdout.slice(r.stdout.lastIndexOf('FILE'));
    expect(
      table
        .split('\n')
        .map((l) => l.replace(/ +/g, ' ').trim())
        .filter(Boolean),
    ).toEqual([
      'FILE VERDICT ERRORS WARNINGS',
      `${SUP}/good-both.pem PASS 0 0`,
      `${SUP}/cn-only-while-san.pem FAIL 1 0`,
      'no-such.pem ERROR - - ENOENT',
      '3 inputs: 1 passed, 1 failed, 1 could not be checked',
    ]);
  });
});

describe("supcert check: an administrator's likely mistakes say what to do", () => {
  const REQUESTS = 'certs-fixtures/requests';

  it.each([
    ['a PEM CSR', `${REQUESTS}/good-both.csr`],
    ['a DER CSR', `${REQUESTS}/good-both.der.csr`],
    ['a certreq INF', `${REQUESTS}/webserver-both.inf`],
    ['a certreq INF saved as UTF-16 by Notepad', `${REQUESTS}/webserver-both-utf16.inf`],
    ['CA web-enrollment attributes', `${REQUESTS}/web-enrollment.txt`],
  ])('%s given to check points to supcert check-request, in the CLI words', async (_what, file) => {
    const r = await check(file, '--names', NAMES);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/Check (?:it|them|a request) with supcert check-request[.;]/);
    expect(r.stderr).toContain('(UNKNOWN_FORMAT)');
    // The library's function name is for library users, not for the command line.
    expect(r.stderr).not.toMatch(/validateSup|\(CLI/);
  });

  it('a certificate given to check-request points to supcert check', async () => {
    const r = await runCli(['check-request', `${SUP}/good-both.pem`, '--names', NAMES]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('use supcert check.');
    expect(r.stderr).not.toMatch(/validateSup|\(CLI/);
  });

  it('an option and its value quoted as one argument is named as such, without the value', async () => {
    const r = await check(`${SUP}/good-both.pem`, `--names ${NAMES}`);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(
      'unknown option --names for "supcert check": "--names" and its value arrived as one argument',
    );
    expect(r.stderr).toContain('--names VALUE');
    expect(r.stderr).not.toContain('contoso');
  });

  it.each([
    ['--name', '--names'],
    ['--intermediates', '--intermediate'],
    ['--trusted', '--trust'],
    ['--password-environment', null],
  ])('an unknown option %s suggests the near one (%s)', async (typo, meant) => {
    const r = await check(`${SUP}/good-both.pem`, typo, 'x', '--skip-names');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`unknown option ${typo} for "supcert check"`);
    if (meant === null) expect(r.stderr).not.toContain('did you mean');
    else expect(r.stderr).toContain(`; did you mean ${meant}?`);
  });

  it.each([
    ['check', ['--format', 'xml', '--skip-names', `${SUP}/good-both.pem`]],
    ['check-request', ['--format', 'csv', '--skip-names', 'certs-fixtures/requests/good-both.csr']],
    ['suggest', ['--format', 'xml', '--names', NAMES]],
    ['rules', ['--format', 'xml']],
  ])("a bad option value of %s points to that command's help", async (command, args) => {
    const r = await runCli([command, ...args]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^supcert: --format must be one of /);
    expect(r.stderr).toContain(`Run "supcert ${command} --help" for usage.`);
  });

  it("the server's own certificate given as --trust is named as such, not as an intermediate CA", async () => {
    const r = await check(
      `${SUP}/good-both.pem`,
      '--names',
      NAMES,
      '--at',
      AT,
      '--trust',
      `${SUP}/good-both.pem`,
    );
    expect(r.stderr).toContain(
      '"CN=sup01.corp.contoso.com" is not a CA certificate (an end-entity certificate issued by "CN=Contoso SUP Issuing CA"), yet --trust makes it a trust anchor',
    );
    expect(r.stderr).not.toContain('intermediate CA');
    expect(r.stdout).toMatch(
      /WARNING {2}SUP-CHAIN-002 {2}The trust anchor "CN=sup01\.corp\.contoso\.com" is not a CA certificate/,
    );
    // An intermediate CA given as --trust keeps its own wording.
    const issuing = await check(
      `${SUP}/good-both.pem`,
      '--names',
      NAMES,
      '--at',
      AT,
      '--trust',
      `${SUP}/issuing.pem`,
    );
    expect(issuing.stderr).toContain('is not self-signed (an intermediate CA');
    expect(issuing.stdout).toMatch(
      /SUP-CHAIN-002 {2}The trust anchor "CN=Contoso SUP Issuing CA" is not self-signed .*: it is an intermediate/,
    );
  });

  it('a directory given to --trust says the option takes a file', async () => {
    const r = await check(`${SUP}/good-both.pem`, '--names', NAMES, '--trust', SUP);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      `supcert: ${SUP}: is a directory, not a --trust file: give the file itself. (EISDIR)\n`,
    );
  });

  it('a file of the root only: the Names row says the names were not judged, not "none given"', async () => {
    const r = await check(`${SUP}/root.pem`, '--names', NAMES, '--at', AT);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^ {2}Names {8}not judged \(the file holds no server certificate\)$/m);
    expect(r.stdout).not.toContain('none given');
    // SUP-FILE-002's advice in the CLI's option names, once.
    expect(r.stdout).toContain('pass CA certificates as --trust / --intermediate.');
    expect(r.stdout).not.toMatch(/trustAnchors|\(CLI/);
  });

  it('an expired certificate: the Valid row, the Expiry table and SUP-VAL-001 count the same days', async () => {
    const when = new Date('2030-01-01T00:00:00Z');
    const r = await check(`${SUP}/good-both.pem`, '--names', NAMES, '--at', when.toISOString());
    expect(r.status).toBe(1);
    const { notAfter } = (await readCertificates(read(`${SUP}/good-both.pem`))).certificates[0]!;
    // Whole days since expiry, a started day counted (the fixture expires at 08:58, not midnight).
    const days = Math.ceil((when.getTime() - notAfter.getTime()) / 86_400_000);
    expect((when.getTime() - notAfter.getTime()) % 86_400_000).not.toBe(0);
    expect(r.stdout).toContain(`(EXPIRED ${days} days ago)`);
    expect(r.stdout).toContain(`(${days} days before 2030-01-01T00:00:00Z)`);
    expect(r.stdout).toMatch(new RegExp(`^expired ${days}d {2}`, 'm'));
    expect(r.stdout).not.toContain(`EXPIRED ${days - 1} days ago`);
  });
});
