import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { caseFiles, hostileTable, runHostile } from '../scripts/hostile/run-all.mjs';

/**
 * The hostile-case runner (scripts/hostile/run-all.mjs, `npm run bench:hostile`, BENCHMARKS.md's
 * "Hostile inputs" table) on a folder of stand-in cases: each runs in its own process on dist/,
 * so an abort or a hang is a row of the table, not the end of the benchmark.
 */
const dir = mkdtempSync(path.join(os.tmpdir(), 'supcert-hostile-runner-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(
  path.join(dir, 'stand-in.mjs'),
  `export const cases = [
  { id: 'typed', kind: 1, title: 'empty input', run: async (lib) => { await lib.readCertificates(new Uint8Array(0)); return 'ok'; }, expect: 'EMPTY_INPUT' },
  { id: 'untyped', kind: 10, title: 'a TypeError', run: async () => { null.x; }, expect: 'ok' },
  { id: 'abort', kind: 1, title: 'a native abort', run: async () => { process.abort(); }, expect: 'ok' },
  { id: 'hang', kind: 4, title: 'a synchronous hang', run: async () => { for (;;); }, expect: 'ok' },
  { id: 'memory', kind: 7, title: '300 MB held', run: async () => { globalThis.held = Array.from({ length: 30 }, () => Buffer.alloc(10_000_000, 1)); return 'ok'; }, expect: 'ok' },
];
`,
);
writeFileSync(
  path.join(dir, 'run-helper.mjs'),
  'throw new Error("a run-*.mjs file is the runner\'s, never loaded as cases");\n',
);

describe('hostile runner', () => {
  it('loads every *.mjs but run-*.mjs', () => {
    expect(caseFiles(dir).map((f) => path.basename(f))).toEqual(['stand-in.mjs']);
  });

  it('runs each case in its own process and reports outcome, match, time and peak memory', async () => {
    const result = await runHostile({ dir, timeoutMs: 4000 });
    expect(result.reference).toMatchObject({ id: 'ordinary-pfx', outcome: 'ok' });
    expect(result.reference.maxRssMb).toBeGreaterThan(0);
    const byId = Object.fromEntries(result.rows.map((r) => [r.id, r]));
    expect(byId.typed).toMatchObject({ outcome: 'EMPTY_INPUT', matches: true, met: true });
    expect(byId.untyped).toMatchObject({ matches: false });
    expect(byId.untyped!.outcome).toMatch(/^untyped TypeError: /);
    expect(byId.abort).toMatchObject({
      outcome: 'process ended: signal SIGABRT',
      matches: false,
      met: false,
    });
    expect(byId.hang).toMatchObject({ outcome: 'killed after 4 s', matches: false, met: false });
    // 300,000,000 bytes held: the peak memory is the child's, and over the 256 MB target.
    expect(byId.memory).toMatchObject({ outcome: 'ok', matches: true, met: false });
    expect(byId.memory!.maxRssMb).toBeGreaterThan(286);
    expect(byId.typed!.maxRssMb).toBeLessThan(byId.memory!.maxRssMb! - 250);
    const table = hostileTable(result);
    expect(table).toHaveLength(3 + 5);
    expect(table[2]).toMatch(/^\| reference: an ordinary Windows PFX/);
    expect(table.find((l) => l.includes('`abort`'))).toContain('process ended: signal SIGABRT');
  }, 60_000);
});
