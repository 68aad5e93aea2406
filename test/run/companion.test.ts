/**
 * The companion diagnostic with cut-offs, adverse events, a cost per
 * non-responder and the value of the trial's information
 * (scenarios/decisions/companion-cutoffs.yaml). Hand-worked on the truth
 * (δ+ = 0.3, δ− = 0.02 responses gained; 3 QALYs per response; drug 60,000;
 * adverse events 0.2 x 5,000 = 1,000 and 0.2 x 0.02 = 0.004 QALYs per
 * patient treated; 30,000 per non-responder; test 1,500; 100,000 per QALY):
 * - treat all: gained 0.076; cost 61,000 − 30,000 x 0.076 = 58,720; effect
 *   0.228 − 0.004 = 0.224; NMB −36,320;
 * - cut-off 1 (se 0.98, sp 0.55): treated 0.556, gained 0.066; cost 1,500 +
 *   33,916 − 1,980 = 33,436; effect 0.198 − 0.002224; NMB −13,858.4;
 * - cut-off 10 (0.9, 0.9): treated 0.26, gained 0.0556; cost 1,500 + 15,860 −
 *   1,668 = 15,692; effect 0.1668 − 0.00104 = 0.16576; NMB 884;
 * - cut-off 50 (0.6, 0.98): treated 0.136, gained 0.03632; cost 1,500 +
 *   8,296 − 1,089.6 = 8,706.4; effect 0.10896 − 0.000544 = 0.108416; NMB 2,135.2.
 * The best is cut-off 50; without the trial the payer treats no one (NMB
 * 0), so knowing the truth is worth 2,135.2 per patient. Subgroups: the
 * positive cost 61,000 − 9,000 = 52,000 for 0.9 − 0.004 = 0.896 QALYs
 * (58,035.7 per QALY), the negative 60,400 for 0.056 (1,078,571).
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { refusalOf, scenarioFile } from '../helpers/scenarios.js';
import { meanMcse } from '../helpers/mcse.js';
import { simulate } from '../../src/run/simulate.js';
import { setupScenario } from '../../src/run/scenario.js';
import { parseScenarioText } from '../../src/scenario/load.js';
import { planSimulator } from '../../src/run/chunk.js';
import { ReplicateStreams } from '../../src/random/stream.js';
import { decisionMarkdown } from '../../src/report/decision.js';
import { readWrittenSummary } from '../../src/run/summary-schema.js';
import type { CompanionSection } from '../../src/run/companion.js';
import type { Summary } from '../../src/summary/summarise.js';

const FILE = 'scenarios/decisions/companion-cutoffs.yaml';
const text = readFileSync(FILE, 'utf8');
const IDS = ['treat-none', 'treat-all', 'test-and-treat@1', 'test-and-treat@10', 'test-and-treat@50'];
const NMB = [0, -36_320, -13_858.4, 884, 2135.2];
const run = (t: string, replicates: number) => simulate(setupScenario(parseScenarioText('c.yaml', t, 'yaml'), { replicates }), { workers: 0 });
const metric = (s: Summary, id: string) => s.metrics.find((m) => m.id === id)!;

describe('companion diagnostic with cut-offs: bad input', () => {
  it('refuses cut-offs whose sensitivity rises or specificity falls as the cut-off rises', () => {
    expect(refusalOf(text.replace('{ cutoff: 10, sensitivity: 0.9,', '{ cutoff: 10, sensitivity: 0.99,'))).toMatch(/decision\.test\.cutoffs\[1\]\.sensitivity: expected sensitivity not to rise as the cut-off rises \(at most 0\.98, the sensitivity at cut-off 1\), found 0\.99/);
    expect(refusalOf(text.replace('specificity: 0.98 }', 'specificity: 0.85 }'))).toMatch(/decision\.test\.cutoffs\[2\]\.specificity: expected specificity not to fall as the cut-off rises \(at least 0\.9, the specificity at cut-off 10\), found 0\.85/);
    expect(refusalOf(text.replace('{ cutoff: 50,', '{ cutoff: 5,'))).toMatch(/decision\.test\.cutoffs\[2\]\.cutoff: expected cut-offs in increasing order \(above 10\), found 5/);
  });

  it('refuses a single test and cut-offs together, a negative cost and an unknown current strategy', () => {
    expect(refusalOf(text.replace('    cost: 1500\n', '    cost: 1500\n    sensitivity: 0.9\n    specificity: 0.9\n'))).toMatch(/decision\.test: expected either sensitivity and specificity \(a single test\) or cutoffs \(a table\), found both/);
    expect(refusalOf(text.replace('cost: 5000,', 'cost: -5000,'))).toMatch(/decision\.adverseEvents\.cost.*-5000/s);
    expect(refusalOf(text.replace('current: treat-none', 'current: treat-non'))).toMatch(/decision\.valueOfInformation\.current: expected one of the strategies \(treat-none, treat-all, test-and-treat@1, test-and-treat@10, test-and-treat@50\), found "treat-non"; did you mean "treat-none"\?/);
  });

  it('refuses effects that are not differences (a log odds ratio is no gain per patient treated)', () => {
    const text = readFileSync('scenarios/decisions/companion-diagnostic.yaml', 'utf8').replace('positive: rd:drug-vs-control|positive=1', 'positive: logOR:drug-vs-control|positive=1');
    expect(refusalOf(text)).toMatch(/decision\.effects\.positive: expected an estimate that is a difference .*found "logOR:drug-vs-control\|positive=1" on the scale "log odds ratio"/);
  });

  it('refuses log odds ratios as effects before it reads a cost per non-responder', () => {
    const lor = text.replace('positive: rd:drug-vs-control|positive=1', 'positive: logOR:drug-vs-control|positive=1');
    expect(refusalOf(lor)).toMatch(/decision\.effects\.positive: expected an estimate that is a difference/);
  });
});

describe('companion diagnostic with cut-offs on the truth and in each trial', () => {
  it('gives the hand-worked strategies, subgroup ICERs and value of perfect information', async () => {
    const { summary } = await run(text, 20);
    const d = (summary as unknown as { decision: CompanionSection }).decision;
    expect(d.strategies.map((s) => s.id)).toEqual(IDS);
    d.strategies.forEach((s, k) => expect(s.nmb).toBeCloseTo(NMB[k], 6));
    expect(d.strategies.map((s) => Math.round(s.cost * 10) / 10)).toEqual([0, 58_720, 33_436, 15_692, 8706.4]);
    expect(d.best).toBe('test-and-treat@50');
    expect(d.subgroups.positive.icer).toBeCloseTo(52_000 / 0.896, 6);
    expect(d.subgroups.negative.icer).toBeCloseTo(60_400 / 0.056, 4);
    expect(d.valueOfInformation!.prior).toBe('treat-none');
    expect(d.valueOfInformation!.perfect).toBeCloseTo(2135.2, 8);
    // 2,000 a year for 10 years at 3.5%: 2,000 x (1 − 1.035^−10) / (1 − 1/1.035) = 17,215.3.
    expect(d.valueOfInformation!.patients).toBeCloseTo(2000 * (1 - 1.035 ** -10) / (1 - 1 / 1.035), 6);
    expect(decisionMarkdown(readWrittenSummary(summary))).toMatch(/Treating biomarker-positive patients, against not treating them, costs 58,036 per unit of health effect; treating biomarker-negative patients 1,078,571/);
  });

  it('records in each replicate the strategy its estimates choose and that choice\'s true value and loss', () => {
    const loaded = scenarioFile(FILE);
    const sim = planSimulator({ spec: loaded.spec, data: loaded.prepared.data, decision: loaded.prepared.decision });
    const m = (id: string) => sim.plan.layout.metrics.findIndex((x) => x.id === id);
    for (let r = 1; r <= 200; r++) {
      sim.plan.simulate(new ReplicateStreams(loaded.spec.seed, r), sim.record);
      const chosen = IDS.findIndex((s) => sim.record.metric[m(`decision:${s}`)] === 1);
      expect(sim.record.metric[m('voi:nmb')]).toBeCloseTo(NMB[chosen], 6);
      expect(sim.record.metric[m('voi:value')]).toBeCloseTo(NMB[chosen] - 0, 6);
      expect(sim.record.metric[m('voi:loss')]).toBeCloseTo(2135.2 - NMB[chosen], 6);
    }
  });

  it('with prior means, the decision without the trial is the best under them; neither or both is refused', async () => {
    // Prior means 0.3 and 0.02 are the truth: the prior decision is already cut-off 50, and perfect information is worth 0.
    const prior = text.replace('current: treat-none', 'prior: { positive: 0.3, negative: 0.02 }');
    const d = ((await run(prior, 20)).summary as unknown as { decision: CompanionSection }).decision;
    expect(d.valueOfInformation).toMatchObject({ prior: 'test-and-treat@50', perfect: 0 });
    // Prior means 0.05 and 0: every treatment loses money at 100,000 per QALY, so no one is treated.
    const none = ((await run(text.replace('current: treat-none', 'prior: { positive: 0.05, negative: 0 }'), 20)).summary as unknown as { decision: CompanionSection }).decision;
    expect(none.valueOfInformation!.prior).toBe('treat-none');
    expect(refusalOf(text.replace('    current: treat-none\n', ''))).toMatch(/decision\.valueOfInformation: expected the decision without the trial: current \(a strategy\) or prior \(means of the effects\), found neither/);
  });

  it('the mean value of the trial is the shares of choices times their true NMB; value + loss is the value of perfect information', async () => {
    const { summary } = await run(text, 400);
    const byShares = IDS.reduce((a, s, k) => a + metric(summary, `decision:${s}`).mean * NMB[k], 0);
    expect(metric(summary, 'voi:value').mean).toBeCloseTo(byShares, 6);
    expect(metric(summary, 'voi:value').mean + metric(summary, 'voi:loss').mean).toBeCloseTo(2135.2, 6);
  });

  it('the value of the trial rises with its sample size, toward the value of perfect information', async () => {
    const values = [];
    for (const n of [300, 1200, 4800]) {
      const { summary } = await run(text.replace('sampleSize: 600', `sampleSize: ${n}`), 400);
      const v = metric(summary, 'voi:value');
      values.push({ mean: v.mean, mcse: meanMcse(v.sd, summary.replicates) });
    }
    // Each step up is larger than 4 MCSEs of the difference (the runs share seeds, so their errors are positively correlated and hypot overstates it).
    for (const k of [1, 2]) expect(values[k].mean - values[k - 1].mean).toBeGreaterThan(4 * Math.hypot(values[k].mcse, values[k - 1].mcse));
    // At 4,800 patients the expected loss (2,135.2 minus the value) is below a tenth of the value of perfect
    // information, by more than 4 MCSE: a one-sided claim the Monte Carlo error cannot pass by chance.
    expect(0.1 * 2135.2 - (2135.2 - values[2].mean)).toBeGreaterThan(4 * values[2].mcse);
  }, 120_000);
});
