/**
 * `trialsim calibrate FILE [--target 0.05] [--fwer] [--write OUT.yaml]`:
 * finds each Bayesian basket analysis' decision threshold that holds the
 * per-basket type I error (or, with --fwer, the family-wise error) at the
 * target under the global null, by simulation (src/designs/basket/calibrate.ts),
 * prints the thresholds with their Monte Carlo error and can write a copy of
 * the scenario with the calibrated thresholds (comments and layout kept).
 */
import type { CommandModule } from 'yargs';
import { writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parseDocument, stringify } from 'yaml';
import { loadScenario, setupScenario } from '../run/scenario.js';
import { parseScenarioText } from '../scenario/load.js';
import { readScenarioFile } from '../scenario/read-file.js';
import { UserError } from '../scenario/errors.js';
import { checkCalibration, thresholdsFromStatistics, type CalibrationResult } from '../designs/basket/calibrate.js';
import { exactCalibrationSize } from '../designs/basket/exact-calibration.js';
import type { BasketSetup } from '../designs/basket/setup.js';
import { EXACT_LIMIT } from '../run/exact.js';
import { runStreams } from '../random/stream.js';
import { runOptions, seedOption, wholeNumber, MAX_WORKERS } from './options.js';
import { calibrateFromIntervals, calibrateNamedThreshold, checkNamedCalibration, checkSuperiorityCalibration, type AdaptiveCalibration, type NamedThreshold } from '../designs/response-adaptive/calibrate.js';
import { runCalibration, defaultCalibrationWorkers, calibrateExactlyOn, type CalibrationRunOptions, type CalibrationTask } from '../run/calibration.js';
import { SMALL_EXACT } from '../run/simulate.js';
import { defaultWorkers } from '../run/worker-pool.js';
import { WorkerPool } from '../run/pool.js';
import type { LoadedScenario } from '../run/scenario.js';
import type { ResponseAdaptiveScenario } from '../designs/response-adaptive/schema.js';

interface CalibrateArgs {
  goal: 'error' | 'power';
  rule: NamedThreshold;
  file: string; target: number; fwer: boolean; replicates?: number; seed?: string; write?: string; json: boolean; analysis?: string[]; exact: boolean;
  workers?: number;
}

/** A threshold as written to the scenario: rounded up (6 decimals), so the error stays at most the target. */
export function roundThreshold(x: number): number {
  const up = Math.ceil(x * 1e6);
  const r = up / 1e6 >= x ? up / 1e6 : (up + 1) / 1e6;
  return Math.min(1, r);
}

/** The scenario text with each calibrated analysis' threshold set. */
export function calibratedText(text: string, format: 'yaml' | 'json', result: CalibrationResult): string {
  const set = result.thresholds.filter((t) => t.threshold !== null);
  if (format === 'json') {
    const data = JSON.parse(text) as { design: { analyses: Record<string, unknown>[] } };
    for (const t of set) data.design.analyses[t.index].threshold = roundThreshold(t.threshold!);
    return `${JSON.stringify(data, null, 2)}\n`;
  }
  const doc = parseDocument(text, { schema: 'core' });
  for (const t of set) doc.setIn(['design', 'analyses', t.index, 'threshold'], roundThreshold(t.threshold!));
  return doc.toString({ lineWidth: 0 });
}

const fixed = (x: number | null, d: number) => (x === null ? '-' : x.toFixed(d));

export function formatCalibration(name: string, r: CalibrationResult): string {
  const what = r.error === 'fwer' ? `family-wise error <= ${r.target}` : `type I error <= ${r.target} in every basket`;
  // Held family-wise, the achieved error is the FWER: one column, not the same one twice.
  const fwerHeld = r.error === 'fwer';
  const head = ['analysis', 'method', 'threshold', '95% MC interval', ...(fwerHeld ? [] : ['max basket error']), 'FWER'];
  const rows = r.thresholds.map((t) => [
    t.analysis, t.method, fixed(t.threshold, 6),
    t.threshold === null ? 'efficacy stops alone exceed the target' : `[${fixed(t.lower, 4)}, ${fixed(t.upper, 4)}]`,
    ...(fwerHeld ? [] : [t.achieved.toFixed(4)]), t.fwer.toFixed(4),
  ]);
  const widths = head.map((h, j) => Math.max(h.length, ...rows.map((row) => row[j].length)));
  const line = (row: string[]) => row.map((c, j) => c.padEnd(widths[j])).join('  ').trimEnd();
  if (r.method === 'exact') return formatExactCalibration(name, r, what);
  return [
    `Calibration of "${name}" under the global null (every basket at its p0): ${r.replicates} replicates, seed ${r.seed}`,
    `Target: ${what}; success when P(p > p0 | data) > threshold`,
    '',
    line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line),
    '',
    `Errors are estimated at the threshold from the same replicates; an error rate re-estimated at it has Monte Carlo SE ${r.errorMcse.toFixed(4)}.`,
    ...r.thresholds.map((t) => `  ${t.analysis} by basket: ${Object.entries(t.byBasket).map(([b, e]) => `${b} ${e.toFixed(4)}`).join(', ')}`),
  ].join('\n');
}

/** Whether an exact calibration stays within the scenario's exactLimit (else it simulates, and says so). */
function exactCalibrationFeasible(spec: { design: { type: string }; exactLimit?: number }, prepared: unknown, analyses?: string[]): boolean {
  if (spec.design.type !== 'basket') throw new UserError(`calibrate works on basket and response-adaptive designs, found design type "${spec.design.type}"`);
  const size = exactCalibrationSize(prepared as BasketSetup, analyses);
  const limit = spec.exactLimit ?? EXACT_LIMIT;
  if (size <= limit) return true;
  process.stderr.write(`trialsim: --exact: ${size.toExponential(2)} null outcomes exceed exactLimit ${limit}; calibrating by simulation instead\n`);
  return false;
}

/** Threads for an exact calibration when none are asked for: every core from SMALL_EXACT outcomes (as an exact run), else this thread. */
function exactCalibrationWorkers(prepared: BasketSetup, analyses?: string[]): number {
  return exactCalibrationSize(prepared, analyses) >= SMALL_EXACT ? defaultWorkers() : 0;
}

function formatExactCalibration(name: string, r: CalibrationResult, what: string): string {
  // As in the simulated table: held family-wise, the achieved error is the FWER (it was shown twice, once as 'max basket error').
  const fwerHeld = r.error === 'fwer';
  const head = ['analysis', 'method', 'threshold', ...(fwerHeld ? [] : ['max basket error']), 'FWER'];
  const rows = r.thresholds.map((t) => [t.analysis, t.method, t.threshold === null ? 'efficacy stops alone exceed the target' : fixed(t.threshold, 8), ...(fwerHeld ? [] : [t.achieved.toFixed(6)]), t.fwer.toFixed(6)]);
  const widths = head.map((h, j) => Math.max(h.length, ...rows.map((row) => row[j].length)));
  const line = (row: string[]) => row.map((c, j) => c.padEnd(widths[j])).join('  ').trimEnd();
  return [
    `Exact calibration of "${name}" under the global null (every basket at its p0): ${r.outcomes} outcomes enumerated, no Monte Carlo error`,
    `Target: ${what}; success when P(p > p0 | data) > threshold (the smallest threshold whose exact error is at most the target)`,
    '',
    line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line),
    '',
    ...r.thresholds.map((t) => `  ${t.analysis} by basket: ${Object.entries(t.byBasket).map(([b, e]) => `${b} ${e.toFixed(6)}`).join(', ')}`),
  ].join('\n');
}

export const calibrateCommand: Omit<CommandModule<object, CalibrateArgs>, 'command' | 'describe'> = {
  builder: (y) => y
    .positional('file', { type: 'string', demandOption: true })
    .option('target', { type: 'number', default: 0.05, describe: 'Target type I error (per basket, or family-wise with --fwer)' })
    .option('fwer', { type: 'boolean', default: false, describe: 'Hold the family-wise error rate instead of each basket\'s' })
    .option('rule', { choices: ['superiority', 'inferiority', 'futility', 'equivalence'] as const, default: 'superiority' as const, describe: 'Response-adaptive designs: the threshold to calibrate (superiority exactly on each replicate\'s path; the others by bisection on the same replicates)' })
    .option('goal', { choices: ['error', 'power'] as const, default: 'error' as const, describe: 'Response-adaptive designs: hold the rate of declaring an arm best at most the target (error, on a null scenario) or at least it (power)' })
    .option('replicates', { type: 'number', describe: 'Replicates (default 10000; under the null, except --goal power)' })
    .option('seed', { ...runOptions.seed, describe: 'Seed of the calibration streams, 0 to 2^53 - 1 (default the scenario\'s)' })
    .option('workers', { type: 'number', describe: 'Worker threads the calibration replicates run on (default: available cores, or this thread for a small calibration of at most 500,000 patient-replicates; with --exact, available cores from 100,000 null outcomes; 0 = this thread); the result is the same for any number' })
    .option('analysis', { type: 'string', array: true, describe: 'Calibrate only these analysis ids' })
    .option('exact', { type: 'boolean', default: false, describe: 'Enumerate every null outcome instead of simulating: the same threshold for every seed, its exact error at most the target (falls back to simulation above the scenario\'s exactLimit)' })
    .option('write', { type: 'string', describe: 'Write the scenario with the calibrated thresholds to this file (.yaml or .json)' })
    .option('json', { type: 'boolean', default: false, describe: 'Print the result as JSON' }) as never,
  handler: async (args) => {
    if (!(args.target > 0 && args.target < 1)) throw new UserError(`--target: expected an error rate between 0 and 1, found ${args.target}`);
    const replicates = wholeNumber('replicates', args.replicates, 100);
    const seed = seedOption(args.seed);
    const asked = wholeNumber('workers', args.workers, 0, MAX_WORKERS);
    const loaded = loadScenario(args.file);
    const workers = asked ?? defaultCalibrationWorkers(loaded.spec, replicates ?? 10_000);
    const calibrationSeed = seed ?? loaded.spec.seed;
    if (loaded.spec.design.type === 'response-adaptive') { await calibrateAdaptiveCommand(args, loaded, calibrationSeed, replicates ?? 10000, workers); return; }
    let result: CalibrationResult;
    const options = { target: args.target, error: args.fwer ? 'fwer' as const : 'basket' as const, seed: calibrationSeed, analyses: args.analysis };
    try {
      const exact = args.exact && exactCalibrationFeasible(loaded.spec, loaded.prepared.data, args.analysis);
      result = exact
        ? await calibrateExactlyOn(loaded.spec, loaded.prepared.data as BasketSetup, options, asked ?? exactCalibrationWorkers(loaded.prepared.data as BasketSetup, args.analysis))
        : await calibrateBasket(loaded, { ...options, replicates: replicates ?? 10_000 }, workers);
    } catch (err) {
      if (err instanceof UserError) err.message = `${args.file}: ${err.message}`;
      throw err;
    }
    if (args.write) {
      const out = args.write;
      const ext = extname(out).toLowerCase();
      if (!['.yaml', '.yml', '.json'].includes(ext)) throw new UserError(`--write: expected a file ending in .yaml, .yml or .json, found "${out}"`);
      const source = readScenarioFile(args.file);
      const sourceFormat = extname(args.file).toLowerCase() === '.json' ? 'json' : 'yaml';
      let text = calibratedText(source.text, sourceFormat, result);
      if ((ext === '.json') !== (sourceFormat === 'json')) {
        const data = parseScenarioText(args.file, text, sourceFormat).data;
        text = ext === '.json' ? `${JSON.stringify(data, null, 2)}\n` : stringify(data);
      }
      setupScenario(parseScenarioText(out, text, ext === '.json' ? 'json' : 'yaml'));
      writeFileSync(out, text);
    }
    if (args.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    else process.stdout.write(`${formatCalibration(loaded.spec.name, result)}${args.write ? `\n\nCalibrated scenario written to ${args.write}` : ''}\n`);
  },
};

/** A basket design's thresholds by simulation, its null replicates on the worker pool (src/run/calibration.ts). */
async function calibrateBasket(loaded: LoadedScenario, options: { target: number; error: 'basket' | 'fwer'; seed: number; analyses?: string[]; replicates: number }, workers: number): Promise<CalibrationResult> {
  checkCalibration(loaded.spec, loaded.prepared.data, options);
  const task: CalibrationTask = { kind: 'basket-null', seed: options.seed, ...(options.analyses ? { analyses: options.analyses } : {}) };
  const pieces = await runCalibration<Float64Array>({ spec: loaded.spec, data: loaded.prepared.data, task }, options.replicates, { workers });
  const statistics = new Float64Array(pieces.reduce((n, p) => n + p.length, 0));
  pieces.reduce((at, p) => { statistics.set(p, at); return at + p.length; }, 0);
  return thresholdsFromStatistics(loaded.prepared.data, statistics, options);
}

/** A response-adaptive design's threshold, its calibration replicates on one pool of threads (a bisection runs them many times). */
async function calibrateAdaptiveThreshold(args: CalibrateArgs, loaded: LoadedScenario, options: { target: number; goal: 'error' | 'power'; replicates: number; seed: number }, workers: number): Promise<AdaptiveCalibration> {
  const { spec, prepared } = loaded;
  const rule = args.rule;
  if (rule === 'superiority') checkSuperiorityCalibration(spec); else checkNamedCalibration(spec, rule);
  const pool = workers > 0 ? new WorkerPool(workers).start() : undefined;
  const run: CalibrationRunOptions = { workers, pool };
  const scenario = (task: CalibrationTask) => ({ spec, data: prepared.data, task });
  try {
    if (rule === 'superiority') {
      const pieces = await runCalibration<[number, number][][]>(scenario({ kind: 'adaptive-paths', seed: options.seed }), options.replicates, run);
      return calibrateFromIntervals(pieces.flat(), options);
    }
    return await calibrateNamedThreshold(spec as ResponseAdaptiveScenario, runStreams(options.seed), rule, options, async (value) => {
      const counts = await runCalibration<number>(scenario({ kind: 'adaptive-declared', seed: options.seed, rule, value }), options.replicates, run);
      return counts.reduce((a, b) => a + b, 0);
    });
  } finally {
    await pool?.close();
  }
}

/** Response-adaptive designs: a stopping threshold (src/designs/response-adaptive/calibrate.ts). */
async function calibrateAdaptiveCommand(args: CalibrateArgs, loaded: LoadedScenario, seed: number, replicates: number, workers: number): Promise<void> {
  const spec = loaded.spec as ResponseAdaptiveScenario;
  let result: AdaptiveCalibration;
  try {
    result = await calibrateAdaptiveThreshold(args, loaded, { target: args.target, goal: args.goal, replicates, seed }, workers);
  } catch (err) {
    if (err instanceof UserError) err.message = `${args.file}: ${err.message}`;
    throw err;
  }
  if (args.write) {
    if (result.threshold === null) throw new UserError(`--write: no ${args.rule} threshold meets the target ${args.target}; nothing written`);
    // Superiority is written rounded away from the target's side (up for an error, down for power) at 6 decimals; a bisected threshold as found (1e-4).
    const value = args.rule !== 'superiority' ? +result.threshold.toFixed(6) : args.goal === 'error' ? roundThreshold(result.threshold) : Math.floor(result.threshold * 1e6) / 1e6;
    const ext = extname(args.write).toLowerCase();
    if (!['.yaml', '.yml', '.json'].includes(ext)) throw new UserError(`--write: expected a file ending in .yaml, .yml or .json, found "${args.write}"`);
    const source = readScenarioFile(args.file);
    const sourceFormat = extname(args.file).toLowerCase() === '.json' ? 'json' : 'yaml';
    const doc = parseDocument(source.text, { schema: 'core' });
    doc.setIn(['design', 'stopping', args.rule], value);
    const data = doc.toJS() as unknown;
    const text = ext === '.json' ? `${JSON.stringify(data, null, 2)}\n` : sourceFormat === 'yaml' ? doc.toString({ lineWidth: 0 }) : stringify(data);
    setupScenario(parseScenarioText(args.write, text, ext === '.json' ? 'json' : 'yaml'));
    writeFileSync(args.write, text);
  }
  if (args.json) { process.stdout.write(`${JSON.stringify(result, null, 2)}\n`); return; }
  const f = (x: number | null) => (x === null ? 'none' : x.toFixed(result.digits));
  const what = args.goal === 'error' ? `P(an arm declared best) at most ${args.target}` : `P(an arm declared best) at least ${args.target}`;
  process.stdout.write([
    `Calibration of the ${args.rule} threshold of "${spec.name}": ${replicates} replicates (calibration streams of seed ${seed}), every threshold judged on the same replicates${result.method === 'bisection' ? ' (bisection to 1e-4; the rate assumed monotone in the threshold)' : ' (exactly, from each replicate\'s path)'}`,
    `Target: ${what}`,
    result.threshold === null ? 'No threshold in (0, 1) meets the target.'
      : `Threshold ${f(result.threshold)} (95% Monte Carlo interval ${f(result.lower)} to ${f(result.upper)}; shown to the ${result.digits} decimals the interval supports)`,
    // No threshold, no rate at it: no line (it printed an empty one).
    ...(result.achieved === null ? [] : [`Rate at the threshold ${result.achieved.toFixed(4)} (Monte Carlo SE ${result.achievedMcse.toFixed(4)})`]),
    '',
  ].join('\n'));
}
