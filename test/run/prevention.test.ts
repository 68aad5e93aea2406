/**
 * The prevention paradox on a scenario's population, exact over its four
 * biomarker patterns: cases without treatment and cases prevented by
 * treating everyone equal the weighted sums of the patterns' logistic risks
 * computed here by hand; the default thresholds are the distinct risks; the
 * report says it in words; refusals name the key.
 */
import { describe, it, expect } from 'vitest';
import { preventionTruth } from '../../src/run/prevention.js';
import { runStreams } from '../../src/random/stream.js';
import { logistic, normalCdf } from '../../src/stats/distributions.js';
import { simulate } from '../../src/run/simulate.js';
import { planSimulator } from '../../src/run/chunk.js';
import { ReplicateStreams } from '../../src/random/stream.js';
import { decisionMarkdown } from '../../src/report/decision.js';
import { readWrittenSummary } from '../../src/run/summary-schema.js';
import { expectWithinMcse, binomialMcse } from '../helpers/mcse.js';
import { scenarioFile, refusalOf } from '../helpers/scenarios.js';
import { readFileSync } from 'node:fs';
import type { PreventionDecisionSpec } from '../../src/scenario/decision.js';

const FILE = 'scenarios/decisions/prevention-skewed-risk.yaml';

describe('the prevention paradox on a population', () => {
  it('sums the patterns\' risks exactly', () => {
    const { spec } = scenarioFile(FILE);
    const d = preventionTruth(spec, spec.decision as PreventionDecisionSpec, runStreams(spec.seed));
    const groups = [[0, 0, 0.95 * 0.75], [0, 1, 0.95 * 0.25], [1, 0, 0.05 * 0.75], [1, 1, 0.05 * 0.25]];
    const risk = (g: number, h: number, drug: number) => logistic(-3.5 + 2.2 * g + 1.2 * h - 0.4 * drug);
    const cases = groups.reduce((a, [g, h, w]) => a + w * risk(g, h, 0), 0);
    const prevented = groups.reduce((a, [g, h, w]) => a + w * (risk(g, h, 0) - risk(g, h, 1)), 0);
    expect(d.exact).toBe(true);
    expect(d.cases).toBeCloseTo(cases, 14);
    const everyone = d.rows.find((r) => r.threshold === 0)!;
    expect(everyone.casesPrevented).toBeCloseTo(prevented, 14);
    expect(everyone.costPerCasePrevented).toBeCloseTo(300 / prevented, 8);
    // Thresholds: everyone, then each risk above the lowest; the highest group is 1.25% of people.
    expect(d.rows.map((r) => r.threshold)).toEqual([0, risk(0, 1, 0), risk(1, 0, 0), risk(1, 1, 0)]);
    expect(d.rows[3].shareTreated).toBeCloseTo(0.0125, 14);
  });

  it('refuses a non-binary endpoint and an unknown arm, naming the key', () => {
    const text = readFileSync(FILE, 'utf8');
    expect(refusalOf(text.replace('  costPerPerson: 300', '  treatment: drugs\n  costPerPerson: 300'))).toMatch(/decision\.treatment: expected an arm \(control, drug\), found "drugs"; did you mean "drug"\?/);
  });
});

/**
 * The prevention paradox under trial uncertainty
 * (scenarios/decisions/prevention-trial-choice.yaml): the same population,
 * 20,000 per case prevented, 300 per person treated; each trial applies its
 * log odds ratio to everyone's risk and treats from the threshold with the
 * largest net benefit.
 */
describe('the prevention paradox under trial uncertainty', () => {
  const CHOICE = 'scenarios/decisions/prevention-trial-choice.yaml';
  const groups = [[0, 0, 0.95 * 0.75], [0, 1, 0.95 * 0.25], [1, 0, 0.05 * 0.75], [1, 1, 0.05 * 0.25]];
  const base = (g: number, h: number) => -3.5 + 2.2 * g + 1.2 * h;
  // Net benefit per person at a threshold, for an effect β on the log odds: Σ w [20,000 (r − logistic(logit r + β)) − 300] over r ≥ t.
  const nb = (t: number, beta: number) => groups.reduce((a, [g, h, w]) => (logistic(base(g, h)) >= t ? a + w * (20_000 * (logistic(base(g, h)) - logistic(base(g, h) + beta)) - 300) : a), 0);
  const thresholds = [0, logistic(base(0, 1)), logistic(base(1, 0)), logistic(base(1, 1))];
  const argmax = (xs: number[]) => xs.reduce((j, x, k) => (x > xs[j] ? k : j), 0);

  it('gives each threshold\'s net benefit by hand and the best: those at risk ≥ 9.1%', async () => {
    const { summary } = await simulate(scenarioFile(CHOICE, { replicates: 20 }), { workers: 0 });
    const d = (summary as unknown as { decision: { netBenefit: number[]; best: number } }).decision;
    thresholds.forEach((t, k) => expect(d.netBenefit[k]).toBeCloseTo(nb(t, -0.4), 10));
    expect(d.best).toBe(1);
    expect(argmax(thresholds.map((t) => nb(t, -0.4)))).toBe(1);
  });

  it('records in each replicate the threshold its estimate chooses, whether it matches, and the true net benefit lost', () => {
    const loaded = scenarioFile(CHOICE);
    const sim = planSimulator({ spec: loaded.spec, data: loaded.prepared.data, decision: loaded.prepared.decision });
    const m = (id: string) => sim.plan.layout.metrics.findIndex((x) => x.id === id);
    const e = sim.plan.layout.estimates.findIndex((x) => x.id === 'logOR:drug-vs-control');
    const truth = thresholds.map((t) => nb(t, -0.4));
    for (let r = 1; r <= 200; r++) {
      sim.plan.simulate(new ReplicateStreams(loaded.spec.seed, r), sim.record);
      const chosen = argmax(thresholds.map((t) => nb(t, sim.record.estimate[e])));
      expect(thresholds.map((_, k) => sim.record.metric[m(`prevention:choice:${k}`)])).toEqual(thresholds.map((_, k) => (k === chosen ? 1 : 0)));
      expect(sim.record.metric[m('prevention:matches')]).toBe(chosen === 1 ? 1 : 0);
      expect(sim.record.metric[m('prevention:loss')]).toBeCloseTo((truth[1] - truth[chosen]) * 1000, 8);
    }
  });

  it('chooses the truth\'s threshold as often as the estimate falls where it wins (normal approximation, MCSE tolerance)', async () => {
    const { summary } = await simulate(scenarioFile(CHOICE, { replicates: 1000 }), { workers: 0 });
    const est = summary.estimates.find((x) => x.id === 'logOR:drug-vs-control')!;
    // The effects β at which threshold 1 has the largest net benefit, on a fine grid; the estimate ~ N(its mean, its empirical SE).
    const grid = Array.from({ length: 4001 }, (_, k) => -2 + k / 1000);
    const wins = grid.filter((b) => argmax(thresholds.map((t) => nb(t, b))) === 1);
    const [lo, hi] = [wins[0], wins[wins.length - 1]];
    const p = normalCdf((hi - est.mean!) / est.empiricalSe!) - normalCdf((lo - est.mean!) / est.empiricalSe!);
    const matches = summary.metrics.find((x) => x.id === 'prevention:matches')!.mean;
    expectWithinMcse(matches, p, { mcse: binomialMcse(p, summary.replicates), what: 'P(trial chooses the truth\'s threshold)' });
    expect(decisionMarkdown(readWrittenSummary(summary))).toMatch(/treating those at risk ≥ 9\.1% has the largest net benefit \(116,605 per 1,000 people\)\. A trial's own estimate of the effect \(logOR:drug-vs-control\), applied to everyone's risk, leads to that choice [\d.]+% of the time \(MCSE [\d.]+%\)/);
  }, 60_000);

  it('refuses an estimate on a scale that does not move a risk, and an estimate without a value per case', () => {
    const text = readFileSync(CHOICE, 'utf8');
    expect(refusalOf(text.replace('effect: logOR:drug-vs-control', 'effect: logOR:drug-vs-control|interaction:genotype'))).toMatch(/decision\.effect: expected an estimate on the scale log odds ratio, log risk ratio, risk difference, found "logOR:drug-vs-control\|interaction:genotype" on the scale "difference in log odds ratio"/);
    expect(refusalOf(text.replace('  valuePerCase: 20000\n', ''))).toMatch(/decision\.valuePerCase: expected a value per case prevented, .*found none/);
  });

  it('refuses an estimate of another comparison than the decision\'s treatment against its control', () => {
    const text = readFileSync(CHOICE, 'utf8').replace('  drug: { effect: -0.4 }', '  drug: { effect: -0.4 }\n  statin: { effect: -0.3 }').replace('type: two-arm', 'type: parallel')
      .replace('  effect: logOR:drug-vs-control', '  treatment: statin\n  effect: logOR:drug-vs-control');
    expect(refusalOf(text)).toMatch(/decision\.effect: expected an estimate of statin against control \(the decision's treatment and control\), found "logOR:drug-vs-control", which compares drug with control/);
  });
});
