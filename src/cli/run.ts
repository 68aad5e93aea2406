import type { CommandModule } from 'yargs';
import { join, relative } from 'node:path';
import { hostname } from 'node:os';
import { createReadStream, existsSync } from 'node:fs';
import cliProgress from 'cli-progress';
import { loadScenario, type LoadedScenario } from '../scenario/setup.js';
import { UserError } from '../scenario/errors.js';
import { simulate } from '../simulate.js';
import { prepareSimulator, csvHeader } from '../engine/chunk.js';
import { defaultWorkers, defaultChunkSize, chunksOf, Interrupted, WorkerPool, type RunOptions } from '../engine/pool.js';
import { Checkpoint } from '../engine/checkpoint.js';
import { shardRange, parseShard, PARTIAL_SCHEMA } from '../engine/partial.js';
import { sealPartial } from '../engine/partial-file.js';
import { checkWorkload } from '../engine/workload.js';
import { formatSummary } from '../report/table.js';
import { RunFolder, runId, slug } from '../report/write-run.js';
import { writeFileAtomic, AtomicStream } from '../util/atomic.js';
import { VERSION } from '../version.js';
import type { Summary } from '../summary/summarise.js';
import { runReportHtml } from '../report/html/run-report.js';
import { indexHtml } from '../report/html/index-page.js';
import { summaryMarkdown } from '../report/markdown.js';
import { runOptions, seedOption, wholeNumber } from './options.js';

export interface RunArgs {
  files: string[]; replicates?: number; seed?: string; workers?: number; 'chunk-size'?: number;
  out: string; json: boolean; quiet: boolean; csv: boolean; resume: boolean; shard?: string; force: boolean;
  'worker-memory'?: number;
}

export const runCommand: CommandModule<object, RunArgs> = {
  command: 'run <files..>',
  describe: 'Simulate scenarios and write their results',
  builder: (y) => y
    .positional('files', { type: 'string', array: true, demandOption: true })
    .options(runOptions)
    .option('out', { type: 'string', default: 'results', describe: 'Results folder' })
    .option('csv', { type: 'boolean', default: true, describe: 'Write replicates.csv (--no-csv to skip)' })
    .option('resume', { type: 'boolean', default: false, describe: 'Continue an interrupted run from its checkpoint' })
    .option('shard', { type: 'string', describe: 'Run only shard I of N (I/N) and write a partial result for `trialsim merge`' })
    .option('force', { type: 'boolean', default: false, describe: 'Run even when the workload looks absurd' })
    .option('worker-memory', { type: 'number', describe: 'Heap limit per worker thread (MB)' }) as never,
  handler: async (args) => {
    // Ctrl-C (or SIGTERM from a scheduler) stops the run between chunks; installed first so that it is never missed.
    const controller = new AbortController();
    const stop = () => controller.abort();
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    try {
      await runFiles(args, controller.signal);
    } finally {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    }
  },
};

async function runFiles(args: RunArgs, signal: AbortSignal): Promise<void> {
  const overrides = { seed: seedOption(args.seed), replicates: wholeNumber('replicates', args.replicates, 1) };
  const workers = wholeNumber('workers', args.workers, 0) ?? defaultWorkers();
  const chunkSize = wholeNumber('chunk-size', args['chunk-size'], 1);
  const shard = args.shard !== undefined ? parseShard(args.shard) : undefined;
  if (shard && args.files.length > 1) throw new UserError('--shard runs one scenario file at a time');
  // Check every file, and its workload, before simulating any.
  const scenarios = args.files.map((f) => loadScenario(f, overrides));
  for (const s of scenarios) checkWorkload(s, { workers, force: args.force });
  const index: { name: string; file: string; results: string }[] = [];
  const summaries = [];
  // One pool of threads for every file.
  const pool = workers > 0 && scenarios.length > 1 ? new WorkerPool(workers, { workerMemoryMb: args['worker-memory'] }).start() : undefined;
  try {
    for (const loaded of scenarios) {
      const result = await runOne(loaded, { ...args, workers, chunkSize, shard, pool }, signal);
      summaries.push(result.summary);
      index.push({ name: loaded.spec.name, file: loaded.file, results: result.folder });
      if (!args.quiet && !args.json) process.stdout.write(`${result.summary ? formatSummary(result.summary as never) + '\n\n' : ''}Results: ${result.folder}\n\n`);
    }
  } finally {
    await pool?.close();
  }
  if (scenarios.length > 1) {
    writeFileAtomic(join(args.out, 'index.json'), `${JSON.stringify(index, null, 2)}\n`);
    const runs: (Summary | undefined)[] = summaries;
    const entries = index.flatMap((e, k) => { const summary = runs[k]; return summary ? [{ ...e, link: relative(args.out, e.results), summary }] : []; });
    writeFileAtomic(join(args.out, 'index.html'), indexHtml(entries));
  }
  if (args.json) process.stdout.write(`${JSON.stringify(summaries.length === 1 ? summaries[0] : summaries, null, 2)}\n`);
}

interface RunSettings extends Omit<RunArgs, 'shard'> { workers: number; chunkSize?: number; shard?: { index: number; count: number }; pool?: WorkerPool }

/** Where a run's checkpoint lives: stable for the same scenario, seed, replicates and shard. */
function checkpointDir(loaded: LoadedScenario, s: RunSettings): string {
  const base = s.shard ? shardFolder(loaded, s) : join(s.out, slug(loaded.spec.name));
  const tag = s.shard ? `shard-${s.shard.index}-of-${s.shard.count}` : 'run';
  return join(base, `.checkpoint-${tag}-${loaded.hash.slice(0, 12)}-seed${loaded.spec.seed}-r${loaded.spec.replicates}`);
}

function shardFolder(loaded: LoadedScenario, s: RunSettings): string {
  return s.out !== 'results' ? s.out : join('results', slug(loaded.spec.name), `shards-seed${loaded.spec.seed}-r${loaded.spec.replicates}`);
}

async function runOne(loaded: LoadedScenario, s: RunSettings, signal: AbortSignal) {
  const R = loaded.spec.replicates;
  const range = s.shard ? shardRange(s.shard.index, s.shard.count, R) : ([1, R + 1] as [number, number]);
  const dir = checkpointDir(loaded, s);
  let checkpoint = s.resume ? Checkpoint.open(dir) : undefined;
  if (checkpoint && (checkpoint.manifest.hash !== loaded.hash || checkpoint.manifest.trialsim !== VERSION || checkpoint.manifest.rows !== s.csv)) {
    throw new UserError(`${dir}: the checkpoint belongs to a different scenario, trialsim version or --csv setting; run without --resume to start over`);
  }
  const chunkSize = checkpoint?.manifest.chunkSize ?? s.chunkSize ?? defaultChunkSize(range, s.workers);
  if (!checkpoint) {
    if (!s.resume && existsSync(join(dir, 'manifest.json')) && !s.quiet) process.stderr.write(`trialsim: an interrupted run of this scenario is being replaced (use --resume to continue one)\n`);
    checkpoint = Checkpoint.create(dir, { trialsim: VERSION, hash: loaded.hash, seed: loaded.spec.seed, replicates: R, range, chunkSize, rows: s.csv });
  }
  const done = checkpoint.finished();
  const bar = !s.quiet && process.stderr.isTTY
    ? new cliProgress.SingleBar({ format: `${loaded.spec.name.slice(0, 30)} [{bar}] {percentage}% | {value}/{total} replicates | ETA {eta_formatted}`, stream: process.stderr, etaBuffer: 50 }, cliProgress.Presets.shades_classic)
    : undefined;
  const started = new Date();
  const t0 = performance.now();
  bar?.start(range[1] - range[0], 0);
  const options: RunOptions = {
    workers: s.workers, pool: s.pool, chunkSize, range, rows: s.csv, done, signal, workerMemoryMb: s['worker-memory'],
    onChunk: (r) => checkpoint!.record(r),
    onProgress: (n) => bar?.update(n),
  };
  let simulation;
  try {
    simulation = await simulate(loaded, options);
  } catch (err) {
    bar?.stop();
    checkpoint.close();
    if (err instanceof Interrupted) {
      const finished = [...checkpoint.finished()].reduce((a, [f, c]) => a + c.to - f, 0);
      throw new UserError(`interrupted; ${finished} of ${range[1] - range[0]} replicates saved. Resume with: trialsim run ${loaded.file} --resume${resumeFlags(s)}`, 130);
    }
    if (err instanceof Error && err.name === 'WorkerFailure') err.message += `\n(finished chunks are saved; after fixing the cause, resume with: trialsim run ${loaded.file} --resume${resumeFlags(s)})`;
    throw err;
  }
  bar?.stop();
  checkpoint.close();
  const seconds = (performance.now() - t0) / 1000;
  const layout = simulation.layout;
  // Ctrl-C while replicates.csv is written (it can take seconds) abandons the
  // file; every replicate is in the checkpoint, so --resume only writes.
  const interruptedWriting = () => new UserError(`interrupted while writing the results; every replicate is saved. Finish with: trialsim run ${loaded.file} --resume${resumeFlags(s)}`, 130);
  const csvRows = (sink: AtomicStream) => concatRows(checkpoint!, chunksOf(range, chunkSize), sink, csvHeader(layout), signal, interruptedWriting);
  if (s.shard) {
    const folder = shardFolder(loaded, s);
    const name = `shard-${String(s.shard.index).padStart(4, '0')}-of-${String(s.shard.count).padStart(4, '0')}`;
    const rowsFile = s.csv ? join(folder, `${name}.csv`) : undefined;
    if (rowsFile) await csvRows(new AtomicStream(rowsFile));
    const partial = sealPartial({
      schema: PARTIAL_SCHEMA, trialsim: VERSION, scenario: { name: loaded.spec.name, hash: loaded.hash, file: loaded.file },
      seed: loaded.spec.seed, replicates: R, range, spec: loaded.spec, state: simulation.state,
    }, rowsFile);
    writeFileAtomic(join(folder, `${name}.json`), `${JSON.stringify(partial)}\n`);
    checkpoint.remove();
    return { summary: undefined, folder: join(folder, `${name}.json`) };
  }
  const folder = new RunFolder(s.out, loaded.spec.name, runId(started, loaded.spec.seed));
  try {
    if (s.csv) await csvRows(folder.stream('replicates.csv'));
    writeRunFiles(folder, simulation.summary, {
      trialsim: VERSION, file: loaded.file, started: started.toISOString(), seconds,
      workers: s.workers, chunkSize, resumed: done.size > 0, node: process.version, host: hostname(),
    });
    const path = folder.commit();
    checkpoint.remove();
    return { summary: simulation.summary, folder: path };
  } catch (err) {
    folder.abandon();
    throw err;
  }
}

/** Writes summary.json and run.json (and whatever reports sit beside them) into a run folder. */
export function writeRunFiles(folder: RunFolder, summary: unknown, run: Record<string, unknown>): void {
  folder.write('summary.json', `${JSON.stringify(summary, null, 2)}\n`);
  folder.write('report.html', runReportHtml(summary as Summary));
  folder.write('summary.md', summaryMarkdown(summary as Summary));
  folder.write('run.json', `${JSON.stringify(run, null, 2)}\n`);
}

function resumeFlags(s: RunSettings): string {
  const flags: string[] = [];
  if (s.replicates !== undefined) flags.push(`--replicates ${s.replicates}`);
  if (s.seed !== undefined) flags.push(`--seed ${s.seed}`);
  if (s.shard) flags.push(`--shard ${s.shard.index}/${s.shard.count}`);
  if (s.out !== 'results') flags.push(`--out ${s.out}`);
  if (!s.csv) flags.push('--no-csv');
  return flags.length ? ` ${flags.join(' ')}` : '';
}

/** replicates.csv from the checkpoint's per-chunk rows, in replicate order. */
async function concatRows(checkpoint: Checkpoint, chunks: [number, number][], sink: AtomicStream, header: string, signal: AbortSignal, interrupted: () => Error): Promise<void> {
  sink.write(header);
  // Test hook (as TRIALSIM_FAULT in the worker): Ctrl-C as the writing starts.
  if (process.env.TRIALSIM_FAULT === 'sigint@writing') process.kill(process.pid, 'SIGINT');
  for (const [from] of chunks) {
    if (signal.aborted) { sink.abandon(); throw interrupted(); }
    for await (const piece of createReadStream(checkpoint.rowsPath(from), { encoding: 'utf8' })) sink.write(piece as string);
  }
  sink.commit();
}

