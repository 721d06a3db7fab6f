/** Types of revocation.mjs, for test/hostile-revocation.test.ts. */
export const cases: Array<{
  id: string;
  kind: number;
  title: string;
  run: (lib: unknown, budget?: unknown) => Promise<string>;
  expect: string;
  bound?: Record<string, number>;
}>;
