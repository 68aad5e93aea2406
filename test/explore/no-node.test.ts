/**
 * The explorer runs the engine in a web page: its browser entries, bundled
 * by esbuild for `platform: 'browser'`, must reach no Node module (node:fs,
 * worker_threads, ...), and no source file they reach may use a Node global
 * (Buffer, process, setImmediate, __dirname, require). A failure names the
 * import and the file that made it.
 */
import { describe, it, expect } from 'vitest';
import { builtinModules } from 'node:module';
import { readFileSync } from 'node:fs';
import { build, type Plugin } from 'esbuild';

/** The bundles the explorer ships: its Web Worker and its page. */
const ENTRIES = ['src/explore/worker.ts', 'src/explore/page/main.ts'];

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

describe('the explorer\'s browser bundles', () => {
  for (const entry of ENTRIES) {
    it(`${entry} reaches no Node module and uses no Node global`, async () => {
      const found: string[] = [];
      const result = await build({
        entryPoints: [entry], bundle: true, write: false, platform: 'browser', format: 'esm',
        metafile: true, logLevel: 'silent', plugins: [nodeImports(found)],
      });
      expect(found, 'Node imports').toEqual([]);
      const ours = Object.keys(result.metafile.inputs).filter((f) => f.startsWith('src/'));
      expect(ours.length).toBeGreaterThan(10);
      const globals = ours.flatMap((f) => readFileSync(f, 'utf8').split('\n')
        .map((line, k) => ({ line, k }))
        .filter(({ line }) => !/^\s*(\*|\/\/|\/\*)/.test(line) && NODE_GLOBAL.test(line))
        .map(({ line, k }) => `${f}:${k + 1}: ${line.trim()}`));
      expect(globals, 'Node globals in sources the bundle reaches').toEqual([]);
    });
  }
});
