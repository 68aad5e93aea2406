import type { CommandModule } from 'yargs';
import { join, relative } from 'node:path';
import cliProgress from 'cli-progress';
import { loadScenario, type LoadedScenario } from '../run/scenario.js';
import { runScenario, RunInterrupted, type RunScenarioOptions } from '../run/run-scenario.js';
import { isExact } from '../run/simulate.js';
import { writeReport } from '../report/write-report.js';
import { UserError } from '../scenario/errors.js';
import { defaultWorkers, WorkerPool } from '../run/pool.js';
import { parseShard } from '../run/partial.js';
import { formatSummary, headlineOf } from '../report/table.js';
import { readWrittenSummary } from '../run/summary-schema.js';
import { writeFileAtomic } from '../util/atomic.js';
import type { Summary } from '../summary/summarise.js';
import { indexHtml } from '../report/html/index-page.js';
import { crossScenarioMarkdown } from '../report/markdown.js';
import { runOptions, seedOption, wholeNumber, MAX_WORKERS } from './options.js';
import { StopOnSignal, plainProgress } from './progress.js';

export { plainProgress } from './progress.js';

export interface RunArgs {
  files: string[]; replicates?: number; seed?: string; workers?: number; 'chunk-size'?: number;
  out: string; json: boolean; quiet: boolean; verbose: boolean; csv: boolean; resume: boolean; shard?: string; force: boolean;
  'worker-memory'?: number; exact: boolean;
}

export const runCommand: Omit<CommandModule<object, RunArgs>, 'command' | 'describe'> = {
  builder: (y) => y
    .positional('files', { type: 'string', array: true, demandOption: true })
    .options(runOptions)
    .option('out', { type: 'string', default: 'results', describe: 'Results folder' })
    .option('csv', { type: 'boolean', default: true, describe: 'Write replicates.csv (--no-csv to skip)' })
    .option('resume', { type: 'boolean', default: false, describe: 'Continue an interrupted run from its checkpoint' })
    .option('shard', { type: 'string', describe: 'Run only shard I of N (I/N) and write a partial result for `trialsim merge`' })
    .option('force', { type: 'boolean', default: false, describe: 'Run even when the workload looks absurd' })
    .option('exact', { type: 'boolean', default: false, describe: 'Compute the operating characteristics exactly by enumerating every outcome (method: exact; basket designs), falling back to simulation above exactLimit' })
    .option('verbose', { type: 'boolean', default: false, describe: 'With several files, print each full table instead of one headline line per scenario' })
    .option('worker-memory', { type: 'number', describe: 'Heap limit per worker thread (MB)' }) as never,
  handler: (args) => runFiles(args),
};

async function runFiles(args: RunArgs): Promise<void> {
  const workers = wholeNumber('workers', args.workers, 0, MAX_WORKERS) ?? defaultWorkers();
  const chunkSize = wholeNumber('chunk-size', args['chunk-size'], 1);
  const shard = args.shard !== undefined ? parseShard(args.shard) : undefined;
  if (shard && args.files.length > 1) throw new UserError('--shard runs one scenario file at a time');
  // Check every file, and its workload (a shard is 1/count of it), before simulating any.
  const overrides = {
    seed: seedOption(args.seed), replicates: wholeNumber('replicates', args.replicates, 1),
    force: args.force, workers: Math.max(1, workers) * (shard?.count ?? 1), exact: args.exact,
  };
  const scenarios = args.files.map((f) => loadScenario(f, overrides));
  const index: { name: string; file: string; results: string }[] = [];
  const summaries: (Summary | undefined)[] = [];
  // One pool of threads for every file.
  const pool = workers > 0 && scenarios.length > 1 ? new WorkerPool(workers, { workerMemoryMb: args['worker-memory'] }).start() : undefined;
  const signals = new StopOnSignal();
  try {
    for (const loaded of scenarios) {
      const result = await runOne(loaded, { ...args, workers, chunkSize, shard, pool }, signals);
      summaries.push(result.summary);
      index.push({ name: loaded.spec.name, file: loaded.file, results: result.folder });
      if (!args.quiet && !args.json) process.stdout.write(printed(result.summary, result.folder, scenarios.length > 1 && !args.verbose));
    }
  } finally {
    signals.listen(false);
    await pool?.close();
  }
  if (scenarios.length > 1) {
    writeFileAtomic(join(args.out, 'index.json'), `${JSON.stringify(index, null, 2)}\n`);
    const entries = index.flatMap((e, k) => { const summary = summaries[k]; return summary ? [{ ...e, link: relative(args.out, e.results), summary }] : []; });
    writeFileAtomic(join(args.out, 'index.html'), indexHtml(entries));
    writeFileAtomic(join(args.out, 'index.md'), crossScenarioMarkdown(entries.map((e) => ({ name: e.name, summary: e.summary }))));
  }
  if (args.json) process.stdout.write(`${JSON.stringify(runsJson(index.map((e, k) => ({ ...e, summary: summaries[k] })), scenarios.length > 1 ? join(args.out, 'index.html') : null), null, 2)}\n`);
  if (scenarios.length > 1 && !args.quiet && !args.json) process.stdout.write(`\nReport of every run: ${join(args.out, 'index.html')} (side-by-side table: index.md); each run's summary.md and report.html are in its folder.\n`);
}

/** The stable shape of `--json` for run and merge: one entry per scenario, whatever their number (README, "Output of --json"). */
export function runsJson(runs: { name: string; file: string; results: string; summary?: Summary }[], index: string | null) {
  return { schema: 'trialsim-runs/1', runs: runs.map((r) => ({ name: r.name, file: r.file, results: r.results, summary: r.summary ?? null })), index };
}

/** What the terminal shows of one run: the full table, or (several runs) one headline line. */
function printed(summary: Summary | undefined, folder: string, brief: boolean): string {
  if (!summary) return `Results: ${folder}\n\n`;
  const read = readWrittenSummary(summary);
  return brief ? `${headlineOf(read)}\n  results: ${folder}\n` : `${formatSummary(read)}\n\nResults: ${folder}\n\n`;
}

interface RunSettings extends Omit<RunArgs, 'shard'> { workers: number; chunkSize?: number; shard?: { index: number; count: number }; pool?: WorkerPool }

/** One file through the library's run, with a progress bar on a terminal and the resume command on interruption. */
async function runOne(loaded: LoadedScenario, s: RunSettings, signals: StopOnSignal): Promise<{ summary?: Summary; folder: string }> {
  const unit = isExact(loaded) ? 'outcomes' : 'replicates';
  const bar = !s.quiet && process.stderr.isTTY
    ? new cliProgress.SingleBar({ format: `${loaded.spec.name.slice(0, 30)} [{bar}] {percentage}% | {value}/{total} ${unit} | ETA {eta_formatted}`, stream: process.stderr, etaBuffer: 50 }, cliProgress.Presets.shades_classic)
    : undefined;
  const lines = !s.quiet && !process.stderr.isTTY ? plainProgress(loaded.spec.name, undefined, undefined, unit) : undefined;
  const options: RunScenarioOptions = {
    out: s.out, workers: s.workers, chunkSize: s.chunkSize, workerMemoryMb: s['worker-memory'], pool: s.pool,
    csv: s.csv, resume: s.resume, shard: s.shard, signal: signals.signal, reports: writeReport,
    onProgress: (n, total) => {
      if (bar) { if (!bar.isActive) bar.start(total, n); else bar.update(n); } else lines?.(n, total);
    },
    onPhase: (phase) => {
      signals.listen(phase !== 'truth');
      if (phase === 'writing') bar?.stop();
    },
    onNotice: (message) => { if (!s.quiet) process.stderr.write(`trialsim: ${message}\n`); },
  };
  try {
    const result = await runScenario(loaded, options);
    return { summary: result.summary, folder: result.path };
  } catch (err) {
    if (err instanceof RunInterrupted) {
      err.message = `${err.message}. ${err.whileWriting ? 'Finish' : 'Resume'} with: trialsim run ${loaded.file} --resume${resumeFlags(s)}`;
    } else if (err instanceof Error && err.name === 'WorkerFailure' && (err as Error & { unit?: string }).unit === 'replicates') {
      // (an exact computation keeps no chunks: it starts again)
      err.message += `\n(finished chunks are saved; after fixing the cause, resume with: trialsim run ${loaded.file} --resume${resumeFlags(s)})`;
    }
    throw err;
  } finally {
    bar?.stop();
  }
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
