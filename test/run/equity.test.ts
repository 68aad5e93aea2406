/**
 * Equity-constrained allocation on a scenario (the digital-licences
 * example): bad input is refused at validate time naming the key path; on
 * the truth the section equals the hand-worked allocation (benefits 0.06
 * and 0.10 QALYs per licence: 3 and 5 EQ-5D points times 0.02); each
 * replicate's metrics are the choice its own estimates make, judged on the
 * true benefits.
 *
 * Hand-worked, 400 licences per 1,000, 30% deprived (baseline 63), 70% not
 * (baseline 71), the deprived guaranteed half their capacity (150):
 * efficiency (0, 400), gain 40 QALYs per 1,000; equal shares (120, 280),
 * gain 7.2 + 28 = 35.2; constrained (150, 250), 9 + 25 = 34. At epsilon
 * 10.95 the constrained allocation has the largest EDE: moving a licence
 * to the deprived is worth 0.06 x (71/63)^10.95 = 0.06 x 3.70 = 0.22 > 0.10
 * to the advantaged (to first order). First-order flip between efficiency
 * and equal shares: ln(0.10/0.06) / ln(71/63) = 4.27.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { refusalOf, scenarioFile } from '../helpers/scenarios.js';
import { simulate } from '../../src/run/simulate.js';
import { planSimulator } from '../../src/run/chunk.js';
import { setupScenario } from '../../src/run/scenario.js';
import { parseScenarioText } from '../../src/scenario/load.js';
import { decisionMarkdown } from '../../src/report/decision.js';
import { readWrittenSummary } from '../../src/run/summary-schema.js';
import { ReplicateStreams } from '../../src/random/stream.js';
import { atkinsonEde } from '../../src/stats/decision/inequality.js';
import type { EquitySection } from '../../src/run/equity.js';

const FILE = 'scenarios/decisions/equity-digital-licences.yaml';
const text = readFileSync(FILE, 'utf8');

describe('equity decision: bad input', () => {
  it('refuses a budget larger than the population can absorb, naming the key', () => {
    expect(refusalOf(text.replace('budget: 400', 'budget: 1200'))).toMatch(/decision\.budget: a budget larger than the population can absorb: expected at most 1000 licences per 1000 people \(each group's share x capacity, summed\), found 1200 licences per 1000 people/);
  });

  it('refuses minimum shares that need more than the budget', () => {
    expect(refusalOf(text.replace('budget: 400', 'budget: 100'))).toMatch(/decision\.groups: the minimum shares need 150 licences per 1000 people, more than the budget of 100 licences per 1000 people/);
  });

  it('refuses shares that do not sum to 1, a non-positive baseline and an unknown estimate (with the close one)', () => {
    expect(refusalOf(text.replace('share: 0.7', 'share: 0.6'))).toMatch(/decision\.groups: expected the groups' shares to sum to 1, found 0\.9/);
    expect(refusalOf(text.replace('baseline: 63', 'baseline: 0'))).toMatch(/decision\.groups\[0\]\.baseline: expected positive baseline health .*found 0/);
    expect(refusalOf(text.replace('effect: md:app-vs-control|deprived=1', 'effect: md:app-vs-contrl|deprived=1'))).toMatch(/decision\.groups\[0\]\.effect: expected one of the design's estimates \(.*\), found "md:app-vs-contrl\|deprived=1"; did you mean "md:app-vs-control\|deprived=1"\?/);
  });

  it('refuses a group with both a stated benefit and an estimate', () => {
    expect(refusalOf(text.replace('share: 0.7, baseline: 71,', 'share: 0.7, baseline: 71, benefit: 0.1,'))).toMatch(/decision\.groups\[1\]: expected either benefit \(stated\) or effect \(an estimate id\), found both/);
  });
});

describe('equity decision on the truth and in each trial', () => {
  it('equals the hand-worked allocations; the constrained one is preferred at 10.95; the flip is near 4.27', async () => {
    const { summary } = await simulate(scenarioFile(FILE, { replicates: 20 }), { workers: 0 });
    const d = (summary as unknown as { decision: EquitySection }).decision;
    expect(d.groups.map((g) => +g.benefit.toFixed(12))).toEqual([0.06, 0.1]);
    expect(d.allocations.map((a) => a.units.map((x) => +(x * 1000).toFixed(9)))).toEqual([[0, 400], [120, 280], [150, 250]]);
    expect(d.allocations.map((a) => +(a.totalGain * 1000).toFixed(9))).toEqual([40, 35.2, 34]);
    expect(d.preferred).toBe('constrained');
    const ede = (units: number[], e: number) => atkinsonEde([0.3, 0.7], [63 + (0.06 * units[0]) / 0.3, 71 + (0.1 * units[1]) / 0.7], e);
    const [eff, eq] = d.allocations.map((a) => a.units);
    expect(Math.abs(d.flip.epsilon! - Math.log(0.1 / 0.06) / Math.log(71 / 63))).toBeLessThan(0.03);
    expect(ede(eff, d.flip.epsilon! - 1e-4)).toBeGreaterThan(ede(eq, d.flip.epsilon! - 1e-4));
    expect(ede(eff, d.flip.epsilon! + 1e-4)).toBeLessThan(ede(eq, d.flip.epsilon! + 1e-4));
  });

  it('with stated benefits, is evaluated on them alone: no per-trial metrics, and the report says no more than the truth', async () => {
    const stated = text.replace('effect: md:app-vs-control|deprived=1', 'benefit: 0.06').replace('effect: md:app-vs-control|deprived=0', 'benefit: 0.1');
    const loaded = setupScenario(parseScenarioText('stated.yaml', stated, 'yaml'), { replicates: 10 });
    expect(loaded.prepared.layout.metrics.some((m) => m.id.startsWith('equity:'))).toBe(false);
    const { summary } = await simulate(loaded, { workers: 0 });
    const d = (summary as unknown as { decision: EquitySection }).decision;
    expect(d.fromEstimates).toBe(false);
    expect(d.preferred).toBe('constrained');
    const md = decisionMarkdown(readWrittenSummary(summary))!;
    expect(md).toMatch(/^With 400 licences per 1,000 people, efficiency only gains 40\.0 QALYs per 1,000 people \(most licences to the not deprived, who gain most per licence\); equal shares 35\.2; minimum shares 34\.0\. Equal shares overtake efficiency once Atkinson's inequality aversion epsilon exceeds 4\.2\d; at epsilon 10\.95 the preferred allocation is minimum shares\./);
    expect(md).not.toContain('A trial of this design');
  });

  it('records in each replicate the allocation its own estimates prefer, judged on the true benefits', () => {
    const loaded = scenarioFile(FILE);
    const sim = planSimulator({ spec: loaded.spec, data: loaded.prepared.data });
    const { estimates, metrics } = sim.plan.layout;
    const e = (id: string) => estimates.findIndex((x) => x.id === id);
    const m = (id: string) => metrics.findIndex((x) => x.id === `equity:${id}`);
    const seen = new Set<string>();
    for (let r = 1; r <= 100; r++) {
      sim.plan.simulate(new ReplicateStreams(loaded.spec.seed, r), sim.record);
      const bd = 0.02 * sim.record.estimate[e('md:app-vs-control|deprived=1')], ba = 0.02 * sim.record.estimate[e('md:app-vs-control|deprived=0')];
      // The three allocations from the estimates, by hand (licences per person; two groups, one licence each at most).
      const eff = ba >= bd ? [0, ba > 0 ? 0.4 : 0] : [bd > 0 ? 0.3 : 0, bd > 0 ? (ba > 0 ? 0.1 : 0) : 0];
      const con = ba >= bd ? [0.15, ba > 0 ? 0.25 : 0] : [bd > 0 ? 0.3 : 0.15, ba > 0 ? 0.1 : 0];
      const options = [eff, [0.12, 0.28], con];
      const h = (u: number[], b0: number, b1: number) => [63 + (b0 * u[0]) / 0.3, 71 + (b1 * u[1]) / 0.7];
      const edes = options.map((u) => atkinsonEde([0.3, 0.7], h(u, bd, ba), 10.95));
      const k = edes.indexOf(Math.max(...edes));
      const id = ['efficiency', 'equal', 'constrained'][k];
      seen.add(id);
      expect(sim.record.metric[m(`preferred:${id}`)]).toBe(1);
      const chosen = options[k];
      expect(sim.record.metric[m('matches')]).toBe(Math.abs(chosen[0] - 0.15) < 1e-12 && Math.abs(chosen[1] - 0.25) < 1e-12 ? 1 : 0);
      const trueEde = (u: number[]) => atkinsonEde([0.3, 0.7], h(u, 0.06, 0.1), 10.95);
      expect(sim.record.metric[m('ede-lost')]).toBeCloseTo((trueEde([0.15, 0.25]) - trueEde(chosen)) * 1000, 9);
      expect(sim.record.metric[m('health-lost')]).toBeCloseTo((0.034 - (0.06 * chosen[0] + 0.1 * chosen[1])) * 1000, 9);
      expect(sim.record.metric[m('efficient-health-lost')]).toBeCloseTo((0.04 - (0.06 * eff[0] + 0.1 * eff[1])) * 1000, 9);
    }
    // Both kinds of choice occur in 100 trials of this size.
    expect(seen.has('constrained') && seen.has('efficiency')).toBe(true);
  });
});
