#!/usr/bin/env node
/**
 * Coverage-guided mutation fuzzer for supcert's parsers (plain Node, no dependencies).
 *
 *   node scripts/fuzz.mjs [--seconds N] [--seed S] [--workers N] [--max-len BYTES] [--runs N] [--resume]
 *                         [--bundle node|browser] [--dist FILE] [--fixtures DIR] [--findings-dir DIR] [--corpus-dir DIR] [--no-save-corpus]
 *                         [--no-render] [--check-output]
 *   npm run fuzz -- --seconds 1800          # 30 minutes, one worker per core
 *   npm run fuzz -- --bundle browser        # the browser bundle, dist/browser/index.js
 *
 * Fuzzes dist/index.js (run `npm run build` first; `npm run fuzz` does; --dist names another
 * build, e.g. a deliberately broken one to check the harness). `--bundle browser` fuzzes the browser
 * bundle (dist/browser/index.js: WebCrypto, JavaScript digests and node-forge's ciphers instead of
 * node:crypto) under Node, as test/port-browser.test.ts runs it: the workers give it the page's
 * global `self` (node-forge looks for it; Node has none) before loading it. A --dist that ends in
 * browser/index.js is the browser bundle too. Findings note which bundle they came from
 * ("bundle"); test/fuzz.test.ts replays every one on both. Coverage comes from V8
 * block coverage over node:inspector (scripts/fuzz/coverage.mjs); inputs that reach a new block
 * of the bundle join the corpus (and .fuzz-out/corpus/), and are handed to the other workers.
 * The invariant checked on every exec (scripts/fuzz/targets.mjs): resolve, or reject with a
 * SupCertError that has a string `code`; never another error, never an unhandled rejection,
 * never more than 2 s, never a native crash. Every report is also rendered by the CLI's writers
 * (text, request text, summary table, SARIF, JSON: scripts/fuzz/render.mjs; --no-render skips
 * them), and with --check-output the text report must hold no raw control / bidi character and
 * no second line that starts like a verdict. A violation is saved to
 * certs-fixtures/fuzz-regressions/<target>-<sha256 prefix>.bin with a .json note, where
 * test/fuzz.test.ts replays it, and the run exits 1 (after running to the end). Deterministic
 * for a given --seed and --workers apart from timing (how many execs fit in the time).
 *
 * This file is the supervisor: each worker (scripts/fuzz/worker.mjs) is a CHILD PROCESS that
 * writes every exec to its exec file before running it (scripts/fuzz/exec-file.mjs). When a
 * worker dies (abort, SIGSEGV, out of heap, killed) or hangs, the supervisor reads the exec it was
 * running, replays it in a fresh process to confirm it, saves it with how the process ended
 * (signal / exit code, the native message), keeps it out of later seeds and restarts the worker.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { crashSignature, describeExit, forkWorker, replayInChild } from './fuzz/child.mjs';
import { readExec, readExecState } from './fuzz/exec-file.mjs';
import { buildRenderer } from './fuzz/render.mjs';
import { loadCorpusDir, loadSeeds } from './fuzz/seeds.mjs';
import { READ_TARGETS, TARGET_IDS, TIME_LIMIT_MS, family } from './fuzz/targets.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SEED_MAX_BYTES = 64 * 1024;
const MAX_PER_GROUP = 3; // confirmed findings kept per crash signature / hang family in one run
/** Restarts of one worker in a row without it finishing its seeds: then it is given up. */
const MAX_FAILED_STARTS = 5;

function usage(message) {
  if (message) console.error(`fuzz: ${message}`);
  console.error(
    'usage: node scripts/fuzz.mjs [--seconds N (60)] [--seed S (1)] [--workers N (one per core)] [--max-len BYTES (65536)] [--runs N] [--resume] [--bundle node|browser (node)] [--dist FILE] [--fixtures DIR] [--findings-dir DIR] [--corpus-dir DIR] [--no-save-corpus] [--no-render] [--check-output]',
  );
  process.exit(2);
}

function parseArgs(argv) {
  const opts = {
    seconds: 60,
    seed: '1',
    maxLen: 65536,
    resume: false,
    save: true,
    render: true,
    checkOutput: true,
    workers: Math.max(1, os.availableParallelism?.() ?? os.cpus().length),
    fixtures: path.join(ROOT, 'certs-fixtures'),
    findingsDir: path.join(ROOT, 'certs-fixtures/fuzz-regressions'),
    corpusDir: path.join(ROOT, '.fuzz-out/corpus'),
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) usage(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--seconds') opts.seconds = Number(value());
    else if (a === '--seed') opts.seed = value();
    else if (a === '--workers') opts.workers = Number(value());
    else if (a === '--max-len') opts.maxLen = Number(value());
    else if (a === '--runs') opts.runs = Number(value());
    else if (a === '--dist') opts.dist = path.resolve(value());
    else if (a === '--bundle') opts.bundle = value();
    else if (a === '--fixtures') opts.fixtures = path.resolve(value());
    else if (a === '--resume') opts.resume = true;
    else if (a === '--findings-dir') opts.findingsDir = path.resolve(value());
    else if (a === '--corpus-dir') opts.corpusDir = path.resolve(value());
    else if (a === '--no-save-corpus') opts.save = false;
    else if (a === '--no-render') opts.render = false;
    else if (a === '--check-output') opts.checkOutput = true;
    else if (a === '--no-check-output') opts.checkOutput = false;
    else if (a === '--help' || a === '-h') usage();
    else usage(`unknown argument ${a}`);
  }
  if (!(opts.seconds > 0)) usage('--seconds must be a positive number');
  if (opts.bundle !== undefined && opts.bundle !== 'node' && opts.bundle !== 'browser')
    usage('--bundle must be node or browser');
  if (!Number.isInteger(opts.workers) || opts.workers < 1 || opts.workers > 64)
    usage('--workers must be an integer from 1 to 64');
  if (!Number.isInteger(opts.maxLen) || opts.maxLen < 16)
    usage('--max-len must be an integer >= 16');
  if (opts.runs !== undefined && !(Number.isInteger(opts.runs) && opts.runs >= 0))
    usage('--runs must be a non-negative integer');
  return opts;
}

const opts = parseArgs(process.argv.slice(2));
/** Which build: the Node one (node:crypto) or the browser bundle (WebCrypto, node-forge). */
const bundle =
  opts.bundle ??
  (opts.dist !== undefined && /[\\/]browser[\\/]index\.js$/.test(opts.dist) ? 'browser' : 'node');
const browser = bundle === 'browser';
const distPath = opts.dist ?? path.join(ROOT, browser ? 'dist/browser/index.js' : 'dist/index.js');
if (!existsSync(distPath))
  usage(
    `${path.relative(ROOT, distPath)} is missing: run \`npm run build\` first (or \`npm run fuzz\`)`,
  );
const distUrl = pathToFileURL(distPath).href;

const t0 = Date.now();
const deadline = t0 + opts.seconds * 1000;
const seeds = loadSeeds(opts.fixtures, Math.min(SEED_MAX_BYTES, opts.maxLen));
if (opts.resume) seeds.push(...loadCorpusDir(opts.corpusDir, opts.maxLen));
const log = (line) =>
  console.log(`[fuzz ${((Date.now() - t0) / 1000).toFixed(1).padStart(6)}s] ${line}`);
const execDir = path.join(os.tmpdir(), `supcert-fuzz-${process.pid}`);
mkdirSync(execDir, { recursive: true });
process.on('exit', () => rmSync(execDir, { recursive: true, force: true }));
const renderUrl = opts.render ? await buildRenderer(ROOT, execDir, distPath) : undefined;

const found = []; // confirmed findings written to disk
const unconfirmed = [];
const newCorpus = []; // inputs the workers kept, for restarts
const newTexts = [];
const signatures = new Set();
let duplicates = 0;
const hits = new Map(); // signature -> times seen (first time included)
let totals = { execs: 0, seconds: 0, seedExecs: 0 };
const perTarget = new Map(); // target -> execs
const lastDone = [];
let restarts = 0;
let confirmQueue = Promise.resolve();
const groups = new Map(); // crash signature / hang family -> findings kept
/** sha256 of inputs that crashed or hung a worker: left out of the seeds of its restarts. */
const quarantine = new Set();
const live = new Map(); // worker index -> child process
let fuzzingSince = null; // first 'seeded' (for the overall execs/s)

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
    bundle,
    stage: f.stage,
    kind: f.kind,
    options: target
      ? { ...target.options, ...(target.text ? { inputAs: 'utf8 string' } : {}) }
      : {
          call:
            f.target === 'parse-name-list'
              ? 'parseNameList(text) and parseNameList(text, { lenient: true })'
              : f.target,
        },
    aux: f.aux ?? {},
    error: f.error ?? null,
    ...(f.exit ? { exit: f.exit, nativeMessage: f.nativeMessage } : {}),
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
  log(
    `FINDING ${f.kind} in ${f.target}/${f.stage}: ${f.error ? `${f.error.name}: ${f.error.message}` : `${Math.round(f.ms ?? 0)} ms`} -> ${path.relative(ROOT, path.join(opts.findingsDir, base))}.bin`,
  );
  if (f.error?.stack)
    console.log(
      f.error.stack
        .split('\n')
        .slice(0, 12)
        .map((l) => `    ${l}`)
        .join('\n'),
    );
}

/** Re-runs a suspected crash / hang in a fresh process without coverage; resolves to a verdict. */
async function confirm(suspect) {
  const warmup = [
    { target: 'read-auto', file: path.join(ROOT, 'certs-fixtures/generated/leaf-rsa.pem') },
    {
      target: 'read-pw-Passw0rd-bang',
      file: path.join(ROOT, 'certs-fixtures/generated/default.pfx'),
    },
  ].filter((w) => existsSync(w.file) && opts.dist === undefined); // another build (--dist) may not take the fixtures
  const out = await replayInChild({
    distUrl,
    browser,
    renderUrl,
    checkOutput: opts.checkOutput,
    input: suspect.input,
    runs: [{ target: suspect.target, aux: suspect.aux }],
    warmup,
    timeoutMs: TIME_LIMIT_MS + 500,
  });
  const before =
    out.crash?.target === 'start' ? out.crash : out.hang?.target === 'start' ? out.hang : null;
  if (before)
    return {
      confirmed: false,
      why: `the replay process failed before the input ran (${out.crash ? describeExit(out.crash) : out.hang.why})`,
    };
  if (out.crash) {
    const exit = { code: out.crash.code, signal: out.crash.signal };
    return {
      confirmed: true,
      kind: 'crash',
      exit,
      signature: out.crash.signature,
      nativeMessage: nativeLines(out.crash.stderr),
      error: {
        name: 'NativeCrash',
        message: `the process ended with ${describeExit(exit)}: ${out.crash.signature}`,
        stack: '',
      },
    };
  }
  if (out.hang) return { confirmed: true, kind: 'hang', ms: out.hang.ms, why: out.hang.why };
  if (out.fatal) return { confirmed: false, why: `replay failed: ${out.fatal.message}` };
  const r = out.results[0];
  if (!r) return { confirmed: false, why: 'no replay result' };
  if (r.ms > TIME_LIMIT_MS)
    return { confirmed: true, kind: 'hang', ms: r.ms, why: `took ${Math.round(r.ms)} ms` };
  if (r.violations.length)
    return {
      confirmed: true,
      kind: 'error',
      stage: r.violations[0].stage,
      error: r.violations[0].error,
    };
  return {
    confirmed: false,
    ms: r.ms,
    why: `${suspect.kind === 'crash' ? 'no crash' : `took ${Math.round(r.ms)} ms`} on replay`,
  };
}

/** The first lines of a native crash report (the message and the top of the native stack). */
function nativeLines(stderr) {
  return stderr
    .split('\n')
    .filter((l) => l.trim())
    .slice(0, 16)
    .join('\n');
}

function handleSuspect(suspect) {
  quarantine.add(sha(suspect.input));
  confirmQueue = confirmQueue.then(async () => {
    const sig = `${suspect.kind}|${suspect.target}|${sha(suspect.input).slice(0, 16)}`;
    if (signatures.has(sig)) return;
    signatures.add(sig);
    // Hangs have no stack and crashes only the native message to tell them apart: keep the
    // first few of each per run.
    const group =
      suspect.kind === 'crash'
        ? `crash|${suspect.crashSignature}`
        : `${suspect.kind}|${family(suspect.target)}`;
    const seen = groups.get(group) ?? 0;
    hits.set(group, (hits.get(group) ?? 0) + 1);
    if (seen >= MAX_PER_GROUP) {
      duplicates++;
      return;
    }
    const verdict = await confirm(suspect);
    if (verdict.confirmed) {
      groups.set(group, seen + 1);
      writeFinding({
        ...suspect,
        kind: verdict.kind ?? suspect.kind,
        stage: verdict.stage ?? suspect.stage ?? 'exec',
        error: verdict.error ??
          suspect.error ?? {
            name: 'Timeout',
            message: `exec took more than ${TIME_LIMIT_MS} ms (${verdict.why}; in the fuzzer: ${Math.round(suspect.ms ?? 0)} ms)`,
            stack: '',
          },
        exit: verdict.exit,
        nativeMessage: verdict.nativeMessage,
        ms: verdict.ms ?? suspect.ms,
        signature: verdict.signature ? `crash|${family(suspect.target)}|${verdict.signature}` : sig,
        group,
      });
    } else {
      unconfirmed.push({
        target: suspect.target,
        kind: suspect.kind,
        ms: suspect.ms,
        why: verdict.why,
      });
      log(
        `${suspect.kind === 'crash' ? 'crash' : 'slow exec'} not confirmed (${suspect.target}${suspect.ms ? `, ${Math.round(suspect.ms)} ms in the fuzzer` : ''}, ${verdict.why})`,
      );
    }
  });
  return confirmQueue;
}

/**
 * Runs one fuzz worker process until it is done (resolves 'done'), has to be restarted
 * ('restart': it crashed, hung or exited early) or failed to start ('failed').
 */
function runWorker(index, attempt) {
  return new Promise((resolve) => {
    const execFile = path.join(execDir, `worker-${index}.exec`);
    const keep = (d) => !quarantine.has(sha(d));
    const workerSeeds =
      attempt === 0
        ? seeds
        : [
            ...seeds.filter((x) => keep(x.data)),
            ...newCorpus.filter(keep).map((data, i) => ({ name: `new/${i}`, data })),
          ];
    const seed = `${opts.seed}${index ? `/w${index}` : ''}${attempt ? `/restart-${attempt}` : ''}`;
    const w = forkWorker({
      mode: 'fuzz',
      distUrl,
      browser,
      renderUrl,
      checkOutput: opts.checkOutput,
      coverageUrlPrefix: pathToFileURL(path.dirname(distPath)).href + '/',
      seed,
      seeds: workerSeeds,
      texts: newTexts,
      maxLen: opts.maxLen,
      deadline,
      runs: opts.runs,
      execFile,
      corpusDir: opts.save ? opts.corpusDir : null,
    });
    live.set(index, w.child);
    const tag = opts.workers > 1 ? `[w${index}] ` : '';
    let ended = false;
    let seeded = false;
    let seededAt = 0;
    let seededSeq = 0;
    let lastStatus = null;
    let lastLogged = Date.now();
    let seq = -1;
    let seqSince = Date.now();
    const end = (how) => {
      if (ended) return;
      ended = true;
      live.delete(index);
      // A worker stopped early still did its execs: counted from its exec file (every exec
      // since the seeds; per target as of its last status line).
      if (how !== 'done' && seededAt) {
        const last = readExecState(execFile)?.seq ?? seededSeq;
        totals = {
          ...totals,
          execs: totals.execs + Math.max(0, last - seededSeq),
          seconds: totals.seconds + (Date.now() - seededAt) / 1000,
        };
        for (const [t, n] of Object.entries(lastStatus?.perTarget ?? {}))
          perTarget.set(t, (perTarget.get(t) ?? 0) + n);
      }
      clearInterval(watchdog);
      w.child.kill('SIGKILL');
      resolve(how === 'restart' && !seeded ? 'failed' : how);
    };
    const watchdog = setInterval(() => {
      const st = readExecState(execFile);
      if (!st) return;
      if (st.seq !== seq) {
        seq = st.seq;
        seqSince = Date.now();
        return;
      }
      // The worker's own timer reports async hangs at 2 s; a process stuck longer is synchronous.
      if (st.running && Date.now() - seqSince > TIME_LIMIT_MS + 1500) {
        const exec = readExec(execFile);
        const target = TARGET_IDS[exec?.targetIndex] ?? 'read-auto';
        log(`${tag}worker stuck for ${Date.now() - seqSince} ms in ${target}: killing it`);
        if (exec)
          void handleSuspect({
            kind: 'hang',
            target,
            input: exec.input,
            aux: exec.aux,
            ms: Date.now() - seqSince,
          });
        end('restart');
      }
      if (Date.now() > deadline + 60000) {
        log(`${tag}worker did not stop at the deadline`);
        end('done');
      }
    }, 200);
    w.child.on('message', (m) => {
      switch (m.type) {
        case 'seeded':
          seeded = true;
          seededAt = Date.now();
          seededSeq = m.seq;
          totals.seedExecs += m.seedExecs;
          fuzzingSince ??= Date.now();
          log(
            `${tag}${m.seeds} seeds, ${m.seedExecs} seed execs in ${(m.ms / 1000).toFixed(1)} s: ${m.blocks} blocks covered, corpus ${m.corpus}`,
          );
          break;
        case 'status':
          lastStatus = m;
          if (Date.now() - lastLogged < 4900) break;
          lastLogged = Date.now();
          log(
            `${tag}execs ${m.execs} (${Math.round(m.execs / m.seconds)}/s)  corpus ${m.corpus}  texts ${m.texts}  blocks ${m.blocks}`,
          );
          break;
        case 'corpus':
          newCorpus.push(m.data);
          for (const [j, other] of live)
            if (j !== index && other.connected) other.send({ type: 'import', data: m.data });
          break;
        case 'text':
          newTexts.push(m.text);
          break;
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
          void handleSuspect({
            kind: 'hang',
            target: m.target,
            input: m.input,
            aux: m.aux,
            ms: m.ms,
          });
          break;
        case 'done':
          totals = {
            ...totals,
            execs: totals.execs + m.execs,
            seconds: totals.seconds + m.seconds,
          };
          for (const [t, n] of Object.entries(m.perTarget ?? {}))
            perTarget.set(t, (perTarget.get(t) ?? 0) + n);
          lastDone[index] = m;
          ended = true; // a clean end: the process exits by itself (or is stopped soon)
          setTimeout(() => w.child.kill('SIGKILL'), 5000).unref();
          live.delete(index);
          clearInterval(watchdog);
          resolve('done');
          break;
        case 'fatal':
          log(`${tag}worker failed: ${m.error.stack || m.error.message}`);
          process.exitCode = 2;
          end('done');
          break;
        default:
      }
    });
    void w.exited.then((exit) => {
      if (ended) return;
      const exec = readExec(execFile);
      const target = TARGET_IDS[exec?.targetIndex] ?? 'read-auto';
      const stderr = w.stderr();
      const signature = crashSignature(stderr, exit);
      log(
        `${tag}worker process ended (${describeExit(exit)})${exec?.running ? ` while running ${target}` : ''}: ${signature}`,
      );
      if (exec?.running)
        void handleSuspect({
          kind: 'crash',
          target,
          input: exec.input,
          aux: exec.aux,
          crashSignature: signature,
          originalLength: exec.input.length,
        });
      end('restart');
    });
  });
}

/** One worker slot: runs and restarts its worker process until the deadline. */
async function slot(index) {
  let failedStarts = 0;
  for (let attempt = 0; ; attempt++) {
    const how = await runWorker(index, attempt);
    if (how === 'done') return;
    if (how === 'failed' && ++failedStarts >= MAX_FAILED_STARTS) {
      log(`[w${index}] worker died ${failedStarts} times before fuzzing: giving it up`);
      process.exitCode = 2;
      return;
    }
    if (how === 'restart') failedStarts = 0;
    if (Date.now() >= deadline - 2000) return;
    restarts++;
    log(
      `[w${index}] restarting the worker with ${seeds.length + newCorpus.length - quarantine.size} corpus entries`,
    );
  }
}

log(
  `seed ${JSON.stringify(opts.seed)}, ${opts.seconds} s, ${opts.workers} worker process(es), max-len ${opts.maxLen}, ${seeds.length} seed files, fuzzing ${path.relative(ROOT, distPath)}${browser ? ' (the browser bundle)' : ''}${renderUrl ? ' and the CLI writers' : ''}${opts.checkOutput ? ' (checking the text output)' : ''}`,
);
await Promise.all(Array.from({ length: opts.workers }, (_, i) => slot(i)));
await confirmQueue;

const wall = (Date.now() - t0) / 1000;
const fuzzWall = fuzzingSince ? (Math.min(Date.now(), deadline) - fuzzingSince) / 1000 : 0;
const done = lastDone.filter(Boolean);
console.log('');
console.log(
  `fuzz summary (seed ${JSON.stringify(opts.seed)}, ${wall.toFixed(1)} s wall, ${opts.workers} worker process(es))`,
);
console.log(
  `  execs:          ${totals.execs} mutated + ${totals.seedExecs} seed execs; ${(totals.execs / Math.max(fuzzWall, 1e-9)).toFixed(0)} execs/s in all, ${(totals.execs / Math.max(totals.seconds, 1e-9)).toFixed(0)} execs/s per worker${restarts ? ` (${restarts} worker restart(s))` : ''}`,
);
// A budget the seed pass used up (589 seeds take ~5-10 s a worker): say so, not just "0 execs/s".
if (totals.execs === 0 && totals.seedExecs > 0)
  console.log(
    `  note:           the seed pass used the whole --seconds ${opts.seconds}: no mutated input ran; give --seconds of at least ${Math.ceil(wall * 3)}`,
  );
console.log(
  `  per target:     ${TARGET_IDS.map((t) => `${t} ${perTarget.get(t) ?? 0}`).join(', ')}`,
);
for (const d of done) {
  console.log(
    `  corpus:         ${d.corpus} inputs (${d.corpus - d.newEntries} from seeds or other workers + ${d.newEntries} new), ${d.texts} host/name texts`,
  );
  console.log(
    `  covered blocks: ${d.blocks} (${d.seedBlocks} after the seeds, +${d.blocks - d.seedBlocks})`,
  );
  console.log(
    `  per exec:       ${d.execMsPerExec.toFixed(2)} ms target, ${d.takeMsPerExec.toFixed(2)} ms takePreciseCoverage`,
  );
}
const byKind = {};
for (const f of found) byKind[f.kind] = (byKind[f.kind] ?? 0) + 1;
console.log(
  `  findings:       ${found.length}${
    found.length
      ? ` (${Object.entries(byKind)
          .map(([k, n]) => `${n} ${k}`)
          .join(', ')})`
      : ''
  }${duplicates ? ` (+${duplicates} duplicates)` : ''}${unconfirmed.length ? `, ${unconfirmed.length} suspect(s) not confirmed` : ''}`,
);
for (const f of found)
  console.log(
    `    ${f.file}: ${f.kind} in ${f.target}/${f.stage}: ${f.error ? `${f.error.name}: ${f.error.message}` : ''}${f.exit ? ` [${describeExit(f.exit)}]` : ''}`,
  );
process.exit(found.length > 0 ? 1 : (process.exitCode ?? 0));
