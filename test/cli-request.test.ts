import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inCliWords } from '../src/cli/optionNames.js';
import { describeRules, suggestRequest, validateSupRequest } from '../src/index.js';
import {
  CLI,
  NAMES,
  ROOT,
  STACK,
  SUP,
  type JsonDocument,
  asJson,
  assertBuilt,
  onlyReport,
  runCli,
  tempDir,
} from './cli-fixtures/run.js';
import { sarifOf } from './cli-fixtures/sarif.js';

const REQ = 'certs-fixtures/requests';
const fixture = (name: string): Buffer => readFileSync(path.join(ROOT, REQ, name));
const tmp = tempDir();
afterAll(tmp.remove);
beforeAll(assertBuilt);

/** A DER certificate (a .cer as Windows exports it) from a PEM fixture. */
const derOf = (pemFile: string): Buffer =>
  Buffer.from(
    readFileSync(path.join(ROOT, pemFile), 'utf8').replace(/-----[^-]+-----|\s/g, ''),
    'base64',
  );

describe('supcert check-request: exit codes', () => {
  it('a good CSR is exit 0 and prints what it asks for', async () => {
    const r = await runCli(['check-request', `${REQ}/good-both.csr`, '--names', NAMES]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^ {2}Request +PKCS#10 CSR, signature verified$/m);
    expect(r.stdout).toMatch(/^ {2}Subject +CN=sup01\.corp\.contoso\.com$/m);
    expect(r.stdout).toMatch(/^ {2}SAN +DNS:sup01\.corp\.contoso\.com, DNS:sup01\.contoso\.com$/m);
    expect(r.stdout).toMatch(/^ {2}EKU +Server Authentication \(the request's EKU extension\)$/m);
    expect(r.stdout).toMatch(/^ {2}Key +RSA 2048 bits$/m);
    expect(r.stdout).toMatch(/^ {2}PASS {2}0 errors, 0 warnings, \d+ info$/m);
  });

  it('"-" reads the request from stdin (a CSR or INF piped in), as check does', () => {
    const csr = fixture('good-both.csr');
    const r = spawnSync(process.execPath, [CLI, 'check-request', '-', '--names', NAMES], {
      input: csr,
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('PKCS#10 CSR, signature verified');
    const bad = spawnSync(process.execPath, [CLI, 'check-request', '-', '--names', NAMES], {
      input: 'hello\n',
      encoding: 'utf8',
    });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('(UNKNOWN_FORMAT)');
    expect(bad.stderr).not.toContain('ENOENT');
  });

  it('a CSR with a mistake is exit 1, with the finding', async () => {
    const r = await runCli(['check-request', `${REQ}/cn-only-while-san.csr`, '--names', NAMES]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^ {2}ERROR {4}SUP-NAME-006 /m);
    expect(r.stdout).toMatch(/^ {2}FAIL {2}1 error, /m);
  });

  it('a damaged signature is an error finding (exit 1), not an input error', async () => {
    const r = await runCli(['check-request', `${REQ}/tampered.der.csr`, '--names', NAMES]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('SIGNATURE DOES NOT VERIFY');
    expect(r.stdout).toMatch(/^ {2}ERROR {4}SUP-REQ-001 /m);
  });

  it.each([
    ['a file that is not a request', `${REQ}/make.sh`, 'UNKNOWN_FORMAT'],
    ['an issued certificate (PEM)', `${SUP}/good-both.pem`, 'UNKNOWN_FORMAT'],
    ['a PFX', `${SUP}/good-both.pfx`, 'UNKNOWN_FORMAT'],
    ['a missing file', `${REQ}/missing.csr`, 'ENOENT'],
  ])('%s is exit 2 with the reason on stderr', async (_what, file, code) => {
    const r = await runCli(['check-request', file, '--names', NAMES]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      new RegExp(`^supcert: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: .+ \\(${code}\\)\\n$`),
    );
    expect(r.stderr).not.toMatch(STACK);
  });

  it('a certificate given to check-request says to use supcert check', async () => {
    writeFileSync(path.join(tmp.dir, 'issued.cer'), derOf(`${SUP}/good-both.pem`));
    const r = await runCli(['check-request', path.join(tmp.dir, 'issued.cer'), '--skip-names']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(
      'a certificate file, not a certificate request: judge it with supcert check. (UNKNOWN_FORMAT)',
    );
  });

  it('--fail-on warning closes the gate on a warning (a 1024-bit key)', async () => {
    const normal = await runCli(['check-request', `${REQ}/rsa-1024.csr`, '--names', NAMES]);
    expect(normal.status).toBe(0);
    expect(normal.stdout).toMatch(/^ {2}WARNING {2}SUP-KEY-002 /m);
    const strict = await runCli([
      'check-request',
      `${REQ}/rsa-1024.csr`,
      '--names',
      NAMES,
      '--fail-on',
      'warning',
    ]);
    expect(strict.status).toBe(1);
    expect(strict.stdout).toContain('FAIL  0 errors, 1 warning');
    expect(strict.stdout).toContain('(failing on warning or worse)');
  });

  it('with several files the worst exit code wins and a table ends the text', async () => {
    const r = await runCli([
      'check-request',
      `${REQ}/good-both.csr`,
      `${REQ}/no-san.csr`,
      `${REQ}/missing.inf`,
      '--names',
      NAMES,
    ]);
    expect(r.status).toBe(2);
    const table = r.stdout.slice(r.stdout.lastIndexOf('FILE'));
    expect(
      table
        .split('\n')
        .map((l) => l.replace(/ +/g, ' ').trim())
        .filter(Boolean),
    ).toEqual([
      'FILE VERDICT ERRORS WARNINGS',
      `${REQ}/good-both.csr PASS 0 0`,
      `${REQ}/no-san.csr FAIL 1 1`,
      `${REQ}/missing.inf ERROR - - ENOENT`,
      '3 inputs: 1 passed, 1 failed, 1 could not be checked',
    ]);
  });

  it('options reach the library: --generation 2012 refuses a CNG provider', async () => {
    const current = await runCli([
      'check-request',
      `${REQ}/newest-style-no-trailing-amp.inf`,
      '--names',
      NAMES,
    ]);
    expect(current.status).toBe(0);
    const legacy = await runCli([
      'check-request',
      `${REQ}/newest-style-no-trailing-amp.inf`,
      '--names',
      NAMES,
      '--generation',
      '2012',
    ]);
    expect(legacy.status).toBe(1);
    expect(legacy.stdout).toMatch(/^ {2}ERROR {4}SUP-CNG-001 /m);
  });
});

describe('supcert check-request: text report', () => {
  it('an INF shows the template, the provider and MachineKeySet, and which rules wait for the issued certificate', async () => {
    const r = await runCli(['check-request', `${REQ}/amp-in-wrong-place.inf`, '--names', NAMES]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^ {2}Request +certreq INF$/m);
    expect(r.stdout).toMatch(/^ {2}Template +Machine$/m);
    expect(r.stdout).toMatch(
      /^ {2}EKU +Client Authentication, Server Authentication \(from the Machine template: the CA adds them\)$/m,
    );
    expect(r.stdout).toMatch(/^ {2}Provider +not named/m);
    expect(r.stdout).toMatch(/^ {2}MachineKeySet +FALSE /m);
    expect(r.stdout).toMatch(
      /^ {2}Names +sup01\.corp\.contoso\.com \(intranet\): in the SAN; sup01\.contoso\.com \(internet\): NOT MATCHED$/m,
    );
    for (const rule of ['SUP-NAME-002', 'SUP-NAME-005', 'SUP-REQ-002', 'SUP-REQ-003'])
      expect(r.stdout).toMatch(new RegExp(`^ {2}(ERROR|WARNING) +${rule} `, 'm'));
    const report = await validateSupRequest(fixture('amp-in-wrong-place.inf'), { names: NAMES });
    const waiting = report.findings.find((f) => f.rule === 'SUP-REQ-004')!;
    const waitingRules = report.results
      .filter(
        (x) =>
          x.status === 'not-applicable' &&
          x.reason === 'decided when the CA issues the certificate',
      )
      .map((x) => x.rule);
    expect(waitingRules.length).toBeGreaterThan(0);
    for (const rule of waitingRules) expect(waiting.message).toContain(rule);
    // The line is there without --verbose; the other info findings are only counted.
    expect(r.stdout).toContain(`  info     SUP-REQ-004  ${waiting.message}\n`);
    expect(r.stdout).toContain(
      `${report.summary.infos - 1} other info findings not shown (--verbose shows them)`,
    );
    const verbose = await runCli([
      'check-request',
      `${REQ}/amp-in-wrong-place.inf`,
      '--names',
      NAMES,
      '--verbose',
    ]);
    for (const f of inCliWords(report).findings)
      expect(verbose.stdout).toContain(
        `${f.rule}${f.windowsError ? ` (${f.windowsError})` : ''}  ${f.message}`,
      );
    expect(verbose.stdout).not.toContain('not shown');
  });

  it('a UTF-16 LE INF (Notepad) reads like the UTF-8 one', async () => {
    const r = await runCli(['check-request', `${REQ}/webserver-both-utf16.inf`, '--names', NAMES]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^ {2}Provider +Microsoft RSA SChannel Cryptographic Provider$/m);
    expect(r.stdout).toMatch(/^ {2}MachineKeySet +TRUE/m);
    expect(r.stdout).toMatch(/^ {2}SAN +DNS:sup01\.corp\.contoso\.com, DNS:sup01\.contoso\.com$/m);
    const utf16 = await runCli([
      'check-request',
      `${REQ}/webserver-both-utf16.inf`,
      '--names',
      NAMES,
      '--format',
      'json',
    ]);
    const utf8 = await runCli([
      'check-request',
      `${REQ}/webserver-both.inf`,
      '--names',
      NAMES,
      '--format',
      'json',
    ]);
    const a = JSON.parse(utf16.stdout) as { request: unknown; findings: unknown; names: unknown };
    const b = JSON.parse(utf8.stdout) as typeof a;
    expect(a.request).toEqual(b.request);
    expect(a.findings).toEqual(b.findings);
    expect(a.names).toEqual(b.names);
  });

  it('web-enrollment attributes: the EKU from the template, no key to judge', async () => {
    const r = await runCli(['check-request', `${REQ}/web-enrollment.txt`, '--names', NAMES]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^ {2}Request +CA web-enrollment attributes$/m);
    expect(r.stdout).toMatch(
      /^ {2}EKU +Server Authentication \(from the WebServer template: the CA adds them\)$/m,
    );
    expect(r.stdout).toMatch(/^ {2}Key +not part of an attribute string/m);
    expect(r.stdout).not.toContain('MachineKeySet');
  });

  it('--fail-on info fails every request (SUP-REQ-004 is always there) and shows the info findings', async () => {
    const r = await runCli([
      'check-request',
      `${REQ}/good-both.csr`,
      '--names',
      NAMES,
      '--fail-on',
      'info',
    ]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^ {2}info {5}SUP-DEP-001 /m);
  });
});

describe('supcert check-request --format json', () => {
  it("one file: validateSupRequest's report, Dates as ISO strings, der left out", async () => {
    for (const name of [
      'good-both.csr',
      'amp-in-wrong-place.inf',
      'webserver-both-utf16.inf',
      'web-enrollment.txt',
    ]) {
      const r = await runCli([
        'check-request',
        `${REQ}/${name}`,
        '--names',
        NAMES,
        '--format',
        'json',
      ]);
      expect(r.status).toBe(name === 'amp-in-wrong-place.inf' ? 1 : 0);
      const expected = await validateSupRequest(fixture(name), { names: NAMES });
      const got = onlyReport(r.stdout) as { certificate: Record<string, unknown> };
      expect(got).toEqual(asJson(inCliWords(expected)));
      expect(got.certificate).not.toHaveProperty('der');
      expect(got.certificate.notBefore).toBe(expected.certificate.notBefore.toISOString());
    }
  });

  it('several files: one document, results { input, verdict, report } and { input, verdict, error }', async () => {
    const r = await runCli([
      'check-request',
      `${REQ}/good-both.der.csr`,
      `${REQ}/make.sh`,
      '--intranet',
      'sup01.corp.contoso.com',
      '--format',
      'json',
    ]);
    expect(r.status).toBe(2);
    const doc = JSON.parse(r.stdout) as JsonDocument;
    expect(doc.schema).toBe('supcert/check-request/v2');
    const items = doc.results;
    expect(items).toHaveLength(2);
    expect(items[0]).toEqual({
      input: `${REQ}/good-both.der.csr`,
      verdict: 'pass',
      report: asJson(
        inCliWords(
          await validateSupRequest(fixture('good-both.der.csr'), {
            intranetName: 'sup01.corp.contoso.com',
          }),
        ),
      ),
    });
    expect(items[1]!.input).toBe(`${REQ}/make.sh`);
    expect(items[1]!.error?.code).toBe('UNKNOWN_FORMAT');
  });

  it('a single unreadable file still prints the document, with its error (0.1 left stdout empty)', async () => {
    const r = await runCli([
      'check-request',
      `${REQ}/make.sh`,
      '--names',
      NAMES,
      '--format',
      'json',
    ]);
    expect(r.status).toBe(2);
    const doc = JSON.parse(r.stdout) as JsonDocument;
    expect(doc.results).toEqual([
      {
        input: `${REQ}/make.sh`,
        verdict: 'error',
        error: { code: 'UNKNOWN_FORMAT', message: expect.any(String) },
      },
    ]);
    expect(doc.summary).toMatchObject({ inputs: 1, errors: 1, exitCode: 2 });
  });
});

describe('supcert check-request --format sarif', () => {
  it('is valid SARIF 2.1.0 with the catalogue, one result per finding, unreadable inputs as notifications', async () => {
    const r = await runCli([
      'check-request',
      `${REQ}/cn-only-while-san.csr`,
      `${REQ}/make.sh`,
      '--names',
      NAMES,
      '--format',
      'sarif',
    ]);
    expect(r.status).toBe(2);
    const { log, errors } = sarifOf(r.stdout);
    expect(errors).toEqual([]);
    const run = log.runs[0]!;
    expect(run.tool.driver.rules?.map((x) => x.id)).toEqual(describeRules().map((x) => x.id));
    const report = await validateSupRequest(fixture('cn-only-while-san.csr'), { names: NAMES });
    expect((run.results ?? []).map((x) => [x.ruleId, x.level])).toEqual(
      report.findings.map((f) => [
        f.rule,
        { error: 'error', warning: 'warning', info: 'note' }[f.severity],
      ]),
    );
    expect(run.results?.[0]?.locations?.[0]?.physicalLocation?.artifactLocation).toEqual({
      uri: `${REQ}/cn-only-while-san.csr`,
      uriBaseId: '%SRCROOT%',
    });
    const notes = run.invocations?.[0]?.toolExecutionNotifications ?? [];
    expect(
      notes.map((n) => [
        n.level,
        n.descriptor?.id,
        n.locations?.[0]?.physicalLocation?.artifactLocation?.uri,
      ]),
    ).toEqual([['error', 'UNKNOWN_FORMAT', `${REQ}/make.sh`]]);
    expect(run.invocations?.[0]).toMatchObject({ executionSuccessful: false, exitCode: 2 });
  });

  it('a passing request is a successful run with exit code 0', async () => {
    const r = await runCli([
      'check-request',
      `${REQ}/good-both.csr`,
      '--names',
      NAMES,
      '--format',
      'sarif',
    ]);
    expect(r.status).toBe(0);
    const { log, errors } = sarifOf(r.stdout);
    expect(errors).toEqual([]);
    expect(log.runs[0]!.invocations?.[0]).toMatchObject({ executionSuccessful: true, exitCode: 0 });
  });
});

describe('supcert check-request DIRECTORY', () => {
  const dir = path.join(tmp.dir, 'requests');
  const rel = (...parts: string[]): string => path.join(dir, ...parts);

  beforeAll(() => {
    mkdirSync(rel('old'), { recursive: true });
    copyFileSync(path.join(ROOT, REQ, 'good-both.csr'), rel('good-both.csr'));
    copyFileSync(path.join(ROOT, REQ, 'webserver-both-utf16.inf'), rel('sup.inf'));
    copyFileSync(path.join(ROOT, REQ, 'clientauth-eku.csr'), rel('old', 'first-try.req'));
    // What lies next to requests: the issued certificate (PEM and DER), its PFX, notes, an empty file.
    copyFileSync(path.join(ROOT, SUP, 'good-both.pem'), rel('issued.pem'));
    writeFileSync(rel('issued.cer'), derOf(`${SUP}/good-both.pem`));
    copyFileSync(path.join(ROOT, SUP, 'good-both.pfx'), rel('old', 'issued.pfx'));
    writeFileSync(rel('notes.txt'), 'Submitted to the CA team on Monday.\n');
    // A README that quotes the request syntax is a note, not a request.
    writeFileSync(rel('README.md'), '# Requests\n\nThe SAN is requested as `san:dns=a&dns=b`.\n');
    writeFileSync(rel('old', 'empty.txt'), '');
  });

  it('judges every request under it, skips what is not a request with a note, ends with a table', async () => {
    const r = await runCli(['check-request', dir, '--names', NAMES]);
    expect(r.status).toBe(1);
    const table = r.stdout.slice(r.stdout.lastIndexOf('FILE'));
    const clientAuth = await validateSupRequest(fixture('clientauth-eku.csr'), { names: NAMES });
    expect(
      table
        .split('\n')
        .map((l) => l.replace(/ +/g, ' ').trim())
        .filter(Boolean),
    ).toEqual([
      'FILE VERDICT ERRORS WARNINGS',
      `${rel('good-both.csr')} PASS 0 0`,
      `${rel('old', 'first-try.req')} FAIL ${clientAuth.summary.errors} ${clientAuth.summary.warnings}`,
      `${rel('sup.inf')} PASS 0 0`,
      '3 inputs: 2 passed, 1 failed, 6 files skipped',
    ]);
    expect(r.stderr.split('\n').filter(Boolean).sort()).toEqual([
      `supcert: note: ${rel('README.md')}: skipped, not a certificate request (UNKNOWN_FORMAT)`,
      `supcert: note: ${rel('issued.cer')}: skipped, a certificate file, not a request (supcert check judges it)`,
      `supcert: note: ${rel('issued.pem')}: skipped, not a certificate request (UNKNOWN_FORMAT)`,
      `supcert: note: ${rel('notes.txt')}: skipped, not a certificate request (UNKNOWN_FORMAT)`,
      `supcert: note: ${rel('old', 'empty.txt')}: skipped, not a certificate request (EMPTY_INPUT)`,
      `supcert: note: ${rel('old', 'issued.pfx')}: skipped, a certificate file, not a request (supcert check judges it)`,
    ]);
  });

  it('JSON lists every input; a damaged CSR in the folder is an error (exit 2) that does not stop the others', async () => {
    writeFileSync(rel('old', 'damaged.csr'), fixture('good-both.der.csr').subarray(0, 200));
    try {
      const r = await runCli(['check-request', dir, '--names', NAMES, '--format', 'json']);
      expect(r.status).toBe(2);
      const items = (JSON.parse(r.stdout) as JsonDocument).results.filter(
        (i) => i.verdict !== 'skipped',
      ) as Array<{
        input: string;
        report?: { ok: boolean; request: { kind: string } };
        error?: { code: string };
      }>;
      expect(
        items.map((i) => [
          path.relative(dir, i.input),
          i.error?.code ?? `${i.report?.request.kind} ${i.report?.ok}`,
        ]),
      ).toEqual([
        ['good-both.csr', 'csr true'],
        [path.join('old', 'damaged.csr'), 'MALFORMED'],
        [path.join('old', 'first-try.req'), 'csr false'],
        ['sup.inf', 'inf true'],
      ]);
      expect(r.stderr).not.toMatch(STACK);
    } finally {
      rmSync(rel('old', 'damaged.csr'));
    }
  });

  it('a directory without any request is exit 2', async () => {
    const none = path.join(tmp.dir, 'none');
    mkdirSync(none);
    copyFileSync(path.join(ROOT, SUP, 'good-both.pem'), path.join(none, 'sup.pem'));
    const r = await runCli(['check-request', none, '--skip-names']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`supcert: no certificate request found in ${none}.`);
  });
});

describe('supcert check-request: usage', () => {
  it.each([
    ['--trust', ['--trust', 'root.cer'], 'a request has no chain yet'],
    ['--intermediate', ['--intermediate=ca.cer'], 'a request has no chain yet'],
    ['--password-env', ['--password-env', 'P'], 'a certificate request has no password'],
    ['--at', ['--at', '2027-01-01'], 'a request has no validity period yet'],
    ['--timeout', ['--timeout', '5'], 'check-request reads files only'],
  ])('%s is refused with the reason (exit 2)', async (flag, extra, reason) => {
    const r = await runCli(['check-request', `${REQ}/good-both.csr`, ...extra]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`supcert: ${flag} is not a check-request option: ${reason}`);
    expect(r.stderr).toContain('Run "supcert check-request --help" for usage.');
  });

  it('a password on the command line is refused without being echoed', async () => {
    const r = await runCli(['check-request', `${REQ}/good-both.csr`, '--password=Secret-123']);
    expect(r.status).toBe(2);
    expect(r.stderr).not.toContain('Secret-123');
  });

  it('an https:// URL, no file, a bad option value are usage errors', async () => {
    const url = await runCli(['check-request', 'https://sup01.corp.contoso.com']);
    expect(url.status).toBe(2);
    expect(url.stderr).toContain('supcert check https://sup01.corp.contoso.com');
    const none = await runCli(['check-request', '--names', NAMES]);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('give at least one request file');
    const bad = await runCli([
      'check-request',
      `${REQ}/good-both.csr`,
      '--names',
      NAMES,
      '--format',
      'xml',
    ]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--format must be one of text, json, sarif');
    const names = await runCli([
      'check-request',
      `${REQ}/good-both.csr`,
      '--names',
      'a&b',
      '--intranet',
      'c',
    ]);
    expect(names.status).toBe(2);
    expect(names.stderr).toContain('disagrees');
    expect(names.stderr).not.toMatch(STACK);
  });

  it('--help lists the options, and the general help and unknown-command message know all four commands', async () => {
    const help = await runCli(['check-request', '--help']);
    expect(help.status).toBe(0);
    for (const option of [
      '--intranet',
      '--internet',
      '--names',
      '--configuressl',
      '--connections',
      '--generation',
      '--issuer-type',
      '--profile',
      '--format',
      '--fail-on',
      '--verbose',
      '--no-color',
    ]) {
      expect(help.stdout).toContain(option);
    }
    expect(help.stdout).toContain('Exit codes: 0');
    const general = await runCli(['--help']);
    expect(general.stdout).toContain('supcert check-request FILE');
    expect(general.stdout).toContain('supcert suggest');
    const unknown = await runCli(['verify', 'x.csr']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toBe(
      'supcert: unknown command "verify". The commands are: check, check-request, check-server, rules, suggest.\nRun "supcert --help" for usage.\n',
    );
  });
});

describe('supcert suggest', () => {
  it('--format inf is suggestRequest().inf byte for byte (CRLF), and check-request passes it', async () => {
    const r = await runCli(['suggest', '--names', NAMES, '--format', 'inf']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const expected = suggestRequest({ names: NAMES }).inf;
    expect(r.stdout).toBe(expected);
    expect(r.stdout).toContain('\r\n');
    const file = path.join(tmp.dir, 'sup.inf');
    writeFileSync(file, r.stdout);
    const check = await runCli(['check-request', file, '--names', NAMES]);
    expect(check.status).toBe(0);
    expect(check.stdout).toMatch(/^ {2}MachineKeySet +TRUE/m);
    const strict = await runCli(['check-request', file, '--names', NAMES, '--fail-on', 'warning']);
    expect(strict.status).toBe(0);
  });

  it('--generation 2012 gives a legacy CSP that check-request --generation 2012 accepts', async () => {
    const r = await runCli([
      'suggest',
      '--intranet',
      'sup01.corp.contoso.com',
      '--internet',
      'sup01.contoso.com',
      '--generation',
      '2012',
      '--format',
      'inf',
    ]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      suggestRequest({
        intranetName: 'sup01.corp.contoso.com',
        internetName: 'sup01.contoso.com',
        generation: '2012',
      }).inf,
    );
    const file = path.join(tmp.dir, 'sup2012.inf');
    writeFileSync(file, r.stdout);
    const check = await runCli(['check-request', file, '--names', NAMES, '--generation', '2012']);
    expect(check.status).toBe(0);
  });

  it('--format attributes and openssl print one form each; attributes pass check-request', async () => {
    const s = suggestRequest({ names: NAMES });
    const attributes = await runCli(['suggest', '--names', NAMES, '--format', 'attributes']);
    expect(attributes.status).toBe(0);
    expect(attributes.stdout).toBe(`${s.webEnrollmentAttributes}\n`);
    const file = path.join(tmp.dir, 'attributes.txt');
    writeFileSync(file, attributes.stdout);
    expect((await runCli(['check-request', file, '--names', NAMES])).status).toBe(0);
    const openssl = await runCli(['suggest', '--names', NAMES, '--format', 'openssl']);
    expect(openssl.status).toBe(0);
    expect(openssl.stdout).toBe(s.opensslConfig);
  });

  it('--format json is the whole suggestion', async () => {
    const r = await runCli([
      'suggest',
      '--names',
      NAMES,
      '--configuressl',
      'sup01.corp.contoso.com',
      '--format',
      'json',
    ]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(
      suggestRequest({ names: NAMES, configureSslName: 'sup01.corp.contoso.com' }),
    );
  });

  it('text (the default) prints the three forms with headings; warnings go to stderr and keep exit 0', async () => {
    const r = await runCli(['suggest', '--intranet', 'sup01']);
    expect(r.status).toBe(0);
    const s = suggestRequest({ intranetName: 'sup01' });
    expect(s.warnings.length).toBeGreaterThan(0);
    expect(r.stderr).toBe(s.warnings.map((w) => `supcert: warning: ${w}\n`).join(''));
    expect(r.stdout).toContain('Names (SAN order): sup01\n');
    for (const heading of ['certreq INF', 'CA web-enrollment attributes', 'OpenSSL config'])
      expect(r.stdout).toMatch(new RegExp(`^${heading}$`, 'm'));
    expect(r.stdout).toContain(s.inf.replace(/\r\n/g, '\n'));
    expect(r.stdout).toContain(s.webEnrollmentAttributes);
    expect(r.stdout).toContain(s.opensslConfig);
    const inf = await runCli(['suggest', '--intranet', 'sup01', '--format', 'inf']);
    expect(inf.status).toBe(0);
    expect(inf.stdout).toBe(s.inf);
    expect(inf.stderr).toContain('single-label');
  });

  it('no names at all is exit 2 with a clear message', async () => {
    const r = await runCli(['suggest', '--format', 'inf']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      "supcert: give the SUP's names: --names 'intranet&internet', or --intranet NAME (and --internet NAME).\nRun \"supcert suggest --help\" for usage.\n",
    );
  });

  it.each([['--names'], ['--intranet'], ['--internet'], ['--configuressl']])(
    'an empty %s is exit 2 naming the option',
    async (option) => {
      const r = await runCli(['suggest', option, '', '--format', 'inf']);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(
        new RegExp(
          `^supcert: ${option} is empty: give .*, or leave the option out \\(an unset variable\\?\\)\\.\n`,
        ),
      );
    },
  );

  it('--names with no name in it is exit 2 naming the value (an empty name is a usage error)', async () => {
    const r = await runCli(['suggest', '--names', '&', '--format', 'inf']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('names "&" holds no name');
  });

  it('bad values and file arguments are usage errors; --help documents every format', async () => {
    const format = await runCli(['suggest', '--names', NAMES, '--format', 'sarif']);
    expect(format.status).toBe(2);
    expect(format.stderr).toContain('--format must be one of text, inf, attributes, openssl, json');
    const file = await runCli(['suggest', 'sup.inf', '--names', NAMES]);
    expect(file.status).toBe(2);
    expect(file.stderr).toContain('takes no file arguments');
    const help = await runCli(['suggest', '-h']);
    expect(help.status).toBe(0);
    for (const word of [
      '--intranet',
      '--internet',
      '--names',
      '--configuressl',
      '--connections',
      '--generation',
      '--issuer-type',
      'inf',
      'attributes',
      'openssl',
      'json',
    ]) {
      expect(help.stdout).toContain(word);
    }
  });
});

describe('lazy loading', () => {
  /*
   * The request commands are import()ed by main.ts: `supcert check` never evaluates them. (They
   * once reached the library only through an object main.ts handed them, src/cli/library.ts, so
   * that esbuild would not wrap the library's modules in lazy initialisers; check's own lazy
   * imports of library modules, for https:// and --online, made esbuild wrap them anyway — 119
   * wrappers in the bundle with and without that object — so it was removed.)
   */
  it('main.ts loads them with import()', () => {
    const main = readFileSync(path.join(ROOT, 'src/cli/main.ts'), 'utf8');
    expect(main).toContain("await import('./commands/checkRequest.js')");
    expect(main).toContain("await import('./commands/suggest.js')");
    expect(main).not.toMatch(/^import [^;]*'\.\/commands\/(checkRequest|suggest)\.js'/m);
  });
});
