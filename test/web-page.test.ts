/**
 * The offline page (dist/web/supcert.html) in a real browser: Debian's Chromium, headless, driven
 * by playwright-core, the page opened from file://. For each input the page must show the same
 * findings (rule, severity, code) as the library gives in Node for the same bytes and options, a
 * wrong password the same error code, and the page must make no request but its own load.
 *
 * No Chromium is a failure, not a skip (.ci/run installs it). SUPCERT_SCREENSHOT=1 rewrites
 * docs/screenshot-web.png; without it the test leaves the tree as it is.
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BrowserContext, type Page, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SupCertError, readCertificates, validateSupCertificate } from '../src/index.js';
import type { SupOptions } from '../src/index.js';
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
let userDataDir: string;
const requests: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium); .ci/run does.`,
    );
  const built = (await buildWeb({ out: join(root, 'dist/web/supcert.html') })) as { out: string };
  pageUrl = pathToFileURL(built.out).href;
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
  files: string[];
  password?: string;
  names?: string;
  at?: Date;
  generation?: '2007' | '2012' | 'current';
  profile?: 'windows' | 'strict';
}

interface Shown {
  verdict: string;
  rules: string | null;
  error: string | null;
  findings: string[];
}

/** Opens the page afresh, fills it in as a user would, presses Check and reads the result. */
async function check(input: PageInput): Promise<Shown> {
  await page.goto(pageUrl);
  await page.setInputFiles('input[type=file]', input.files);
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
      rules: v.getAttribute('data-rules') as string | null,
      error: v.getAttribute('data-error') as string | null,
      findings: Array.from(doc.querySelectorAll('li.finding') as ArrayLike<any>).map(
        (li) =>
          `${li.dataset.severity} ${li.dataset.rule}${li.dataset.code ? ` ${li.dataset.code}` : ''}`,
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

  it('made no request beyond loading the page itself', () => {
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((url) => url !== pageUrl)).toEqual([]);
  });
});
