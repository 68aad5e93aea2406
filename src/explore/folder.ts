/**
 * `trialsim explore` writes one self-contained folder: the page, its
 * script, style and worker code (built by scripts/bundle.mjs into
 * dist/explorer-page/), and the scenario to start from. It opens from disk
 * or any static web server, with no network: nothing is fetched from a CDN.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readScenarioText } from '../scenario/read-file.js';
import { UserError } from '../scenario/errors.js';
import { makeFolder } from '../util/make-folder.js';
import { writeFileAtomic } from '../util/atomic.js';

/** The files of an explorer folder (the server serves these and nothing else). */
export const EXPLORER_FILES = ['index.html', 'explorer.js', 'explorer.css', 'worker-source.js', 'scenario.js'] as const;

/** The shipped scenario the explorer opens without one named. */
const DEFAULT_SCENARIO = 'scenarios/flagship/two-arm-binary.yaml';

/** dist/explorer-page/, from this module compiled (dist/explore/) or bundled (dist/bin/). */
function assetsFolder(): string {
  const found = ['../explorer-page/', '../../dist/explorer-page/']
    .map((rel) => fileURLToPath(new URL(rel, import.meta.url)))
    .find((dir) => existsSync(join(dir, 'explorer.js')));
  if (!found) throw new Error('the explorer page is not built (npm run build makes dist/explorer-page/)');
  return found;
}

/** The package's own copy of a shipped scenario (scenarios/ sits beside dist/). */
function packageFile(path: string): string {
  return fileURLToPath(new URL(`../../${path}`, import.meta.url));
}

export interface ExplorerFolder { folder: string; file: string }

/** Writes the explorer for a scenario file (its text as it is: the page checks it) into `out`. */
export function writeExplorer(out: string, scenarioFile?: string): ExplorerFolder {
  const source = scenarioFile ?? packageFile(DEFAULT_SCENARIO);
  const ext = extname(source).toLowerCase();
  if (!['.yaml', '.yml', '.json'].includes(ext)) {
    throw new UserError(`${source}: expected a scenario file ending in .yaml, .yml or .json, found "${ext || 'no extension'}"`);
  }
  const scenario = { file: basename(source), text: readScenarioText(source) };
  const assets = assetsFolder();
  makeFolder(out);
  for (const name of EXPLORER_FILES) {
    const text = name === 'scenario.js'
      ? `globalThis.trialsimScenario = ${JSON.stringify(scenario)};\n`
      : readFileSync(join(assets, name), 'utf8');
    writeFileAtomic(join(out, name), text);
  }
  return { folder: out, file: scenario.file };
}
