import { defineConfig } from 'tsup';

// ESM + CJS + .d.ts. Runtime libraries stay external (they are real `dependencies`):
// tsup would otherwise inline them, and an inlined node-forge breaks the ESM build
// ("Dynamic require of crypto", libraries.md §5.13).
export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
  platform: 'node',
  splitting: false,
});
