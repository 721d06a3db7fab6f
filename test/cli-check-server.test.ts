import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { NAMES, STACK, SUP, assertBuilt, onlyReport, runCli, tempDir } from './cli-fixtures/run.js';

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
    // One Judged row, the snapshot's: no "the only certificate in the file" for a store export,
    // and no "Private key  not in the file" (SUP-DEP-001 judges the key link).
    expect(r.stdout.match(/^ {2}Judged /gm)).toHaveLength(1);
    expect(r.stdout).toMatch(/^ {2}Judged {7}the bound certificate 17885EA0/m);
    expect(r.stdout).not.toContain('in the file');
    expect(r.stdout).not.toMatch(/^ {2}Private key /m);
  });

  it('a usage error of check-server points to check-server --help', async () => {
    const r = await server('good-wsus-admin', '--password-env', 'NO_SUCH_VARIABLE_NC4');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--password-env is not set');
    expect(r.stderr).toContain('Run "supcert check-server --help" for usage.');
    const timeout = await server('good-wsus-admin', '--timeout', '0');
    expect(timeout.status).toBe(2);
    expect(timeout.stderr).toContain('Run "supcert check-server --help" for usage.');
  });

  it('text: a broken snapshot fails (1) with the deployment errors and the certificate rules of the bound (old) certificate', async () => {
    const r = await server('broken');
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/ERROR {4}SUP-DEP-003 {2}"Content" requires SSL/);
    expect(r.stdout).toMatch(/ERROR {4}SUP-DEP-005 {2}WSUS does not use SSL/);
    expect(r.stdout).toMatch(/ERROR {4}SUP-NAME-002/);
  });

  it('text: the snapshot block says once which certificate was judged; the certificate block adds no second "Judged" or a "Private key" row about a file it did not read', async () => {
    // The bound certificate from the store export (my.reg) and from a 3-certificate PFX with its key:
    // a certificate block that described "the file" said "the only certificate in the file" and
    // "Private key  not in the file" for both, wrong for the PFX.
    for (const dir of ['good-wsus-admin', 'with-pfx']) {
      const r = await server(dir, '--password-env', 'PFX');
      expect(r.status).toBe(0);
      const judged = r.stdout.split('\n').filter((line) => /^ {2}Judged\b/.test(line));
      expect(judged).toEqual([
        '  Judged       the bound certificate 17885EA06B4ECB211827190E53CC57CBA2EE240A',
      ]);
      expect(r.stdout).not.toContain('in the file');
      expect(r.stdout).not.toMatch(/^ {2}Private key/m);
      // The certificate's own rows are all still there, once each.
      for (const row of ['Subject', 'SAN', 'Thumbprint', 'SHA-256', 'Names', 'Chain'])
        expect(r.stdout.match(new RegExp(`^ {2}${row} +\\S`, 'gm'))).toHaveLength(1);
    }
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
    // SUP-DEP-002: the previous certificate is bound while the store holds the current one.
    expect(errors).toEqual(['SUP-DEP-002', 'SUP-DEP-003', 'SUP-DEP-005', 'SUP-NAME-002']);
  });

  it('a hostname:port binding, a localised netsh and a store without the bound certificate give clear findings', async () => {
    // SNI only: the name it binds passes; a second SUP name no entry binds gets no certificate.
    const sni = await server('hostname-binding');
    expect(sni.status).toBe(1);
    expect(sni.stdout).toMatch(/SUP-DEP-002 .*clients that connect as "sup01\.contoso\.com"/);
    const sniOneName = await runCli(
      [
        'check-server',
        `${SNAP}/hostname-binding`,
        '--names',
        'sup01.corp.contoso.com',
        '--at',
        '2027-01-01',
      ],
      {},
    );
    expect(sniOneName.status).toBe(0);
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

  it('text: the bound certificate in no file given: no certificate rows (no blank certificate), and the verdict line says it was not judged', async () => {
    // Only the exports, not the store: the thumbprint HTTP.sys binds is in no file given. The
    // block once printed an empty Subject, "Valid 1970-01-01 … EXPIRED", the SHA-1 of nothing and
    // "Names none given" although --names was given, under a PASS that did not say so.
    const dir = `${SNAP}/good-wsus-admin`;
    const files = ['applicationHost.config', 'sslcert.txt', 'setup.reg'].map((f) => `${dir}/${f}`);
    const r = await runCli(['check-server', ...files, '--names', NAMES, '--at', '2027-01-01']);
    // A gate never passes what it did not check: SUP-DEP-001 says no certificate was judged.
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^ {2}Judged {7}no certificate/m);
    expect(r.stdout).toMatch(
      /SUP-DEP-001 {2}No certificate was judged: the certificate HTTP\.sys binds on port 8531 \(17885EA0\w+\) is not among the files given/,
    );
    for (const row of ['Subject', 'Valid', 'Thumbprint', 'SHA-256', 'Names', 'Chain'])
      expect(r.stdout, row).not.toMatch(new RegExp(`^ {2}${row} `, 'm'));
    expect(r.stdout).not.toContain('1970');
    expect(r.stdout).not.toContain('DA39A3EE');
    expect(r.stdout).toMatch(
      /FAIL {2}1 error, 0 warnings, \d+ info; the certificate NOT judged \(not among the files given\)/,
    );
    // Nothing bound on the SSL port and no certificate file: the verdict line does not claim a
    // bound certificate that the files lack.
    const nothingBound = await runCli([
      'check-server',
      'certs-fixtures/deployment/netsh/no-bindings.txt',
      'certs-fixtures/deployment/reg/my-good.reg',
      '--names',
      NAMES,
    ]);
    expect(nothingBound.status).toBe(1);
    expect(nothingBound.stdout).toMatch(
      /FAIL {2}2 errors, 0 warnings, \d+ info; NO certificate judged \(no binding names one, and no certificate file was given\); SUP-DEP-003, SUP-DEP-004, SUP-DEP-005 NOT decided \(the info findings name the export that decides each\)\n/,
    );
    expect(nothingBound.stdout).not.toContain('not among the files given');
    // A PASS never reads as covering rules no export decided: the verdict line names them.
    const partial = await server('localised');
    expect(partial.status).toBe(0);
    expect(partial.stdout).toMatch(
      /PASS {2}0 errors, 0 warnings, \d+ info; SUP-DEP-\d{3}(, SUP-DEP-\d{3})* NOT decided \(the info findings name the export that decides each\)(; chain NOT validated \(no --trust\))?\n/,
    );
    // With the store export the certificate is judged, and the verdict line says nothing more.
    const judged = await server('good-wsus-admin');
    expect(judged.stdout).toMatch(/^ {2}Subject {6}CN=sup01\.corp\.contoso\.com$/m);
    expect(judged.stdout).not.toContain('NOT judged');
  });

  it('text: an IP:port entry behind SNI entries for every SUP name is a decision of SUP-DEP-002 (an info), not an export missing: the verdict line does not call it undecided', async () => {
    const files = ['iis/wsus-admin-good.config', 'reg/setup-good.reg', 'reg/my-good.reg'];
    const run = (netsh: string) =>
      runCli([
        'check-server',
        ...files.map((f) => `certs-fixtures/deployment/${f}`),
        `certs-fixtures/deployment/netsh/${netsh}`,
        '--names',
        NAMES,
        '--at',
        '2027-01-01',
      ]);
    const behind = await run('sni-every-name-ip-old.txt');
    expect(behind.status).toBe(0);
    expect(behind.stdout).toMatch(/PASS {2}0 errors, 0 warnings, \d+ info; chain NOT validated/);
    expect(behind.stdout).not.toContain('NOT decided');
    // Without the netsh export SUP-DEP-002 is undecided, and the same line says so.
    const noNetsh = await runCli([
      'check-server',
      ...files.map((f) => `certs-fixtures/deployment/${f}`),
      '--names',
      NAMES,
      '--at',
      '2027-01-01',
    ]);
    expect(noNetsh.stdout).toMatch(/; SUP-DEP-002 NOT decided \(the info findings name the export/);
  });

  it("messages name the command line's options (--configuressl), in text and JSON, as check's do", async () => {
    const text = await server('good-wsus-admin', '--verbose');
    expect(text.stdout).toMatch(/SUP-NAME-004 .*\(--configuressl\)/);
    expect(text.stdout).not.toContain('configureSslName');
    const json = await server('good-wsus-admin', '--format', 'json');
    expect(json.stdout).toContain('(--configuressl)');
    expect(json.stdout).not.toContain('configureSslName');
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
      // Judged, and FAIL only because no file holds the bound certificate (SUP-DEP-001).
      expect(r.status).toBe(1);
      expect(r.stdout).toContain('No certificate was judged');
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

  type Chain = { valid: boolean; path: string[]; problems: Array<{ code: string }> };
  type ServerReport = {
    ok: boolean;
    chain?: Chain;
    deployment: { judged: string; thumbprint: string; notes: string[] };
    findings: Array<{ rule: string; severity: string; message: string }>;
  };
  const json = async (...args: string[]) => {
    const r = await server('good-wsus-admin', '--format', 'json', ...args);
    return { ...r, report: onlyReport(r.stdout) as unknown as ServerReport };
  };

  it('--trust and --intermediate reach the chain validation, as with check', async () => {
    const none = await json();
    expect(none.report.chain).toBeUndefined();
    // The root alone: the chain is checked, and the issuing CA the snapshot lacks is named.
    const root = await json('--trust', `${SUP}/root.pem`);
    expect(root.status).toBe(0);
    expect(root.report.chain!.path[0]).toBe('CN=sup01.corp.contoso.com');
    expect(root.report.chain!.valid).toBe(false);
    expect(root.report.chain!.problems.map((p) => p.code)).toEqual(['NO_PATH']);
    expect(root.report.findings.find((f) => f.rule === 'SUP-CHAIN-002')!.severity).toBe('warning');
    const full = await json('--trust', `${SUP}/root.pem`, '--intermediate', `${SUP}/issuing.pem`);
    expect(full.status).toBe(0);
    expect(full.report.chain).toEqual({
      valid: true,
      path: ['CN=sup01.corp.contoso.com', 'CN=Contoso SUP Issuing CA', 'CN=Contoso SUP Test Root'],
      problems: [],
    });
    const text = await server('good-wsus-admin', '--trust', `${SUP}/chain.pem`);
    expect(text.stdout).toMatch(/Chain {8}trusted: CN=sup01\.corp\.contoso\.com > /);
    // A trust file holding an intermediate gets check's note.
    expect(text.stderr).toMatch(
      /note: .*chain\.pem: "CN=Contoso SUP Issuing CA" is not self-signed/,
    );
  });

  it('a missing --trust, --intermediate or --crl file, or a --crl that is no CRL, is exit 2 naming it, as with check', async () => {
    for (const option of ['--trust', '--intermediate', '--crl']) {
      const r = await server('good-wsus-admin', option, '/nonexistent/supcert-missing.file');
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(
        'supcert: /nonexistent/supcert-missing.file: no such file or directory (ENOENT)\n',
      );
      const check = await runCli([
        'check',
        `${SUP}/good-intranet.pem`,
        '--skip-names',
        option,
        '/nonexistent/supcert-missing.file',
      ]);
      expect(check.status).toBe(2);
      expect(check.stderr).toBe(r.stderr);
    }
    const notCrl = await server('good-wsus-admin', '--crl', `${SUP}/root.pem`);
    expect(notCrl.status).toBe(2);
    expect(notCrl.stderr).toMatch(/root\.pem: Not a CRL: .*\(UNKNOWN_FORMAT\)\n$/);
    expect(notCrl.stderr).not.toMatch(STACK);
  });

  it('refuses --jobs and --targets on exported files (2), saying why, rather than ignoring them', async () => {
    const jobs = await server('good-wsus-admin', '--jobs', '2');
    expect(jobs.status).toBe(2);
    expect(jobs.stderr).toMatch(
      /--jobs spreads independent inputs .*check-server judges the files exported from one server together/,
    );
    const dir = tempDir();
    try {
      const list = path.join(dir.dir, 'targets.txt');
      writeFileSync(list, `${SUP}/good-intranet.pem\n`);
      const targets = await server('good-wsus-admin', '--targets', list);
      expect(targets.status).toBe(2);
      expect(targets.stderr).toMatch(/--targets lists independent inputs for "supcert check"/);
      expect(targets.stdout).toBe('');
    } finally {
      dir.remove();
    }
  });

  it.each(['jsonl', 'csv'])(
    'refuses --format %s on exported files (2), which printed nothing at all before',
    async (format) => {
      const r = await server('good-wsus-admin', '--format', format);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(
        `--format ${format} writes one record per independent input of "supcert check"`,
      );
      expect(r.stderr).toContain('give --format text, json or sarif');
      // The formats it does take still print the report.
      const json = await server('good-wsus-admin', '--format', 'json');
      expect(json.stdout).toContain('"schema": "supcert/check-server/v2"');
    },
  );

  it('a CA-only certificate file given with a snapshot is chain material (intermediates), not the certificate meant to be bound', async () => {
    const text = await server('good-wsus-admin', `${SUP}/issuing.pem`);
    expect(text.status).toBe(0);
    expect(text.stdout).not.toMatch(/SUP-DEP-002/);
    expect(text.stdout).toMatch(
      /Note {9}.*issuing\.pem holds only CA certificates \("CN=Contoso SUP Issuing CA"\): used as intermediates for the chain, not as the server's certificate, and never as trust anchors/,
    );
    // It completes the chain like --intermediate does.
    const r = await json(`${SUP}/issuing.pem`, '--trust', `${SUP}/root.pem`);
    expect(r.report.deployment.judged).toBe('bound');
    expect(r.report.deployment.thumbprint).toBe('17885EA06B4ECB211827190E53CC57CBA2EE240A');
    expect(r.report.chain!.valid).toBe(true);
    expect(
      r.report.findings.filter((f) => f.rule === 'SUP-DEP-002' && f.severity === 'error'),
    ).toEqual([]);
    // Its root is never trusted for being in the snapshot: with another root as the anchor, no path.
    const other = await json(`${SUP}/chain.pem`, '--trust', `${SUP}/sms-root.pem`);
    expect(other.report.chain!.valid).toBe(false);
    expect(other.report.chain!.path).toEqual([
      'CN=sup01.corp.contoso.com',
      'CN=Contoso SUP Issuing CA',
      'CN=Contoso SUP Test Root',
    ]);
    expect(other.report.deployment.notes.join('\n')).toMatch(
      /chain\.pem holds only CA certificates/,
    );
  });

  it('a CA-only certificate file given alone is still judged: SUP-FILE-002', async () => {
    const r = await runCli([
      'check-server',
      `${SUP}/chain.pem`,
      '--names',
      NAMES,
      '--format',
      'json',
    ]);
    expect(r.status).toBe(1);
    const report = onlyReport(r.stdout) as unknown as ServerReport;
    expect(report.deployment.judged).toBe('file');
    expect(report.findings.find((f) => f.rule === 'SUP-FILE-002')!.severity).toBe('error');
    expect(report.deployment.notes).toEqual([]);
  });

  it('text: the Bound line shows ten HTTP.sys entries and counts the rest (a hosting server may have thousands)', async () => {
    const { dir, remove } = tempDir();
    const entry = (ip: string) =>
      `    IP:port                      : ${ip}:8531\r\n    Certificate Hash             : 17885ea06b4ecb211827190e53cc57cba2ee240a\r\n    Application ID               : {4dc3e181-e14b-4a21-b022-59fc669b0914}\r\n    Certificate Store Name       : MY\r\n\r\n`;
    const file = path.join(dir, 'sslcert.txt');
    writeFileSync(
      file,
      `SSL Certificate bindings:\r\n\r\n${Array.from({ length: 2_000 }, (_, i) => entry(`10.0.${i >> 8}.${i & 255}`)).join('')}`,
    );
    const r = await runCli(['check-server', file, '--skip-names', '--at', '2027-01-01']);
    expect(r.stdout).toMatch(
      /Bound {8}10\.0\.0\.0:8531 → 17885EA0\S+; (?:[^;\n]+; ){9}and 1,990 more entries\n/,
    );
    expect(r.stdout.length).toBeLessThan(20_000);
    remove();
  });

  it('text: names from the files in the snapshot block are marked when not ASCII and cut at the field length, as the other names the CLI prints; the JSON keeps them whole', async () => {
    const { dir, remove } = tempDir();
    try {
      // A homoglyph host name (Cyrillic "ѕ") in an SNI binding, and a site name with a Cyrillic
      // "а", a bidi override and 3,000 more characters.
      const site = `WSUS \u202eAdministr\u0430tion${'x'.repeat(3_000)}`;
      const config = readFileSync(`${SNAP}/good-wsus-admin/applicationHost.config`, 'utf8');
      writeFileSync(
        path.join(dir, 'applicationHost.config'),
        config.replaceAll('WSUS Administration', site.replace('\u202e', '&#x202e;')),
      );
      writeFileSync(
        path.join(dir, 'sslcert.txt'),
        readFileSync('certs-fixtures/deployment/netsh/hostname-port.txt', 'utf8').replace(
          'sup01.corp.contoso.com:8531',
          '\u0455up01.corp.contoso.com:8531',
        ),
      );
      const files = ['applicationHost.config', 'sslcert.txt'].map((f) => path.join(dir, f));
      const args = ['check-server', ...files, '--skip-names', '--at', '2027-01-01'];
      const r = await runCli(args);
      const row = (label: string) =>
        r.stdout.split('\n').find((line) => line.startsWith(`  ${label} `)) ?? '';
      expect(row('Bound')).toContain(
        '\u0455up01.corp.contoso.com:8531 (not ASCII: \\u{455}up01.corp.contoso.com:8531) → ',
      );
      expect(row('WSUS site')).toContain('WSUS \\u{202e}Administr\u0430tionxxx');
      expect(row('WSUS site')).toContain('(3,020 characters; --format json shows it whole)');
      expect(row('WSUS site')).toContain('(not ASCII: WSUS \\u{202e}Administr\\u{430}tionxxx');
      expect(row('WSUS site').length).toBeLessThan(2_500);
      expect(r.stdout).not.toContain('\u202e');
      const json = await runCli([...args, '--format', 'json']);
      const doc = JSON.parse(json.stdout) as {
        results: Array<{ report: { deployment: { wsusSite: { name: string } } } }>;
      };
      expect(doc.results[0]!.report.deployment.wsusSite.name).toBe(site);
    } finally {
      remove();
    }
  });
  it('text: the SSL port row marks and cuts the names it quotes (the IIS site, the file) as the other rows do', async () => {
    const long = `WSUS \u202eAdministr\u0430tion${'x'.repeat(3_000)}`;
    const shownLong = `WSUS \\u{202e}Administr\u0430tion${'x'.repeat(980)}… (3,020 characters; --format json shows it whole) (not ASCII: WSUS \\u{202e}Administr\\u{430}tion${'x'.repeat(980)}…)`;
    const cases: Array<{
      title: string;
      site?: string;
      /** The name the WSUS Setup export is given, when it is given. */
      setup?: string;
      row: (dir: string) => string;
    }> = [
      {
        title: 'plain ASCII: as before',
        row: (dir) =>
          `8531 (the https binding of "WSUS Administration" in ${dir}/applicationHost.config)`,
      },
      {
        title: 'a site name with a bidi override, a Cyrillic letter and 3,000 more characters',
        site: long,
        row: (dir) => `8531 (the https binding of "${shownLong}" in ${dir}/applicationHost.config)`,
      },
      {
        title: 'a WSUS Setup export whose file name has a Cyrillic letter',
        setup: '\u0455etup.reg',
        row: (dir) =>
          `8531 (WSUS's PortNumber 8530 in ${dir}/\u0455etup.reg (not ASCII: ${dir}/\\u{455}etup.reg))`,
      },
    ];
    for (const c of cases) {
      const { dir, remove } = tempDir();
      try {
        const config = readFileSync(`${SNAP}/good-wsus-admin/applicationHost.config`, 'utf8');
        writeFileSync(
          path.join(dir, 'applicationHost.config'),
          c.site
            ? config.replaceAll('WSUS Administration', c.site.replace('\u202e', '&#x202e;'))
            : config,
        );
        writeFileSync(
          path.join(dir, 'sslcert.txt'),
          readFileSync(`${SNAP}/good-wsus-admin/sslcert.txt`),
        );
        if (c.setup)
          writeFileSync(path.join(dir, c.setup), readFileSync(`${SNAP}/good-wsus-admin/setup.reg`));
        const files = ['applicationHost.config', 'sslcert.txt', ...(c.setup ? [c.setup] : [])];
        const r = await runCli([
          'check-server',
          ...files.map((f) => path.join(dir, f)),
          '--skip-names',
          '--at',
          '2027-01-01',
        ]);
        const row = r.stdout.split('\n').find((line) => line.startsWith('  SSL port ')) ?? '';
        // Runs of one character written as <x×N>, so a failure prints a line.
        const runs = (text: string): string =>
          text.replace(/(.)\1{9,}/gu, (run, x: string) => `<${x}×${[...run].length}>`);
        expect(runs(row), c.title).toBe(runs(`  SSL port     ${c.row(dir)}`));
        expect(r.stdout, c.title).not.toContain('\u202e');
      } finally {
        remove();
      }
    }
  });
});
