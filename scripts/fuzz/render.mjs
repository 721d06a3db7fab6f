/**
 * The CLI's report writers as a fuzz target. They are not exported by dist/index.js (dist/cli.js
 * runs on import), so this bundles src/cli/output/* (text, request text, summary table, SARIF,
 * JSON) with esbuild (tsup's, already installed) into one ES module that the fuzz workers and
 * the regression replay load next to the library. Each exec that gets a report renders it in
 * every format, with and without colour; the reports come from dist/, the writers from src/
 * (their imports of the library resolve to the same dist/ module).
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const ENTRY = `
import { formatReport, formatSummary } from './src/cli/output/text.js';
import { formatRequestReport } from './src/cli/output/requestText.js';
import { formatSarif } from './src/cli/output/sarif.js';
import { formatJsonV1, formatJsonV2 } from './src/cli/output/json.js';
import { outgoing } from './src/cli/output/write.js';
import { escapeJsonText } from './src/util/printable.js';
import { styleFor } from './src/cli/style.js';
import { EKU_NAMES, describeRules } from './src/index.js';

// The CLI's own styles: plain (not a terminal) and coloured (a terminal, colour allowed).
const styles = [styleFor({ isTTY: false }, true, {}), styleFor({ isTTY: true }, false, {})];
const catalogue = describeRules();

/** Renders a report as every CLI output does (through the CLI's last-line filter); returns the plain terminal text. */
export function render(outcome, at) {
  let plain = '';
  for (const style of styles) {
    const o = { style, verbose: true, failOn: 'info', skipNames: false, at };
    const text = outcome.report.request ? formatRequestReport(outcome, o, EKU_NAMES) : formatReport(outcome, o);
    const table = formatSummary([outcome, { kind: 'error', file: outcome.file, code: 'MALFORMED', message: 'x' }], o);
    if (!style.enabled) plain = outgoing(text.text) + outgoing(table.text);
  }
  JSON.parse(escapeJsonText(JSON.stringify(formatSarif([outcome], 1, catalogue, '/'))));
  for (const json of [formatJsonV2([outcome], { command: 'check', version: '0', failOn: 'info', exitCode: 0 }), formatJsonV1([outcome], true)]) {
    JSON.parse(escapeJsonText(JSON.stringify(json.value, json.replacer)));
  }
  return plain;
}
`;

/**
 * Builds the writers' bundle into `outDir`/render/ and returns its file: URL (the SARIF writer
 * reads the version from ../package.json, so a copy goes into `outDir`).
 */
export async function buildRenderer(root, outDir, distPath = path.join(root, 'dist/index.js')) {
  const esbuild = await import('esbuild');
  mkdirSync(path.join(outDir, 'render'), { recursive: true });
  copyFileSync(path.join(root, 'package.json'), path.join(outDir, 'package.json'));
  const outfile = path.join(outDir, 'render', 'cli-render.mjs');
  await esbuild.build({
    stdin: { contents: ENTRY, resolveDir: root, sourcefile: 'fuzz-render.ts', loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    sourcemap: true,
    logLevel: 'error',
    // The writers' imports of the library (src/index.ts) go to the build being fuzzed, so the
    // bundle holds the writers alone and shares the library's module (and its coverage).
    plugins: [
      {
        name: 'library-from-dist',
        setup(build) {
          build.onResolve({ filter: /(^|\/)index\.js$/ }, (args) => {
            const target = path.resolve(args.resolveDir, args.path);
            return target === path.join(root, 'src/index.js')
              ? { path: pathToFileURL(distPath).href, external: true }
              : undefined;
          });
        },
      },
    ],
  });
  return pathToFileURL(outfile).href;
}
