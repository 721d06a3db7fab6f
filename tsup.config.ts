import { writeFile } from 'node:fs/promises';
import { defineConfig } from 'tsup';

// ESM + CJS + .d.ts. Runtime libraries stay external (they are real `dependencies`):
// tsup would otherwise inline them, and an inlined node-forge breaks the ESM build
// ("Dynamic require of crypto": docs/dependencies.md).
// `npm run build --silent` (demo, bench, docs, build:web, fuzz) builds without tsup's ~40 lines of
// progress: a newcomer's `npm run demo` shows the demo, and errors are still printed.
const silent = process.env.npm_config_loglevel === 'silent';

export default defineConfig([
  {
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    // The configs build at once into dist/: this one cleans everything but the others' files.
    clean: [
      '!cli.js',
      '!cli.js.map',
      '!cli*.cjs',
      '!cli*.cjs.map',
      '!cli-worker.js',
      '!cli-worker.js.map',
      '!browser/**',
      // The offline page (npm run build:web) survives a library build.
      '!web/**',
    ],
    sourcemap: true,
    target: 'node20',
    platform: 'node',
    splitting: false,
    silent,
  },
  {
    // The `supcert` command (package.json "bin": dist/cli.cjs, src/cli/start.ts) runs
    // dist/cli-main.cjs, one CommonJS file with the library inlined, from V8's code cache.
    // CommonJS because an ES module entry costs Node's ESM loader at every start (an empty .mjs
    // file starts ~14 ms slower than an empty .cjs at a `node -e 0` of ~87 ms, measured under
    // load; BENCHMARKS.md "CLI cold start"), and because a vm.Script (the code cache) cannot run
    // import() without --experimental-vm-modules: `dynamic-import: false` makes esbuild write
    // import() of node: modules and the dependencies as require(). dist/cli.js is kept for
    // `node dist/cli.js`: an ES module that loads dist/cli.cjs.
    // Lazy parts (node:tls, SARIF, the directory walker) are still evaluated only when a
    // command line needs them. Minified because a run without the cache compiles it cold; the
    // source map maps stacks back (node --enable-source-maps).
    entry: { cli: 'src/cli/start.ts', 'cli-main': 'src/cli/main.ts' },
    format: ['cjs'],
    outExtension: () => ({ js: '.cjs' }),
    // import.meta.url (the worker's and package.json's paths) from __filename.
    shims: true,
    esbuildOptions(options) {
      options.supported = { ...options.supported, 'dynamic-import': false };
    },
    dts: false,
    clean: false,
    minify: true,
    sourcemap: true,
    target: 'node20',
    platform: 'node',
    splitting: false,
    silent,
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
    silent,
  },
  {
    // The browser build (package.json exports "browser" condition): ESM, the `#port` import
    // resolved to src/port/browser.ts by the "browser" condition, and every dependency inlined
    // (node-forge's cipher modules), so the one file runs in a page as it is, or under a bundler.
    // test/port-browser.test.ts checks that nothing in it needs Node.
    entry: { index: 'src/index.ts' },
    outDir: 'dist/browser',
    format: ['esm'],
    dts: false,
    clean: false,
    sourcemap: true,
    target: 'es2022',
    platform: 'browser',
    splitting: false,
    silent,
    noExternal: [/.*/],
    metafile: true,
    // node-forge tests for Node with `typeof process` / `typeof Buffer` and use
    // it when found. In a browser those are undefined anyway: defining them so makes the bundle
    // free of the names, and the library behave under Node's test runner as in a page.
    define: {
      process: 'undefined',
      Buffer: 'undefined',
      global: 'undefined',
      setImmediate: 'undefined',
    },
    // sax (the applicationHost.config reader, src/deploy/iisConfig.ts) loads node:stream inside
    // a try for its SAXStream, which supcert does not use, and falls back to a stub without it:
    // an empty module in its place keeps Node out of the bundle.
    esbuildPlugins: [
      {
        name: 'no-node-stream',
        setup(build) {
          build.onResolve({ filter: /^stream$/ }, () => ({ path: 'stream', namespace: 'empty' }));
          build.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({
            contents: 'module.exports = {};',
            loader: 'js',
          }));
        },
      },
    ],
  },
]);
