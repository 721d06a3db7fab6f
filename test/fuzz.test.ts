import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { beforeAll, describe, expect, it } from 'vitest';
import * as lib from '../src/index.js';
import { type FuzzAux, TARGET_IDS, TIME_LIMIT_MS, describeError, runTarget } from '../scripts/fuzz/targets.mjs';
import { FIXTURES, fixture } from './fixtures.js';

/**
 * The fuzzer (scripts/fuzz.mjs) saves every input that broke the invariant to
 * certs-fixtures/fuzz-regressions/ (<target>-<sha256 prefix>.bin + a .json note). Each one is
 * replayed here through every target: the invariant is resolve, or reject with a SupCertError
 * that has a string `code`, within 2 s. Then a short fuzz run must find nothing new.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIR = path.join(FIXTURES, 'fuzz-regressions');
const files = existsSync(DIR) ? readdirSync(DIR).filter((f) => f.endsWith('.bin')).sort() : [];

interface Note {
  target?: string;
  kind?: string;
  aux?: FuzzAux;
}

function noteOf(file: string): Note {
  const json = path.join(DIR, file.replace(/\.bin$/, '.json'));
  return existsSync(json) ? (JSON.parse(readFileSync(json, 'utf8')) as Note) : {};
}

/** Rejects after `ms`, so that a promise that never settles is reported, not waited for. */
async function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`${what}: no result within ${ms} ms`)), ms); });
  try {
    return await Promise.race([promise, limit]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A saved hang replays in a worker thread on dist/ (built by `npm test` before vitest), which can
 * be stopped if it blocks; in this thread a synchronous loop would freeze the test run.
 */
function replayInWorker(target: string, input: Uint8Array, aux: FuzzAux): Promise<string[]> {
  return new Promise((resolve) => {
    const distUrl = pathToFileURL(path.join(ROOT, 'dist/index.js')).href;
    const worker = new Worker(new URL('../scripts/fuzz/worker.mjs', import.meta.url), { workerData: { mode: 'replay', distUrl, target, input, aux, warmup: [] } });
    let timer = setTimeout(() => finish([`${target}: the replay worker did not start`]), 20_000);
    let ready = false;
    let done = false;
    function finish(problems: string[]): void {
      if (done) return;
      done = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(problems);
    }
    worker.on('message', (m: { type: string; ms?: number; violations?: Array<{ stage: string; error: { name: string; message: string } }> }) => {
      if (m.type === 'ready') {
        ready = true;
        clearTimeout(timer);
        timer = setTimeout(() => finish([`${target}: no result within ${TIME_LIMIT_MS} ms`]), TIME_LIMIT_MS + 500);
      } else if (m.type === 'replayed') {
        const problems = (m.violations ?? []).map((v) => `${target}/${v.stage}: ${v.error.name}: ${v.error.message}`);
        if ((m.ms ?? 0) > TIME_LIMIT_MS) problems.push(`${target}: took ${Math.round(m.ms ?? 0)} ms`);
        finish(problems);
      }
    });
    worker.on('error', (error) => finish([`${target}: the replay worker crashed: ${String(error)}`]));
    worker.on('exit', () => finish(ready ? [`${target}: the promise never settled`] : [`${target}: the replay worker exited`]));
  });
}

describe('fuzz regressions (certs-fixtures/fuzz-regressions)', () => {
  beforeAll(async () => {
    // Load the lazy parts (node-forge ciphers, PBKDF2) once, so that timings are of the input.
    await lib.readCertificates(fixture('generated/default.pfx'), { password: 'Passw0rd!' });
    await lib.readCertificates(fixture('generated/legacy.pfx'), { password: 'Passw0rd!' }).catch(() => undefined);
  });

  it('the folder exists and says what it is', () => {
    expect(readFileSync(path.join(DIR, 'README.md'), 'utf8')).toContain('test/fuzz.test.ts');
  });

  it.each(files)('%s: every target keeps the invariant', async (file) => {
    const input = new Uint8Array(readFileSync(path.join(DIR, file)));
    const note = noteOf(file);
    const auxes: FuzzAux[] = [{}];
    if (note.aux && Object.keys(note.aux).length > 0) auxes.push(note.aux);
    const problems: string[] = [];
    for (const target of TARGET_IDS) {
      for (const aux of auxes) {
        if (note.kind === 'hang' || note.kind === 'crash') {
          problems.push(...(await replayInWorker(target, input, aux)));
          continue;
        }
        const started = performance.now();
        try {
          const out = await within(TIME_LIMIT_MS * 5, target, runTarget(lib, target, input, aux));
          for (const v of out.violations) {
            const e = describeError(v.error);
            problems.push(`${target}/${v.stage}: ${e.name}: ${e.message}\n${e.stack}`);
          }
        } catch (error) {
          problems.push(String(error));
        }
        const ms = performance.now() - started;
        if (ms > TIME_LIMIT_MS) problems.push(`${target}: took ${Math.round(ms)} ms (limit ${TIME_LIMIT_MS} ms)`);
      }
    }
    expect(problems).toEqual([]);
  }, 120_000);
});

describe('a short fuzz run', () => {
  it('node scripts/fuzz.mjs --seconds 10 --seed 1 finds nothing', async () => {
    const child = spawn(process.execPath, ['scripts/fuzz.mjs', '--seconds', '10', '--seed', '1'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => { output += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { output += d.toString(); });
    const killer = setTimeout(() => child.kill('SIGKILL'), 17_000);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    clearTimeout(killer);
    expect(output).toContain('fuzz summary');
    expect(code, output).toBe(0);
  }, 20_000);
});
