// Bundles the command line (dist/bin/main.js) and the worker thread entry
// (dist/bin/worker.js) with esbuild, each command in its own chunk loaded on
// demand: `trialsim --version` and `trialsim validate` start in a fraction of
// the time ~560 separate CommonJS and ES modules take to load. The library
// (dist/index.js, from tsc) stays unbundled for importers and their tools.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { buildExplorer } from './explorer-bundle.mjs';

rmSync('dist/bin', { recursive: true, force: true });
await build({
  entryPoints: ['src/cli/main.ts', 'src/run/worker.ts'],
  outdir: 'dist/bin',
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


// The explorer's page and Web Worker (scripts/explorer-bundle.mjs).
await buildExplorer('dist/explorer-page');
