/**
 * The bench's basket sections: one analysis of the flagship at a time, the
 * exact computation of the standard basket set beside simulating it, and
 * the hierarchical model on four exchangeable baskets of 25 (scaling, and
 * the exact run of issue 22's target).
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { loadScenario, setupScenario, type LoadedScenario } from '../run/scenario.js';
import { parseScenarioText } from '../scenario/load.js';
import { computeExact, simulate, exactOnThreads } from '../run/simulate.js';
import { figures, fmt, freshRounds, print, printScaling, median } from './rounds.js';

/** The basket flagship with only one of its analyses, to time each method alone. */
export function basketMethod(file: string, method: string, replicates: number): LoadedScenario {
  const loaded = loadScenario(file, { replicates });
  const spec = structuredClone(loaded.spec) as unknown as { design: { analyses: { method: string }[] } };
  spec.design.analyses = spec.design.analyses.filter((a) => a.method === method);
  return setupScenario(parseScenarioText(file, JSON.stringify(spec), 'json'));
}

/**
 * Issue 21's figures: the exact computation of the standard basket set
 * (five baskets of 20, six analyses, every responder vector enumerated)
 * against simulating it, and the worker scaling of a hierarchical model on
 * four exchangeable baskets of 25 (its posteriors in one table shared by the
 * threads). The flagship itself has Bayesian interims whose enumeration
 * (2.3e10 outcomes) is beyond exactLimit, so its exact run falls back.
 */
export async function basketExactAndScaling(quick: boolean): Promise<void> {
  const set = 'scenarios/basket/mixed-2-active.yaml';
  if (!existsSync(set)) return;
  const exactLoaded = loadScenario(set, { exact: true });
  let t0 = performance.now();
  const exact = computeExact(exactLoaded);
  const exactSeconds = (performance.now() - t0) / 1000;
  const outcomes = (exact.summary.exact as { outcomes: number }).outcomes;
  const R = 10_000;
  const simulated = loadScenario(set, { replicates: R });
  t0 = performance.now();
  await simulate(simulated, { workers: 1 });
  const simulatedSeconds = (performance.now() - t0) / 1000;
  process.stdout.write(`${'basket standard set (5 x 20, 6 analyses), exact'.padEnd(56)} ${'1'.padStart(7)}  ${fmt(outcomes / exactSeconds).padStart(8)} outcomes/s   (${outcomes} outcomes in ${exactSeconds.toFixed(2)} s)\n`);
  process.stdout.write(`  simulating the same scenario: ${R} replicates in ${simulatedSeconds.toFixed(2)} s on one worker (exact / simulated time: ${(exactSeconds / simulatedSeconds).toFixed(1)}; the exact figures have no Monte Carlo error, 10,000 replicates leave a Monte Carlo SE of up to 0.5 percentage points)\n`);
  // Long enough (about 10 s on one worker) that the noise of a shared two-core machine averages out; alternated rounds, medians.
  const reps = quick ? 100_000 : 1_000_000;
  // a fresh setup (and shared posterior table) per timing, so no run finds the table filled by another
  const bhm = () => hierarchicalFourBaskets(reps, 'simulation');
  const what = 'basket, hierarchical, 4 exchangeable baskets of 25';
  const cores = availableParallelism();
  // Five rounds (8 s each), not three: this figure is one of issue 22's scaling targets, and its rounds spread 1.58-1.93.
  const { seconds } = await freshRounds(bhm, bhm(), cores > 1 ? [1, cores] : [1], reps, 5);
  print({ what, workers: 1, replicates: reps, seconds: median(seconds[0]), patients: 100 });
  if (cores > 1) {
    print({ what, workers: cores, replicates: reps, seconds: median(seconds[1]), patients: 100 });
    printScaling('basket, hierarchical, 4 x 25', cores, seconds[0], seconds[1]);
    process.stdout.write('  (the posteriors are in one table shared by the threads)\n');
  }
}

/** A hierarchical model on four exchangeable baskets of 25 (rates 0.15, 0.3, 0.4, 0.15 against 0.15), simulated or exact. */
function hierarchicalFourBaskets(replicates: number, method: 'simulation' | 'exact'): LoadedScenario {
  return setupScenario(parseScenarioText('bhm-bench.json', JSON.stringify({
    name: 'bhm-bench', seed: 5, replicates, method,
    design: { type: 'basket', p0: 0.15, baskets: [0.15, 0.3, 0.4, 0.15].map((r, k) => ({ id: `b${k + 1}`, sampleSize: 25, responseRate: r })), analyses: [{ method: 'hierarchical', threshold: 0.95 }] },
  }), 'json'));
}

/** Issue 22's target: the same design exact (its 456,976 count vectors) in under 10 s, in this thread and on every core. */
export async function hierarchicalExact(): Promise<void> {
  const what = 'basket, hierarchical, 4 x 25, exact';
  const cores = availableParallelism();
  const timings: { workers: number; seconds: number; outcomes: number }[] = [];
  for (const workers of cores > 1 ? [1, cores] : [1]) {
    const loaded = hierarchicalFourBaskets(1, 'exact');
    const t0 = performance.now();
    const s = (await exactOnThreads(loaded, { workers })).summary;
    timings.push({ workers, seconds: (performance.now() - t0) / 1000, outcomes: (s.exact as { outcomes: number }).outcomes });
  }
  for (const t of timings) {
    figures.push({ what, workers: String(t.workers), value: t.outcomes / t.seconds, unit: 'outcomes/s' });
    process.stdout.write(`${what.padEnd(56)} ${String(t.workers).padStart(7)}  ${fmt(t.outcomes / t.seconds).padStart(8)} outcomes/s     (${t.outcomes} outcomes in ${t.seconds.toFixed(2)} s; target < 10 s)\n`);
  }
}
