import { writeFile } from 'node:fs/promises';
import { defineConfig } from 'tsup';

// ESM + CJS + .d.ts. Runtime libraries stay external (they are real `dependencies`):
// tsup would otherwise inline them, and an inlined node-forge breaks the ESM build
// ("Dynamic require of crypto", libraries.md §5.13).
export default defineConfig([
  {
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    // Both configs build at once into dist/: this one cleans everything but the CLI's files.
    clean: [
      '!cli.js',
      '!cli.js.map',
      '!cli.cjs',
      '!cli.cjs.map',
      '!cli-worker.js',
      '!cli-worker.js.map',
    ],
    sourcemap: true,
    target: 'node20',
    platform: 'node',
    splitting: false,
  },
  {
    // The `supcert` command (package.json "bin": dist/cli.cjs): one CommonJS file with the library
    // inlined. CommonJS because an ES module entry costs Node's ESM loader at every start (an empty
    // .mjs file starts ~8 ms slower than an empty .cjs, a sixth of `node -e 0`; BENCHMARKS.md
    // "CLI cold start"). dist/cli.js is kept for `node dist/cli.js`: an ES module that loads it.
    // Lazy parts (node:tls, SARIF, the directory walker) are dynamic imports, evaluated only
    // when a command line needs them. Minified because every run compiles it cold: ~5 ms of a
    // ~60 ms budget; the source map maps stacks back (node --enable-source-maps).
    entry: { cli: 'src/cli/main.ts' },
    format: ['cjs'],
    outExtension: () => ({ js: '.cjs' }),
    // import.meta.url (the worker's and package.json's paths) from __filename.
    shims: true,
    dts: false,
    clean: false,
    minify: true,
    sourcemap: true,
    target: 'node20',
    platform: 'node',
    splitting: false,
    banner: { js: '#!/usr/bin/env node' },
    onSuccess: async () => {
      await writeFile(
        'dist/cli.js',
        "#!/usr/bin/env node\n// `node dist/cli.js`: the command is dist/cli.cjs (see tsup.config.ts).\nimport './cli.cjs';\n",
        { mode: 0o755 },
      );
    },
  },
  {
    // cli-worker: a judging worker of `check --jobs N` (src/cli/pool.ts), loaded only by a parallel run.
    entry: { 'cli-worker': 'src/cli/worker.ts' },
    format: ['esm'],
    dts: false,
    clean: false,
    minify: true,
    sourcemap: true,
    target: 'node20',
    platform: 'node',
    splitting: false,
  },
]);
