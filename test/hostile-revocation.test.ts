import { describe, expect, it } from 'vitest';
import { cases } from '../scripts/hostile/revocation.mjs';
import type * as Lib from '../src/index.js';

// The cases run against the built package, as `npm run bench` runs them (scripts/hostile/README.md).
// @ts-expect-error: dist/ is built before the tests run (npm test)
const lib = (await import('../dist/index.js')) as typeof Lib;

describe('hostile CRLs and OCSP answers (scripts/hostile/revocation.mjs)', () => {
  it('ids are unique and each case names its kind', () => {
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
    for (const c of cases) expect([1, 2, 3, 4, 5, 7]).toContain(c.kind);
  });

  it.each(cases.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    const budget = new lib.WorkBudget();
    expect(await c.run(lib, budget)).toBe(c.expect);
    for (const [key, max] of Object.entries(c.bound ?? {}))
      expect(budget.spent(key as Lib.BudgetKey), key).toBeLessThanOrEqual(max);
  });
});
