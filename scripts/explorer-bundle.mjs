// The explorer (src/explore): a static page that runs the engine in Web
// Workers, bundled here for browsers so that `trialsim explore` only copies
// files (esbuild is a dev dependency). The worker's code ships as a string
// in a script (worker-source.js): a page opened from a file may not start a
// worker from another file, but may from a Blob of text it holds.
// test/explore/no-node.test.ts bundles the same entries with the same options.
import { build } from 'esbuild';
import { rmSync, mkdirSync, writeFileSync, copyFileSync } from 'node:fs';

export const explorerEntries = { worker: 'src/explore/worker.ts', page: 'src/explore/page/main.ts' };

export const browserOptions = {
  bundle: true, format: 'iife', platform: 'browser', target: 'es2022', minify: true, legalComments: 'none', logLevel: 'warning',
  // csv-parse (read by designs' analyses of observed data, which the page never runs) uses Node's Buffer when its
  // module loads; its browser build carries its own.
  alias: { 'csv-parse/sync': 'csv-parse/browser/esm/sync' },
};

export async function buildExplorer(outdir) {
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  const [worker] = (await build({ ...browserOptions, write: false, entryPoints: [explorerEntries.worker] })).outputFiles;
  writeFileSync(`${outdir}/worker-source.js`, `globalThis.trialsimWorkerSource = ${JSON.stringify(worker.text)};\n`);
  await build({ ...browserOptions, entryPoints: [explorerEntries.page], outfile: `${outdir}/explorer.js` });
  for (const file of ['index.html', 'explorer.css']) copyFileSync(`src/explore/page/${file}`, `${outdir}/${file}`);
}
