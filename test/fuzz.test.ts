import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeExit, replayInChild } from '../scripts/fuzz/child.mjs';
import { buildRenderer } from '../scripts/fuzz/render.mjs';
import { type FuzzAux, TARGET_IDS, TIME_LIMIT_MS } from '../scripts/fuzz/targets.mjs';
import { FIXTURES } from './fixtures.js';

/**
 * The fuzzer (scripts/fuzz.mjs) saves every input that broke the invariant to
 * certs-fixtures/fuzz-regressions/ (<target>-<sha256 prefix>.bin + a .json note). Each one is
 * replayed here through every target (reports rendered by the CLI's writers too) in a CHILD
 * PROCESS on dist/ (built by `npm test` before vitest), on the Node build and on the browser
 * bundle (dist/browser/index.js, given the page's global `self` as `--bundle browser` does), each run within a time limit: a hang is killed and a native abort ends that process,
 * and either fails the test with what happened instead of stopping the test run. The invariant:
 * resolve, or reject with a SupCertError that has a string `code`, within 2 s. Then the harness
 * itself is checked on a synthetic target that aborts / hangs on purpose, and a short fuzz run
 * must find nothing new.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIR = path.join(FIXTURES, 'fuzz-regressions');
const DIST_URL = pathToFileURL(path.join(ROOT, 'dist/index.js')).href;
const BROWSER_URL = pathToFileURL(path.join(ROOT, 'dist/browser/index.js')).href;
const SYNTHETIC = path.join(ROOT, 'scripts/fuzz/synthetic-crash.mjs');
const files = existsSync(DIR)
  ? readdirSync(DIR)
      .filter((f) => f.endsWith('.bin'))
      .sort()
  : [];
const WARMUP = [
  { target: 'read-auto', file: path.join(FIXTURES, 'generated/leaf-rsa.pem') },
  { target: 'read-pw-Passw0rd-bang', file: path.join(FIXTURES, 'generated/default.pfx') },
];
const tmp = mkdtempSync(path.join(os.tmpdir(), 'supcert-fuzz-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
/** The CLI's writers (text, request text, summary, SARIF, JSON) as the fuzzer renders reports. */
let renderUrl: string | undefined;
/** The same writers on the browser bundle's reports. */
let browserRenderUrl: string | undefined;
beforeAll(async () => {
  renderUrl = await buildRenderer(ROOT, path.join(tmp, 'render'));
  browserRenderUrl = await buildRenderer(
    ROOT,
    path.join(tmp, 'render-browser'),
    path.join(ROOT, 'dist/browser/index.js'),
  );
});

interface Note {
  target?: string;
  stage?: string;
  kind?: string;
  aux?: FuzzAux;
  exit?: { code: number | null; signal: string | null };
}

function noteOf(file: string, dir = DIR): Note {
  const json = path.join(dir, file.replace(/\.bin$/, '.json'));
  return existsSync(json) ? (JSON.parse(readFileSync(json, 'utf8')) as Note) : {};
}

/**
 * Every problem of one input replayed through `runs` in child processes: [] when it keeps the
 * invariant. After a crash or a hang the runs left go to a fresh process, so all are reported.
 */
async function replayProblems(
  input: Uint8Array,
  runs: Array<{ target: string; aux?: FuzzAux }>,
  distUrl = DIST_URL,
  checkOutput = false,
): Promise<string[]> {
  const problems: string[] = [];
  const browser = distUrl === BROWSER_URL;
  const ours = distUrl === DIST_URL || browser;
  let left = runs;
  while (left.length > 0) {
    const out = await replayInChild({
      distUrl,
      browser,
      renderUrl: distUrl === DIST_URL ? renderUrl : browser ? browserRenderUrl : undefined,
      checkOutput,
      input,
      runs: left,
      warmup: ours ? WARMUP : [],
      timeoutMs: TIME_LIMIT_MS + 1000,
    });
    for (const r of out.results) {
      for (const v of r.violations)
        problems.push(
          `${r.target}/${v.stage}: ${v.error.name}: ${v.error.message}\n${v.error.stack}`,
        );
      if (r.ms > TIME_LIMIT_MS)
        problems.push(`${r.target}: took ${Math.round(r.ms)} ms (limit ${TIME_LIMIT_MS} ms)`);
    }
    if (out.hang) problems.push(`${out.hang.target}: hang (${out.hang.why})`);
    if (out.crash)
      problems.push(
        `${out.crash.target}: the process ended with ${describeExit(out.crash)}: ${out.crash.signature}`,
      );
    if (out.fatal) problems.push(`replay failed: ${out.fatal.message}`);
    if (
      out.fatal ||
      (!out.hang && !out.crash) ||
      out.crash?.target === 'start' ||
      out.hang?.target === 'start'
    )
      break;
    left = left.slice(out.results.length + 1);
  }
  return problems;
}

function runFuzzer(
  args: string[],
  killAfterMs: number,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['scripts/fuzz.mjs', ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      output += d.toString();
    });
    const killer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('close', (code) => {
      clearTimeout(killer);
      resolve({ code, output });
    });
  });
}

describe('fuzz regressions (certs-fixtures/fuzz-regressions)', () => {
  it('the folder exists and says what it is', () => {
    expect(readFileSync(path.join(DIR, 'README.md'), 'utf8')).toContain('test/fuzz.test.ts');
  });

  it.each(files)(
    '%s: every target keeps the invariant on the Node build and the browser bundle (in a child process)',
    async (file) => {
      const input = new Uint8Array(readFileSync(path.join(DIR, file)));
      const note = noteOf(file);
      const auxes: FuzzAux[] = [{}];
      if (note.aux && Object.keys(note.aux).length > 0) auxes.push(note.aux);
      const runs = TARGET_IDS.flatMap((target) => auxes.map((aux) => ({ target, aux })));
      // A finding of `--check-output` (raw control characters in the text report) replays with that check.
      const check = note.stage === 'render-output';
      expect({
        node: await replayProblems(input, runs, DIST_URL, check),
        browser: await replayProblems(input, runs, BROWSER_URL, check),
      }).toEqual({ node: [], browser: [] });
    },
    120_000,
  );
});

describe('the harness survives what an input does to the process', () => {
  // The synthetic target aborts on a NUL byte (like a native assertion in node:crypto) and
  // spins forever on "HANG"; every other input is a typed error.
  const syntheticUrl = pathToFileURL(SYNTHETIC).href;

  it('a replay reports an abort as a crash with its signal, a hang as a hang, and goes no further', async () => {
    const runs = [{ target: 'read-auto' }, { target: 'request' }];
    const aborted = await replayInChild({
      distUrl: syntheticUrl,
      input: Uint8Array.from([0x30, 0x00]),
      runs,
      timeoutMs: 3000,
    });
    expect(aborted.crash).toMatchObject({ target: 'read-auto', signal: 'SIGABRT' });
    expect(aborted.results).toEqual([]);
    const hung = await replayInChild({
      distUrl: syntheticUrl,
      input: new Uint8Array(Buffer.from('xHANGx')),
      runs,
      timeoutMs: 1000,
    });
    expect(hung.hang).toMatchObject({ target: 'read-auto', ms: 1000 });
    expect(hung.crash).toBeUndefined();
    const fine = await replayInChild({
      distUrl: syntheticUrl,
      input: new Uint8Array(Buffer.from('fine')),
      runs,
      timeoutMs: 3000,
    });
    expect(fine.results.map((r) => [r.target, r.violations.length])).toEqual([
      ['read-auto', 0],
      ['request', 0],
    ]);
    expect(fine.crash ?? fine.hang).toBeUndefined();
  }, 30_000);

  it('the fuzzer saves an input that aborts or hangs its worker (signal and all), restarts the worker and runs to the end', async () => {
    const seeds = path.join(tmp, 'seeds');
    const findings = path.join(tmp, 'findings');
    rmSync(seeds, { recursive: true, force: true });
    mkdirSync(seeds, { recursive: true });
    writeFileSync(path.join(seeds, 'a.txt'), 'plain text seed for the synthetic target\n');
    writeFileSync(path.join(seeds, 'b.txt'), 'this seed HANGs the synthetic target\n');
    const { code, output } = await runFuzzer(
      [
        '--seconds',
        '9',
        '--seed',
        '1',
        '--workers',
        '1',
        '--dist',
        SYNTHETIC,
        '--fixtures',
        seeds,
        '--findings-dir',
        findings,
        '--no-save-corpus',
        '--no-render',
      ],
      50_000,
    );
    expect(output).toContain('fuzz summary');
    expect(code, output).toBe(1); // findings were saved
    expect(output).toMatch(/worker stuck for \d+ ms in read-auto: killing it/);
    expect(output).toMatch(/worker process ended \(signal SIGABRT\) while running/);
    expect(output).toMatch(/restarting the worker/);
    const saved = readdirSync(findings).filter((f) => f.endsWith('.bin'));
    const kinds = saved.map((f) => noteOf(f, findings).kind);
    expect(kinds.filter((k) => k === 'hang')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'crash').length).toBeGreaterThan(0);
    for (const file of saved) {
      const note = noteOf(file, findings);
      const input = new Uint8Array(readFileSync(path.join(findings, file)));
      if (note.kind === 'hang') {
        expect(Buffer.from(input).toString()).toContain('HANG');
        continue;
      }
      expect(note.kind).toBe('crash');
      expect(note.exit).toEqual({ code: null, signal: 'SIGABRT' });
      expect(input.includes(0)).toBe(true); // what the synthetic target aborts on
      // ...and the saved file replays as the same crash, each run in its own process.
      const replayed = await replayProblems(
        input,
        [{ target: note.target ?? 'read-auto' }, { target: 'request' }],
        syntheticUrl,
      );
      expect(replayed).toHaveLength(2);
      for (const p of replayed) expect(p).toContain('signal SIGABRT');
    }
    // The run went on after the crashes: the summary counts execs of the restarted workers.
    expect(Number(/execs: +(\d+) mutated/.exec(output)?.[1])).toBeGreaterThan(0);
  }, 60_000);
});

describe('a short fuzz run', () => {
  it('node scripts/fuzz.mjs --seconds 10 --seed 1 --workers 1 finds nothing', async () => {
    const { code, output } = await runFuzzer(
      ['--seconds', '10', '--seed', '1', '--workers', '1'],
      25_000,
    );
    expect(output).toContain('fuzz summary');
    expect(code, output).toBe(0);
  }, 30_000);

  it('node scripts/fuzz.mjs --bundle browser --seconds 10 --seed 1 --workers 1 fuzzes the browser bundle and finds nothing', async () => {
    const { code, output } = await runFuzzer(
      ['--bundle', 'browser', '--seconds', '10', '--seed', '1', '--workers', '1'],
      25_000,
    );
    expect(output).toContain('fuzzing dist/browser/index.js (the browser bundle)');
    expect(output).toContain('fuzz summary');
    // It ran the inputs (mutated ones too), not only loaded the bundle.
    expect(Number(/execs: +(\d+) mutated \+ (\d+) seed execs/.exec(output)?.[2])).toBeGreaterThan(
      100,
    );
    expect(code, output).toBe(0);
  }, 30_000);
});
