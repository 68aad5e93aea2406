/**
 * The decision section on any design: a reference to an estimate the design
 * does not report is refused at validate time; each replicate's recorded
 * decision is the strategy its own estimates make best; on the truth, the
 * best strategy and the maximum test price follow the hand formulas; and the
 * probability of the right decision rises with the trial's size toward 1.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { refusalOf, scenarioFile } from '../helpers/scenarios.js';
import { simulate } from '../../src/run/simulate.js';
import { setupScenario } from '../../src/run/scenario.js';
import { parseScenarioText } from '../../src/scenario/load.js';
import { planSimulator } from '../../src/run/chunk.js';
import { ReplicateStreams } from '../../src/random/stream.js';
import { companionStrategies, bestStrategy, COMPANION_STRATEGIES } from '../../src/stats/decision/cost-effectiveness.js';

const FILE = 'scenarios/decisions/companion-diagnostic.yaml';
const c = { prevalence: 0.2, sensitivity: 0.9, specificity: 0.95, testCost: 1500, drugCost: 60_000, value: 3 };

describe('decision section', () => {
  it('refuses an estimate the design does not report, naming the key path and the close one', () => {
    const text = readFileSync(FILE, 'utf8').replace('positive: rd:drug-vs-control|positive=1', 'positive: rd:drug-vs-contrl|positive=1');
    expect(refusalOf(text)).toMatch(/line 37, decision\.effects\.positive: expected one of the design's estimates \(.*\), found "rd:drug-vs-contrl\|positive=1"; did you mean "rd:drug-vs-control\|positive=1"\?/);
  });

  it('refuses an empty willingness-to-pay range, naming the key', () => {
    const text = readFileSync(FILE, 'utf8').replace('willingnessToPay: 100000', 'willingnessToPay: 100000\n  range: [50000, 50000]');
    expect(refusalOf(text)).toMatch(/decision\.range: expected a willingness-to-pay range \[from, to\] with from below to, found \[50000, 50000\]/);
  });

  it('records in each replicate the strategy that replicate\'s estimates make best', () => {
    const loaded = scenarioFile(FILE);
    const sim = planSimulator({ spec: loaded.spec, data: loaded.prepared.data });
    const layout = sim.plan.layout;
    const e = (id: string) => layout.estimates.findIndex((x) => x.id === id);
    const m = COMPANION_STRATEGIES.map((s) => layout.metrics.findIndex((x) => x.id === `decision:${s}`));
    for (let r = 1; r <= 200; r++) {
      sim.plan.simulate(new ReplicateStreams(loaded.spec.seed, r), sim.record);
      const best = bestStrategy(companionStrategies(c, sim.record.estimate[e('rd:drug-vs-control|positive=1')], sim.record.estimate[e('rd:drug-vs-control|positive=0')]), 100_000);
      expect(m.map((j) => sim.record.metric[j])).toEqual(COMPANION_STRATEGIES.map((_, k) => (k === best ? 1 : 0)));
    }
  });

  it('records the acceptability curve: at each willingness to pay of the grid, the strategy the estimates make best', () => {
    const loaded = scenarioFile(FILE);
    const sim = planSimulator({ spec: loaded.spec, data: loaded.prepared.data });
    const layout = sim.plan.layout;
    const e = (id: string) => layout.estimates.findIndex((x) => x.id === id);
    // range [0, 200,000] by default (twice the willingness to pay): grid 0, 20,000, ..., 200,000
    const grid = Array.from({ length: 11 }, (_, k) => 20_000 * k);
    expect(layout.metrics.find((x) => x.id === 'decision-at:10:treat-all')!.label).toBe('Decision at willingness to pay 200000: treat-all (share of trials)');
    for (let r = 1; r <= 50; r++) {
      sim.plan.simulate(new ReplicateStreams(loaded.spec.seed, r), sim.record);
      const strategies = companionStrategies(c, sim.record.estimate[e('rd:drug-vs-control|positive=1')], sim.record.estimate[e('rd:drug-vs-control|positive=0')]);
      grid.forEach((w, k) => {
        const chosen = COMPANION_STRATEGIES.map((s) => sim.record.metric[layout.metrics.findIndex((x) => x.id === `decision-at:${k}:${s}`)]);
        expect(chosen).toEqual(COMPANION_STRATEGIES.map((_, j) => (j === bestStrategy(strategies, w) ? 1 : 0)));
      });
    }
  });

  it('on the truth: test-and-treat is best and may cost up to the hand-computed price (NMB without the test, 3,240)', async () => {
    const { summary } = await simulate(scenarioFile(FILE, { replicates: 20 }), { workers: 0 });
    const d = (summary as unknown as { decision: { best: string; maximumTestPrice: number } }).decision;
    expect(d.best).toBe('test-and-treat');
    // 3 x (0.2 x 0.9 x 0.3 + 0.8 x 0.05 x 0.02) x 100,000 − 60,000 x 0.22 = 16,440 − 13,200.
    expect(d.maximumTestPrice).toBeCloseTo(3240, 6);
  });

  it('the probability of the right decision rises with the sample size toward 1', async () => {
    const rates: number[] = [];
    for (const n of [800, 3200, 12800]) {
      const text = readFileSync(FILE, 'utf8').replace('sampleSize: 600', `sampleSize: ${n}`);
      const { summary } = await simulate(setupScenario(parseScenarioText('n.yaml', text, 'yaml'), { replicates: 500 }), { workers: 0 });
      rates.push(summary.metrics.find((x) => x.id === 'decision:test-and-treat')!.mean);
    }
    expect(rates[0]).toBeLessThan(rates[1]);
    expect(rates[1]).toBeLessThan(rates[2]);
    expect(rates[2]).toBeGreaterThan(0.9);
  }, 120_000);
});
