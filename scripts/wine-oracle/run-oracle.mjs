// Runs the Wine oracle (../shared/tools/wine-oracle: oracle.exe under wine) over job lines, for
// scripts/wine-oracle/differential.mjs and names-corpus.mjs. Wine's crypt32 crashes on some
// inputs (a page fault): the job it died on is recorded as such and the run goes on from the next.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

/** A path as Wine sees it (its Z: drive is the root of this file system). */
export const win = (p) => `Z:${p}`;

/**
 * @param {string} oracle the oracle executable
 * @param {string[]} lines one job per line (the oracle's TSV input; ids j0, j1, … by position)
 * @param {string} work a directory for the job files
 * @returns {Map<string, object>} the oracle's JSON answer by job id; a crash is `{ id, error }`
 */
export function runOracle(oracle, lines, work) {
  const answers = new Map();
  for (let start = 0; start < lines.length;) {
    const jobFile = path.join(work, `jobs-${start}.tsv`);
    writeFileSync(jobFile, `${lines.slice(start).join('\n')}\n`);
    let raw;
    let crashed = false;
    try {
      raw = execFileSync('wine', [oracle, win(jobFile)], {
        encoding: 'utf8',
        maxBuffer: 256 * 1024 * 1024,
        env: { ...process.env, WINEDEBUG: '-all' },
        stdio: ['ignore', 'pipe', 'ignore'],
      });
    } catch (error) {
      raw = String(error.stdout ?? '');
      crashed = true;
    }
    let next = start;
    for (const l of raw.split('\n').filter((x) => x.startsWith('{'))) {
      const o = JSON.parse(l);
      answers.set(o.id, o);
      next = Math.max(next, Number(o.id.slice(1)) + 1);
    }
    if (crashed) {
      answers.set(`j${next}`, {
        id: `j${next}`,
        error: 'Wine crypt32 crashed (unhandled page fault)',
      });
      next++;
    }
    start = next;
  }
  return answers;
}
