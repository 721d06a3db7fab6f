/** Types of render.mjs, for test/fuzz.test.ts. */
export declare function buildRenderer(
  root: string,
  outDir: string,
  distPath?: string,
): Promise<string>;
