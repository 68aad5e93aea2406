/**
 * The enrichment design with several subpopulations and stages:
 * - under the global null the family-wise error over every population's
 *   hypothesis stays at or below alpha + 3 MCSE at 10^5 trials, for every
 *   selection rule, with early efficacy stops, futility bounds and
 *   sample-size re-estimation, with overlapping and with nested
 *   subpopulations, fixed quotas and random prevalence (known variance:
 *   stage-wise z statistics exactly normal, so small stages test the same
 *   property quickly);
 * - selecting every population without early stops, the error equals a
 *   direct simulation of the closed Simes inverse normal test on its
 *   stage-wise z statistics (an R fixture), so the test is not far too
 *   conservative either;
 * - the re-estimated stage size equals the rule's formula computed by hand
 *   from the patients of the stage before.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { enrichmentDesign } from '../../../src/designs/enrichment/index.js';
import { newRecord } from '../../../src/designs/types.js';
import { ReplicateStreams } from '../../../src/random/stream.js';
import { normalCdf, normalQuantile } from '../../../src/stats/distributions.js';
import { scenario } from '../../helpers/scenarios.js';
import { familyWiseError } from './family-wise-error.js';
import { binomialMcse, expectWithinMcse } from '../../helpers/mcse.js';

const overlapping = {
  biomarkers: [{ id: 'm1', type: 'binary', prevalence: 0.4 }, { id: 'm2', type: 'binary', prevalence: 0.5 }],
  subpopulations: [{ id: 'S1', biomarker: 'm1' }, { id: 'S2', biomarker: 'm2' }],
};
const nested = {
  biomarkers: [{ id: 'grade', type: 'categorical', levels: { low: 0.5, mid: 0.3, high: 0.2 } }],
  subpopulations: [{ id: 'S1', biomarker: 'grade', value: ['mid', 'high'] }, { id: 'S2', biomarker: 'grade', value: 'high', within: 'S1' }],
};

function nullTrial(shape: typeof overlapping | typeof nested, design: Record<string, unknown>) {
  return scenario({
    name: 'enrichment-null', seed: 5, replicates: 10, population: { biomarkers: shape.biomarkers },
    endpoint: { type: 'continuous', sd: 1 },
    arms: { control: {}, drug: { effect: 0 } },
    design: { type: 'enrichment', subpopulations: shape.subpopulations, stages: [20, 20, 20], variance: 'known', efficacy: 'obrien-fleming', compareFixed: false, ...design },
  });
}

const R = 100_000;
const bound = 0.025 + 3 * binomialMcse(0.025, R);

describe('enrichment with several subpopulations: family-wise error under the global null', () => {
  const rules: [string, Record<string, unknown>][] = [
    ['best', { rule: 'best' }],
    ['r-best', { rule: 'r-best', r: 2 }],
    ['epsilon', { rule: 'epsilon', epsilon: 0.2 }],
    ['threshold', { rule: 'threshold', threshold: 0 }],
    ['all', { rule: 'all' }],
    ['posterior', { rule: 'posterior', probability: 0.5, priorSd: 0.5 }],
    ['conditional power', { rule: 'epsilon', epsilon: 0.2, measure: 'conditional-power' }],
    ['statistic', { rule: 'best', measure: 'statistic' }],
    ['table', { rule: 'table', table: [{ when: { F: { above: 0 } }, select: ['F', 'S1', 'S2'] }, { when: { S1: { above: 0 } }, select: ['S1'] }], otherwise: ['S2'] }],
  ];
  const cases = rules.flatMap(([name, selection]) => [
    [`${name}, overlapping, fixed quotas`, overlapping, { selection, prevalence: 'fixed' }],
    [`${name}, nested, random prevalence`, nested, { selection, prevalence: 'random' }],
  ] as const);
  it.each(cases)('%s: FWER <= alpha + 3 MCSE at 10^5 trials', (_name, shape, design) => {
    expect(familyWiseError(nullTrial(shape, design), R)).toBeLessThanOrEqual(bound);
  });

  it.each([
    ['re-estimated stage sizes', { selection: { rule: 'epsilon', epsilon: 0.2 }, reestimate: { conditionalPower: 0.8, min: 10, max: 60 }, prevalence: 'random' }],
    ['futility bounds and at-least-one success', { selection: { rule: 'all' }, futilityBounds: [0, 0], successCriterion: 'at-least-one', prevalence: 'fixed' }],
    ['Bonferroni, no early stops', { selection: { rule: 'best' }, intersection: 'bonferroni', efficacy: 'none', prevalence: 'random' }],
    ['Šidák, Pocock-type stops', { selection: { rule: 'all' }, intersection: 'sidak', efficacy: 'pocock', prevalence: 'fixed' }],
    ['Fisher\'s combination', { selection: { rule: 'epsilon', epsilon: 0.2 }, combination: 'fisher', efficacy: 'none', prevalence: 'random' }],
  ] as const)('%s: FWER <= alpha + 3 MCSE at 10^5 trials', (_name, design) => {
    expect(familyWiseError(nullTrial(overlapping, design), R)).toBeLessThanOrEqual(bound);
  });

  it('selecting every population, the error equals a direct simulation of the closed Simes test (the check can fail both ways)', () => {
    // Stages of 40 in fixed quotas 12, 12, 8, 8: each stratum's arms balanced at every stage, the premise of
    // the reference (test/fixtures/enrichment-simes-null.R: the stage-wise z statistics drawn as trivariate
    // normal, the closure computed from them, 10^7 draws).
    const loaded = nullTrial(overlapping, { selection: { rule: 'all' }, efficacy: 'none', prevalence: 'fixed', stages: [40, 40, 40] });
    const plan = enrichmentDesign.plan(loaded.spec, null) as ReturnType<typeof enrichmentDesign.plan> & { patients(s: ReplicateStreams): { columns: string[]; rows: (string | number)[][] } };
    for (const r of [1, 2, 3]) {
      const table = plan.patients(new ReplicateStreams(loaded.spec.seed, r));
      const col = (name: string) => table.columns.indexOf(name);
      const cells = new Map<string, number>();
      for (const row of table.rows) {
        const key = `${row[col('stage')]} ${row[col('m1')]}${row[col('m2')]} ${row[col('arm')]}`;
        cells.set(key, (cells.get(key) ?? 0) + 1);
      }
      const expected = [1, 2, 3].flatMap((k) => ['00', '01', '10', '11'].flatMap((g) => ['control', 'drug'].map((a) => [`${k} ${g} ${a}`, g[0] === '1' ? 4 : 6] as const)));
      expect(Object.fromEntries(cells), `replicate ${r}`).toEqual(Object.fromEntries(expected));
    }
    const R = 50_000;
    const reference = JSON.parse(readFileSync('test/fixtures/enrichment-simes-null.json', 'utf8')) as { familyWiseError: number; mcse: number };
    const fwer = familyWiseError(loaded, R);
    expectWithinMcse(fwer, reference.familyWiseError, { mcse: Math.hypot(binomialMcse(reference.familyWiseError, R), reference.mcse), what: 'family-wise error' });
  });
});

describe('sample-size re-estimation', () => {
  it('the stage-2 size is the conditional power formula on the stage-1 data, within the bounds', () => {
    const loaded = scenario({
      name: 'ssr', seed: 11, replicates: 10,
      population: { biomarkers: [{ id: 'm', type: 'binary', prevalence: 0.4 }] },
      endpoint: { type: 'continuous', sd: 1 },
      arms: { control: {}, drug: { effect: 0.15, interactions: { m: 0.3 } } },
      design: { type: 'enrichment', subpopulation: { biomarker: 'm', value: 1 }, stages: [100, 100], prevalence: 'fixed', variance: 'known', selection: { rule: 'all' }, reestimate: { conditionalPower: 0.9, min: 40, max: 400 }, compareFixed: false },
    });
    const plan = enrichmentDesign.plan(loaded.spec, null) as ReturnType<typeof enrichmentDesign.plan> & { patients(s: ReplicateStreams): { columns: string[]; rows: (string | number)[][] } };
    const rec = newRecord(plan.layout);
    const slot = plan.layout.metrics.findIndex((m) => m.id === 'patients:stage2');
    const c = normalQuantile(0.975), zCP = normalQuantile(0.9), w = Math.SQRT1_2;
    let checked = 0;
    for (let r = 1; r <= 30; r++) {
      const table = plan.patients(new ReplicateStreams(11, r));
      plan.simulate(new ReplicateStreams(11, r), rec);
      const col = (name: string) => table.columns.indexOf(name);
      const stage1 = table.rows.filter((row) => Number(row[col('stage')]) === 1);
      // Stage-1 effect in S and in F (stratified by S and R: the strata's differences weighted by their sizes).
      const diff = (rows: typeof stage1) => {
        const mean = (arm: string) => { const x = rows.filter((row) => row[col('arm')] === arm).map((row) => Number(row[col('outcome')])); return x.reduce((a, b) => a + b, 0) / x.length; };
        return { d: mean('drug') - mean('control'), n: rows.length, nT: rows.filter((row) => row[col('arm')] === 'drug').length };
      };
      const inS = stage1.filter((row) => Number(row[col('m')]) === 1), inR = stage1.filter((row) => Number(row[col('m')]) === 0);
      const s = diff(inS), rr = diff(inR);
      const dF = (s.n * s.d + rr.n * rr.d) / (s.n + rr.n);
      const se = (x: { n: number; nT: number }) => Math.sqrt(1 / x.nT + 1 / (x.n - x.nT));
      const zS = s.d / se(s);
      const zF = dF / Math.sqrt(((s.n / (s.n + rr.n)) ** 2) * se(s) ** 2 + ((rr.n / (s.n + rr.n)) ** 2) * se(rr) ** 2);
      const adjusted = Math.min(2 * Math.min(1 - normalCdf(zS), 1 - normalCdf(zF)), 1 - 1e-7);
      const cStar = (c - w * -normalQuantile(adjusted)) / w;
      const theta = Math.max(Math.min(s.d, dF), 1e-7);
      const n = cStar > 8 ? 400 : Math.min(Math.max(40, Math.round((4 * Math.max(0, cStar + zCP) ** 2) / theta ** 2)), 400);
      expect(rec.metric[slot], `replicate ${r}`).toBe(n);
      checked++;
    }
    expect(checked).toBe(30);
  });
});
