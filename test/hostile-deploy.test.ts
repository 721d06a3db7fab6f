import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs generator (scripts/hostile/README.md)
import { cases } from '../scripts/hostile/deploy.mjs';
import type * as Lib from '../src/index.js';

// The cases run against the built package, as `npm run bench` runs them (scripts/hostile/README.md).
// @ts-ignore: dist/ is built before the tests run (npm test)
const lib = (await import('../dist/index.js')) as typeof Lib;

interface HostileCase { id: string; kind: number; title: string; run: (l: typeof Lib, budget?: Lib.WorkBudget) => Promise<string>; expect: string; bound?: Partial<Record<Lib.BudgetKey, number>> }

describe('hostile deployment snapshots (scripts/hostile/deploy.mjs)', () => {
  it('ids are unique and each case names its kind', () => {
    const list = cases as HostileCase[];
    expect(new Set(list.map((c) => c.id)).size).toBe(list.length);
    for (const c of list) expect([1, 2, 3, 4, 5, 7]).toContain(c.kind);
  });

  it.each((cases as HostileCase[]).map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    const budget = new lib.WorkBudget();
    expect(await c.run(lib, budget)).toBe(c.expect);
    for (const [key, max] of Object.entries(c.bound ?? {})) expect(budget.spent(key as Lib.BudgetKey), key).toBeLessThanOrEqual(max!);
  });
});
