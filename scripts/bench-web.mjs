#!/usr/bin/env node
// `npm run bench:web`: the offline page against Node on the same PFX files. Builds
// dist/web/supcert.html, opens it from file:// in headless Chromium (/usr/bin/chromium), checks
// each file RUNS times and reads the page's own timing of opening the file (#verdict
// data-open-ms: readCertificates with the password), then times readCertificates in Node on the
// same bytes. Prints medians, the ratio page/Node, and the page's size (bytes, gzip bytes).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { buildWeb } from './build-web.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.RUNS ?? 7);
const FILES = [
  ['Windows 3DES PFX', 'certs-fixtures/securityfever-windows-pfx/cert-chain-des.pfx', 'Passw0rd'],
  ['Windows AES PFX', 'certs-fixtures/securityfever-windows-pfx/cert-chain-aes.pfx', 'Passw0rd'],
  ['OpenSSL AES PFX', 'certs-fixtures/sup/good-both.pfx', 'Passw0rd!'],
];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Measures the page against Node; returns the rows (label, page ms, Node ms) and the page's size.
 * @param {{ runs?: number }} [o]
 */
export async function runWeb({ runs = RUNS } = {}) {
  const { readCertificates } = await import(pathToFileURL(join(root, 'dist/index.js')).href);
  const built = await buildWeb();
  const userDataDir = mkdtempSync(join(tmpdir(), 'supcert-bench-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
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
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(pathToFileURL(built.out).href);
  const rows = [];
  try {
    for (const [label, file, password] of FILES) {
      const path = join(root, file);
      const bytes = readFileSync(path);
      const inPage = [];
      for (let i = 0; i <= runs; i++) {
        await page.setInputFiles('input[type=file]', []);
        await page.reload();
        await page.setInputFiles('input[type=file]', [path]);
        await page.fill('input[name=password]', password);
        await page.click('button[name=check]');
        const v = await page.waitForSelector(
          '#verdict[data-verdict="pass"], #verdict[data-verdict="fail"], #verdict[data-verdict="error"]',
        );
        const error = await v.getAttribute('data-error');
        if (error) throw new Error(`${file}: the page says ${error}`);
        if (i > 0) inPage.push(Number(await v.getAttribute('data-open-ms')));
      }
      const inNode = [];
      for (let i = 0; i <= runs; i++) {
        const t = performance.now();
        await readCertificates(bytes, { password });
        if (i > 0) inNode.push(performance.now() - t);
      }
      rows.push([label, median(inPage), median(inNode)]);
    }
  } finally {
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
  return { rows, bytes: built.bytes, gzipBytes: built.gzipBytes };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { rows, bytes, gzipBytes } = await runWeb();
  console.log(`PFX open, median of ${RUNS} (first run discarded)`);
  console.log('| file | page (Chromium) ms | Node ms | page / Node |');
  console.log('|---|---:|---:|---:|');
  for (const [label, p, n] of rows)
    console.log(`| ${label} | ${p.toFixed(1)} | ${n.toFixed(1)} | ${(p / n).toFixed(2)} |`);
  console.log(`\nPage size: ${bytes} bytes, ${gzipBytes} gzip bytes (dist/web/supcert.html)`);
}
