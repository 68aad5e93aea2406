/**
 * The enrichment design against rpact's own simulation of the same set-ups
 * (test/fixtures/enrichment-rpact.R: getSimulationEnrichmentMeans / Rates,
 * 10^5 iterations, fixed prevalence 0.4, stages of 200): rejection and
 * selection probabilities within 4 combined MCSE; and under the global null
 * the family-wise error stays at or below alpha for every selection rule,
 * with fixed and with random prevalence.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { enrichmentDesign } from '../../../src/designs/enrichment/index.js';
import { newRecord } from '../../../src/designs/types.js';
import { ReplicateStreams } from '../../../src/random/stream.js';
import { scenario } from '../../helpers/scenarios.js';
import { expectWithinMcse, binomialMcse } from '../../helpers/mcse.js';
import { normalCdf } from '../../../src/stats/distributions.js';

interface RpactRun { id: string; rejectedPopulations: { S: number; F: number }; selectedPopulationsStage2: { S: number; F: number }; rejectAtLeastOne: number; args: { maxNumberOfIterations: number } }
const rpact = (JSON.parse(readFileSync('test/fixtures/enrichment-rpact.json', 'utf8')) as { simulations: RpactRun[] }).simulations;
const RPACT_N = 100_000;

const population = { biomarkers: [{ id: 'positive', type: 'binary', prevalence: 0.4 }] };
function continuous(effectS: number, effectR: number, design: Record<string, unknown>) {
  return scenario({
    name: 'enrichment', seed: 99, replicates: 10, population,
    endpoint: { type: 'continuous', sd: 1 },
    arms: { control: {}, drug: { effect: effectR, interactions: { positive: effectS - effectR } } },
    design: { type: 'enrichment', subpopulation: { biomarker: 'positive', value: 1 }, stages: [200, 200], prevalence: 'fixed', variance: 'known', ...design },
  });
}
function binary(design: Record<string, unknown>) {
  return scenario({
    name: 'enrichment-rates', seed: 99, replicates: 10, population,
    endpoint: { type: 'binary', model: 'rates', rates: [{ subgroup: { positive: 1 }, rates: { control: 0.3, drug: 0.5 } }, { subgroup: { positive: 0 }, rates: { control: 0.3, drug: 0.35 } }] },
    arms: { control: {}, drug: {} },
    design: { type: 'enrichment', subpopulation: { biomarker: 'positive', value: 1 }, stages: [200, 200], prevalence: 'fixed', ...design },
  });
}

/** Rejection rates of F, S, at least one, and selection shares over R trials simulated in process. */
function run(loaded: ReturnType<typeof scenario>, R: number) {
  const plan = enrichmentDesign.plan(loaded.spec, null);
  const rec = newRecord(plan.layout);
  rec.testsRead = false; // rejections, selections and metrics only: no stage-wise adjusted p-values
  const m = (id: string) => plan.layout.metrics.findIndex((x) => x.id === id);
  const t = { F: 0, S: 0, any: 0, selS: 0, selF: 0 };
  for (let r = 1; r <= R; r++) {
    plan.simulate(new ReplicateStreams(loaded.spec.seed, r), rec);
    t.F += rec.rejected[0]; t.S += rec.rejected[1]; t.any += Math.max(rec.rejected[0], rec.rejected[1]);
    t.selS += rec.metric[m('selected:S')] + rec.metric[m('selected:both')];
    t.selF += rec.metric[m('selected:F')] + rec.metric[m('selected:both')];
  }
  return { F: t.F / R, S: t.S / R, any: t.any / R, selS: t.selS / R, selF: t.selF / R };
}

const R = 20_000;
const agree = (ours: number, theirs: number, what: string) => expectWithinMcse(ours, theirs, { mcse: Math.hypot(binomialMcse(theirs, RPACT_N), binomialMcse(ours, R)), what });

describe('enrichment design against rpact\'s simulation of the same set-up', () => {
  const cases: [string, () => ReturnType<typeof scenario>][] = [
    ['A-Simes', () => continuous(0.5, 0.1, { intersection: 'simes' })],
    ['A-SpiessensDebois', () => continuous(0.5, 0.1, { intersection: 'spiessens-debois' })],
    ['A-null-epsilon-Simes', () => continuous(0, 0, { intersection: 'simes', selection: { rule: 'epsilon', epsilon: 0.1 } })],
    ['B-Simes', () => binary({ intersection: 'simes' })],
    ['B2-Simes-unstratified', () => binary({ intersection: 'simes', stratified: false })],
  ];
  it.each(cases)('%s: rejection and selection probabilities', (id, make) => {
    const theirs = rpact.find((x) => x.id === id)!;
    expect(theirs.args.maxNumberOfIterations).toBe(RPACT_N);
    const ours = run(make(), R);
    agree(ours.S, theirs.rejectedPopulations.S, `${id} reject S`);
    agree(ours.F, theirs.rejectedPopulations.F, `${id} reject F`);
    agree(ours.any, theirs.rejectAtLeastOne, `${id} at least one`);
    agree(ours.selS, theirs.selectedPopulationsStage2.S, `${id} S selected`);
    agree(ours.selF, theirs.selectedPopulationsStage2.F, `${id} F selected`);
  });

  it('A-Bonferroni: rejections agree; rpact\'s selections are lower by its Bonferroni futility stops (both stage-1 p >= 0.5 give an intersection z of -21, below its default bound -6)', () => {
    const theirs = rpact.find((x) => x.id === 'A-Bonferroni')!;
    const ours = run(continuous(0.5, 0.1, { intersection: 'bonferroni' }), R);
    agree(ours.S, theirs.rejectedPopulations.S, 'reject S');
    agree(ours.F, theirs.rejectedPopulations.F, 'reject F');
    expect(ours.selS + ours.selF).toBe(1);
  });
});

describe('enrichment design: family-wise error under the global null', () => {
  const rules = [{ rule: 'best' }, { rule: 'epsilon', epsilon: 0.1 }, { rule: 'threshold', threshold: 0 }, { rule: 'all' }, { rule: 'best', measure: 'statistic' }, { rule: 'posterior', probability: 0.6, priorSd: 0.5 }];
  it.each(rules.flatMap((sel) => (['fixed', 'random'] as const).map((prevalence) => [JSON.stringify(sel), prevalence, sel] as const)))('selection %s, %s prevalence: FWER <= alpha + 3 MCSE', (_name, prevalence, sel) => {
    const r = run(continuous(0, 0, { intersection: 'simes', selection: sel, prevalence, variance: 'estimated' }), 10_000);
    expect(r.any).toBeLessThanOrEqual(0.025 + 3 * binomialMcse(0.025, 10_000));
  });

  it('with Fisher\'s combination and selection of both populations, the family-wise error is near alpha and at most alpha + 3 MCSE', () => {
    const r = run(continuous(0, 0, { intersection: 'simes', selection: { rule: 'all' }, combination: 'fisher' }), 10_000);
    expect(r.any).toBeLessThanOrEqual(0.025 + 3 * binomialMcse(0.025, 10_000));
    expect(r.any).toBeGreaterThan(0.015);
  });

  it('the posterior rule goes on in F and S when R benefits, in S alone when only S does: the exact selection probabilities', () => {
    // Known sd 1, fixed quotas: stage 1 has 40 + 40 in S and 60 + 60 in R, so d_S ~ N(δ_S, 0.05), d_R ~ N(δ_R, 1/30),
    // independent. With prior N(0, 1), P(benefit) >= 0.8 exactly when d >= z_0.8 v sqrt(1 + 1/v).
    const z80 = 0.8416212335729143;
    const goes = (delta: number, v: number) => 1 - normalCdf((z80 * v * Math.sqrt(1 + 1 / v) - delta) / Math.sqrt(v));
    const R = 2_000;
    for (const [dS, dR] of [[0.6, 0], [0.6, 0.6]]) {
      const r = run(continuous(dS, dR, { selection: { rule: 'posterior', probability: 0.8 } }), R);
      const both = goes(dR, 1 / 30), sOnly = (1 - both) * goes(dS, 0.05);
      expectWithinMcse(r.selF, both, { mcse: binomialMcse(both, R), what: `F and S, δ_R = ${dR}` });
      expectWithinMcse(r.selS, both + sOnly, { mcse: binomialMcse(both + sOnly, R), what: `S goes on, δ_R = ${dR}` });
    }
  });
});

describe('enrichment design: the fixed designs run beside it', () => {
  it('a fixed full-population and a fixed enriched trial of the same size have their exact z-test power', () => {
    const loaded = continuous(0.5, 0.1, { intersection: 'simes' });
    const plan = enrichmentDesign.plan(loaded.spec, null);
    const rec = newRecord(plan.layout);
    rec.testsRead = false; // rejections, selections and metrics only: no stage-wise adjusted p-values
    const R = 10_000;
    const k = (id: string) => plan.layout.hypotheses.findIndex((h) => h.id === id);
    let full = 0, enriched = 0;
    for (let r = 1; r <= R; r++) { plan.simulate(new ReplicateStreams(99, r), rec); full += rec.rejected[k('fixed-F')]; enriched += rec.rejected[k('fixed-S')]; }
    // Known sd 1, 400 patients 1:1: the full-population effect 0.4 x 0.5 + 0.6 x 0.1 = 0.26 has SE 2/20 = 0.1, the
    // enriched effect 0.5 the same SE: power Φ(0.26/0.1 − 1.96) and Φ(0.5/0.1 − 1.96).
    const z = 1.959963984540054;
    const powerFull = normalCdf(2.6 - z), powerEnriched = normalCdf(5 - z);
    expectWithinMcse(full / R, powerFull, { mcse: binomialMcse(powerFull, R), what: 'fixed full' });
    expectWithinMcse(enriched / R, powerEnriched, { mcse: binomialMcse(powerEnriched, R), floor: 0.002, what: 'fixed enriched' });
    expect(plan.layout.hypotheses.map((h) => h.family)).toEqual(['populations', 'populations', 'fixed-full', 'fixed-enriched']);
  });
});

describe('selection by conditional power', () => {
  it('selects with the exact probabilities of the z thresholds it implies (known variance, fixed quotas)', async () => {
    const { mvnRectangle } = await import('../../../src/stats/mvn-rectangle.js');
    const { normalQuantile } = await import('../../../src/stats/distributions.js');
    const threshold = 0.5, Rcp = 20_000;
    const loaded = continuous(0.5, 0.1, { intersection: 'simes', selection: { rule: 'threshold', measure: 'conditional-power', threshold } });
    const plan = enrichmentDesign.plan(loaded.spec, null);
    const rec = newRecord(plan.layout);
    rec.testsRead = false; // rejections, selections and metrics only: no stage-wise adjusted p-values
    const share = (id: string) => plan.layout.metrics.findIndex((x) => x.id === id);
    const counts = { both: 0, S: 0, F: 0, none: 0 };
    for (let r = 1; r <= Rcp; r++) {
      plan.simulate(new ReplicateStreams(7, r), rec);
      for (const k of ['both', 'S', 'F', 'none'] as const) counts[k] += rec.metric[share(`selected:${k}`)];
    }
    // CP = Φ(z (√(n2/n1) + w1/w2) − c/w2) ≥ t  ⟺  z ≥ (Φ⁻¹(t) + c/w2) / (√(n2/n1) + w1/w2); w = √(1/2), c = z_0.975.
    const w = Math.SQRT1_2, c = normalQuantile(0.975);
    const k = (n1: number) => (normalQuantile(threshold) + c / w) / (Math.sqrt(200 / n1) + 1);
    // Stage 1: 80 patients in S (40 per arm), 200 in F; z_S and z_F have correlation √(80/200) and means δ/√(2/n_arm).
    const muS = 0.5 / Math.sqrt(2 / 40), muF = (0.4 * 0.5 + 0.6 * 0.1) / Math.sqrt(2 / 100), rho = Math.sqrt(0.4);
    const L = [[1, 0], [rho, Math.sqrt(1 - rho * rho)]];
    const [aS, aF] = [k(80) - muS, k(200) - muF];
    const exact = {
      both: mvnRectangle(L, [aS, aF], [Infinity, Infinity]),
      S: mvnRectangle(L, [aS, -Infinity], [Infinity, aF]),
      F: mvnRectangle(L, [-Infinity, aF], [aS, Infinity]),
      none: mvnRectangle(L, [-Infinity, -Infinity], [aS, aF]),
    };
    for (const key of ['both', 'S', 'F', 'none'] as const) {
      expectWithinMcse(counts[key] / Rcp, exact[key], { mcse: binomialMcse(exact[key], Rcp), what: `P(select ${key})` });
    }
  });
});
