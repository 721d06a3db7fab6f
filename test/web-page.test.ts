/**
 * The offline page (dist/web/supcert.html) in a real browser: Debian's Chromium, headless, driven
 * by playwright-core, the page opened from file://. For each input the page must show the same
 * findings (rule, severity, code) as the library gives in Node for the same bytes and options, a
 * wrong password the same error code, and the page must make no request but its own load. In
 * its snapshot mode, the same for a server's exported files (validateSupDeployment), and the JSON
 * it saves is the document `supcert check-server --format json` prints.
 *
 * No Chromium is a failure, not a skip (.ci/run installs it). SUPCERT_SCREENSHOT=1 rewrites
 * docs/screenshot-web.png; without it the test leaves the tree as it is.
 */
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BrowserContext, type Page, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SupCertError,
  readCertificates,
  validateSupCertificate,
  validateSupDeployment,
} from '../src/index.js';
import type { SupOptions } from '../src/index.js';
import { snapshotRows } from '../src/report/snapshotRows.js';
import { printable } from '../src/util/printable.js';
import { shown as shownName } from '../web/shown.js';
import { assertBuilt, runCli } from './cli-fixtures/run.js';
// @ts-expect-error: a plain .mjs build script, no declarations
import { buildWeb } from '../scripts/build-web.mjs';

const CHROMIUM = '/usr/bin/chromium';
const root = resolve(import.meta.dirname, '..');
const fixture = (p: string): string => join(root, 'certs-fixtures', p);
const WINDOWS_PASSWORD = 'Passw0rd'; // certs-fixtures/securityfever-windows-pfx/manifest.json
const NAMES = 'sup01.corp.contoso.com&sup01.contoso.com';

let context: BrowserContext;
let page: Page;
let pageUrl: string;
let pageInputs: string[];
let userDataDir: string;
const requests: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium); .ci/run does.`,
    );
  assertBuilt();
  const built = (await buildWeb({ out: join(root, 'dist/web/supcert.html') })) as {
    out: string;
    inputs: string[];
  };
  pageUrl = pathToFileURL(built.out).href;
  pageInputs = built.inputs;
  userDataDir = mkdtempSync(join(tmpdir(), 'supcert-chromium-'));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    acceptDownloads: true,
    viewport: { width: 900, height: 900 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  // Every request the page makes is recorded; only the page itself is let through.
  context.on('request', (r) => requests.push(r.url()));
  await context.route('**/*', (route) =>
    route.request().url() === pageUrl ? route.continue() : route.abort(),
  );
  page = context.pages()[0] ?? (await context.newPage());
}, 30_000);

afterAll(async () => {
  await context?.close();
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
});

interface PageInput {
  /** The page's mode (`input[name=mode]`); certificate when not given. */
  mode?: 'certificate' | 'snapshot';
  files: string[];
  /** A role for some files (by base name): the value of its role select. */
  roles?: Record<string, string>;
  password?: string;
  names?: string;
  at?: Date;
  generation?: '2007' | '2012' | 'current';
  profile?: 'windows' | 'strict';
}

interface Shown {
  verdict: string;
  mode: string | null;
  rules: string | null;
  error: string | null;
  findings: string[];
  /** The "Server snapshot" rows (label, value) of snapshot mode. */
  snapshot: Array<[string, string]>;
}

/** Opens the page afresh, fills it in as a user would, presses Check and reads the result. */
async function check(input: PageInput): Promise<Shown> {
  await page.goto(pageUrl);
  if (input.mode) await page.check(`input[name=mode][value=${input.mode}]`);
  await page.setInputFiles('input[type=file]', input.files);
  for (const [name, role] of Object.entries(input.roles ?? {}))
    await page.selectOption(`select[aria-label="Role of ${name}"]`, role);
  if (input.password !== undefined) await page.fill('input[name=password]', input.password);
  if (input.names !== undefined) await page.fill('input[name=names]', input.names);
  if (input.generation) await page.selectOption('select[name=generation]', input.generation);
  if (input.profile) await page.selectOption('select[name=profile]', input.profile);
  if (input.at) {
    await page.click('details.more summary');
    await page.fill('input[name=at]', input.at.toISOString());
  }
  await page.click('button[name=check]');
  await page.waitForSelector(
    '#verdict[data-verdict="pass"], #verdict[data-verdict="fail"], #verdict[data-verdict="error"]',
    {
      timeout: 20_000,
    },
  );
  // The password field is emptied once it has been used.
  expect(await page.inputValue('input[name=password]')).toBe('');
  // Runs in the page (this project's type-check has no DOM types, hence `any`).
  return page.evaluate(() => {
    const doc = (globalThis as any).document;
    const v = doc.getElementById('verdict');
    return {
      verdict: String(v.dataset.verdict ?? ''),
      mode: v.getAttribute('data-mode') as string | null,
      rules: v.getAttribute('data-rules') as string | null,
      error: v.getAttribute('data-error') as string | null,
      findings: Array.from(doc.querySelectorAll('li.finding') as ArrayLike<any>).map(
        (li) =>
          `${li.dataset.severity} ${li.dataset.rule}${li.dataset.code ? ` ${li.dataset.code}` : ''}`,
      ),
      snapshot: Array.from(
        doc.querySelectorAll('details.snapshot dt') as ArrayLike<any>,
        (dt): [string, string] => [
          String(dt.textContent),
          String(dt.nextElementSibling.textContent),
        ],
      ),
    };
  });
}

/** The same inputs judged by the library in Node: what the page must show. */
async function inNode(
  judged: string,
  options: SupOptions,
): Promise<{ verdict: string; rules: string; findings: string[] }> {
  const report = await validateSupCertificate(readFileSync(judged), options);
  const findings = report.findings as Array<{ severity: string; rule: string; code?: string }>;
  return {
    verdict: report.ok ? 'pass' : 'fail',
    rules: [...new Set(findings.filter((f) => f.severity !== 'info').map((f) => f.rule))].join(' '),
    findings: findings.map((f) => `${f.severity} ${f.rule}${f.code ? ` ${f.code}` : ''}`),
  };
}

/** One day after the judged certificate's notBefore: a time at which it is valid, whatever today is. */
async function validTime(file: string, password?: string): Promise<Date> {
  const bundle = await readCertificates(readFileSync(file), { password });
  const leaf = bundle.certificates.find((c) => !c.isCA) ?? bundle.certificates[0]!;
  return new Date(leaf.notBefore.getTime() + 86_400_000);
}

const sorted = (xs: string[]): string[] => [...xs].sort();

describe('the offline page in Chromium (file://)', () => {
  const cases: Array<{
    title: string;
    judged: string;
    extra?: string[];
    trust?: string[];
    intermediates?: string[];
    password?: string;
  }> = [
    {
      title: 'a Windows 3DES PFX (TripleDES-SHA1 export, with its CA)',
      judged: fixture('securityfever-windows-pfx/cert-chain-des.pfx'),
      password: WINDOWS_PASSWORD,
    },
    {
      title: 'a Windows AES PFX (AES256-SHA256 export, with its CA)',
      judged: fixture('securityfever-windows-pfx/cert-chain-aes.pfx'),
      password: WINDOWS_PASSWORD,
    },
    { title: 'an EC PEM', judged: fixture('sup/ec-p256.pem') },
    {
      title: 'a leaf with its intermediate and its root (the chain checked)',
      judged: fixture('sup/good-both.pem'),
      intermediates: [fixture('sup/issuing.pem')],
      trust: [fixture('sup/root.pem')],
    },
  ];

  for (const c of cases)
    it(`shows the same findings as the library in Node: ${c.title}`, async () => {
      const at = await validTime(c.judged, c.password);
      const options: SupOptions = { names: NAMES, at, generation: 'current', profile: 'windows' };
      if (c.password) options.password = c.password;
      if (c.trust) options.trustAnchors = c.trust.map((f) => readFileSync(f));
      if (c.intermediates) options.intermediates = c.intermediates.map((f) => readFileSync(f));
      const expected = await inNode(c.judged, options);
      const shown = await check({
        files: [c.judged, ...(c.intermediates ?? []), ...(c.trust ?? [])],
        password: c.password,
        names: NAMES,
        at,
      });
      expect(shown.error).toBeNull();
      expect(shown.mode).toBe('certificate');
      expect(shown.verdict).toBe(expected.verdict);
      expect(shown.rules).toBe(expected.rules);
      expect(sorted(shown.findings)).toEqual(sorted(expected.findings));
      expect(shown.findings.length).toBeGreaterThan(0);
      if (c.trust) expect(await page.textContent('#report')).toContain('trusted: ');
    });

  it('the names field and the two FQDN fields show the same names, whichever is typed in', async () => {
    await page.goto(pageUrl);
    const fields = async (): Promise<string[]> =>
      Promise.all(
        ['names', 'intranet', 'internet'].map((n) => page.inputValue(`input[name=${n}]`)),
      );
    await page.fill('input[name=intranet]', 'sup01.corp.contoso.com');
    await page.fill('input[name=internet]', 'sup01.contoso.com');
    expect(await fields()).toEqual([
      'sup01.corp.contoso.com&sup01.contoso.com',
      'sup01.corp.contoso.com',
      'sup01.contoso.com',
    ]);
    for (const [typed, intranet, internet] of [
      ['a.corp.example&b.example', 'a.corp.example', 'b.example'],
      ['a.corp.example', 'a.corp.example', ''],
      ['&b.example', '', 'b.example'],
      ['san:dns=a.corp.example&dns=b.example', '', ''],
      ['a.example&b.example&c.example', '', ''],
    ]) {
      await page.fill('input[name=names]', typed!);
      expect(await fields(), typed).toEqual([typed, intranet, internet]);
    }
  });

  it('a wrong password shows the same typed error as the library', async () => {
    const file = fixture('securityfever-windows-pfx/cert-chain-des.pfx');
    const code = await readCertificates(readFileSync(file), { password: 'not-the-password' }).then(
      () => 'opened',
      (e: unknown) => (e instanceof SupCertError ? e.code : 'not a SupCertError'),
    );
    expect(code).toBe('WRONG_PASSWORD');
    const shown = await check({ files: [file], password: 'not-the-password', names: NAMES });
    expect(shown.verdict).toBe('error');
    expect(shown.error).toBe(code);
    expect(shown.rules).toBeNull();
    // The password is in no text of the page.
    expect(await page.content()).not.toContain('not-the-password');
  });

  it('refuses more files than one check takes (LIMIT_EXCEEDED), before reading any', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'supcert-many-'));
    try {
      const files = Array.from({ length: 51 }, (_, i) => {
        const file = join(dir, `copy-${i}.pem`);
        copyFileSync(fixture('sup/good-both.pem'), file);
        return file;
      });
      const shown = await check({ files, names: NAMES });
      expect(shown.verdict).toBe('error');
      expect(shown.error).toBe('LIMIT_EXCEEDED');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('saves the JSON report (the CLI v2 shape) from memory', async () => {
    const file = fixture('sup/good-both.pfx');
    const password = 'Passw0rd!'; // certs-fixtures/sup/README.md
    const at = await validTime(file, password);
    const shown = await check({ files: [file], password, names: NAMES, at });
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#save')]);
    const doc = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(doc.schema).toBe('supcert/check/v2');
    expect(doc.results).toHaveLength(1);
    expect(doc.results[0].input).toBe('good-both.pfx');
    expect(doc.results[0].verdict).toBe(shown.verdict);
    const expected = await inNode(file, { password, names: NAMES, at });
    expect(
      sorted(
        doc.results[0].report.findings.map(
          (f: any) => `${f.severity} ${f.rule}${f.code ? ` ${f.code}` : ''}`,
        ),
      ),
    ).toEqual(sorted(expected.findings));
    expect(doc.results[0].report.certificate.der).toBeUndefined();
    expect(doc.summary).toMatchObject({
      inputs: 1,
      failOn: 'error',
      exitCode: shown.verdict === 'pass' ? 0 : 1,
    });
  });

  it('screenshot (SUPCERT_SCREENSHOT=1 rewrites docs/screenshot-web.png)', async () => {
    const at = await validTime(fixture('sup/no-san.pem'));
    const shown = await check({
      files: [fixture('sup/no-san.pem'), fixture('sup/issuing.pem'), fixture('sup/root.pem')],
      names: NAMES,
      at,
    });
    expect(shown.verdict).toBe('fail');
    const png = await page.screenshot({ fullPage: true });
    expect(png.length).toBeGreaterThan(1000);
    if (process.env.SUPCERT_SCREENSHOT)
      (await import('node:fs')).writeFileSync(join(root, 'docs/screenshot-web.png'), png);
  });

  describe('snapshot mode: the files exported on a SUP, judged together (validateSupDeployment)', () => {
    const SNAP = fixture('deployment/snapshots');
    const DEP = fixture('deployment');
    const PFX_PASSWORD = 'Passw0rd!'; // certs-fixtures/sup/README.md (the snapshots' PFX files)
    // The certificates of the snapshots (certs-fixtures/sup) are valid then; AT of the CLI tests.
    const AT = new Date('2027-01-01T00:00:00Z');
    const inDir = (dir: string): string[] =>
      ['applicationHost.config', 'sslcert.txt', 'setup.reg', 'my.reg', 'my.sst', 'sup01.pfx']
        .map((f) => join(SNAP, dir, f))
        .filter((f) => existsSync(f));

    /** The library's report in Node for the same files, names, time and password. */
    async function deploymentInNode(files: string[], options: SupOptions) {
      const report = await validateSupDeployment(
        files.map((f) => ({ name: basename(f), bytes: readFileSync(f) })),
        options,
      );
      const findings = report.findings as Array<{ severity: string; rule: string; code?: string }>;
      return {
        report,
        verdict: report.summary.errors > 0 ? 'fail' : 'pass',
        rules: [...new Set(findings.filter((f) => f.severity !== 'info').map((f) => f.rule))].join(
          ' ',
        ),
        findings: findings.map((f) => `${f.severity} ${f.rule}${f.code ? ` ${f.code}` : ''}`),
      };
    }

    /**
     * The "Server snapshot" rows the page must show for a report: check-server's rows, each name
     * from a file as shown() writes it, the whole row escaped (printable), and a note that tells
     * to give trustAnchors in the page's words.
     */
    const pageRows = (report: Parameters<typeof snapshotRows>[0]): Array<[string, string]> =>
      snapshotRows(report, shownName).map((r) => [
        r.label,
        printable(
          r.value.replace(' as trustAnchors, CLI --trust)', ' as a file marked "Trusted root(s)")'),
        ),
      ]);

    const cases: Array<{
      title: string;
      files: string[];
      trust?: string[];
      password?: string;
      verdict: 'pass' | 'fail';
    }> = [
      {
        title: 'a correct WSUS Administration site',
        files: inDir('good-wsus-admin'),
        verdict: 'pass',
      },
      {
        title: 'a broken one (Content requires SSL, the old certificate bound, UsingSSL 0)',
        files: inDir('broken'),
        verdict: 'fail',
      },
      {
        title: 'with the PFX and its password (the bound certificate found in it)',
        files: inDir('with-pfx'),
        password: PFX_PASSWORD,
        verdict: 'pass',
      },
      {
        title: 'a store export without the bound certificate (nothing judged: SUP-DEP-001)',
        files: inDir('store-without-bound'),
        verdict: 'fail',
      },
      {
        title: 'a mix of single exports, an .sst, and the root marked "Trusted root(s)"',
        files: [
          join(DEP, 'iis/client-cert-require.config'),
          join(DEP, 'netsh/negotiate-client-cert.txt'),
          join(DEP, 'reg/setup-wrong-name.reg'),
          join(DEP, 'sst/my-good.sst'),
          // Only CA certificates: the chain's intermediate (a note says so).
          fixture('sup/issuing.pem'),
        ],
        trust: [fixture('sup/root.pem')],
        verdict: 'fail',
      },
    ];

    for (const c of cases)
      it(`shows the same findings and snapshot rows as the library in Node: ${c.title}`, async () => {
        const options: SupOptions = {
          names: NAMES,
          at: AT,
          generation: 'current',
          profile: 'windows',
        };
        if (c.password) options.password = c.password;
        if (c.trust) options.trustAnchors = c.trust.map((f) => readFileSync(f));
        const expected = await deploymentInNode(c.files, options);
        expect(expected.verdict).toBe(c.verdict);
        const shown = await check({
          mode: 'snapshot',
          files: [...c.files, ...(c.trust ?? [])],
          roles: Object.fromEntries((c.trust ?? []).map((f) => [basename(f), 'trust'])),
          password: c.password,
          names: NAMES,
          at: AT,
        });
        expect(shown.error).toBeNull();
        expect(shown.mode).toBe('snapshot');
        expect(shown.verdict).toBe(expected.verdict);
        expect(shown.rules).toBe(expected.rules);
        expect(sorted(shown.findings)).toEqual(sorted(expected.findings));
        expect(shown.findings.some((f) => / SUP-DEP-00\d /.test(`${f} `))).toBe(true);
        // The rows check-server prints above the report, each name as shown() writes it.
        expect(shown.snapshot).toEqual(pageRows(expected.report));
        if (c.trust) expect(await page.textContent('#report')).toContain('trusted: ');
        if (c.files.some((f) => f.endsWith('issuing.pem')))
          expect(shown.snapshot).toContainEqual([
            'Note',
            expect.stringContaining(
              'never as trust anchors (give the root the clients trust as a file marked "Trusted root(s)")',
            ),
          ]);
      });

    it('saves the JSON document `supcert check-server --format json` prints for the same files', async () => {
      const dir = join(SNAP, 'with-pfx');
      const files = inDir('with-pfx');
      const shown = await check({
        mode: 'snapshot',
        files,
        password: PFX_PASSWORD,
        names: NAMES,
        at: AT,
      });
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#save')]);
      const saved = JSON.parse(readFileSync((await download.path())!, 'utf8'));
      // The CLI run in the snapshot's folder with the file names as the page has them.
      const cli = await runCli(
        [
          'check-server',
          ...files.map((f) => basename(f)),
          '--names',
          NAMES,
          '--at',
          AT.toISOString(),
          '--password-env',
          'PFX',
          '--format',
          'json',
        ],
        { cwd: dir, env: { PFX: PFX_PASSWORD } },
      );
      expect(cli.stderr).toBe('');
      const printed = JSON.parse(cli.stdout);
      expect(saved.schema).toBe('supcert/check-server/v2');
      expect(saved.results[0].verdict).toBe(shown.verdict);
      // The CLI words messages for its command line (--trust, not trustAnchors); the page saves
      // the library's words (as in certificate mode). Everything else is the same document.
      const withoutWords = (doc: unknown): unknown =>
        JSON.parse(
          JSON.stringify(doc, (key, value: unknown) =>
            key === 'message' || key === 'reason' || key === 'notes' ? undefined : value,
          ),
        );
      expect(withoutWords(saved)).toEqual(withoutWords(printed));
      expect(saved.results[0].report.deployment).toEqual(printed.results[0].report.deployment);
      expect(saved.results[0].report.findings.length).toBeGreaterThan(0);
    });

    it('a PFX without its password: PASSWORD_REQUIRED, as the library says in Node', async () => {
      const files = inDir('with-pfx');
      const code = await deploymentInNode(files, { names: NAMES, at: AT }).then(
        () => 'judged',
        (e: unknown) => (e instanceof SupCertError ? e.code : 'not a SupCertError'),
      );
      expect(code).toBe('PASSWORD_REQUIRED');
      const shown = await check({ mode: 'snapshot', files, names: NAMES, at: AT });
      expect([shown.verdict, shown.mode, shown.error]).toEqual(['error', 'snapshot', code]);
    });

    it('hostile exported files give the typed error the library gives in Node, naming the file', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'supcert-hostile-snapshot-'));
      try {
        const hostile: Array<[string, string | Uint8Array]> = [
          [
            // An external entity: refused before anything is parsed (and nothing is fetched).
            'applicationHost.config',
            '<?xml version="1.0"?><!DOCTYPE c [<!ENTITY x SYSTEM "file:///etc/passwd">]><configuration>&x;</configuration>',
          ],
          [
            'deep.config',
            `<configuration>${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}</configuration>`,
          ],
          ['truncated.sst', readFileSync(join(DEP, 'sst/truncated.sst'))],
        ];
        for (const [name, content] of hostile) {
          const file = join(dir, name);
          writeFileSync(file, content);
          const files = [join(SNAP, 'good-wsus-admin', 'sslcert.txt'), file];
          const code = await deploymentInNode(files, { names: NAMES, at: AT }).then(
            () => 'judged',
            (e: unknown) => (e instanceof SupCertError ? e.code : 'not a SupCertError'),
          );
          expect([name, code]).not.toEqual([name, 'judged']);
          expect([name, code]).not.toEqual([name, 'not a SupCertError']);
          const shown = await check({ mode: 'snapshot', files, names: NAMES, at: AT });
          expect([name, shown.verdict, shown.error, shown.rules]).toEqual([
            name,
            'error',
            code,
            null,
          ]);
          const text = (await page.textContent('#report')) ?? '';
          expect(text).toContain(name);
          expect(text).not.toMatch(/\bat .+:\d+:\d+/); // no stack trace
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('a site name with a bidi override and a Cyrillic letter is shown escaped, with the not-ASCII note', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'supcert-names-snapshot-'));
      try {
        const site = 'WSUS \u202eAdministr\u0430tion';
        const config = join(dir, 'applicationHost.config');
        writeFileSync(
          config,
          readFileSync(join(SNAP, 'good-wsus-admin', 'applicationHost.config'), 'utf8').replaceAll(
            'WSUS Administration',
            site,
          ),
        );
        const files = [config, join(SNAP, 'good-wsus-admin', 'sslcert.txt')];
        const expected = await deploymentInNode(files, { names: NAMES, at: AT });
        expect(expected.report.deployment.wsusSite?.name).toBe(site);
        const shown = await check({ mode: 'snapshot', files, names: NAMES, at: AT });
        expect(shown.error).toBeNull();
        expect(shown.snapshot).toEqual(pageRows(expected.report));
        expect(shown.snapshot).toContainEqual([
          'WSUS site',
          'WSUS \\u{202e}Administr\u0430tion (not ASCII: WSUS \\u{202e}Administr\\u{430}tion) (id 1234)',
        ]);
        expect(await page.textContent('#report')).not.toContain('\u202e');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('a 3,000-character site name is cut at 1,000 characters with its length and where to read it whole, as the CLI cuts names; the saved JSON keeps it', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'supcert-long-snapshot-'));
      try {
        const site = `WSUS Administr\u0430tion${'x'.repeat(3_000)}`;
        const config = join(dir, 'applicationHost.config');
        writeFileSync(
          config,
          readFileSync(join(SNAP, 'good-wsus-admin', 'applicationHost.config'), 'utf8').replaceAll(
            'WSUS Administration',
            site,
          ),
        );
        const files = [config, join(SNAP, 'good-wsus-admin', 'sslcert.txt')];
        const shown = await check({ mode: 'snapshot', files, names: NAMES, at: AT });
        expect(shown.error).toBeNull();
        const row = shown.snapshot.find(([label]) => label === 'WSUS site')?.[1] ?? '';
        // Runs of one character written as <x×N>, so a failure prints a line.
        const runs = (text: string): string =>
          text.replace(/(.)\1{9,}/gu, (run, c: string) => `<${c}×${[...run].length}>`);
        expect(runs(row)).toBe(
          runs(
            `WSUS Administr\u0430tion${'x'.repeat(1_000 - 19)}… (3,019 characters; the saved JSON report keeps it whole) (not ASCII: WSUS Administr\\u{430}tion${'x'.repeat(1_000 - 19)}…) (id 1234)`,
          ),
        );
        expect(row.length).toBeLessThan(2_200);
        expect((await page.textContent('#report'))!.length).toBeLessThan(20_000);
        const [download] = await Promise.all([page.waitForEvent('download'), page.click('#save')]);
        const saved = JSON.parse(readFileSync((await download.path())!, 'utf8')) as {
          results: Array<{ report: { deployment: { wsusSite: { name: string } } } }>;
        };
        expect(saved.results[0]!.report.deployment.wsusSite.name).toBe(site);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('a mode switch or a role change during a check does not change the roles that check uses', async () => {
      // The root marked an intermediate: no trust anchor, the chain is not checked. A switch to
      // snapshot mode while the files were read reset that role to 'auto' (a self-signed
      // certificate becomes a trusted root): the chain was checked against a root the user had
      // said not to trust.
      await page.goto(pageUrl);
      await page.setInputFiles('input[type=file]', [
        fixture('sup/good-both.pem'),
        fixture('sup/issuing.pem'),
        fixture('sup/root.pem'),
      ]);
      await page.selectOption('select[aria-label="Role of root.pem"]', 'intermediate');
      await page.fill('input[name=names]', NAMES);
      await page.evaluate(() => {
        const doc = (globalThis as any).document;
        doc.querySelector('button[name=check]').click();
        // At once, while the check awaits the files' bytes.
        doc.querySelector('input[name=mode][value=snapshot]').click();
        const select = doc.querySelector('select[aria-label="Role of root.pem"]');
        select.value = 'trust';
        select.dispatchEvent(new Event('change'));
      });
      await page.waitForSelector('#verdict[data-verdict="pass"], #verdict[data-verdict="fail"]');
      expect(await page.getAttribute('#verdict', 'data-mode')).toBe('certificate');
      const chain = await page.evaluate(() => {
        const doc = (globalThis as any).document;
        const dt = Array.from(
          doc.querySelectorAll('details.certificate dt') as ArrayLike<any>,
        ).find((d) => d.textContent === 'Chain');
        return String(dt?.nextElementSibling.textContent);
      });
      expect(chain).toMatch(/^not checked/);
      // The changes made meanwhile stay for the next check (snapshot mode, the root trusted);
      // what the certificate check decided is not written on the snapshot mode's files.
      expect(await page.isChecked('input[name=mode][value=snapshot]')).toBe(true);
      expect(await page.inputValue('select[aria-label="Role of root.pem"]')).toBe('trust');
      expect(await page.textContent('#file-list')).not.toMatch(/judged|intermediate/);
    });

    it('switching modes keeps the files and drops roles the new mode has not', async () => {
      await page.goto(pageUrl);
      await page.setInputFiles('input[type=file]', [fixture('sup/good-both.pem')]);
      const select = 'select[aria-label="Role of good-both.pem"]';
      await page.selectOption(select, 'intermediate');
      await page.check('input[name=mode][value=snapshot]');
      expect(await page.inputValue(select)).toBe('auto');
      expect(await page.textContent('#files-heading')).toBe('1. Files exported on the server');
      expect(await page.getAttribute('input[type=file]', 'accept')).toContain('.reg');
      await page.selectOption(select, 'trust');
      await page.check('input[name=mode][value=certificate]');
      expect(await page.inputValue(select)).toBe('trust');
      // Only trusted roots, nothing exported: nothing to judge.
      await page.check('input[name=mode][value=snapshot]');
      await page.click('button[name=check]');
      await page.waitForSelector('#verdict[data-verdict="error"]');
      expect(await page.getAttribute('#verdict', 'data-error')).toBe('EMPTY_INPUT');
    });
  });

  it('shown() cuts a value longer than 1,000 characters, says how long it was, and marks the part shown when it is not ASCII', () => {
    const cases: Array<[string, string]> = [
      ['sup01.contoso.com', 'sup01.contoso.com'],
      ['a'.repeat(1_000), 'a'.repeat(1_000)],
      [
        'a'.repeat(1_000_000),
        `${'a'.repeat(1_000)}… (1,000,000 characters; the saved JSON report keeps it whole)`,
      ],
      [
        `\u0455${'b'.repeat(1_000)}`,
        `\u0455${'b'.repeat(999)}… (1,001 characters; the saved JSON report keeps it whole) (not ASCII: \\u{455}${'b'.repeat(999)}…)`,
      ],
      [
        `${'c'.repeat(1_000)}\u202e`,
        `${'c'.repeat(1_000)}… (1,001 characters; the saved JSON report keeps it whole)`,
      ],
    ];
    // Runs of one character written as <a×N>, so a failure prints a line, not a megabyte.
    const runs = (text: string): string =>
      text.replace(/(.)\1{9,}/gu, (run, c: string) => `<${c}×${[...run].length}>`);
    for (const [value, expected] of cases) expect(runs(shownName(value))).toBe(runs(expected));
  });

  it('the page bundles the library once, as its browser build, and nothing of Node', () => {
    expect(pageInputs).toContain('dist/browser/index.js');
    expect(pageInputs.filter((i) => /^src\/(index|port\/node)\.ts$|^node:/.test(i))).toEqual([]);
  });

  it('made no request beyond loading the page itself', () => {
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((url) => url !== pageUrl)).toEqual([]);
  });
});
