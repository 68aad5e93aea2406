/**
 * The summary's empirical quantiles of the estimates and percentiles of
 * trial-size metrics, on hand-made replicate records: exact order
 * statistics while the values are few (sample sizes), within 0.5% relative
 * accuracy otherwise; the same sketches for any split of the replicates merged
 * in any order; a rate's range never leaves [0, 1]; and the report draws
 * the distribution of a varying sample size.
 */
import { describe, it, expect } from 'vitest';
import { Accumulator } from '../../src/summary/accumulator.js';
import { summarise } from '../../src/summary/summarise.js';
import { newRecord, type ReplicateLayout } from '../../src/designs/types.js';
import { SKETCH_ACCURACY } from '../../src/stats/quantile-sketch.js';
import { ecdfCharts } from '../../src/report/html/ecdf.js';
import { mulberry32 } from '../helpers/mulberry32.js';

const layout: ReplicateLayout = {
  hypotheses: [],
  estimates: [{ id: 'rate', label: 'response rate', scale: 'response rate' }, { id: 'md', label: 'mean difference', scale: 'mean difference' }],
  metrics: [{ id: 'patients', label: 'Patients', unit: 'patients' }, { id: 'arms', label: 'Arms dropped' }],
  warnings: [],
};

/** R replicates: a rate near 0 (k/40 responders), a continuous difference, a sample size from 100 to 400. */
function rows(R: number, seed: number): number[][] {
  const u = mulberry32(seed);
  return Array.from({ length: R }, () => [Math.floor(u() * u() * 6) / 40, 2 * u() - 0.7, 100 * (1 + Math.floor(u() * 4)), Math.floor(u() * 3)]);
}

function accumulate(data: number[][]): Accumulator {
  const acc = new Accumulator(layout, Float64Array.of(0.05, 0.3));
  const r = newRecord(layout);
  for (const [rate, md, patients, arms] of data) {
    r.estimate[0] = rate; r.estimate[1] = md; r.se[0] = r.se[1] = 0.1;
    r.metric[0] = patients; r.metric[1] = arms;
    acc.add(r);
  }
  return acc;
}

/** A two-arm design's sections of a trial without subgroups or models: empty. */
const sections = { cancellation: [], biomarkerRoles: [], conditionalEffects: [], models: [], heterogeneityPower: [] };
const summaryOf = (acc: Accumulator) => summarise({ name: 'q', hash: 'h', design: 'two-arm', seed: 1, version: 'test', layout, truth: {}, acc, extra: sections });
/** The symmetric order statistic: rank ⌊q (n − 1)⌋ up to the median, ⌈q (n − 1)⌉ above. */
const at = (sorted: number[], q: number) => sorted[q <= 0.5 ? Math.floor(q * (sorted.length - 1)) : Math.ceil(q * (sorted.length - 1) - 1e-9)];

describe('empirical quantiles in the summary', () => {
  const data = rows(6000, 5);
  const s = summaryOf(accumulate(data));

  it('gives the order statistics of a discrete estimate exactly, and of a continuous one to 0.5%', () => {
    const rate = data.map((x) => x[0]).sort((a, b) => a - b), md = data.map((x) => x[1]).sort((a, b) => a - b);
    const [qr, qm] = s.estimates.map((e) => e.quantiles!);
    expect([qr.p2_5, qr.p25, qr.p50, qr.p75, qr.p97_5]).toEqual([0.025, 0.25, 0.5, 0.75, 0.975].map((q) => at(rate, q)));
    [0.025, 0.25, 0.5, 0.75, 0.975].forEach((q, k) => {
      const got = [qm.p2_5, qm.p25, qm.p50, qm.p75, qm.p97_5][k], exact = at(md, q);
      expect(Math.abs(got - exact)).toBeLessThanOrEqual(SKETCH_ACCURACY * Math.abs(exact) + 1e-12);
    });
    expect(qr.p2_5).toBeGreaterThanOrEqual(0);
  });

  it('keeps the percentiles of a varying sample size exactly, and none for a metric without a unit', () => {
    const patients = data.map((x) => x[2]).sort((a, b) => a - b);
    expect(s.metrics[0].percentiles).toEqual(Array.from({ length: 101 }, (_, j) => at(patients, j / 100)));
    expect(s.metrics[1].percentiles).toBeUndefined();
  });

  it('gives the same sketches and summary for any split of the replicates, merged in any order', () => {
    const all = accumulate(data);
    const sketches = (a: Accumulator) => JSON.stringify([...a.est, ...a.met].map((x) => x.sketch?.buckets()));
    const parts = [data.slice(0, 1234), data.slice(1234, 4000), data.slice(4000)].map((d) => accumulate(d).state());
    for (const order of [[0, 1, 2], [2, 0, 1]]) {
      const acc = new Accumulator(layout, Float64Array.of(0.05, 0.3));
      order.forEach((k) => acc.merge(parts[k]));
      expect(sketches(acc)).toBe(sketches(all));
      expect(JSON.stringify(summaryOf(acc))).toBe(JSON.stringify(summaryOf(all)));
    }
  });

  it('drives the report\'s distribution chart of the sample size', () => {
    const html = ecdfCharts(s)!;
    expect(html).toContain('data-chart="ecdf-patients"');
    expect(ecdfCharts({ ...s, metrics: [s.metrics[1]] })).toBeNull();
  });
});
