/**
 * `trialsim sweep FILE --vary KEY=VALUES ...`: a grid over scenario keys, one
 * tidy CSV row per grid point x hypothesis, sweep.json and power curves.
 * `trialsim sweep FILE --solve KEY --target power=0.8`: the smallest value of
 * KEY reaching the target power, with its Monte Carlo uncertainty.
 * Results go to results/<scenario>/sweep-<run-id>/ (or solve-<run-id>/),
 * staged in a hidden folder and renamed into place when complete.
 */
import type { CommandModule } from 'yargs';
import { hostname } from 'node:os';
import { loadScenario } from '../run/scenario.js';
import { defaultWorkers } from '../run/pool.js';
import { UserError } from '../scenario/errors.js';
import { parseVariations, parseInterval } from '../compare/values.js';
import { runSweep } from '../compare/sweep.js';
import { sweepCsv, sweepTable } from '../compare/sweep-table.js';
import { headlineFamily } from '../compare/quantities.js';
import { runSolve, type SolveReport } from '../compare/solve-run.js';
import type { Scale } from '../compare/solve.js';
import { RunFolder, runId, slug } from '../run/run-folder.js';
import { join } from 'node:path';
import { sweepReportHtml } from '../report/html/sweep-report.js';
import { solveReportHtml } from '../report/html/solve-report.js';
import { toCsv } from '../util/csv.js';
import { VERSION } from '../version.js';
import { runOptions, seedOption, wholeNumber, shellWord } from './options.js';
import { resumableWork, progressDisplay } from './progress.js';

interface SweepArgs {
  file: string; vary?: string[]; parallel?: number; solve?: string; target?: string; hypothesis?: string;
  range?: string; step?: number; tolerance?: number; scale?: string; 'max-replicates'?: number; 'initial-replicates'?: number;
  replicates?: number; seed?: string; workers?: number; 'chunk-size'?: number; out: string; json: boolean; quiet: boolean; resume: boolean;
}

/** `power=0.8` → 0.8. */
export function parseTarget(text: string | undefined): number {
  const m = /^\s*power\s*=\s*([0-9.]+)\s*$/.exec(text ?? '');
  const value = m ? Number(m[1]) : NaN;
  if (!(value > 0 && value < 1)) throw new UserError(`--target: expected power=P with 0 < P < 1 (e.g. power=0.8), found "${text ?? 'nothing'}"`);
  return value;
}

function writeFolder(out: string, name: string, id: string, files: Record<string, string>): string {
  const folder = new RunFolder(out, name, id);
  try {
    for (const [file, text] of Object.entries(files)) folder.write(file, text);
  } catch (err) {
    folder.abandon();
    throw err;
  }
  return folder.commit();
}

function solveText(r: SolveReport): string {
  const c = r.confirmation;
  const confirm = c ? `\nConfirmation at ${r.answer}: power ${(100 * c.rate).toFixed(1)}% (MCSE ${(100 * c.mcse).toFixed(2)}%, 95% ${(100 * c.ci95[0]).toFixed(1)}-${(100 * c.ci95[1]).toFixed(1)}%) from ${c.replicates} replicates` : '';
  if (r.status === 'not-reached') return `Power does not reach ${r.target} for ${r.key} up to ${r.range[1]} (hypothesis ${r.hypothesis.id}); widen --range.`;
  if (r.status === 'reached-at-lower-end') return `Power already reaches ${r.target} at the lower end ${r.answer} of --range (hypothesis ${r.hypothesis.id}); lower --range.${confirm}`;
  return `${r.key} = ${r.answer}: smallest multiple of ${r.step} with power >= ${r.target} for ${r.hypothesis.id}\n`
    + `95% interval given Monte Carlo error: ${r.interval![0]} to ${r.interval![1]} (fitted crossing ${r.crossing!.value.toFixed(1)}, ${r.crossing!.lower.toFixed(1)}-${r.crossing!.upper.toFixed(1)}; ${r.searchReplicates} search replicates)${confirm}`;
}

export const sweepCommand: Omit<CommandModule<object, SweepArgs>, 'command' | 'describe'> = {
  builder: (y) => y
    .positional('file', { type: 'string', demandOption: true })
    .option('vary', { type: 'string', array: true, describe: 'KEY=VALUES: a range from:to:step or a list a,b,c (repeat for a grid)' })
    .option('parallel', { type: 'number', default: 1, describe: 'Grid points run at once (the workers are shared between them)' })
    .option('solve', { type: 'string', describe: 'KEY to solve for, e.g. design.sampleSize' })
    .option('target', { type: 'string', describe: 'Target of --solve: power=P' })
    .option('hypothesis', { type: 'string', describe: 'Hypothesis whose power --solve targets (default: the first primary one, else the first one)' })
    .option('range', { type: 'string', describe: 'Values --solve searches, from:to (default: step to 10 x the current value)' })
    .option('step', { type: 'number', describe: 'Granularity of --solve (default: the block size for a sample size, else 1)' })
    .option('tolerance', { type: 'number', describe: 'Wanted half-width of the answer\'s 95% interval (default: 2 steps or 2% of the answer)' })
    .option('scale', { type: 'string', choices: ['sqrt', 'linear', 'log'], describe: 'Scale on which power is probit-linear (default: sqrt for sizes, else linear)' })
    .option('max-replicates', { type: 'number', describe: 'Replicate budget of the search (default 100000)' })
    .option('initial-replicates', { type: 'number', describe: 'Replicates per bracketing evaluation (default 500)' })
    .options(runOptions)
    .option('out', { type: 'string', default: 'results', describe: 'Results folder' })
    .option('resume', { type: 'boolean', default: false, describe: 'Continue an interrupted grid sweep (--vary) from its checkpoint: finished points are not rerun' }) as never,
  handler: async (args) => {
    if ((args.vary?.length ?? 0) > 0 === (args.solve !== undefined)) throw new UserError('sweep: give either --vary KEY=VALUES (a grid) or --solve KEY --target power=P (a search), not both or neither');
    const seed = seedOption(args.seed);
    const replicates = wholeNumber('replicates', args.replicates, 1);
    const workers = wholeNumber('workers', args.workers, 0) ?? defaultWorkers();
    const chunkSize = wholeNumber('chunk-size', args['chunk-size'], 1);
    const base = loadScenario(args.file);
    const started = new Date();
    const t0 = performance.now();
    const timing = (more: Record<string, unknown> = {}) => `${JSON.stringify({ trialsim: VERSION, file: args.file, started: started.toISOString(), seconds: (performance.now() - t0) / 1000, workers, parallel: args.parallel ?? 1, chunkSize: chunkSize ?? null, ...more, node: process.version, host: hostname() }, null, 2)}\n`;
    if (args.solve !== undefined) {
      if (args.resume) throw new UserError('--resume continues a grid sweep (--vary); a --solve search keeps no checkpoint: run it again');
      const target = parseTarget(args.target);
      const range = args.range !== undefined ? parseInterval(args.range, '--range') : undefined;
      const report = await runSolve(base, {
        key: args.solve, target, hypothesis: args.hypothesis, seed, workers, chunkSize,
        range,
        step: args.step, tolerance: args.tolerance, scale: args.scale as Scale | undefined,
        budget: wholeNumber('max-replicates', args['max-replicates'], 1), initialReplicates: wholeNumber('initial-replicates', args['initial-replicates'], 10),
        confirmReplicates: replicates,
      });
      const evaluations = [...report.evaluations, ...(report.confirmation ? [report.confirmation] : [])];
      const path = writeFolder(args.out, base.spec.name, `solve-${runId(started, report.seed)}`, {
        'solve.json': `${JSON.stringify(report, null, 2)}\n`,
        'evaluations.csv': toCsv(['stage', report.key, 'replicates', 'rejections', 'rate', 'mcse', 'ci_low', 'ci_high'], evaluations.map((e) => [e.stage, e.value, e.replicates, e.rejections, e.rate, e.mcse, e.ci95[0], e.ci95[1]])),
        'report.html': solveReportHtml(report),
        'run.json': timing(),
      });
      if (args.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      else if (!args.quiet) process.stdout.write(`${solveText(report)}\n\nResults: ${path}\n`);
      return;
    }
    const vary = parseVariations(args.vary!);
    const parallel = wholeNumber('parallel', args.parallel, 1);
    const progress = progressDisplay(base.spec.name, args.quiet);
    let path = '';
    // Ctrl-C stops between chunks; every grid point's finished chunks stay in the checkpoint.
    const result = await resumableWork((signal) => runSweep(base, vary, {
      seed, replicates, workers, chunkSize, parallel, signal,
      onProgress: (n, total) => progress.update(n, total),
      checkpoint: {
        dir: sweepCheckpointDir(args.out, base.spec.name), resume: args.resume,
        onNotice: (message) => { if (!args.quiet) process.stderr.write(`trialsim: ${message}\n`); },
        write: (r) => {
          progress.stop();
          path = writeFolder(args.out, base.spec.name, `sweep-${runId(started, r.seed)}`, {
            'sweep.csv': sweepCsv(r),
            'sweep.json': `${JSON.stringify(r, null, 2)}\n`,
            'report.html': sweepReportHtml(r),
            'run.json': timing({ resumed: args.resume }),
          });
        },
      },
    }), () => sweepResumeCommand(args), () => progress.stop());
    if (args.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    else if (!args.quiet) process.stdout.write(`${formatSweep(result)}\n\nResults: ${path}\n`);
  },
};

/** Where a grid sweep of a scenario keeps its checkpoint (one per scenario and --out: a resume of another sweep there is refused naming what differs). */
export function sweepCheckpointDir(out: string, name: string): string {
  return join(out, slug(name), '.checkpoint-sweep');
}

/** The command that resumes an interrupted grid sweep (the options that decide its results). */
function sweepResumeCommand(args: SweepArgs): string {
  const words = ['trialsim', 'sweep', args.file, ...(args.vary ?? []).flatMap((v) => ['--vary', v])];
  if (args.replicates !== undefined) words.push('--replicates', String(args.replicates));
  if (args.seed !== undefined) words.push('--seed', String(args.seed));
  if (args.out !== 'results') words.push('--out', args.out);
  return [...words, '--resume'].map(shellWord).join(' ');
}

/** The primary hypotheses of every grid point as a terminal table. */
function formatSweep(result: Parameters<typeof sweepTable>[0]): string {
  const t = sweepTable(result);
  const keep = ['hypothesis', 'meaning', 'rate', 'mcse', 'ci_low', 'ci_high', 'expected_sample_size'];
  const cols = [...result.vary.map((v) => v.key), ...keep].map((c) => t.columns.indexOf(c)).filter((j) => j >= 0);
  const fam = t.columns.indexOf('family');
  const keys = result.vary.length;
  const family = headlineFamily(result.points[0]?.summary.hypotheses ?? []);
  const rows = t.rows.filter((r) => r[fam] === family).map((r) => cols.map((j, i) => {
    const v = r[j];
    if (i < keys || typeof v !== 'number') return String(v ?? '-');
    return Number.isInteger(v) ? String(v) : v.toFixed(t.columns[j] === 'mcse' ? 4 : 3);
  }));
  const head = cols.map((j) => t.columns[j]);
  const widths = head.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j].length)));
  const line = (r: string[]) => r.map((c, j) => c.padStart(widths[j])).join('  ');
  return [`${result.scenario.name}: ${result.points.length} grid points x ${result.replicates} replicates, seed ${result.seed} (${family ?? 'no'} hypotheses; all in sweep.csv)`, '', line(head), ...rows.map(line)].join('\n');
}
