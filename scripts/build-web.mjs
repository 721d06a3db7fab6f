#!/usr/bin/env node
// `npm run build:web`: the offline page, dist/web/supcert.html. One file: web/page.html with the
// page script (web/page.ts and the library, bundled by esbuild for browsers) and web/page.css
// inlined, and a Content-Security-Policy that allows those two inline blocks by their SHA-256
// hash and nothing else (no connection, no other script, no form target, no <base>).
//
// The library comes from the package's `browser` export condition (the browser build, made by
// `npm run build`); the build fails when it is missing.
//
// Usage: node scripts/build-web.mjs [--out FILE]     (default dist/web/supcert.html)
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The browser entry named by package.json `exports["."].browser`, or undefined when there is none. */
function browserEntry(pkg) {
  let target = pkg.exports?.['.']?.browser;
  while (target && typeof target === 'object')
    target = target.import ?? target.default ?? target.module;
  if (typeof target !== 'string') return undefined;
  const file = join(root, target);
  if (!existsSync(file))
    throw new Error(
      `build-web: package.json names ${target} as the browser entry, but it is not built: run npm run build first.`,
    );
  return file;
}

/** Points the page's import of the library (../src/index.js) at the browser build. */
function useBrowserBuild(entry) {
  return {
    name: 'supcert-browser-entry',
    setup(build) {
      build.onResolve({ filter: /\/src\/index\.js$/ }, (args) =>
        args.importer.startsWith(join(root, 'web')) ? { path: entry } : undefined,
      );
    },
  };
}

const sha256 = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/**
 * Builds the page. Returns where it was written, its size (bytes, gzip bytes), the
 * Content-Security-Policy, and the modules bundled into its script (esbuild's metafile inputs,
 * paths relative to the repository).
 */
export async function buildWeb({ out = join(root, 'dist/web/supcert.html') } = {}) {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const entry = browserEntry(pkg);
  if (!entry) throw new Error('build-web: package.json has no "browser" export condition for "."');
  const js = await esbuild.build({
    entryPoints: [join(root, 'web/page.ts')],
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'iife',
    target: ['es2022', 'chrome111', 'firefox113', 'safari16.4'],
    minify: true,
    legalComments: 'none',
    charset: 'utf8',
    conditions: ['browser'],
    define: { __SUPCERT_VERSION__: JSON.stringify(pkg.version) },
    plugins: [useBrowserBuild(entry)],
    logLevel: 'silent',
    metafile: true,
  });
  const inputs = Object.keys(js.metafile.inputs);
  // The library comes in once, as its browser build: a module of web/ or src/report/ that imported
  // src/index.ts for a value (not a type) would bundle the Node build's sources a second time, and
  // a Node built-in has no place in a page.
  const misplaced = inputs.filter((i) =>
    /(^|\/)src\/(index|port\/node)\.ts$|^node:|^(crypto|fs|net|tls|os|util|buffer|url|path|zlib)$/.test(
      i,
    ),
  );
  if (misplaced.length > 0)
    throw new Error(
      `build-web: the page bundles ${misplaced.join(', ')} (see web/page.ts imports)`,
    );
  const script = js.outputFiles[0].text.trimEnd();
  const css = await esbuild.transform(readFileSync(join(root, 'web/page.css'), 'utf8'), {
    loader: 'css',
    minify: true,
    charset: 'utf8',
  });
  const style = css.code.trimEnd();
  // An inline block ends at the first "</script" / "</style": none may occur inside.
  if (/<\/script/i.test(script)) throw new Error('build-web: the bundle contains "</script"');
  if (/<\/style/i.test(style)) throw new Error('build-web: the stylesheet contains "</style"');
  const csp = [
    "default-src 'none'",
    `script-src ${sha256(script)}`,
    `style-src ${sha256(style)}`,
    "img-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
  const values = { CSP: csp, STYLE: style, SCRIPT: script, VERSION: pkg.version };
  const template = readFileSync(join(root, 'web/page.html'), 'utf8');
  // One pass over the template: text inserted is never searched for placeholders again.
  const html = template.replace(/@(CSP|STYLE|SCRIPT|VERSION)@/g, (_, key) => values[key]);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, html);
  const bytes = Buffer.byteLength(html);
  const gzipBytes = gzipSync(html, { level: 9 }).length;
  return { out, bytes, gzipBytes, csp, inputs };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--out');
  const built = await buildWeb(i > 0 ? { out: resolve(process.argv[i + 1]) } : {});
  console.log(`${built.out}: ${built.bytes} bytes, ${built.gzipBytes} gzip bytes`);
}
