// Bundles the command line (dist/bin/main.js) and the worker thread entry
// (dist/bin/worker.js) with esbuild, each command in its own chunk loaded on
// demand: `trialsim --version` and `trialsim validate` start in a fraction of
// the time ~560 separate CommonJS and ES modules take to load. The library
// (dist/index.js, from tsc) stays unbundled for importers and their tools.
import { resolve } from 'node:path';
import { build } from 'esbuild';
import { buildExplorer } from './explorer-bundle.mjs';
import { replaceFolder, outputs } from './write-output.mjs';

// Written file by file (write-output.mjs): a run of the command line meanwhile never finds it missing.
const bin = resolve('dist/bin');
const bundled = await build({
  entryPoints: ['src/cli/main.ts', 'src/run/worker.ts'],
  outdir: bin,
  write: false,
  entryNames: '[name]',
  chunkNames: '[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Bundled CommonJS dependencies call require(): give every chunk one.
  banner: { js: "import { createRequire as __trialsimRequire } from 'node:module'; const require = __trialsimRequire(import.meta.url);" },
  logLevel: 'warning',
});
replaceFolder(bin, outputs(bundled, bin));


// The explorer's page and Web Worker (scripts/explorer-bundle.mjs).
await buildExplorer('dist/explorer-page');
