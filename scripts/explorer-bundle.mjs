// The explorer (src/explore): a static page that runs the engine in Web
// Workers, bundled here for browsers so that `trialsim explore` only copies
// files (esbuild is a dev dependency). The worker's code ships as a string
// in a script (worker-source.js): a page opened from a file may not start a
// worker from another file, but may from a Blob of text it holds.
// test/explore/no-node.test.ts bundles the same entries with the same options.
import { build, transform } from 'esbuild';
import { readFileSync } from 'node:fs';
import { replaceFolder } from './write-output.mjs';
import { readFile } from 'node:fs/promises';

export const explorerEntries = { worker: 'src/explore/worker.ts', page: 'src/explore/page/main.ts' };

/**
 * The Math functions whose last bits differ between browsers and Node 20
 * (src/util/portable-math/): in the bundles, every `Math.<f>` of these, in
 * our sources and in bundled dependencies alike, is the portable function.
 */
export const PORTABLE_MATH = ['exp', 'expm1', 'log', 'log1p', 'log2', 'log10', 'cosh', 'sinh', 'tanh', 'acosh', 'asinh', 'atanh',
  'sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'atan2', 'cbrt', 'pow'];

/**
 * `a ** b` lowered to a call of Math.pow in each file that has one (ours and
 * dependencies'), where the injection below reaches it: esbuild's own
 * lowering calls Math.pow from its runtime, which injection does not reach.
 */
const exponentOperator = {
  name: 'exponent-operator-to-math-pow',
  setup(b) {
    const tsconfigRaw = readFileSync(new URL('../tsconfig.json', import.meta.url), 'utf8');
    b.onLoad({ filter: /\.[cm]?[jt]s$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!source.replace(/\/\*\*|\*\*\//g, '').includes('**')) return undefined;
      const ts = /\.[cm]?ts$/.test(args.path);
      const { code } = await transform(source, {
        loader: ts ? 'ts' : 'js', target: 'es2022', supported: { 'exponent-operator': false }, sourcefile: args.path, ...(ts ? { tsconfigRaw } : {}),
      });
      return { contents: code, loader: 'js' };
    });
  },
};

export const browserOptions = {
  bundle: true, format: 'iife', platform: 'browser', target: 'es2022', minify: true, legalComments: 'none', logLevel: 'warning',
  // csv-parse (read by designs' analyses of observed data, which the page never runs) uses Node's Buffer when its
  // module loads; its browser build carries its own.
  alias: { 'csv-parse/sync': 'csv-parse/browser/esm/sync' },
  // Node 20's doubles in any browser: each global Math.<f> of PORTABLE_MATH becomes the export of that name here.
  inject: ['src/util/portable-math/browser-math.ts'],
  plugins: [exponentOperator],
  // A `**` the plugin missed would be lowered to esbuild's helper, whose Math.pow portableMathLeft finds.
  supported: { 'exponent-operator': false },
  banner: { js: `/*\n${readFileSync(new URL('../src/util/portable-math/NOTICE', import.meta.url), 'utf8')}*/` },
};

/** The `Math.<f>` of PORTABLE_MATH left in a bundle's text (or any Math not followed by a property), with a little context. */
export function portableMathLeft(text) {
  const pattern = new RegExp(`\\bMath\\b(?!\\.(?!(?:${PORTABLE_MATH.join('|')})\\b)\\w)`, 'g');
  return [...text.matchAll(pattern)].map((m) => text.slice(Math.max(0, m.index - 40), m.index + 20));
}

function checked(text, name) {
  const left = portableMathLeft(text.slice(text.indexOf('*/') + 2)); // after the banner
  if (left.length > 0) throw new Error(`${name}: Math functions the portable ones should have replaced (a \`**\` shows as Math.pow):\n${left.join('\n')}`);
  return text;
}

export async function buildExplorer(outdir) {
  const [worker] = (await build({ ...browserOptions, write: false, entryPoints: [explorerEntries.worker] })).outputFiles;
  const [page] = (await build({ ...browserOptions, write: false, entryPoints: [explorerEntries.page], outfile: `${outdir}/explorer.js` })).outputFiles;
  // Written file by file (write-output.mjs): an explorer folder being copied meanwhile never finds one missing.
  replaceFolder(outdir, [
    ['worker-source.js', `globalThis.trialsimWorkerSource = ${JSON.stringify(checked(worker.text, 'worker'))};\n`],
    ['explorer.js', checked(page.text, 'page')],
    ...['index.html', 'explorer.css'].map((file) => [file, readFileSync(`src/explore/page/${file}`)]),
  ]);
}
