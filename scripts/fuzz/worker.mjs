/**
 * The fuzz loop, run in a child process (scripts/fuzz/child.mjs forks it) so that the
 * supervisor (scripts/fuzz.mjs) survives what the input does to it: a synchronous hang (it is
 * killed), a native abort or SIGSEGV, or running out of heap. Before each exec the input, its
 * target and aux go into the exec file (scripts/fuzz/exec-file.mjs) with one synchronous write:
 * if the process dies or never comes back, the supervisor still knows what it was running.
 *
 * The parent's first message is { type: 'start', data }. data.mode 'fuzz': load the library
 * bundle under V8 block coverage, run the seeds (or the corpus handed over after a restart),
 * then mutate / execute / keep inputs that reach new blocks until the deadline; { type:
 * 'import', data } messages add other workers' new corpus entries. data.mode 'replay': run one
 * input through data.runs ([{ target, aux }]) without coverage, posting 'begin' before and
 * 'replayed' (time, violations) after each, then 'done'.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { harvest } from './asn1.mjs';
import { Coverage } from './coverage.mjs';
import { Mutator, classify } from './mutate.mjs';
import { decodeBase64, findBlocks } from './pem.mjs';
import { Rng } from './rng.mjs';
import { ExecWriter } from './exec-file.mjs';
import {
  READ_TARGETS,
  TARGET_IDS,
  TEXT_SEEDS,
  TIME_LIMIT_MS,
  describeError,
  family,
  runTarget,
} from './targets.mjs';

const sha = (bytes) => createHash('sha256').update(bytes).digest('hex');
const post = (message) => {
  if (process.connected) process.send(message);
};
/** Corpus entries other workers found, handed over by the supervisor. */
const imported = [];

function timeout(ms) {
  let timer;
  const promise = new Promise((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  return { promise, cancel: () => clearTimeout(timer) };
}

/** First stack frame inside the library, for telling findings apart. */
function signature(targetId, stage, error) {
  const e = describeError(error);
  const frame =
    e.stack.split('\n').find((l) => /dist[\\/]index|[\\/]src[\\/]/.test(l)) ??
    e.stack.split('\n')[1] ??
    '';
  return `${family(targetId)}|${stage}|${e.name}|${frame.trim().replace(/:\d+:\d+\)?$/, '')}`;
}

/**
 * The library (data.distUrl) with the CLI's writers (data.renderUrl, scripts/fuzz/render.mjs) as
 * lib.render. data.browser: the browser bundle, given the page's global `self` first (node-forge
 * takes the global object from it when `process` is undefined, as the bundle defines it).
 */
async function loadLibrary(data) {
  if (data.browser) globalThis.self ??= globalThis;
  const lib = { ...(await import(data.distUrl)) };
  if (data.renderUrl) lib.render = (await import(data.renderUrl)).render;
  lib.checkOutput = data.checkOutput === true;
  return lib;
}

async function main(data) {
  // Stacks in findings point into src/ (dist/index.js.map), not only the bundle.
  process.setSourceMapsEnabled(true);
  if (data.mode === 'replay') return replay(await loadLibrary(data), data);

  const cov = new Coverage(
    (url) =>
      url === data.distUrl ||
      url === data.renderUrl ||
      (url.startsWith(data.coverageUrlPrefix) && !url.endsWith('/cli.js')),
  );
  const lib = await loadLibrary(data);
  const rng = new Rng(data.seed);
  const shared = new ExecWriter(data.execFile);
  const corpus = [];
  const corpusIds = new Set();
  const texts = [];
  const textIds = new Set();
  let current = null; // the exec running now (for unhandled rejections)
  let lastExec = null;

  const findingsSeen = new Set();
  const reportViolation = async (exec, stage, error, { minimize = true } = {}) => {
    const sig = signature(exec.target, stage, error);
    if (findingsSeen.has(sig)) {
      post({ type: 'duplicate', signature: sig });
      return;
    }
    findingsSeen.add(sig);
    let input = exec.input;
    if (minimize && stage !== 'unhandled-rejection')
      input = await minimizeInput(lib, exec, sig, shared);
    post({
      type: 'finding',
      kind: stage === 'unhandled-rejection' ? 'unhandled-rejection' : 'error',
      target: exec.target,
      stage,
      input,
      aux: exec.aux,
      error: describeError(error),
      signature: sig,
      originalLength: exec.input.length,
    });
  };
  process.on('unhandledRejection', (reason) => {
    const exec = current ?? lastExec;
    if (exec) void reportViolation(exec, 'unhandled-rejection', reason, { minimize: false });
  });
  process.on('uncaughtException', (error) => {
    const exec = current ?? lastExec;
    if (exec) void reportViolation(exec, 'uncaught-exception', error, { minimize: false });
  });

  const saveDir = data.corpusDir;
  if (saveDir) mkdirSync(saveDir, { recursive: true });

  const addCorpus = (bytes, origin) => {
    const id = sha(bytes);
    if (corpusIds.has(id)) return false;
    corpusIds.add(id);
    corpus.push({ data: bytes, id, picks: 0 });
    if (origin !== 'seed' && saveDir)
      writeFileSync(path.join(saveDir, `${id.slice(0, 16)}.bin`), bytes);
    if (origin === 'new') post({ type: 'corpus', data: bytes });
    return true;
  };
  const addText = (text, origin) => {
    if (typeof text !== 'string' || text.length > 4096 || textIds.has(text)) return;
    textIds.add(text);
    texts.push(text);
    if (origin === 'new') {
      if (saveDir) writeFileSync(path.join(saveDir, `text-${sha(text).slice(0, 16)}.txt`), text);
      post({ type: 'text', text });
    }
  };

  /** One exec: shared-buffer bookkeeping, time bound, invariant check. Returns the run's result. */
  const execute = async (targetId, input, aux) => {
    const exec = { target: targetId, input, aux };
    current = exec;
    shared.begin(TARGET_IDS.indexOf(targetId), input, JSON.stringify(aux));
    const started = performance.now();
    const t = timeout(TIME_LIMIT_MS);
    let outcome;
    try {
      outcome = await Promise.race([runTarget(lib, targetId, input, aux), t.promise]);
    } catch (error) {
      outcome = { resolved: false, violations: [{ stage: 'harness', error }] };
    } finally {
      t.cancel();
    }
    const ms = performance.now() - started;
    shared.end();
    current = null;
    lastExec = exec;
    if (outcome === 'timeout' || ms > TIME_LIMIT_MS) {
      post({
        type: 'suspect',
        target: targetId,
        input,
        aux,
        ms,
        stillRunning: outcome === 'timeout',
      });
      return { resolved: false, violations: [] };
    }
    return { ...outcome, exec };
  };
  /** Reports the violations of an exec, after its coverage was taken (minimizing runs more execs). */
  const report = async (outcome) => {
    if (!outcome.violations.length) return;
    for (const v of outcome.violations) await reportViolation(outcome.exec, v.stage, v.error);
    cov.reset();
  };

  // ---- seeds / resumed corpus ----
  const textFromBundle = [];
  for (const t of TEXT_SEEDS) addText(t, 'seed');
  for (const t of data.texts ?? []) addText(t, 'resume');
  const start = performance.now();
  const deadline = data.deadline;
  let seedExecs = 0;
  for (const seed of data.seeds) {
    if (Date.now() > deadline) break;
    addCorpus(seed.data, 'seed');
    const targets = ['read-auto'];
    const kind = classify(seed.data);
    if (
      /\.(csr|req|inf)$/.test(seed.name) ||
      /REQUEST|\[NewRequest\]|CertificateTemplate/i.test(
        Buffer.from(seed.data.subarray(0, 4096)).toString('latin1'),
      )
    )
      targets.push('request');
    if (/\.(config|reg|sst)$|sslcert|netsh/i.test(seed.name)) targets.push('snapshot');
    if (
      kind === 'der' ||
      kind === 'b64' ||
      /PKCS12|ENCRYPTED/.test(Buffer.from(seed.data.subarray(0, 200)).toString('latin1'))
    ) {
      for (const t of READ_TARGETS) if (t.options.password !== undefined) targets.push(t.id);
    }
    for (const targetId of targets) {
      const result = await execute(targetId, seed.data, {});
      cov.take();
      await report(result);
      seedExecs++;
      if (result.resolved && textFromBundle.length < 400) {
        // Names the certificates carry make good host strings for matchHostname.
        try {
          const bundle = await lib.readCertificates(
            seed.data,
            READ_TARGETS.find((x) => x.id === targetId).options,
          );
          for (const c of bundle.certificates.slice(0, 4)) {
            for (const n of [
              ...(c.dnsNames ?? []).slice(0, 3),
              ...c.commonNames.slice(0, 1),
              ...c.ipAddresses.slice(0, 1),
            ])
              textFromBundle.push(n);
          }
        } catch {
          /* counted above */
        }
        cov.reset();
      }
    }
  }
  for (const t of textFromBundle) addText(t, 'seed');
  const seedBlocks = cov.covered.size;
  post({
    type: 'seeded',
    seq: shared.seq,
    seeds: data.seeds.length,
    seedExecs,
    blocks: seedBlocks,
    corpus: corpus.length,
    ms: performance.now() - start,
  });

  // ---- the value dictionary from every DER the seeds hold ----
  const ders = [];
  for (const { data: d } of corpus) {
    const k = classify(d);
    if (k === 'der') ders.push(d);
    else if (k === 'pem')
      for (const b of findBlocks(Buffer.from(d).toString('latin1')).slice(0, 8))
        ders.push(decodeBase64(b.body));
    else if (k === 'b64') ders.push(decodeBase64(Buffer.from(d).toString('latin1')));
  }
  const dict = harvest(ders);
  addExtraOids(dict);

  // ---- fuzz ----
  const pickEntry = () => {
    // Recent finds get a fair share; otherwise uniform.
    const recent = corpus.length - data.seeds.length;
    if (recent > 0 && rng.chance(0.3))
      return corpus[corpus.length - 1 - rng.int(Math.min(recent, 64))];
    return corpus[rng.int(corpus.length)];
  };
  const mutator = new Mutator(rng, { dict, maxLen: data.maxLen, donor: () => pickEntry().data });
  const weights = TARGET_IDS.map((id) =>
    id === 'read-auto' ? 4 : id === 'read-text' || id === 'request' ? 2 : 1,
  );
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const pickTarget = () => {
    let x = rng.int(totalWeight);
    for (let i = 0; i < weights.length; i++) {
      if (x < weights[i]) return TARGET_IDS[i];
      x -= weights[i];
    }
    return TARGET_IDS[0];
  };
  const mutatedText = () => {
    let s = rng.pick(texts);
    const rounds = rng.chance(0.3) ? 0 : 1 + rng.int(3);
    for (let i = 0; i < rounds; i++) {
      s = rng.chance(0.15) ? `${s}&${rng.pick(texts)}` : mutator.textString(s);
    }
    return s.slice(0, 4096);
  };

  const fuzzStart = performance.now();
  let lastStatus = fuzzStart;
  let fuzzExecs = 0;
  let timeInExec = 0;
  let newEntries = 0;
  const perTarget = {};
  while (Date.now() < deadline && (data.runs === undefined || fuzzExecs < data.runs)) {
    while (imported.length > 0) addCorpus(imported.shift(), 'import');
    const targetId = pickTarget();
    let input;
    let aux;
    if (targetId === 'parse-name-list') {
      const text = mutatedText();
      input = new Uint8Array(Buffer.from(text, 'utf8'));
      aux = { names: text };
    } else {
      const entry = pickEntry();
      entry.picks++;
      const password = READ_TARGETS.find((t) => t.id === targetId)?.options.password;
      input = mutator.mutate(entry.data, { password });
      aux = { host: mutatedText() };
      if (rng.chance(0.2)) aux.names = mutatedText();
      if (rng.chance(0.2)) aux.anchors = rng.chance(0.5) ? true : 'fixture';
    }
    const t0 = performance.now();
    const outcome = await execute(targetId, input, aux);
    timeInExec += performance.now() - t0;
    fuzzExecs++;
    perTarget[targetId] = (perTarget[targetId] ?? 0) + 1;
    const fresh = cov.take();
    await report(outcome);
    if (fresh.length > 0) {
      if (targetId !== 'parse-name-list' && addCorpus(input, 'new')) newEntries++;
      if (aux.host !== undefined) addText(aux.host, 'new');
      if (aux.names !== undefined) addText(aux.names, 'new');
    }
    const now = performance.now();
    if (now - lastStatus > 1000) {
      // the supervisor logs every 5th; counts survive a crash
      lastStatus = now;
      post({
        type: 'status',
        perTarget,
        execs: fuzzExecs,
        seconds: (now - fuzzStart) / 1000,
        corpus: corpus.length,
        texts: texts.length,
        blocks: cov.covered.size,
      });
    }
  }
  const seconds = (performance.now() - fuzzStart) / 1000;
  post({
    type: 'done',
    perTarget,
    execs: fuzzExecs,
    seedExecs,
    seconds,
    corpus: corpus.length,
    newEntries,
    texts: texts.length,
    seedBlocks,
    blocks: cov.covered.size,
    takeMsPerExec: cov.takeMs / Math.max(1, cov.takes),
    execMsPerExec: timeInExec / Math.max(1, fuzzExecs),
  });
  cov.stop();
  shared.close();
  process.disconnect();
}

/** OIDs the seeds do not carry but the readers know (bag types, CMS types, algorithms). */
const EXTRA_OIDS = [
  '1.2.840.113549.1.12.10.1.1',
  '1.2.840.113549.1.12.10.1.2',
  '1.2.840.113549.1.12.10.1.3',
  '1.2.840.113549.1.12.10.1.4',
  '1.2.840.113549.1.12.10.1.5',
  '1.2.840.113549.1.12.10.1.6',
  '1.2.840.113549.1.7.1',
  '1.2.840.113549.1.7.2',
  '1.2.840.113549.1.7.3',
  '1.2.840.113549.1.7.6',
  '1.2.840.113549.1.5.13',
  '1.2.840.113549.1.5.12',
  '1.2.840.113549.1.5.14',
  '1.3.6.1.4.1.11591.4.11',
  '1.2.840.113549.1.12.1.1',
  '1.2.840.113549.1.12.1.2',
  '1.2.840.113549.1.12.1.5',
  '1.2.840.113549.1.12.1.6',
  '1.2.840.113549.1.5.3',
  '1.2.840.113549.1.5.10',
  '1.3.101.112',
  '1.3.101.113',
  '1.3.101.110',
  '1.2.840.10045.2.1',
  '1.2.840.113549.1.1.10',
  '1.2.840.113549.1.1.8',
  '1.2.840.113549.1.1.2',
  '1.2.840.113549.1.1.4',
  '1.2.840.10040.4.1',
  '2.5.29.30',
  '2.5.29.17',
  '2.5.29.19',
  '2.5.29.15',
  '2.5.29.37',
  '2.5.29.32',
  '2.5.29.33',
  '2.5.29.36',
  '2.5.29.54',
  '1.3.6.1.4.1.311.20.2',
  '1.3.6.1.4.1.311.21.7',
  '1.3.6.1.4.1.311.21.10',
  '1.3.6.1.4.1.311.17.1',
  '1.3.6.1.4.1.311.17.2',
  '1.3.6.1.5.5.7.3.1',
  '1.3.6.1.5.5.7.3.2',
  '2.5.29.37.0',
  '1.2.840.113549.1.9.14',
  '1.2.840.113549.1.9.20',
  '1.2.840.113549.1.9.21',
  '1.3.6.1.4.1.311.13.2.3',
  '1.3.6.1.4.1.311.13.2.2',
  '1.3.6.1.4.1.311.21.20',
  '2.16.840.1.101.3.4.2.1',
  '2.16.840.1.101.3.4.1.42',
  '1.2.840.113549.3.7',
  '1.2.840.113549.3.2',
  '1.3.14.3.2.7',
  '1.2.840.113549.2.9',
  '1.2.840.113549.2.7',
];

function encodeOid(text) {
  const arcs = text.split('.').map(Number);
  const out = [];
  const push = (n) => {
    const tmp = [n & 0x7f];
    for (n = Math.floor(n / 128); n > 0; n = Math.floor(n / 128)) tmp.unshift(0x80 | (n & 0x7f));
    out.push(...tmp);
  };
  push(arcs[0] * 40 + arcs[1]);
  for (const a of arcs.slice(2)) push(a);
  return Uint8Array.from(out);
}

function addExtraOids(dict) {
  if (!dict.byTag.has('0.6')) dict.byTag.set('0.6', []);
  for (const oid of EXTRA_OIDS) dict.byTag.get('0.6').push(encodeOid(oid));
}

/** Shrinks an input while the same finding (signature) still happens. Bounded in time. */
async function minimizeInput(lib, exec, sig, shared) {
  const stop = performance.now() + 3000;
  let best = exec.input;
  const still = async (candidate) => {
    // Recorded like any exec: a candidate that crashes the process natively is a finding too.
    shared.begin(TARGET_IDS.indexOf(exec.target), candidate, JSON.stringify(exec.aux));
    try {
      const out = await runTarget(lib, exec.target, candidate, exec.aux);
      return out.violations.some((v) => signature(exec.target, v.stage, v.error) === sig);
    } catch {
      return false;
    } finally {
      shared.end();
    }
  };
  for (
    let chunk = Math.max(1, best.length >> 1);
    chunk >= 1 && performance.now() < stop;
    chunk >>= 1
  ) {
    for (let at = 0; at + chunk <= best.length && performance.now() < stop;) {
      const candidate = new Uint8Array(best.length - chunk);
      candidate.set(best.subarray(0, at));
      candidate.set(best.subarray(at + chunk), at);
      if (await still(candidate)) best = candidate;
      else at += chunk;
    }
  }
  return best;
}

async function replay(lib, data) {
  // Warm up: load the code paths (and node-forge) so the timing is of the input alone.
  const { readFileSync } = await import('node:fs');
  for (const w of data.warmup ?? []) {
    try {
      await runTarget(lib, w.target, new Uint8Array(readFileSync(w.file)), {});
    } catch {
      /* warm-up only */
    }
  }
  post({ type: 'ready' });
  for (let index = 0; index < data.runs.length; index++) {
    const { target, aux } = data.runs[index];
    post({ type: 'begin', index });
    const started = performance.now();
    const out = await runTarget(lib, target, data.input, aux ?? {});
    const ms = performance.now() - started;
    post({
      type: 'replayed',
      index,
      ms,
      violations: out.violations.map((v) => ({ stage: v.stage, error: describeError(v.error) })),
    });
  }
  post({ type: 'done' });
  process.disconnect();
}

// The supervisor is gone (stopped, or killed): so is the work.
process.on('disconnect', () => process.exit(0));
process.on('message', (m) => {
  if (m.type === 'import') imported.push(m.data);
  else if (m.type === 'start') {
    main(m.data).catch((error) => {
      post({ type: 'fatal', error: describeError(error) });
      process.disconnect();
    });
  }
});
