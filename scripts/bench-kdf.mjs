#!/usr/bin/env node
// Micro-benchmark of src/read/pkcs12/pkcs12Kdf.ts.
//
//   node scripts/bench-kdf.mjs
//
// The module imports nothing but node:crypto, so this script transpiles it with the
// installed `typescript` package (ts.transpileModule) into a temporary .mjs and
// imports that: no build needed.
//
// Prints, once the JIT is warm:
//   - µs per single-block hash for SHA-1 and SHA-256: a crypto.hash loop, the
//     module (one chain), and for SHA-1 the two-chain kernel (pkcs12KdfMany);
//   - ms for the KDF work of a Windows TripleDES-SHA1 PFX: the MAC key (id 3,
//     20 bytes) plus, for the key bag and the certificate bag, key (id 1, 24
//     bytes) and IV (id 2, 8 bytes), all SHA-1 at 2,000 iterations;
// and the same PFX workload in fresh processes (cold JIT), per engine.
import { spawnSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'src/read/pkcs12/pkcs12Kdf.ts');

async function loadModule() {
  const { outputText } = ts.transpileModule(readFileSync(source, 'utf8'), {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
    fileName: source,
  });
  const dir = mkdtempSync(join(tmpdir(), 'supcert-bench-kdf-'));
  const file = join(dir, 'pkcs12Kdf.mjs');
  writeFileSync(file, outputText);
  try {
    return await import(pathToFileURL(file).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const K = await loadModule();
const password = K.bmpPassword('Pa55w0rd!');
const macSalt = Buffer.from('9a0b1c2d3e4f5061', 'hex');
const keySalt = Buffer.from('1122334455667788', 'hex');
const certSalt = Buffer.from('8877665544332211', 'hex');
const ITER = 2000;

/** The KDF calls of one TripleDES-SHA1 PFX, one pkcs12Kdf call per output. */
function pfxSingle() {
  K.pkcs12Kdf('sha1', password, macSalt, 3, ITER, 20);
  for (const salt of [keySalt, certSalt]) {
    K.pkcs12Kdf('sha1', password, salt, 1, ITER, 24);
    K.pkcs12Kdf('sha1', password, salt, 2, ITER, 8);
  }
}

/** The same, with key and IV of each bag from one pkcs12KdfMany call. */
function pfxMany() {
  K.pkcs12Kdf('sha1', password, macSalt, 3, ITER, 20);
  for (const salt of [keySalt, certSalt]) {
    K.pkcs12KdfMany(
      'sha1',
      password,
      salt,
      [
        { id: 1, length: 24 },
        { id: 2, length: 8 },
      ],
      ITER,
    );
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Median over `rounds` of the ms one call of fn takes (each round averages `reps` calls). */
function timeMs(fn, reps, rounds = 7) {
  const results = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    for (let k = 0; k < reps; k++) fn();
    results.push((performance.now() - t0) / reps);
  }
  return median(results);
}

if (process.argv[2] === '--cold') {
  // Child process: the PFX workload in a fresh VM, file after file.
  K.setPkcs12KdfEngine(process.argv[3]);
  const files = [];
  for (let k = 0; k < 8; k++) {
    const t0 = performance.now();
    pfxMany();
    files.push(performance.now() - t0);
  }
  process.stdout.write(JSON.stringify(files));
  process.exit(0);
}

// Warm up every path until the kernels run compiled (auto engine).
const warmUntil = performance.now() + 1500;
while (performance.now() < warmUntil) {
  pfxSingle();
  pfxMany();
  K.pkcs12Kdf('sha256', password, macSalt, 3, ITER, 32);
}

const N = 100_000;
const perHash = (fn, hashes) => ((timeMs(fn, 1, 5) * 1000) / hashes).toFixed(3);
function cryptoHashLoop(alg, len) {
  let d = Buffer.alloc(len, 1);
  for (let k = 0; k < N; k++) d = crypto.hash(alg, d, 'buffer');
}

console.log(
  `Node ${process.version}, ${N} iterations per measurement, medians; µs per single-block hash:`,
);
console.log(`  SHA-1    crypto.hash loop ${perHash(() => cryptoHashLoop('sha1', 20), N)}`);
console.log(
  `  SHA-1    pkcs12Kdf (1 chain) ${perHash(() => K.pkcs12Kdf('sha1', password, keySalt, 1, N, 20), N)}`,
);
console.log(
  `  SHA-1    pkcs12KdfMany (2 chains) ${perHash(
    () =>
      K.pkcs12KdfMany(
        'sha1',
        password,
        keySalt,
        [
          { id: 1, length: 20 },
          { id: 2, length: 20 },
        ],
        N,
      ),
    2 * N,
  )}`,
);
console.log(`  SHA-256  crypto.hash loop ${perHash(() => cryptoHashLoop('sha256', 32), N)}`);
console.log(
  `  SHA-256  pkcs12Kdf (1 chain) ${perHash(() => K.pkcs12Kdf('sha256', password, keySalt, 1, N, 32), N)}`,
);
console.log(
  `  SHA-224  pkcs12Kdf (1 chain) ${perHash(() => K.pkcs12Kdf('sha224', password, keySalt, 1, N, 28), N)}`,
);
console.log(
  `  SHA-512  pkcs12Kdf (crypto.hash) ${perHash(() => K.pkcs12Kdf('sha512', password, keySalt, 1, N / 10, 64), N / 10)}`,
);

console.log(
  'TripleDES-SHA1 PFX workload (MAC + 2 × (key 24 B + IV 8 B), 2,000 iterations), ms per file, warm:',
);
K.setPkcs12KdfEngine('native');
console.log(`  crypto.hash per iteration          ${timeMs(pfxSingle, 5).toFixed(3)}`);
K.setPkcs12KdfEngine('auto');
console.log(`  5 × pkcs12Kdf                      ${timeMs(pfxSingle, 50).toFixed(3)}`);
console.log(`  MAC + 2 × pkcs12KdfMany(key, IV)   ${timeMs(pfxMany, 50).toFixed(3)}`);

console.log(
  'Same workload (pkcs12KdfMany) in fresh processes, ms for files 1, 2, 3, 8; median of 3 processes:',
);
for (const engine of ['auto', 'native', 'js']) {
  const runs = [];
  for (let k = 0; k < 3; k++) {
    const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--cold', engine], {
      encoding: 'utf8',
    });
    if (child.status !== 0) throw new Error(`cold run failed: ${child.stderr}`);
    runs.push(JSON.parse(child.stdout));
  }
  const col = (i) =>
    median(runs.map((r) => r[i]))
      .toFixed(2)
      .padStart(7);
  console.log(`  engine ${engine.padEnd(6)} ${col(0)} ${col(1)} ${col(2)} ${col(7)}`);
}
