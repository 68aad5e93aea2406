import type { CommandModule } from 'yargs';
import { join } from 'node:path';
import { hostname } from 'node:os';
import cliProgress from 'cli-progress';
import { loadScenario, type LoadedScenario } from '../scenario/setup.js';
import { simulate } from '../simulate.js';
import { prepareSimulator, csvHeader } from '../engine/chunk.js';
import { defaultWorkers } from '../engine/pool.js';
import { formatSummary } from '../report/table.js';
import { RunFolder, runId } from '../report/write-run.js';
import { writeFileAtomic } from '../report/atomic.js';
import { VERSION } from '../version.js';
import { runOptions, wholeNumber } from './options.js';

interface RunArgs {
  files: string[]; replicates?: number; seed?: number; workers?: number; 'chunk-size'?: number;
  out: string; json: boolean; quiet: boolean; csv: boolean;
}

export const runCommand: CommandModule<object, RunArgs> = {
  command: 'run <files..>',
  describe: 'Simulate scenarios and write their results',
  builder: (y) => y
    .positional('files', { type: 'string', array: true, demandOption: true })
    .options(runOptions)
    .option('out', { type: 'string', default: 'results', describe: 'Results folder' })
    .option('csv', { type: 'boolean', default: true, describe: 'Write replicates.csv (--no-csv to skip)' }) as never,
  handler: async (args) => {
    const overrides = { seed: wholeNumber('seed', args.seed, 0), replicates: wholeNumber('replicates', args.replicates, 1) };
    const workers = wholeNumber('workers', args.workers, 0) ?? defaultWorkers();
    const chunkSize = wholeNumber('chunk-size', args['chunk-size'], 1);
    // Check every file before simulating any.
    const scenarios = args.files.map((f) => loadScenario(f, overrides));
    const index: { name: string; file: string; results: string }[] = [];
    const summaries = [];
    for (const loaded of scenarios) {
      const { summary, folder } = await runOne(loaded, { ...args, workers, chunkSize });
      summaries.push(summary);
      index.push({ name: loaded.spec.name, file: loaded.file, results: folder });
      if (!args.quiet && !args.json) process.stdout.write(`${formatSummary(summary)}\n\nResults: ${folder}\n\n`);
    }
    if (scenarios.length > 1) writeFileAtomic(join(args.out, 'index.json'), `${JSON.stringify(index, null, 2)}\n`);
    if (args.json) process.stdout.write(`${JSON.stringify(summaries.length === 1 ? summaries[0] : summaries, null, 2)}\n`);
  },
};

async function runOne(loaded: LoadedScenario, args: RunArgs & { workers: number; chunkSize?: number }) {
  const started = new Date();
  const folder = new RunFolder(args.out, loaded.spec.name, runId(started, loaded.spec.seed));
  const bar = !args.quiet && process.stderr.isTTY
    ? new cliProgress.SingleBar({ format: `${loaded.spec.name.slice(0, 30)} [{bar}] {percentage}% | {value}/{total} replicates | ETA {eta_formatted}`, stream: process.stderr, etaBuffer: 50 }, cliProgress.Presets.shades_classic)
    : undefined;
  try {
    const csv = args.csv ? folder.stream('replicates.csv') : undefined;
    csv?.write(csvHeader(prepareSimulator(loaded.spec).plan.layout));
    bar?.start(loaded.spec.replicates, 0);
    const t0 = performance.now();
    const { summary } = await simulate(loaded, {
      workers: args.workers, chunkSize: args.chunkSize, rows: args.csv,
      onRows: (rows) => csv?.write(rows),
      onProgress: (done) => bar?.update(done),
    });
    bar?.stop();
    csv?.commit();
    folder.write('summary.json', `${JSON.stringify(summary, null, 2)}\n`);
    folder.write('run.json', `${JSON.stringify({
      trialsim: VERSION, file: loaded.file, started: started.toISOString(),
      seconds: (performance.now() - t0) / 1000, workers: args.workers, chunkSize: args.chunkSize ?? null,
      node: process.version, host: hostname(),
    }, null, 2)}\n`);
    return { summary, folder: folder.commit() };
  } catch (err) {
    bar?.stop();
    folder.abandon();
    throw err;
  }
}
