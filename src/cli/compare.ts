/**
 * `trialsim compare A.yaml B.yaml ...`: the same operating characteristics of
 * several designs side by side, with the Monte Carlo error of each difference
 * from paired replicates (common random numbers, on by default) and as if
 * the runs were independent. Writes results/compare/<run-id>/ with
 * compare.json (identical for the same inputs and seed), compare.md,
 * report.html and run.json (timing).
 */
import type { CommandModule } from 'yargs';
import { hostname } from 'node:os';
import { loadScenario } from '../run/scenario.js';
import { defaultWorkers } from '../run/pool.js';
import { runCompare, type CompareResult } from '../compare/compare.js';
import { RunFolder, runId } from '../run/run-folder.js';
import { textTable } from '../report/table.js';
import { compareReportHtml, letter } from '../report/html/compare-report.js';
import { compareMarkdown } from '../report/markdown.js';
import { UserError } from '../scenario/errors.js';
import { VERSION } from '../version.js';
import { runOptions, seedOption, wholeNumber, shellWord } from './options.js';
import { resumableWork, progressDisplay } from './progress.js';
import { join } from 'node:path';

interface CompareArgs {
  files: string[]; replicates?: number; seed?: string; workers?: number; 'chunk-size'?: number;
  out: string; json: boolean; quiet: boolean; 'common-random-numbers': boolean; resume: boolean;
}

const pct = (x: number, d = 1) => (Number.isFinite(x) ? `${(100 * x).toFixed(d)}%` : '-');

/** The comparison as plain text for the terminal. */
export function formatCompare(c: CompareResult): string {
  const out: string[] = [];
  out.push(`Comparison: ${c.replicates} replicates per design, seed ${c.seed}, ${c.commonRandomNumbers ? 'common random numbers' : 'independent streams'}`, '');
  c.scenarios.forEach((s, k) => out.push(`  ${letter(k)}: ${s.name} (${s.design}, ${s.file})${k > 0 ? (s.samePatients ? ' - same patients as A' : ' - different patients from A') : ''}`));
  const diffHead = c.scenarios.slice(1).flatMap((_, j) => [`${letter(j + 1)}-A`, 'paired SE', 'indep. SE']);
  out.push('', textTable(['hypothesis', ...c.scenarios.map((_, k) => letter(k)), ...diffHead], c.hypotheses.map((h) => [
    h.id, ...h.results.map((r) => (r ? pct(r.rate) : '-')),
    ...h.differences.slice(1).flatMap((d) => (d ? [pct(d.difference, 2), pct(d.pairedSe, 2), pct(d.independentSe, 2)] : ['-', '-', '-'])),
  ])));
  if (c.quantities.length) {
    out.push('', textTable(['quantity', ...c.scenarios.map((_, k) => letter(k)), ...diffHead], c.quantities.map((q) => [
      q.label, ...q.results.map((r) => (r ? r.mean.toFixed(1) : '-')),
      ...q.differences.slice(1).flatMap((d) => (d ? [d.difference.toFixed(2), d.pairedSe.toFixed(2), d.independentSe.toFixed(2)] : ['-', '-', '-'])),
    ])));
  }
  return out.join('\n');
}

export const compareCommand: Omit<CommandModule<object, CompareArgs>, 'command' | 'describe'> = {
  builder: (y) => y
    .positional('files', { type: 'string', array: true, demandOption: true })
    .options(runOptions)
    .option('out', { type: 'string', default: 'results', describe: 'Results folder' })
    .option('common-random-numbers', { type: 'boolean', default: true, describe: 'Same seed and replicates for every design (--no-common-random-numbers: seed + k for design k)' })
    .option('resume', { type: 'boolean', default: false, describe: 'Continue an interrupted comparison from its checkpoint: finished designs are not rerun' }) as never,
  handler: async (args) => {
    if (args.files.length < 2) throw new UserError(`compare: expected at least two scenario files, found ${args.files.length}`);
    const seed = seedOption(args.seed);
    const replicates = wholeNumber('replicates', args.replicates, 2);
    const workers = wholeNumber('workers', args.workers, 0) ?? defaultWorkers();
    const chunkSize = wholeNumber('chunk-size', args['chunk-size'], 1);
    const scenarios = args.files.map((f) => loadScenario(f));
    const started = new Date();
    const t0 = performance.now();
    let progress = progressDisplay('', true);
    let path = '';
    // Ctrl-C stops between chunks; every design's finished chunks stay in the checkpoint.
    const result: CompareResult = await resumableWork((signal) => runCompare(scenarios, {
      seed, replicates, workers, chunkSize, commonRandomNumbers: args['common-random-numbers'], signal,
      onDesign: (k, loaded) => {
        progress.stop();
        if (!args.quiet && !args.json) process.stderr.write(`${letter(k)}: ${loaded.spec.name} (${loaded.spec.replicates} replicates)\n`);
        progress = progressDisplay(`${letter(k)}: ${loaded.spec.name}`, args.quiet);
      },
      onProgress: (n) => progress.update(n, replicates ?? scenarios[0].spec.replicates),
      checkpoint: {
        dir: join(args.out, 'compare', '.checkpoint-compare'), resume: args.resume,
        onNotice: (message) => { if (!args.quiet) process.stderr.write(`trialsim: ${message}\n`); },
        write: (r) => {
          progress.stop();
          path = writeCompareFolder(args, r, started, {
            trialsim: VERSION, files: args.files, started: started.toISOString(), seconds: (performance.now() - t0) / 1000,
            workers, chunkSize: chunkSize ?? null, resumed: args.resume, node: process.version, host: hostname(),
          });
        },
      },
    }), () => compareResumeCommand(args), () => progress.stop());
    if (args.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    else if (!args.quiet) process.stdout.write(`${formatCompare(result)}\n\nResults: ${path}\n`);
  },
};

/** results/compare/<run-id>/: compare.json, compare.md, report.html and run.json, staged and renamed into place. */
function writeCompareFolder(args: CompareArgs, result: CompareResult, started: Date, run: Record<string, unknown>): string {
  const folder = new RunFolder(args.out, 'compare', runId(started, result.seed));
  try {
    folder.write('compare.json', `${JSON.stringify(result, null, 2)}\n`);
    folder.write('compare.md', compareMarkdown(result));
    folder.write('report.html', compareReportHtml(result));
    folder.write('run.json', `${JSON.stringify(run, null, 2)}\n`);
  } catch (err) {
    folder.abandon();
    throw err;
  }
  return folder.commit();
}

/** The command that resumes an interrupted comparison (the options that decide its results). */
function compareResumeCommand(args: CompareArgs): string {
  const words = ['trialsim', 'compare', ...args.files];
  if (args.replicates !== undefined) words.push('--replicates', String(args.replicates));
  if (args.seed !== undefined) words.push('--seed', String(args.seed));
  if (!args['common-random-numbers']) words.push('--no-common-random-numbers');
  if (args.out !== 'results') words.push('--out', args.out);
  return [...words, '--resume'].map(shellWord).join(' ');
}
