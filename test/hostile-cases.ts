import { describe, expect, it } from 'vitest';
import type * as Lib from '../src/index.js';

/** One case of a scripts/hostile/*.mjs file (scripts/hostile/README.md). */
export interface HostileCase {
  id: string;
  kind: number;
  title: string;
  run: (l: typeof Lib, budget?: Lib.WorkBudget) => Promise<string>;
  expect: string;
  bound?: Partial<Record<Lib.BudgetKey, number>>;
}

/**
 * The table test of a hostile-case file: ids unique, each case's kind one of `kinds`, and each case
 * run against the built package (as `npm run bench` runs them) with a fresh budget: its typed
 * outcome, and every work unit it declares in `bound` spent at most that much.
 */
export function describeHostileCases(
  title: string,
  cases: unknown,
  kinds: readonly number[],
): void {
  const list = cases as HostileCase[];
  describe(title, () => {
    it('ids are unique and each case names its kind', () => {
      expect(new Set(list.map((c) => c.id)).size).toBe(list.length);
      for (const c of list) expect(kinds).toContain(c.kind);
    });

    it.each(list.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
      // @ts-expect-error: dist/ is built before the tests run (npm test)
      const lib = (await import('../dist/index.js')) as typeof Lib;
      const budget = new lib.WorkBudget();
      expect(await c.run(lib, budget)).toBe(c.expect);
      for (const [key, max] of Object.entries(c.bound ?? {}))
        expect(budget.spent(key as Lib.BudgetKey), key).toBeLessThanOrEqual(max!);
    });
  });
}
