#!/usr/bin/env node
/**
 * The hostile-case runner (`npm run bench:hostile`; scripts/bench.mjs uses it for BENCHMARKS.md's
 * "Hostile inputs" table). Loads every scripts/hostile/*.mjs but the runner's own run-*.mjs
 * files, runs each case of their `cases` (README.md) in its OWN child process
 * (scripts/hostile/run-case.mjs) with a wall-time cap (30 s, then SIGKILL), and reports per
 * case: id, kind, outcome (typed code, 'ok', exit code as text, or how the process ended),
 * whether it matches `expect`, time of run() in ms and peak memory (maxRSS) in MB, next to the
 * same figures for opening an ordinary Windows PFX in the same run. Targets: under 1 s and
 * under 256 MB each.
 *
 *   node scripts/hostile/run-all.mjs [--timeout SECONDS (30)] [--dir DIR] [--dist FILE] [--json]
 *
 * Exit code: 0 when every case matches its `expect` and meets both targets, 1 otherwise.
 */
import { fork } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const RUN_CASE = path.join(HERE, 'run-case.mjs');
export const TARGET_MS = 1000;
export const TARGET_MB = 256;

/** The case files of `dir`: every .mjs but run-*.mjs, sorted. */
export function caseFiles(dir = HERE) {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.mjs') && !f.startsWith('run-'))
    .sort()
    .map((f) => path.join(dir, f));
}

/** Runs one case in a child process; resolves to { outcome, ms, maxRssMb } or { outcome: how it ended }. */
export function runCaseInChild(file, id, { timeoutMs = 30_000, dist } = {}) {
  return new Promise((resolve) => {
    const child = fork(RUN_CASE, [file, id, ...(dist ? [dist] : [])], {
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr = (stderr + d).slice(-4000);
    });
    let result = null;
    let killed = false;
    const started = performance.now();
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('message', (m) => {
      result = m;
    });
    child.on('error', () => {
      /* reported on close */
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const wall = performance.now() - started;
      if (result && !result.fatal) resolve(result);
      else if (result?.fatal)
        resolve({
          id,
          outcome: `runner error: ${result.fatal.split('\n')[0]}`,
          ms: null,
          maxRssMb: null,
        });
      else if (killed)
        resolve({
          id,
          outcome: `killed after ${Math.round(timeoutMs / 1000)} s`,
          ms: wall,
          maxRssMb: null,
          killed: true,
        });
      else {
        const native = stderr
          .split('\n')
          .find((l) => /Assertion failed|FATAL ERROR|out of memory/i.test(l))
          ?.trim();
        resolve({
          id,
          outcome: `process ended: ${signal ? `signal ${signal}` : `exit code ${code}`}${native ? ` (${native})` : ''}`,
          ms: null,
          maxRssMb: null,
          crashed: true,
        });
      }
    });
  });
}

/**
 * Every case of every file, one child process each (sequential: time and memory are the case's
 * own). Resolves to { reference: ordinary PFX row, rows: [{ id, kind, title, file, outcome,
 * expect, matches, ms, maxRssMb, met }] }.
 */
export async function runHostile({ dir = HERE, timeoutMs = 30_000, dist, onRow } = {}) {
  const reference = await runCaseInChild('-', 'ordinary-pfx', { timeoutMs, dist });
  const rows = [];
  for (const file of caseFiles(dir)) {
    let cases;
    try {
      ({ cases } = await import(pathToFileURL(file).href));
    } catch (error) {
      rows.push({
        id: path.basename(file),
        kind: '?',
        title: 'the file did not load',
        file,
        outcome: `load error: ${String(error?.message ?? error)}`,
        expect: '-',
        matches: false,
        ms: null,
        maxRssMb: null,
        met: false,
      });
      continue;
    }
    for (const c of cases ?? []) {
      const r = await runCaseInChild(file, c.id, { timeoutMs, dist });
      const matches = r.outcome === String(c.expect);
      const met =
        r.ms !== null && r.maxRssMb !== null && r.ms < TARGET_MS && r.maxRssMb < TARGET_MB;
      const row = {
        id: c.id,
        kind: c.kind,
        title: c.title ?? '',
        file: path.basename(file),
        outcome: r.outcome,
        expect: String(c.expect),
        matches,
        ms: r.ms,
        maxRssMb: r.maxRssMb,
        met,
      };
      rows.push(row);
      onRow?.(row);
    }
  }
  return { reference, rows };
}

const fmtMs = (x) => (x === null || x === undefined ? '—' : x >= 100 ? x.toFixed(0) : x.toFixed(1));
const fmtMb = (x) => (x === null || x === undefined ? '—' : x.toFixed(0));
const cell = (s) => String(s).replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The Markdown table (BENCHMARKS.md and the console). */
export function hostileTable({ reference, rows }) {
  const lines = [
    `| case | kind | outcome | expected | time (ms) | peak memory (MB) | target (< ${TARGET_MS} ms, < ${TARGET_MB} MB) |`,
    '|---|---|---|---|---|---|---|',
    `| reference: an ordinary Windows PFX opened with its password (\`${'cert-chain-aes.pfx'}\`) | — | ${cell(reference.outcome)} | ok | ${fmtMs(reference.ms)} | ${fmtMb(reference.maxRssMb)} | |`,
  ];
  for (const r of rows) {
    lines.push(
      `| \`${cell(r.id)}\`${r.title ? ` ${cell(r.title)}` : ''} | ${cell(r.kind)} | ${cell(r.outcome)} | ${r.matches ? '✅' : '❌'} ${cell(r.expect)} | ${fmtMs(r.ms)} | ${fmtMb(r.maxRssMb)} | ${r.met ? '✅' : '❌'} |`,
    );
  }
  if (rows.length === 0) lines.push('| (no hostile cases in scripts/hostile/) | | | | | | |');
  return lines;
}

async function main(argv) {
  let timeoutMs = 30_000;
  let dir = HERE;
  let dist;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--timeout') timeoutMs = Number(argv[++i]) * 1000;
    else if (a === '--dir') dir = path.resolve(argv[++i]);
    else if (a === '--dist') dist = path.resolve(argv[++i]);
    else if (a === '--json') json = true;
    else {
      console.error(
        `usage: node scripts/hostile/run-all.mjs [--timeout SECONDS] [--dir DIR] [--dist FILE] [--json] (unknown: ${a})`,
      );
      process.exit(2);
    }
  }
  if (!(timeoutMs > 0)) {
    console.error('--timeout must be a positive number of seconds');
    process.exit(2);
  }
  const result = await runHostile({
    dir,
    timeoutMs,
    dist,
    onRow: json
      ? undefined
      : (r) =>
          console.error(
            `${r.met && r.matches ? 'ok  ' : 'FAIL'} ${r.id}: ${r.outcome} (${fmtMs(r.ms)} ms, ${fmtMb(r.maxRssMb)} MB)`,
          ),
  });
  if (json) console.log(JSON.stringify(result, null, 2));
  else console.log(hostileTable(result).join('\n'));
  const bad = result.rows.filter((r) => !r.matches || !r.met);
  if (!json)
    console.log(
      `\n${result.rows.length} case(s), ${bad.length} not matching their expected outcome or missing a target`,
    );
  process.exit(bad.length > 0 ? 1 : 0);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  await main(process.argv.slice(2));
