import { defineConfig } from 'tsup';

// ESM + CJS + .d.ts. Runtime libraries stay external (they are real `dependencies`):
// tsup would otherwise inline them, and an inlined node-forge breaks the ESM build
// ("Dynamic require of crypto": docs/dependencies.md).
export default defineConfig([
  {
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    // Both configs build at once into dist/: this one cleans everything but the CLI's files.
    clean: ['!cli.js', '!cli.js.map', '!cli-worker.js', '!cli-worker.js.map'],
    sourcemap: true,
    target: 'node20',
    platform: 'node',
    splitting: false,
  },
  {
    // The `supcert` command (package.json "bin"): ESM only, one file with the library inlined.
    // Lazy parts (node:tls, SARIF, the directory walker) are dynamic imports, evaluated only
    // when a command line needs them. Minified because every run compiles it cold: ~5 ms of a
    // ~60 ms budget (BENCHMARKS.md "CLI cold start"); the source map maps stacks back
    // (node --enable-source-maps).
    // cli-worker: a judging worker of `check --jobs N` (src/cli/pool.ts), loaded only by a parallel run.
    entry: { cli: 'src/cli/main.ts', 'cli-worker': 'src/cli/worker.ts' },
    format: ['esm'],
    dts: false,
    clean: false,
    minify: true,
    sourcemap: true,
    target: 'node20',
    platform: 'node',
    splitting: false,
    banner: { js: '#!/usr/bin/env node' },
  },
]);
