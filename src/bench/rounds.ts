/**
 * How the bench times: warm threads kept across alternated rounds (or a
 * fresh setup and pool per timing), each figure its median round, each
 * ratio the median of the rounds' ratios; the figures printed and kept for
 * bench.json. The sections that use it are in main.ts and basket.ts.
 */
import { availableParallelism } from 'node:os';
import { existsSync } from 'node:fs';
import { patientsPerReplicate } from '../run/workload.js';
import { loadScenario, type LoadedScenario } from '../run/scenario.js';
import { describeScenario } from '../run/simulate.js';
import { runReplicates, WorkerPool } from '../run/pool.js';
import type { BenchFigure } from './compare.js';

interface Row { what: string; workers: number | string; replicates: number; seconds: number; patients?: number }

export const fmt = (x: number) => (x >= 1e6 ? `${(x / 1e6).toFixed(2)}M` : x >= 1e3 ? `${(x / 1e3).toFixed(1)}k` : x.toFixed(1));

/** Every figure of this run, in order, for bench.json (compare two runs with `npm run bench:compare`). */
export const figures: BenchFigure[] = [];

/** A ratio the bench prints (engine / hand-written, engine / peer), kept for bench.json. */
export function recordRatio(what: string, value: number): void {
  if (Number.isFinite(value)) figures.push({ what, workers: '-', value, unit: 'ratio' });
}

export function print(r: Row): void {
  const reps = r.replicates / r.seconds;
  figures.push({ what: r.what, workers: String(r.workers), value: reps, unit: 'replicates/s' });
  const pats = r.patients !== undefined ? `${fmt((r.patients * r.replicates) / r.seconds).padStart(8)} patients/s` : ''.padStart(20);
  process.stdout.write(`${r.what.padEnd(56)} ${String(r.workers).padStart(7)}  ${fmt(reps).padStart(8)} replicates/s ${pats}  (${r.replicates} in ${r.seconds.toFixed(2)} s)\n`);
}

/** Warm threads timing one scenario's replicates, `replicates` a round, each round on replicates of its own. */
interface WarmEngine {
  /** Seconds for round k's replicates (k * replicates + 1 .. (k + 1) * replicates). */
  time(round: number): Promise<number>;
  close(): Promise<void>;
}

/**
 * A pool of `workers` threads for one scenario, warm: the threads start and
 * run 2,000 other replicates first (as the hand-written loop is warmed up),
 * so its timings are the steady throughput a long run, a sweep or a
 * comparison sees. Start-up is timed apart.
 */
export async function warmEngine(loaded: LoadedScenario, workers: number, replicates: number, rounds = 1): Promise<WarmEngine> {
  const { centres } = describeScenario(loaded);
  const pool = new WorkerPool(workers);
  const t0 = performance.now();
  await runReplicates(loaded, centres, { pool, range: [1, 2] });
  startups.push((performance.now() - t0) / 1000);
  // Warm-up on other replicates than the timed ones, so no analysis cache already holds the timed replicates' results.
  const after = rounds * replicates + 1;
  await runReplicates(loaded, centres, { pool, range: [after, after + Math.min(replicates, 2000)] });
  return {
    async time(round) {
      const t = performance.now();
      await runReplicates(loaded, centres, { pool, range: [round * replicates + 1, (round + 1) * replicates + 1] });
      return (performance.now() - t) / 1000;
    },
    close: () => pool.close(),
  };
}

/** Seconds for `replicates` replicates on a new warm pool of `workers` threads (warmEngine). */
async function timeEngine(loaded: LoadedScenario, workers: number, replicates: number): Promise<number> {
  const engine = await warmEngine(loaded, workers, replicates);
  try {
    return await engine.time(0);
  } finally {
    await engine.close();
  }
}

/** Seconds from a new pool to its first replicate's result, per timed engine run. */
export const startups: number[] = [];

export function patientsOf(loaded: LoadedScenario): number {
  return patientsPerReplicate(loaded.spec);
}

/**
 * Alternated rounds per figure in a full run (one with --quick): each figure
 * is its median round. Eleven short rounds rather than five long ones: on
 * this shared two-core machine one round's scaling ranges over 1.6-2.1x
 * (session 15's full run), and the median of more rounds moves less.
 */
const ROUNDS = process.argv.includes('--quick') ? 1 : 11;
/** Each warm round's share of a figure's replicates per core (11 rounds of an eighth: 1.4 times the replicates). */
const WARM_ROUND_SHARE = 8;

interface BenchOptions {
  /** The scenario to time, when not the file as it is. */
  variant?: () => LoadedScenario;
  /**
   * A fresh setup and pool per timing, the same replicates on one worker and
   * on all: the design's shared caches (the basket posteriors) filled by one
   * timing would flatter the next, and a longer timing fills them further.
   */
  fresh?: boolean;
}

/** Each worker count's replicates per timing and seconds per round. */
interface Rounds { replicates: number[]; seconds: number[][] }

/**
 * A scenario on one worker and on every core, alternated over ROUNDS rounds
 * so both see the same machine load; each figure is its median round, and
 * the scaling the median of the rounds' ratios. Each worker count has warm
 * threads kept across the rounds, a round timing an eighth of the
 * replicates per core (so that a round takes as long on all cores as on
 * one); with `fresh`, a new setup and pool per timing and half the
 * replicates on each. Returns one worker's seconds per replicate.
 */
export async function benchScenario(file: string, label: string, replicates: number, options: BenchOptions = {}): Promise<number | undefined> {
  if (!existsSync(file)) return undefined;
  const load = () => { const loaded = options.variant ? options.variant() : loadScenario(file, { replicates }); describeScenario(loaded); return loaded; };
  let loaded: LoadedScenario;
  try {
    loaded = load();
  } catch (err) {
    process.stdout.write(`${label.padEnd(56)} skipped: ${(err as Error).message.split('\n')[0]}\n`);
    return undefined;
  }
  const cores = availableParallelism();
  const counts = cores > 1 ? [1, cores] : [1];
  const rounds = options.fresh
    ? await freshRounds(load, loaded, counts, ROUNDS > 1 ? Math.ceil(replicates / 2) : replicates)
    : await warmRounds(load, loaded, counts, replicates);
  const patients = patientsOf(loaded);
  counts.forEach((w, k) => print({ what: label, workers: w, replicates: rounds.replicates[k], seconds: median(rounds.seconds[k]), patients }));
  const perReplicate = rounds.seconds.map((s, k) => s.map((x) => x / rounds.replicates[k]));
  if (cores > 1) printScaling(label, cores, perReplicate[0], perReplicate[1]);
  return median(perReplicate[0]);
}

/** Rounds on warm threads kept across them, one set per worker count (each with its own setup). */
async function warmRounds(load: () => LoadedScenario, first: LoadedScenario, counts: number[], replicates: number): Promise<Rounds> {
  const per = ROUNDS > 1 ? Math.ceil(replicates / WARM_ROUND_SHARE) : replicates;
  const perRound = counts.map((w) => w * per);
  const engines: WarmEngine[] = [];
  try {
    for (const [k, w] of counts.entries()) engines.push(await warmEngine(k === 0 ? first : load(), w, perRound[k], ROUNDS));
    const seconds: number[][] = counts.map(() => []);
    for (let round = 0; round < ROUNDS; round++) for (const [k, e] of engines.entries()) seconds[k].push(await e.time(round));
    return { replicates: perRound, seconds };
  } finally {
    for (const e of engines) await e.close();
  }
}

/** Up to `most` (three) rounds of `perRound` replicates with a fresh setup and pool per timing (BenchOptions.fresh). */
export async function freshRounds(load: () => LoadedScenario, first: LoadedScenario, counts: number[], perRound: number, most = 3): Promise<Rounds> {
  const seconds: number[][] = counts.map(() => []);
  for (let round = 0; round < Math.min(ROUNDS, most); round++) {
    for (const [k, w] of counts.entries()) seconds[k].push(await timeEngine(round + k > 0 ? load() : first, w, perRound));
  }
  return { replicates: counts.map(() => perRound), seconds };
}

/** The scaling from one worker to `cores`, the median of alternated rounds' ratios of seconds per replicate (issue 22's target: 1.8x on two). */
export function printScaling(label: string, cores: number, one: number[], many: number[]): void {
  const ratios = one.map((o, k) => o / many[k]);
  const rounds = ratios.length > 1 ? ` (median of ${ratios.length} alternated rounds: ${ratios.map((r) => r.toFixed(2)).join(', ')})` : ' (one round)';
  process.stdout.write(`  ${cores} workers / 1 worker: ${median(ratios).toFixed(2)}x${rounds}\n`);
  recordRatio(`${label}: ${cores} workers / 1 worker`, median(ratios));
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Rounds of the two comparisons with a hand-written loop, each of a quarter
 * of the replicates on threads kept warm across the rounds: on a shared
 * two-core machine whose speed drifts by 20-40% within seconds, the median
 * of many short alternated rounds moves less than that of a few long ones.
 */
const HEADLINE_ROUNDS = 11;

/**
 * The engine on one worker, a hand-written loop (`loop(R)` gives its
 * seconds) and the engine on all cores, alternated over HEADLINE_ROUNDS
 * rounds on warm threads kept across them (all cores on as many replicates
 * per core, so that a round takes as long as one core's); prints each by its
 * median round, the engine / loop ratio (then `ratioNote` and the line
 * `afterRatio`) and the scaling. Returns the engine's median seconds on one
 * worker.
 */
export async function againstLoop(
  label: string, loaded: LoadedScenario, R: number, patients: number, loop: (replicates: number) => number,
  text: { ratioNote?: string; afterRatio?: () => string } = {},
): Promise<number> {
  const rounds = HEADLINE_ROUNDS;
  const cores = availableParallelism();
  const engine: number[] = [], loops: number[] = [], many: number[] = [];
  const one = await warmEngine(loaded, 1, R, rounds), all = cores > 1 ? await warmEngine(loaded, cores, cores * R, rounds) : undefined;
  try {
    for (let round = 0; round < rounds; round++) {
      engine.push(await one.time(round));
      loops.push(loop(R));
      if (all) many.push(await all.time(round));
    }
  } finally {
    await one.close();
    await all?.close();
  }
  const engineSeconds = median(engine);
  print({ what: `${label} (engine)`, workers: 1, replicates: R, seconds: engineSeconds, patients });
  print({ what: `${label} (hand-written loop)`, workers: 1, replicates: R, seconds: median(loops), patients });
  const ratios = engine.map((e, k) => loops[k] / e);
  process.stdout.write(`  engine / hand-written, one core: ${median(ratios).toFixed(2)} (median of ${rounds} alternated rounds: ${ratios.map((r) => r.toFixed(2)).join(', ')})${text.ratioNote ?? ''}\n`);
  recordRatio(`${label}: engine / hand-written, one core`, median(ratios));
  if (text.afterRatio) process.stdout.write(text.afterRatio());
  if (all) {
    print({ what: `${label} (engine)`, workers: cores, replicates: cores * R, seconds: median(many), patients });
    printScaling(label, cores, engine, many.map((m) => m / cores));
  }
  return engineSeconds;
}
