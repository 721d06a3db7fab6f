#!/usr/bin/env node
/**
 * Runs ONE hostile case in this process and reports it to the parent over IPC (forked by
 * scripts/hostile/run-all.mjs): `run-case.mjs FILE ID [DIST]`. FILE is a scripts/hostile/*.mjs
 * that exports `cases` (README.md), ID a case id, or `ordinary-pfx` for the reference row (a
 * Windows PFX opened with its password). DIST defaults to dist/index.js.
 *
 * Message: { id, outcome, ms, maxRssMb }. outcome: what the case's run() resolved to (a
 * SupCertError code, 'ok', an exit code as text), the code of a SupCertError it threw, or
 * "untyped <Name>: <message>" for any other error. ms: wall time of run() alone (the module
 * loaded and warmed up before). maxRssMb: process.resourceUsage().maxRSS of this process at the
 * end, in MB (peak resident memory, Node itself included: ~40–50 MB for an empty process).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const ORDINARY_PFX = {
  file: 'certs-fixtures/securityfever-windows-pfx/cert-chain-aes.pfx',
  password: 'Passw0rd',
};

function outcomeOf(error) {
  if (
    error &&
    typeof error === 'object' &&
    error.name === 'SupCertError' &&
    typeof error.code === 'string'
  )
    return error.code;
  const e = error instanceof Error ? error : new Error(String(error));
  return `untyped ${e.name}: ${String(e.message).slice(0, 200)}`;
}

async function main() {
  const [file, id, dist] = process.argv.slice(2);
  const lib = await import(pathToFileURL(dist ?? path.join(ROOT, 'dist/index.js')).href);
  const ordinary = readFileSync(path.join(ROOT, ORDINARY_PFX.file));
  const openOrdinary = () => lib.readCertificates(ordinary, { password: ORDINARY_PFX.password });
  // Warm-up: module code, node-forge and the KDF kernels, as in a process that already read a file.
  await openOrdinary();
  let run;
  if (id === 'ordinary-pfx')
    run = async () => {
      await openOrdinary();
      return 'ok';
    };
  else {
    const { cases } = await import(pathToFileURL(path.resolve(file)).href);
    const found = cases.find((c) => c.id === id);
    if (!found) throw new Error(`no case ${id} in ${file}`);
    run = () => found.run(lib);
  }
  const t0 = performance.now();
  let outcome;
  try {
    outcome = String(await run());
  } catch (error) {
    outcome = outcomeOf(error);
  }
  const ms = performance.now() - t0;
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  process.send({ id, outcome, ms, maxRssMb }, () => process.exit(0));
}

main().catch((error) => {
  process.send?.({ id: process.argv[3], fatal: String(error?.stack ?? error) }, () =>
    process.exit(3),
  );
});
