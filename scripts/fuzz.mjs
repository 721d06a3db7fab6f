#!/usr/bin/env node
/**
 * Coverage-guided mutation fuzzer for supcert's parsers (plain Node, no dependencies).
 *
 *   node scripts/fuzz.mjs [--seconds N] [--seed S] [--max-len BYTES] [--runs N] [--resume]
 *                         [--findings-dir DIR] [--corpus-dir DIR] [--no-save-corpus]
 *   npm run fuzz -- --seconds 300 --seed 7
 *
 * Fuzzes dist/index.js (run `npm run build` first; `npm run fuzz` does; --dist names another
 * build, e.g. a deliberately broken one to check the harness). Coverage comes from V8
 * block coverage over node:inspector (scripts/fuzz/coverage.mjs); inputs that reach a new block
 * of the bundle join the corpus (and .fuzz-out/corpus/). The invariant checked on every exec
 * (scripts/fuzz/targets.mjs): resolve, or reject with a SupCertError that has a string `code`;
 * never another error, never an unhandled rejection, never more than 2 s. A violation is saved
 * to certs-fixtures/fuzz-regressions/<target>-<sha256 prefix>.bin with a .json note, where
 * test/fuzz.test.ts replays it, and the run exits 1. Deterministic for a given --seed apart
 * from timing (how many execs fit in the time).
 *
 * This file is the supervisor: the fuzz loop runs in a worker thread (scripts/fuzz/worker.mjs)
 * so that an input that blocks the thread can be seen, saved and the worker restarted.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { loadCorpusDir, loadSeeds } from './fuzz/seeds.mjs';
import { CTRL, sharedBufferSize } from './fuzz/shared.mjs';
import { READ_TARGETS, TARGET_IDS, TIME_LIMIT_MS, family } from './fuzz/targets.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WORKER = new URL('./fuzz/worker.mjs', import.meta.url);
const SEED_MAX_BYTES = 64 * 1024;
const RESOURCE_LIMITS = { maxOldGenerationSizeMb: 2048 };
const MAX_RESTARTS = 8;
const MAX_HANGS_PER_FAMILY = 3;

function usage(message) {
  if (message) console.error(`fuzz: ${message}`);
  console.error('usage: node scripts/fuzz.mjs [--seconds N (60)] [--seed S (1)] [--max-len BYTES (65536)] [--runs N] [--resume] [--dist FILE] [--findings-dir DIR] [--corpus-dir DIR] [--no-save-corpus]');
  process.exit(2);
}

function parseArgs(argv) {
  const opts = {
    seconds: 60, seed: '1', maxLen: 65536, resume: false, save: true,
    findingsDir: path.join(ROOT, 'certs-fixtures/fuzz-regressions'), corpusDir: path.join(ROOT, '.fuzz-out/corpus'),
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => { if (i + 1 >= argv.length) usage(`${a} needs a value`); return argv[++i]; };
    if (a === '--seconds') opts.seconds = Number(value());
    else if (a === '--seed') opts.seed = value();
    else if (a === '--max-len') opts.maxLen = Number(value());
    else if (a === '--runs') opts.runs = Number(value());
    else if (a === '--dist') opts.dist = path.resolve(value());
    else if (a === '--resume') opts.resume = true;
    else if (a === '--findings-dir') opts.findingsDir = path.resolve(value());
    else if (a === '--corpus-dir') opts.corpusDir = path.resolve(value());
    else if (a === '--no-save-corpus') opts.save = false;
    else if (a === '--help' || a === '-h') usage();
    else usage(`unknown argument ${a}`);
  }
  if (!(opts.seconds > 0)) usage('--seconds must be a positive number');
  if (!Number.isInteger(opts.maxLen) || opts.maxLen < 16) usage('--max-len must be an integer >= 16');
  if (opts.runs !== undefined && !(Number.isInteger(opts.runs) && opts.runs >= 0)) usage('--runs must be a non-negative integer');
  return opts;
}

const opts = parseArgs(process.argv.slice(2));
const distPath = opts.dist ?? path.join(ROOT, 'dist/index.js');
if (!existsSync(distPath)) usage(`${path.relative(ROOT, distPath)} is missing: run \`npm run build\` first (or \`npm run fuzz\`)`);
const distUrl = pathToFileURL(distPath).href;

const t0 = Date.now();
const deadline = t0 + opts.seconds * 1000;
const seeds = loadSeeds(path.join(ROOT, 'certs-fixtures'), Math.min(SEED_MAX_BYTES, opts.maxLen));
if (opts.resume) seeds.push(...loadCorpusDir(opts.corpusDir, opts.maxLen));
const log = (line) => console.log(`[fuzz ${((Date.now() - t0) / 1000).toFixed(1).padStart(5)}s] ${line}`);

const found = []; // confirmed findings written to disk
const unconfirmed = [];
const newCorpus = []; // inputs the worker kept, for a restart
const newTexts = [];
const signatures = new Set();
let duplicates = 0;
const hits = new Map(); // signature -> times seen (first time included)
let totals = { execs: 0, seconds: 0, seedExecs: 0 };
let lastDone = null;
let restarts = 0;
let confirmQueue = Promise.resolve();
const hangFamilies = new Map();

function sha(bytes) {
  return createHash('sha256').update(bytes).digest('hex');
}

function writeFinding(f) {
  mkdirSync(opts.findingsDir, { recursive: true });
  const base = `${f.target}-${sha(f.input).slice(0, 16)}`;
  const target = READ_TARGETS.find((t) => t.id === f.target);
  writeFileSync(path.join(opts.findingsDir, `${base}.bin`), f.input);
  const note = {
    target: f.target,
    stage: f.stage,
    kind: f.kind,
    options: target ? { ...target.options, ...(target.text ? { inputAs: 'utf8 string' } : {}) } : { call: 'parseNameList(text) and parseNameList(text, { lenient: true })' },
    aux: f.aux ?? {},
    error: f.error ?? null,
    ms: f.ms === undefined ? undefined : Math.round(f.ms),
    length: f.input.length,
    originalLength: f.originalLength,
    signature: f.signature,
    seed: opts.seed,
    foundAt: new Date().toISOString(),
    replayedBy: 'test/fuzz.test.ts',
  };
  writeFileSync(path.join(opts.findingsDir, `${base}.json`), `${JSON.stringify(note, null, 2)}\n`);
  found.push({ ...note, file: path.relative(ROOT, path.join(opts.findingsDir, `${base}.bin`)) });
  log(`FINDING ${f.kind} in ${f.target}/${f.stage}: ${f.error ? `${f.error.name}: ${f.error.message}` : `${Math.round(f.ms ?? 0)} ms`} -> ${path.relative(ROOT, path.join(opts.findingsDir, base))}.bin`);
  if (f.error?.stack) console.log(f.error.stack.split('\n').slice(0, 12).map((l) => `    ${l}`).join('\n'));
}

/** Re-runs a suspected hang / crash in a fresh worker without coverage; resolves to a verdict. */
function confirm(suspect) {
  return new Promise((resolve) => {
    const warmup = [
      { target: 'read-auto', file: path.join(ROOT, 'certs-fixtures/generated/leaf-rsa.pem') },
      { target: 'read-pw-Passw0rd-bang', file: path.join(ROOT, 'certs-fixtures/generated/default.pfx') },
    ];
    const w = new Worker(WORKER, { workerData: { mode: 'replay', distUrl, target: suspect.target, input: suspect.input, aux: suspect.aux, warmup }, resourceLimits: RESOURCE_LIMITS });
    let timer = setTimeout(() => finish({ confirmed: false, why: 'replay worker did not start' }), 30000);
    let settled = false;
    let ready = false;
    function finish(verdict) {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void w.terminate();
      resolve(verdict);
    }
    w.on('message', (m) => {
      if (m.type === 'ready') {
        ready = true;
        clearTimeout(timer);
        timer = setTimeout(() => finish({ confirmed: true, kind: 'hang', ms: TIME_LIMIT_MS + 500, why: `no result within ${TIME_LIMIT_MS + 500} ms` }), TIME_LIMIT_MS + 500);
      } else if (m.type === 'replayed') {
        if (m.ms > TIME_LIMIT_MS) finish({ confirmed: true, kind: 'hang', ms: m.ms, why: `took ${Math.round(m.ms)} ms` });
        else if (m.violations.length) finish({ confirmed: true, kind: 'error', stage: m.violations[0].stage, error: m.violations[0].error });
        else finish({ confirmed: false, ms: m.ms, why: `took ${Math.round(m.ms)} ms on replay` });
      } else if (m.type === 'fatal') finish({ confirmed: false, why: `replay failed: ${m.error.message}` });
    });
    w.on('error', (error) => finish({ confirmed: true, kind: 'crash', error: { name: String(error.name), message: String(error.message), code: error.code, stack: String(error.stack) } }));
    // Exiting after 'ready' without a result: the exec's promise never settled and nothing kept
    // the event loop alive (a hang without CPU use).
    w.on('exit', () => finish(ready ? { confirmed: true, kind: 'hang', why: 'the promise never settled' } : { confirmed: suspect.kind === 'crash', kind: 'crash', why: 'replay worker exited' }));
  });
}

function handleSuspect(suspect) {
  confirmQueue = confirmQueue.then(async () => {
    const sig = `${suspect.kind}|${suspect.target}|${sha(suspect.input).slice(0, 16)}`;
    if (signatures.has(sig)) return;
    signatures.add(sig);
    // Hangs have no stack to tell them apart: keep the first few of a run.
    const group = `${suspect.kind}|${family(suspect.target)}`;
    const seen = hangFamilies.get(group) ?? 0;
    if (seen >= MAX_HANGS_PER_FAMILY) { duplicates++; return; }
    const verdict = await confirm(suspect);
    if (verdict.confirmed) {
      hangFamilies.set(group, seen + 1);
      writeFinding({ ...suspect, kind: verdict.kind ?? suspect.kind, stage: verdict.stage ?? suspect.stage ?? 'exec', error: verdict.error ?? suspect.error ?? { name: 'Timeout', message: `exec took more than ${TIME_LIMIT_MS} ms (${verdict.why}; in the fuzzer: ${Math.round(suspect.ms ?? 0)} ms)`, stack: '' }, ms: verdict.ms ?? suspect.ms, signature: sig });
    } else {
      unconfirmed.push({ target: suspect.target, ms: suspect.ms, why: verdict.why });
      log(`slow exec not confirmed (${suspect.target}, ${Math.round(suspect.ms ?? 0)} ms in the fuzzer, ${verdict.why})`);
    }
  });
  return confirmQueue;
}

function readSharedExec(sab) {
  const i32 = new Int32Array(sab, 0, 16);
  const len = Atomics.load(i32, CTRL.INPUT_LEN);
  const auxLen = Atomics.load(i32, CTRL.AUX_LEN);
  const input = new Uint8Array(sab, CTRL.HEADER_BYTES, len).slice();
  let aux = {};
  try { aux = JSON.parse(Buffer.from(new Uint8Array(sab, CTRL.HEADER_BYTES + opts.maxLen, auxLen)).toString('utf8')); } catch { /* keep {} */ }
  return { target: TARGET_IDS[Atomics.load(i32, CTRL.TARGET)] ?? 'read-auto', input, aux, running: Atomics.load(i32, CTRL.RUNNING) === 1 };
}

/** Runs one fuzz worker until it is done (resolves 'done') or has to be restarted ('restart'). */
function runWorker(first) {
  return new Promise((resolve) => {
    const sab = new SharedArrayBuffer(sharedBufferSize(opts.maxLen));
    const i32 = new Int32Array(sab, 0, 16);
    const workerSeeds = first ? seeds : [...seeds, ...newCorpus.map((data, i) => ({ name: `new/${i}`, data }))];
    const w = new Worker(WORKER, {
      workerData: {
        mode: 'fuzz', distUrl, coverageUrlPrefix: pathToFileURL(path.join(ROOT, 'dist')).href + '/', seed: first ? opts.seed : `${opts.seed}/restart-${restarts}`, seeds: workerSeeds, texts: newTexts,
        maxLen: opts.maxLen, deadline, runs: opts.runs, sab, corpusDir: opts.save ? opts.corpusDir : null,
      },
      resourceLimits: RESOURCE_LIMITS,
    });
    let ended = false;
    let lastStatus = null;
    let seq = -1;
    let seqSince = Date.now();
    const end = (how) => {
      if (ended) return;
      ended = true;
      // A worker stopped early still did its execs (as of its last status line).
      if (how === 'restart' && lastStatus) totals = { ...totals, execs: totals.execs + lastStatus.execs, seconds: totals.seconds + lastStatus.seconds };
      clearInterval(watchdog);
      void w.terminate();
      resolve(how);
    };
    const watchdog = setInterval(() => {
      const s = Atomics.load(i32, CTRL.SEQ);
      if (s !== seq) { seq = s; seqSince = Date.now(); return; }
      // The worker's own timer reports async hangs at 2 s; a thread stuck longer is synchronous.
      if (Atomics.load(i32, CTRL.RUNNING) === 1 && Date.now() - seqSince > TIME_LIMIT_MS + 1500) {
        const exec = readSharedExec(sab);
        log(`worker stuck for ${Date.now() - seqSince} ms in ${exec.target}: stopping it`);
        void handleSuspect({ kind: 'hang', target: exec.target, input: exec.input, aux: exec.aux, ms: Date.now() - seqSince });
        end('restart');
      }
      if (Date.now() > deadline + 60000) { log('worker did not stop at the deadline'); end('done'); }
    }, 100);
    w.on('message', (m) => {
      switch (m.type) {
        case 'seeded':
          log(`${m.seeds} seeds, ${m.seedExecs} seed execs in ${(m.ms / 1000).toFixed(1)} s: ${m.blocks} blocks covered, corpus ${m.corpus}`);
          break;
        case 'status':
          lastStatus = m;
          log(`execs ${totals.execs + m.execs} (${Math.round(m.execs / m.seconds)}/s)  corpus ${m.corpus}  texts ${m.texts}  blocks ${m.blocks}`);
          break;
        case 'corpus': newCorpus.push(m.data); break;
        case 'text': newTexts.push(m.text); break;
        case 'duplicate':
          duplicates++;
          hits.set(m.signature, (hits.get(m.signature) ?? 0) + 1);
          break;
        case 'finding':
          hits.set(m.signature, (hits.get(m.signature) ?? 0) + 1);
          if (!signatures.has(m.signature)) {
            signatures.add(m.signature);
            writeFinding(m);
          } else duplicates++;
          break;
        case 'suspect':
          void handleSuspect({ kind: 'hang', target: m.target, input: m.input, aux: m.aux, ms: m.ms });
          break;
        case 'done':
          totals = { execs: totals.execs + m.execs, seconds: totals.seconds + m.seconds, seedExecs: totals.seedExecs + m.seedExecs };
          lastDone = m;
          end('done');
          break;
        case 'fatal':
          log(`worker failed: ${m.error.stack || m.error.message}`);
          process.exitCode = 2;
          end('done');
          break;
        default:
      }
    });
    w.on('error', (error) => {
      const exec = readSharedExec(sab);
      log(`worker crashed (${error.code ?? error.name}: ${error.message})${exec.running ? ` in ${exec.target}` : ''}`);
      if (exec.running) void handleSuspect({ kind: 'crash', target: exec.target, input: exec.input, aux: exec.aux, error: { name: String(error.name), message: String(error.message), code: error.code, stack: String(error.stack) } });
      end('restart');
    });
    w.on('exit', (code) => {
      if (ended) return;
      const exec = readSharedExec(sab);
      log(`worker exited with code ${code}${exec.running ? ` while running ${exec.target}` : ''}`);
      if (exec.running) void handleSuspect({ kind: 'crash', target: exec.target, input: exec.input, aux: exec.aux, error: { name: 'WorkerExit', message: `the fuzz worker exited (code ${code}) during the exec`, stack: '' } });
      end('restart');
    });
  });
}

log(`seed ${JSON.stringify(opts.seed)}, ${opts.seconds} s, max-len ${opts.maxLen}, ${seeds.length} seed files, fuzzing ${path.relative(ROOT, distPath)}`);
let how = await runWorker(true);
while (how === 'restart' && Date.now() < deadline - 2000 && restarts < MAX_RESTARTS) {
  restarts++;
  log(`restarting the worker (${restarts}) with ${seeds.length + newCorpus.length} corpus entries`);
  how = await runWorker(false);
}
await confirmQueue;

const d = lastDone;
console.log('');
console.log(`fuzz summary (seed ${JSON.stringify(opts.seed)}, ${((Date.now() - t0) / 1000).toFixed(1)} s wall)`);
console.log(`  execs:          ${totals.execs} mutated + ${totals.seedExecs} seed execs, ${(totals.execs / Math.max(totals.seconds, 1e-9)).toFixed(0)} execs/s${restarts ? ` (${restarts} worker restart(s))` : ''}`);
if (d) {
  console.log(`  corpus:         ${d.corpus} inputs (${d.corpus - d.newEntries} from seeds + ${d.newEntries} new), ${d.texts} host/name texts`);
  console.log(`  covered blocks: ${d.blocks} (${d.seedBlocks} after the seeds, +${d.blocks - d.seedBlocks})`);
  console.log(`  per exec:       ${d.execMsPerExec.toFixed(2)} ms target, ${d.takeMsPerExec.toFixed(2)} ms takePreciseCoverage`);
}
console.log(`  findings:       ${found.length}${duplicates ? ` (+${duplicates} duplicates)` : ''}${unconfirmed.length ? `, ${unconfirmed.length} slow exec(s) not confirmed` : ''}`);
for (const f of found) console.log(`    ${f.file}: ${f.kind} in ${f.target}/${f.stage}: ${f.error ? `${f.error.name}: ${f.error.message}` : ''}${hits.get(f.signature) ? ` (hit ${hits.get(f.signature)} times)` : ''}`);
process.exit(found.length > 0 ? 1 : process.exitCode ?? 0);
