import type { CommandModule } from 'yargs';
import { readdirSync, statSync, createReadStream } from 'node:fs';
import { join } from 'node:path';
import { hostname } from 'node:os';
import { UserError } from '../scenario/errors.js';
import { checkPartials, type PartialResult } from '../run/partial.js';
import { readPartialFile, verifyPartial } from '../run/partial-file.js';
import { summariseStates } from '../run/simulate.js';
import { scenarioFromSpec, type LoadedScenario } from '../run/scenario.js';
import { RunFolder, runId } from '../run/run-folder.js';
import { formatSummary } from '../report/table.js';
import { readWrittenSummary } from '../run/summary-schema.js';
import { VERSION } from '../version.js';
import { writeRunFiles } from '../run/run-scenario.js';
import { writeReport } from '../report/write-report.js';
import { TidyRows } from '../run/tidy.js';
import { runsJson } from './run.js';

interface MergeArgs { paths: string[]; out: string; json: boolean; quiet: boolean }

export const mergeCommand: Omit<CommandModule<object, MergeArgs>, 'command' | 'describe'> = {
  builder: (y) => y
    .positional('paths', { type: 'string', array: true, demandOption: true })
    .option('out', { type: 'string', default: 'results', describe: 'Results folder' })
    .option('json', { type: 'boolean', default: false })
    .option('quiet', { type: 'boolean', default: false }) as never,
  handler: async (args) => {
    const parts = checkPartials(shardFiles(args.paths).map(readShard));
    const p = parts[0].partial;
    const loaded = storedScenario(parts[0].file, p);
    const { summary, layout, truth } = summariseStates(loaded, parts.map((x) => x.partial.state));
    const folder = new RunFolder(args.out, loaded.spec.name, runId(new Date(), p.seed));
    try {
      const csvs = parts.map((x) => rowsFileOf(x.file));
      if (csvs.every((f) => exists(f))) {
        const sink = new TidyRows(layout, truth, folder.stream('replicates.csv'), folder.stream('hypotheses.csv'), folder.stream('estimates.csv'));
        for (const [k, f] of csvs.entries()) {
          let first = true;
          for await (const piece of createReadStream(f, { encoding: 'utf8' })) {
            let text = piece as string;
            if (first && k > 0) text = text.slice(text.indexOf('\n') + 1); // one header only
            first = false;
            sink.write(text);
          }
        }
        sink.commit();
      }
      writeRunFiles(folder, summary, writeReport, { trialsim: VERSION, mergedFrom: parts.map((x) => x.file), host: hostname(), node: process.version }, loaded.spec);
      const path = folder.commit();
      if (args.json) process.stdout.write(`${JSON.stringify(runsJson([{ name: loaded.spec.name, file: loaded.file, results: path, summary }], null), null, 2)}\n`);
      else if (!args.quiet) process.stdout.write(`${formatSummary(readWrittenSummary(summary))}\n\nMerged ${parts.length} shards: ${path}\n`);
    } catch (err) {
      folder.abandon();
      throw err;
    }
  },
};

function exists(f: string): boolean {
  try { return statSync(f).isFile(); } catch { return false; }
}

function shardFiles(paths: string[]): string[] {
  return paths.flatMap((p) => {
    let st;
    try { st = statSync(p); } catch { throw new UserError(`${p}: no such file or folder`); }
    if (st.isFile()) return [p];
    return readdirSync(p).filter((f) => /^shard-\d+-of-\d+\.json$/.test(f)).sort().map((f) => join(p, f));
  });
}

const rowsFileOf = (file: string) => file.replace(/\.json$/, '.csv');

/** A shard checked by its schema, its checksum (with its rows, if present) and its recomputed scenario hash. */
function readShard(file: string): { file: string; partial: PartialResult } {
  const partial = readPartialFile(file);
  const rows = rowsFileOf(file);
  verifyPartial(file, partial, rows !== file && exists(rows) ? rows : undefined);
  return { file, partial };
}

/** The shard's stored scenario, checked like a scenario file before anything is simulated from it. */
function storedScenario(file: string, p: PartialResult): LoadedScenario {
  return { ...scenarioFromSpec(`${file} (its stored scenario)`, p.spec), file: p.scenario.file };
}
