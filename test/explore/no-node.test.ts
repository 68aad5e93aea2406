/**
 * The explorer runs the engine in a web page: its browser entries, bundled
 * with esbuild for `platform: 'browser'` as the build bundles them, must
 * reach no Node module (node:fs, worker_threads, ...), and no source file
 * they reach may use a Node global (Buffer, process, setImmediate,
 * __dirname, require). A failure names the import and the file that made
 * it. The worker's bundle must also load, and check a scenario, in a bare
 * context holding only what a browser's worker has (a dependency's use of
 * a Node global shows there). And no `Math.<f>` whose last bits differ
 * between browsers and Node 20 (exp, log, pow, ...) is left in them, nor a
 * `**`: each is src/util/portable-math's function (docs/explorer.md).
 */
import { describe, it, expect } from 'vitest';
import { builtinModules } from 'node:module';
import { readFileSync } from 'node:fs';
import { createContext, runInContext } from 'node:vm';
import { build, type Plugin } from 'esbuild';
import { browserOptions, explorerEntries, portableMathLeft, PORTABLE_MATH } from '../../scripts/explorer-bundle.mjs';
import { PORTABLE_MATH_FUNCTIONS } from '../../src/util/portable-math/index.js';
import type { CheckAnswer, ToWorker } from '../../src/explore/protocol.js';

const NODE_GLOBAL = /(?<![.\w$'"`])(Buffer|process|setImmediate|__dirname|__filename|require)\s*[.(]/;

function nodeImports(found: string[]): Plugin {
  return {
    name: 'node-imports',
    setup(b) {
      b.onResolve({ filter: /.*/ }, (a) => {
        const bare = a.path.replace(/^node:/, '').split('/')[0];
        if (a.path.startsWith('node:') || builtinModules.includes(bare)) {
          found.push(`${a.path} imported by ${a.importer.replace(process.cwd() + '/', '')}`);
          return { path: a.path, external: true };
        }
        return undefined;
      });
    },
  };
}

async function bundle(entry: string) {
  const found: string[] = [];
  const result = await build({ ...browserOptions, entryPoints: [entry], write: false, metafile: true, logLevel: 'silent', plugins: [...(browserOptions.plugins ?? []), nodeImports(found)] });
  return { found, result };
}

describe('the explorer\'s browser bundles', () => {
  for (const entry of Object.values(explorerEntries)) {
    it(`${entry} reaches no Node module and uses no Node global`, async () => {
      const { found, result } = await bundle(entry);
      expect(found, 'Node imports').toEqual([]);
      const ours = Object.keys(result.metafile!.inputs).filter((f) => f.startsWith('src/'));
      expect(ours.length).toBeGreaterThan(10);
      const globals = ours.flatMap((f) => readFileSync(f, 'utf8').split('\n')
        .map((line, k) => ({ line, k }))
        .filter(({ line }) => !/^\s*(\*|\/\/|\/\*)/.test(line) && NODE_GLOBAL.test(line))
        .map(({ line, k }) => `${f}:${k + 1}: ${line.trim()}`));
      expect(globals, 'Node globals in sources the bundle reaches').toEqual([]);
    });
  }

  it('leave none of the Math functions that differ between engines: each is the portable one, in our code and in dependencies', async () => {
    expect([...PORTABLE_MATH].sort()).toEqual([...PORTABLE_MATH_FUNCTIONS].sort());
    for (const entry of Object.values(explorerEntries)) {
      const { result } = await bundle(entry);
      const text = result.outputFiles![0].text;
      expect(portableMathLeft(text.slice(text.indexOf('*/') + 2)), entry).toEqual([]);
      // The bundle holds the ports (fdlibm's ln2_hi, say), and still the exact functions, which stay native.
      expect(text).toContain('.6931471803691238');
      expect(text).toMatch(/Math\.sqrt\(/);
    }
    // The files `npm run build` wrote (and `trialsim explore` copies) likewise.
    for (const file of ['dist/explorer-page/explorer.js', 'dist/explorer-page/worker-source.js']) {
      const raw = readFileSync(file, 'utf8');
      const text = file.endsWith('worker-source.js') ? JSON.parse(raw.slice(raw.indexOf('"'), raw.lastIndexOf('"') + 1)) as string : raw;
      expect(text.startsWith('/*\nMath functions ported from fdlibm'), file).toBe(true);
      expect(portableMathLeft(text.slice(text.indexOf('*/') + 2)), file).toEqual([]);
    }
    // The test's own pattern finds what it should.
    expect(portableMathLeft('a=Math.exp(1)+Math.sqrt(2)+Math.pow(2,3);b=Math;c=Math.log10(x)')).toHaveLength(4);
  });

  it('the worker loads and checks a scenario with only a browser worker\'s globals', async () => {
    const { result } = await bundle(explorerEntries.worker);
    const answers: CheckAnswer[] = [];
    const scope: Record<string, unknown> = {
      TextEncoder, TextDecoder, URL, performance, console, structuredClone, setTimeout, clearTimeout, queueMicrotask, atob, btoa,
      postMessage: (m: CheckAnswer) => answers.push(m),
    };
    scope.self = scope;
    const context = createContext(scope);
    runInContext('globalThis.self = globalThis;', context);
    runInContext(result.outputFiles![0].text, context);
    const onmessage = runInContext('onmessage', context) as (e: { data: ToWorker }) => void;
    const text = readFileSync('scenarios/flagship/two-arm-binary.yaml', 'utf8');
    onmessage({ data: { kind: 'check', id: 1, file: 'two-arm-binary.yaml', text, overrides: { replicates: 10 } } });
    onmessage({ data: { kind: 'check', id: 2, file: 'two-arm-binary.yaml', text: text.replace('sampleSize: 300', 'sampleSize: -3'), overrides: {} } });
    expect(answers.map((a) => a.ok)).toEqual([true, false]);
    expect(answers[1].ok === false && answers[1].issues[0].line).toBe(text.split('\n').findIndex((l) => l.includes('sampleSize: 300')) + 1);
  });
});
