/**
 * `npm run bench`: throughput of the engine on the flagship scenarios, with
 * 1 worker and with all cores, beside a hand-written loop doing the same work
 * and, where R is installed, the same trial in rpact and Mediana. Compare
 * figures from one run only: the machine is shared and noisy.
 */
import { existsSync, readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { benchStartup } from './startup.js';
import { loadScenario, setupScenario, type LoadedScenario } from '../run/scenario.js';
import { parseScenarioText } from '../scenario/load.js';
import { describeScenario } from '../run/simulate.js';
import { handwrittenTwoArmBinary } from './handwritten.js';
import { rpactPeer, medianaPeer, rpactMamsPeer, glmLoopPeer, type PeerFigure } from './peers.js';
import { handwrittenMams } from './handwritten-mams.js';
import { writeBenchJson } from './compare.js';
import { againstLoop, benchScenario, figures, median, patientsOf, print, recordRatio, startups, warmEngine } from './rounds.js';
import { basketExactAndScaling, basketMethod, hierarchicalExact } from './basket.js';

/**
 * The headline comparison on the two-arm binary flagship: the engine on one
 * worker and the hand-written loop, alternated over HEADLINE_ROUNDS rounds so both see
 * the same machine load, each reported by its median round, with the engine
 * on all cores in the same rounds; then the R peers.
 */
async function headline(replicates: number, quick: boolean): Promise<void> {
  const R = Math.ceil(replicates / 4);
  const file = 'scenarios/flagship/two-arm-binary.yaml';
  const label = 'two-arm binary, 300 patients';
  const loaded = loadScenario(file, { replicates: R });
  describeScenario(loaded);
  handwrittenTwoArmBinary(2000, 300, 1);
  const engineSeconds = await againstLoop(label, loaded, R, 300, (r) => handwrittenTwoArmBinary(r, 300, 2026).seconds, {
    afterRatio: () => `  engine figures are on warm worker threads; starting a pool took ${median(startups).toFixed(2)} s (median), paid once per run, sweep or comparison\n`,
  });
  if (process.argv.includes('--no-peers')) return;
  const rp = await countLevelAgainstRpact(label, quick);
  const md = medianaPeer(quick ? 200 : 1000);
  if (md) {
    print({ what: `${label} (${md.name})`, workers: 1, replicates: md.replicates, seconds: md.seconds, patients: 300 });
    const perReplicate = md.seconds / md.replicates;
    process.stdout.write(`  engine / Mediana: ${(perReplicate / (engineSeconds / R)).toFixed(0)}x on one core\n`);
    recordRatio(`${label}: engine / Mediana, one core`, perReplicate / (engineSeconds / R));
  }
  if (!rp) process.stdout.write('  (rpact not available: install r-base-core r-cran-rpact)\n');
  if (!md) process.stdout.write('  (Mediana not available: install r-base-core r-cran-mediana)\n');
}

/**
 * The MAMS flagship (4 arms, 2 stages, triangular bounds): the engine on one
 * worker against a hand-written loop over the same trials, alternated, then
 * rpact's multi-arm simulation of the same arms, stages and sample sizes.
 */
async function mamsHeadline(quick: boolean): Promise<void> {
  const R = quick ? 2_500 : 25_000;
  const file = 'scenarios/mams/triangular-4-arms.yaml';
  const label = 'MAMS, 4 arms, 2 stages, triangular';
  const loaded = loadScenario(file, { replicates: R });
  describeScenario(loaded);
  const bounds = loaded.prepared.data as { upper: number[]; lower: number[] };
  const arms = loaded.spec.arms as Record<string, { effect: number }>;
  const design = loaded.spec.design as unknown as { stages: { arm: number[] } };
  const spec = { effects: Object.keys(arms).filter((a) => a !== 'control').map((a) => arms[a].effect), perStage: design.stages.arm, upper: bounds.upper, lower: bounds.lower };
  handwrittenMams(spec, 2000, 1);
  const patients = patientsOf(loaded);
  const engineSeconds = await againstLoop(label, loaded, R, patients, (r) => handwrittenMams(spec, r, loaded.spec.seed).seconds, {
    ratioNote: `; patients/s counts the maximum ${patients} per trial`,
  });
  if (process.argv.includes('--no-peers')) return;
  const rp = rpactMamsPeer(quick ? 2_000 : 10_000);
  if (rp) {
    print({ what: `${label} (${rp.name})`, workers: 1, replicates: rp.replicates, seconds: rp.seconds, patients });
    process.stdout.write(`  engine / rpact: ${((rp.seconds / rp.replicates) / (engineSeconds / R)).toFixed(0)}x on one core\n`);
    recordRatio(`${label}: engine / rpact, one core`, (rp.seconds / rp.replicates) / (engineSeconds / R));
  } else process.stdout.write('  (rpact\'s multi-arm simulation not available: install r-base-core r-cran-rpact r-cran-mnormt; rpact needs mnormt for its Dunnett test)\n');
}

/**
 * Why the STAR*D flagship stays below issue 22's 10^4 replicates/s per core,
 * from a profile of one worker (node --cpu-prof over 6,000 replicates,
 * self time by function, 2026-12-06 after the sequence fits stopped making
 * garbage; README, Speed).
 */
const STARD_LIMIT = [
  '  STAR*D is below the 10^4 replicates/s target by what a replicate is: 4,041 participants, about 6,200 participant-levels, each with',
  '  3 to 5 counter-based uniforms and two normal quantiles (the QIDS-SR score); 10^4/s would be 40M participants/s, 25 ns each.',
  '  One core\'s profile (6,000 replicates, self time): 43% simulating participants (sequential/trial.js 29%, normal quantiles 14%),',
  '  52% the IPW analysis (the sandwich SEs of sequence differences, differenceSe, 20%, a pass over participants per comparison;',
  '  within-level comparisons 12%; path tree 12%; flow 7%), 1% summary, 1% GC. A free analysis would raise the rate 2.1x at most:',
  '  10^4/s needs the path tree\'s counts drawn directly (as `simulate: counts` does for parallel designs), not a faster loop.',
  '',
].join('\n');

/** The flagship scenarios the named sections time (headline, cancellation, interaction, umbrella, basket, stard). */
const TIMED_FLAGSHIPS = new Set(['two-arm-binary', 'cancellation', 'interaction-logistic', 'umbrella-lung', 'basket', 'stard']);

/**
 * Replicates per figure of the other flagships, so that a round lasts one
 * to two seconds on one worker (their speed on this machine: 3.8k, 780 and
 * 440 replicates/s); a flagship not listed gets 4,000.
 */
const FLAGSHIP_REPLICATES: Record<string, number> = { 'fmt-microbiome': 20_000, 'radiomic-feature': 6_000, 'stard-profiles': 8_000 };

/** Every flagship scenario no named section times, so that each is in the bench (issue 22: every flagship, 1 and 2 workers). */
async function otherFlagships(quick: boolean): Promise<void> {
  const dir = 'scenarios/flagship';
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -'.yaml'.length)).sort()) {
    if (TIMED_FLAGSHIPS.has(name)) continue;
    const replicates = FLAGSHIP_REPLICATES[name] ?? 4_000;
    await benchScenario(`${dir}/${name}.yaml`, `flagship ${name}`, quick ? Math.ceil(replicates / 10) : replicates);
  }
}

/** `--only WORD`: run only the sections whose name contains WORD (e.g. basket, platform, mams). */
function wanted(name: string): boolean {
  const at = process.argv.indexOf('--only');
  return at < 0 || name.includes(process.argv[at + 1] ?? '');
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const R = quick ? 20_000 : 200_000;
  process.stdout.write(`trialsim bench — Node ${process.version}, ${availableParallelism()} cores\n\n`);
  if (wanted('startup')) { benchStartup(quick ? 5 : 11); process.stdout.write('\n'); }
  process.stdout.write(`${'scenario'.padEnd(56)} ${'workers'.padStart(7)}\n`);
  if (wanted('two-arm')) { await headline(R, quick); process.stdout.write('\n'); }
  if (wanted('mams')) { await mamsHeadline(quick); process.stdout.write('\n'); }
  if (wanted('cancellation')) await benchScenario('scenarios/flagship/cancellation.yaml', 'cancellation (3 biomarkers, copula)', quick ? 10_000 : 100_000);
  if (wanted('interaction')) {
    await benchScenario('scenarios/flagship/interaction-logistic.yaml', 'logistic interaction model per replicate', quick ? 2_000 : 20_000);
    await interactionBinaryMarker(quick);
  }
  if (wanted('umbrella')) await benchScenario('scenarios/flagship/umbrella-lung.yaml', 'umbrella, lung flagship', quick ? 2_000 : 20_000);
  const basket = 'scenarios/flagship/basket.yaml';
  if (wanted('basket')) {
    await benchScenario(basket, 'basket, all six methods', quick ? 2_000 : 20_000, { fresh: true });
    // Replicates by the method's speed, so that each timing lasts seconds (the frequentist ones run ~400k/s). The
    // Bayesian methods' shared posterior table makes their timings fresh; the frequentist ones have none, and on
    // fresh threads their 0.3-s timings were partly the threads' compilation (each thread compiles for itself).
    const methods: [string, number, boolean][] = [['independent-exact', 400_000, false], ['simon', 400_000, false], ['pooled', 400_000, false], ['hierarchical', 20_000, true], ['exnex', 20_000, true], ['fujikawa', 100_000, true]];
    for (const [method, replicates, fresh] of methods) {
      const reps = quick ? replicates / 10 : replicates;
      await benchScenario(basket, `basket, ${method} only`, reps, { fresh, variant: () => basketMethod(basket, method, reps) });
    }
    await basketExactAndScaling(quick);
  }
  if (wanted('basket-exact')) await hierarchicalExact();
  if (wanted('stard')) {
    await benchScenario('scenarios/flagship/stard.yaml', 'sequential, STAR*D flagship', quick ? 2_000 : 20_000);
    process.stdout.write(STARD_LIMIT);
  }
  if (wanted('flagship')) await otherFlagships(quick);
  if (wanted('response-adaptive')) {
    await benchScenario('scenarios/response-adaptive/three-arm-thompson.yaml', 'response-adaptive, 3 arms, 10 analyses, <=1,000', quick ? 2_000 : 20_000);
    // adaptr is an R package not in Debian; its figures are the ones it publishes for this very design, not runs here.
    await benchScenario('scenarios/response-adaptive/adaptr-three-arms.yaml', 'response-adaptive, adaptr README example (3 arms, 18 looks, <=2,000, equivalence)', quick ? 1_000 : 10_000);
    process.stdout.write('  adaptr on the same design: 1,000 trials in 33.1 s on 2 workers (README; ~30 replicates/s) and 20.1 s (Overview vignette, GitHub Actions; ~50 replicates/s) (published, not run here)\n');
  }
  if (wanted('platform')) {
    const platformReps = quick ? 5_000 : 50_000;
    await benchScenario('scenarios/platform/four-arms-staggered.yaml', 'platform, 4 arms x 177 staggered, ~1,000 patients, 4 analyses', platformReps, { variant: () => platformThousand(platformReps) });
    await benchScenario('scenarios/platform/ncc-vignette.yaml', 'platform, NCC vignette (4 arms x 250, 1,528 patients)', platformReps);
    // NCC's dependencies are not Debian packages: its figure was measured once by sourcing its R files (issue 15's closing note), not run here.
    process.stdout.write('  NCC (R, its own datasim_cont + four models for arm 4 only): about 68 replicates/s on one core (1,000 in 16 s; measured 2026-12-04, not run here)\n');
  }
  const file = writeBenchJson('results/bench.json', { node: process.version, cores: availableParallelism(), quick, argv: process.argv.slice(2), figures });
  process.stdout.write(`\n${figures.length} figures written to ${file}; compare two runs with: npm run bench:compare -- OLD.json ${file}\n`);
}

/**
 * The platform speed target of issue 15: four arms entering at staggered
 * times, about 1,000 patients per platform, a linear trend, every analysis.
 */
function platformThousand(replicates: number): LoadedScenario {
  const arm = (time: number) => ({ entry: { time }, sampleSize: 177 });
  return setupScenario(parseScenarioText('platform-bench.json', JSON.stringify({
    name: 'platform-bench', seed: 1, replicates,
    endpoint: { type: 'continuous', sd: 1 },
    arms: { control: {}, A: { effect: 0.3 }, B: {}, C: { effect: 0.3 }, D: { effect: 0.3 } },
    design: { type: 'platform', arms: { A: arm(0), B: arm(0), C: arm(10), D: arm(20) }, recruitment: { rate: 20 }, trend: { shape: 'linear', strength: 0.5 } },
  }), 'json'));
}

/**
 * The logistic interaction model with one binary marker at n = 300 (fitted
 * on the distinct covariate patterns), beside a plain R glm loop on the same
 * trial (issue 22's target: 2 x 10^4 replicates/s on one core, 50 x R).
 */
async function interactionBinaryMarker(quick: boolean): Promise<void> {
  const file = 'scenarios/parallel/interaction-binary-marker.yaml';
  const label = 'logistic interaction, binary marker, n = 300';
  const R = quick ? 20_000 : 200_000;
  const perReplicate = await benchScenario(file, label, R);
  if (perReplicate === undefined || process.argv.includes('--no-peers')) return;
  const peer = glmLoopPeer(quick ? 200 : 1_000);
  if (!peer) { process.stdout.write('  (R not available for the glm loop: install r-base-core)\n'); return; }
  print({ what: `${label} (${peer.name})`, workers: 1, replicates: peer.replicates, seconds: peer.seconds, patients: 300 });
  const ratio = (peer.seconds / peer.replicates) / perReplicate;
  process.stdout.write(`  engine / R glm loop: ${ratio.toFixed(0)}x on one core\n`);
  recordRatio(`${label}: engine / R glm loop, one core`, ratio);
}

/** Rounds of the count-level comparison with rpact (each round one R process; rpact is timed inside it). */
const RPACT_ROUNDS = 5;

/**
 * The count-level mode (design.simulate: counts) on rpact's design: two arms,
 * 0.30 vs 0.45, 300 patients in permuted blocks, one-sided z test at 0.025;
 * both count-level, so the ratio is per core on the same work (issue 22
 * target: 10x). The engine (warm threads kept across the rounds) and rpact
 * alternate over RPACT_ROUNDS rounds; the figures are medians, the ratio the
 * median of the rounds'. Returns rpact's median figure, or null without R
 * and rpact.
 */
async function countLevelAgainstRpact(label: string, quick: boolean): Promise<PeerFigure | null> {
  const rounds = quick ? 1 : RPACT_ROUNDS;
  const R = quick ? 200_000 : 1_000_000;
  const loaded = setupScenario(parseScenarioText('counts-bench.json', JSON.stringify({
    name: 'counts bench', seed: 1, replicates: R,
    endpoint: { type: 'binary', model: 'rates', rates: [{ rates: { control: 0.3, drug: 0.45 } }] },
    arms: { control: {}, drug: {} },
    design: { type: 'two-arm', sampleSize: 300, simulate: 'counts', analysis: { primary: { test: 'z-pooled', alpha: 0.025, sided: 'one' } } },
  }), 'json'));
  const engine = await warmEngine(loaded, 1, R, rounds);
  const ours: number[] = [], theirs: PeerFigure[] = [];
  try {
    for (let round = 0; round < rounds; round++) {
      const rp = rpactPeer(quick ? 10_000 : 100_000);
      if (!rp) return null;
      theirs.push(rp);
      ours.push(await engine.time(round));
    }
  } finally {
    await engine.close();
  }
  const rp = theirs[0];
  const rpactSeconds = theirs.map((t) => t.seconds);
  print({ what: `${label} (${rp.name})`, workers: 1, replicates: rp.replicates, seconds: median(rpactSeconds), patients: 300 });
  print({ what: 'two-arm binary, 300 patients, count level (engine)', workers: 1, replicates: R, seconds: median(ours), patients: 300 });
  const ratios = ours.map((o, k) => (rpactSeconds[k] / rp.replicates) / (o / R));
  const of = rounds > 1 ? ` (median of ${rounds} alternated rounds: ${ratios.map((r) => r.toFixed(1)).join(', ')})` : '';
  process.stdout.write(`  count-level engine / ${rp.name}: ${median(ratios).toFixed(1)}x on one core${of}\n`);
  recordRatio(`two-arm binary, count level: engine / ${rp.name}, one core`, median(ratios));
  return rp;
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack}\n`);
  process.exitCode = 1;
});
