/**
 * Biomarker-driven platform arms: an arm enrols only patients with its
 * values of design.eligibility and is compared with the control patients of
 * those values; patients eligible for no open arm are turned away. Checked:
 * every patient on a restricted arm has its value; each restricted arm's
 * concurrent control patients, counted from the exported replicate, equal
 * the count the analysis reports; with no effect anywhere each arm's
 * analyses reject at exactly alpha (exact t-tests); the planned timeline
 * shares each class's patients among the arms open to it.
 */
import { describe, it, expect } from 'vitest';
import { platformDesign } from '../../../src/designs/platform/index.js';
import { platformSetup } from '../../../src/designs/platform/setup.js';
import { newRecord } from '../../../src/designs/types.js';
import { ReplicateStreams, runStreams } from '../../../src/random/stream.js';
import { scenario } from '../../helpers/scenarios.js';
import { expectWithinMcse, binomialMcse } from '../../helpers/mcse.js';

function platform(effectA = 0) {
  return scenario({
    name: 'bd', seed: 4, replicates: 10, truth: { patients: 20_000 },
    population: { biomarkers: [{ id: 'mutation', type: 'categorical', levels: { egfr: 0.3, alk: 0.2, other: 0.5 } }] },
    endpoint: { type: 'continuous', sd: 1 },
    arms: { control: {}, A: { effect: 0, interactions: { 'mutation=egfr': effectA } }, B: {}, C: {} },
    design: {
      type: 'platform', eligibility: 'mutation',
      arms: {
        A: { entry: { time: 0 }, sampleSize: 40, eligible: ['egfr'] },
        B: { entry: { time: 0 }, sampleSize: 30, eligible: ['alk'] },
        C: { entry: { time: 5 }, sampleSize: 40 },
      },
      recruitment: { rate: 20 },
    },
  });
}

describe('biomarker-driven platform arms', () => {
  it('restricted arms enrol only their values, and their concurrent controls are the controls of those values', () => {
    const loaded = platform();
    const table = platformDesign.patients!(loaded.spec, null, new ReplicateStreams(4, 3));
    const col = (name: string) => table.columns.indexOf(name);
    const rows = table.rows;
    expect(rows.filter((r) => r[col('arm')] === 'A').every((r) => r[col('mutation')] === 'egfr')).toBe(true);
    expect(rows.filter((r) => r[col('arm')] === 'B').every((r) => r[col('mutation')] === 'alk')).toBe(true);
    const plan = platformDesign.plan(loaded.spec, null);
    const rec = newRecord(plan.layout);
    plan.simulate(new ReplicateStreams(4, 3), rec);
    const metric = (id: string) => rec.metric[plan.layout.metrics.findIndex((m) => m.id === id)];
    for (const [arm, value] of [['A', 'egfr'], ['B', 'alk']]) {
      const periods = rows.filter((r) => r[col('arm')] === arm).map((r) => r[col('period')] as number);
      const [first, last] = [Math.min(...periods), Math.max(...periods)];
      const controls = rows.filter((r) => r[col('arm')] === 'control' && r[col('mutation')] === value && (r[col('period')] as number) >= first && (r[col('period')] as number) <= last).length;
      expect(metric(`controls-concurrent:${arm}`)).toBe(controls);
    }
    // Before C opens (time 5), patients with "other" are eligible for no arm and are turned away.
    expect(metric('screened')).toBeGreaterThan(0);
  });

  it('with no effect anywhere, every analysis of every arm rejects at exactly alpha', () => {
    const loaded = platform();
    const plan = platformDesign.plan(loaded.spec, null);
    const rec = newRecord(plan.layout);
    const R = 10_000;
    const rejections = new Float64Array(plan.layout.hypotheses.length);
    for (let r = 1; r <= R; r++) { plan.simulate(new ReplicateStreams(4, r), rec); rec.rejected.forEach((x, j) => { rejections[j] += x; }); }
    plan.layout.hypotheses.forEach((h, j) => expectWithinMcse(rejections[j] / R, 0.025, { mcse: binomialMcse(0.025, R), what: h.id }));
  });

  it('plans each class\'s patients among the arms open to it', () => {
    const first = platformSetup(platform().spec).timeline.periods[0];
    // egfr (0.3): control and A share 1:1; alk (0.2): control and B; other (0.5): turned away.
    expect(first.open).toEqual(['control', 'A', 'B']);
    expect(first.shares[0]).toBeCloseTo(0.25, 12);
    expect(first.shares[1]).toBeCloseTo(0.15, 12);
    expect(first.shares[2]).toBeCloseTo(0.10, 12);
  });

  it('the truth of a restricted arm is its effect among the patients it enrols', () => {
    const loaded = platform(0.5);
    const truth = platformDesign.truth(loaded.spec, null, runStreams(4));
    expect(truth['A:concurrent'].value).toBeCloseTo(0.5, 12);
    expect(truth['C:concurrent'].value).toBeCloseTo(0, 12);
  });
});
