/**
 * Analysing an observed Mendelian randomisation study from summary
 * statistics (the two-sample form published GWAS give): the per-variant
 * associations are computed here from an exported replicate's people by
 * the textbook two-pass least-squares formulas (independently of the
 * design's running co-moments), and the IVW, MR-Egger and weighted-median
 * results equal the simulated replicate's to 1e-9; the observational
 * regression, which needs individual data, is missing. Bad summary data
 * are refused naming line and column.
 */
import { describe, it, expect } from 'vitest';
import { scenarioFile } from '../../helpers/scenarios.js';
import { mendelianDesign } from '../../../src/designs/mendelian/index.js';
import { newRecord } from '../../../src/designs/types.js';
import { ReplicateStreams } from '../../../src/random/stream.js';
import { analyseObserved } from '../../../src/run/analyse.js';
import type { MendelianScenario } from '../../../src/designs/mendelian/schema.js';

const FILE = 'scenarios/mendelian/ldl-heart-disease.yaml';
const loaded = scenarioFile(FILE, { replicates: 10 });
const spec = loaded.spec as MendelianScenario;

/** Slope and SE of y on x by two passes. */
function regression(x: number[], y: number[]): [number, number] {
  const n = x.length, mx = x.reduce((a, v) => a + v, 0) / n, my = y.reduce((a, v) => a + v, 0) / n;
  let sxx = 0, sxy = 0;
  for (let i = 0; i < n; i++) { sxx += (x[i] - mx) ** 2; sxy += (x[i] - mx) * (y[i] - my); }
  const b = sxy / sxx;
  let rss = 0;
  for (let i = 0; i < n; i++) rss += (y[i] - my - b * (x[i] - mx)) ** 2;
  return [b, Math.sqrt(rss / (n - 2) / sxx)];
}

function summaryTable(): string[][] {
  const people = mendelianDesign.patients!(spec, null, new ReplicateStreams(spec.seed, 1));
  const at = (name: string) => people.columns.indexOf(name);
  const rows = people.rows;
  const inX = rows.filter((r) => r[at('sample')] !== 'outcome'), inY = rows.filter((r) => r[at('sample')] !== 'exposure');
  return spec.design.variants.map((v) => {
    const gx = inX.map((r) => r[at(`g_${v.id}`)] as number), gy = inY.map((r) => r[at(`g_${v.id}`)] as number);
    const [bx, sx] = regression(gx, inX.map((r) => r[at('exposure')] as number));
    const [by, sy] = regression(gy, inY.map((r) => r[at('outcome')] as number));
    return [v.id, ...[bx, sx, by, sy].map((x) => x.toPrecision(17))];
  });
}
const COLUMNS = ['variant', 'beta_exposure', 'se_exposure', 'beta_outcome', 'se_outcome'];
const table = (rows: string[][]) => ({ file: 'gwas.csv', columns: COLUMNS, rows, lines: rows.map((_, k) => k + 2) });

describe('Mendelian randomisation from summary statistics', () => {
  const rows = summaryTable();

  it('gives the simulated replicate\'s IVW, MR-Egger and weighted-median results; the observational estimate is missing', () => {
    const plan = mendelianDesign.plan(spec, null);
    const simulated = newRecord(plan.layout);
    plan.simulate(new ReplicateStreams(spec.seed, 1), simulated);
    const { record, analysis } = analyseObserved(loaded, table(rows));
    plan.layout.estimates.forEach((e, k) => {
      if (e.id === 'observational') { expect(Number.isNaN(record.estimate[k])).toBe(true); return; }
      expect(record.estimate[k]).toBeCloseTo(simulated.estimate[k], 9);
      expect(record.se[k]).toBeCloseTo(simulated.se[k], 9);
      expect(record.rejected[k]).toBe(simulated.rejected[k]);
    });
    expect(analysis.estimates.map((e) => e.id)).not.toContain('observational');
  });

  it('refuses a missing variant and a standard error of 0, naming line and column', () => {
    expect(() => analyseObserved(loaded, table(rows.slice(1)))).toThrow(/missing rs/);
    const bad = rows.map((r, k) => (k === 1 ? [r[0], r[1], '0', r[3], r[4]] : r));
    expect(() => analyseObserved(loaded, table(bad))).toThrow(/line 3, column "se_exposure": expected a standard error above 0/);
  });
});
