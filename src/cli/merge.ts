import type { CommandModule } from 'yargs';
import { readdirSync, readFileSync, statSync, createReadStream } from 'node:fs';
import { join } from 'node:path';
import { hostname } from 'node:os';
import { UserError } from '../scenario/errors.js';
import { checkPartials, type PartialResult } from '../engine/partial.js';
import { summariseStates } from '../simulate.js';
import { scenarioFromSpec } from '../run/scenario.js';
import { RunFolder, runId } from '../report/write-run.js';
import { formatSummary } from '../report/table.js';
import { VERSION } from '../version.js';
import { writeRunFiles } from '../run/run-scenario.js';

interface MergeArgs { paths: string[]; out: string; json: boolean; quiet: boolean }

export const mergeCommand: Omit<CommandModule<object, MergeArgs>, 'command' | 'describe'> = {
  builder: (y) => y
    .positional('paths', { type: 'string', array: true, demandOption: true })
    .option('out', { type: 'string', default: 'results', describe: 'Results folder' })
    .option('json', { type: 'boolean', default: false })
    .option('quiet', { type: 'boolean', default: false }) as never,
  handler: async (args) => {
    const parts = checkPartials(shardFiles(args.paths).map((file) => ({ file, partial: readPartial(file) })));
    const p = parts[0].partial;
    const loaded = scenarioFromSpec(p.scenario.file, p.spec);
    const { summary } = summariseStates(loaded, parts.map((x) => x.partial.state));
    const folder = new RunFolder(args.out, p.spec.name, runId(new Date(), p.seed));
    try {
      const csvs = parts.map((x) => x.file.replace(/\.json$/, '.csv'));
      if (csvs.every((f) => exists(f))) {
        const sink = folder.stream('replicates.csv');
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
      writeRunFiles(folder, summary, { trialsim: VERSION, mergedFrom: parts.map((x) => x.file), host: hostname(), node: process.version });
      const path = folder.commit();
      if (args.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
      else if (!args.quiet) process.stdout.write(`${formatSummary(summary)}\n\nMerged ${parts.length} shards: ${path}\n`);
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

function readPartial(file: string): PartialResult {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as PartialResult;
  } catch (err) {
    throw new UserError(`${file}: not a readable partial result: ${(err as Error).message}`);
  }
}
