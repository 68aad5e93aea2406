/**
 * hypotheses.csv's tests (tidy.ts, from the wide rows' statistic, p,
 * adjusted p and look columns): a fixed two-arm trial's statistic and
 * p-value are the pooled z test recomputed here from that replicate's
 * patients (the patient export), to the last bit; every decision of a
 * multi-arm design under Bonferroni, Holm, Hochberg, Dunnett and its
 * step-down form is its adjusted p-value at most alpha, and every unadjusted
 * one its p below alpha; a group-sequential substudy's look is the stage its
 * metrics record, and its stage-wise ordering p is at most alpha exactly
 * when it crossed a boundary; a MAMS trial's last look is the stage it
 * ended; an enrichment population is rejected exactly when its closed-test
 * adjusted p is at most alpha; and a design that reports no test gets NA.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { simulate } from '../../src/run/simulate.js';
import { loadScenario } from '../../src/run/scenario.js';
import { TidyRows, type Sink } from '../../src/run/tidy.js';
import { csvHeader } from '../../src/run/chunk.js';
import { designFor } from '../../src/designs/registry.js';
import { ReplicateStreams } from '../../src/random/stream.js';
import { normalUpper } from '../../src/stats/distributions.js';
import { ROOT, scenarioFile } from '../helpers/cli.js';

type Row = Record<string, string>;

const memory = (): Sink & { text: string } => ({ text: '', write(t) { this.text += t; }, commit() {}, abandon() {} });

const parse = (text: string): Row[] => {
  const [head, ...lines] = text.trim().split('\n');
  const cols = head.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, j) => [cols[j], v])));
};

/** A scenario's replicates through the engine and TidyRows: hypotheses.csv and replicates.csv as rows. */
async function run(file: string, replicates: number): Promise<{ hypotheses: Row[]; wide: Row[]; text: string }> {
  const loaded = loadScenario(file, { replicates });
  const rows: string[] = [];
  const sim = await simulate(loaded, { workers: 0, rows: true, onRows: (r) => rows.push(r) });
  const wide = memory(), hypotheses = memory(), estimates = memory();
  const tidy = new TidyRows(sim.layout, sim.truth, wide, hypotheses, estimates);
  tidy.write(csvHeader(sim.layout) + rows.join(''));
  tidy.commit();
  return { hypotheses: parse(hypotheses.text), wide: parse(wide.text), text: hypotheses.text };
}

const num = (x: string) => (x === 'NA' ? NaN : Number(x));
const at = (file: string) => join(ROOT, file);

describe('a fixed two-arm trial', () => {
  const file = at('scenarios/flagship/two-arm-binary.yaml');

  it('reports the pooled z test of that replicate\'s patients, exactly, for all patients and each subgroup', async () => {
    const { hypotheses } = await run(file, 6);
    const loaded = loadScenario(file, { replicates: 6 });
    const design = designFor(loaded.spec.design.type);
    let checked = 0;
    for (const k of [2, 5]) {
      const table = design.patients!(loaded.spec, loaded.prepared.data, new ReplicateStreams(loaded.spec.seed, k));
      const col = (name: string) => table.columns.indexOf(name);
      for (const [id, keep] of [['drug-vs-control', () => true], ['drug-vs-control|mplus=1', (r: (string | number)[]) => r[col('mplus')] === 1], ['drug-vs-control|mplus=0', (r: (string | number)[]) => r[col('mplus')] === 0]] as const) {
        const row = hypotheses.find((h) => h.replicate === String(k) && h.hypothesis === id);
        expect(row, id).toBeDefined();
        if (!row) continue;
        const n = [0, 0], x = [0, 0];
        for (const r of table.rows) {
          if (!keep(r)) continue;
          const a = r[col('arm')] === 'drug' ? 1 : 0;
          n[a]++; x[a] += Number(r[col('outcome')]);
        }
        // z = (p1 - p0) / sqrt(p(1 - p)(1/n1 + 1/n0)), p pooled; two-sided p = 2 P(Z >= |z|).
        const pooled = (x[1] + x[0]) / (n[1] + n[0]);
        const z = (x[1] / n[1] - x[0] / n[0]) / Math.sqrt(pooled * (1 - pooled) * (1 / n[1] + 1 / n[0]));
        expect(Number(row.statistic)).toBe(z);
        expect(Number(row.p)).toBe(Math.min(1, 2 * normalUpper(Math.abs(z))));
        expect([row.adjustedP, row.look, row.rejected]).toEqual(['NA', '1', 2 * normalUpper(Math.abs(z)) < 0.05 ? '1' : '0']);
        checked++;
      }
    }
    expect(checked).toBe(6);
  });

  it.runIf(spawnSync('Rscript', ['--version']).status === 0)('reports R\'s prop.test (no correction) where R is installed', async () => {
    const { hypotheses, wide } = await run(file, 3);
    const row = hypotheses.find((h) => h.replicate === '3' && h.hypothesis === 'drug-vs-control')!;
    // The counts from the patient export of replicate 3, through R.
    const loaded = loadScenario(file, { replicates: 3 });
    const table = designFor(loaded.spec.design.type).patients!(loaded.spec, loaded.prepared.data, new ReplicateStreams(loaded.spec.seed, 3));
    const arm = table.columns.indexOf('arm'), y = table.columns.indexOf('outcome');
    const count = (a: string, f: (v: number) => boolean) => table.rows.filter((r) => r[arm] === a && f(Number(r[y]))).length;
    const x1 = count('drug', (v) => v === 1), n1 = count('drug', () => true), x0 = count('control', (v) => v === 1), n0 = count('control', () => true);
    expect(Number(wide.find((w) => w.replicate === '3')!['n:drug'])).toBe(n1);
    const r = spawnSync('Rscript', ['-e', `t <- prop.test(c(${x1}, ${x0}), c(${n1}, ${n0}), correct = FALSE); cat(sprintf("%.17g %.17g", t$statistic, t$p.value))`], { encoding: 'utf8' });
    const [chi, p] = r.stdout.trim().split(' ').map(Number);
    expect(Math.abs(Number(row.statistic) ** 2 - chi) / chi).toBeLessThan(1e-12);
    expect(Math.abs(Number(row.p) - p) / p).toBeLessThan(1e-12);
  });
});

describe('multi-arm decisions against adjusted p-values', () => {
  const base = readFileSync(at('scenarios/parallel/three-doses-dunnett.yaml'), 'utf8');
  for (const method of ['bonferroni', 'holm', 'hochberg', 'dunnett', 'dunnett-step-down']) {
    it(`${method}: rejected exactly when the adjusted p is at most alpha; each subgroup test when its p is below alpha`, async () => {
      const text = base.replace('multiplicity: { method: dunnett-step-down }', `multiplicity: { method: ${method} }`);
      expect(text).toContain(`method: ${method} }`);
      const { hypotheses, wide } = await run(scenarioFile(text), 150);
      const primary = hypotheses.filter((h) => h.family === 'primary');
      expect(primary).toHaveLength(3 * 150);
      for (const h of primary) {
        expect(num(h.adjustedP)).toBeGreaterThanOrEqual(num(h.p) * (1 - 1e-9));
        expect({ ...h, decision: h.rejected }).toEqual({ ...h, decision: num(h.adjustedP) <= 0.025 ? '1' : '0' });
        // The adjusted p also sits in the metrics, as before.
        expect(num(wide[Number(h.replicate) - 1][`p-adjusted:${h.hypothesis}`])).toBe(num(h.adjustedP));
      }
      const rejections = primary.filter((h) => h.rejected === '1').length;
      expect(rejections).toBeGreaterThan(30);
      expect(rejections).toBeLessThan(primary.length);
      for (const h of hypotheses.filter((x) => x.family !== 'primary')) expect(h.rejected).toBe(num(h.p) < 0.025 ? '1' : '0');
    });
  }

  it('an umbrella under Dunnett: rejected exactly when the adjusted p is at most alpha', async () => {
    const { hypotheses } = await run(at('scenarios/umbrella/dunnett-shared-control.yaml'), 100);
    const substudies = hypotheses.filter((h) => h.family === 'substudy');
    expect(substudies.length).toBeGreaterThan(100);
    expect(new Set(substudies.map((h) => h.rejected))).toEqual(new Set(['0', '1']));
    for (const h of substudies) expect(h.rejected).toBe(num(h.adjustedP) <= 0.05 ? '1' : '0');
  });
});

describe('group-sequential looks', () => {
  for (const [file, alpha] of [['scenarios/umbrella/lung-pfs-interims.yaml', 0.025], ['scenarios/flagship/umbrella-lung.yaml', 0.025]] as const) {
    it(`${file}: each substudy's look is the stage it concluded at; its stage-wise p is at most alpha exactly when it crossed a boundary`, async () => {
      const { hypotheses, wide } = await run(at(file), 120);
      const substudies = hypotheses.filter((h) => h.family === 'substudy');
      expect(substudies.length).toBeGreaterThan(120);
      const looks = new Set<string>();
      for (const h of substudies) {
        const w = wide[Number(h.replicate) - 1];
        expect(h.look).toBe(w[`stage:${h.hypothesis}`]);
        looks.add(h.look);
        if (w[`futility-stop:${h.hypothesis}`] === '1') expect(h.adjustedP).toBe('NA');
        else expect(h.rejected).toBe(num(h.adjustedP) <= alpha ? '1' : '0');
      }
      expect(looks.size).toBeGreaterThan(1);
    });
  }

  it('a MAMS trial: the last look of its arms is the stage it ended at, and every arm rejected crossed there or before', async () => {
    const { hypotheses, wide } = await run(at('scenarios/mams/triangular-4-arms.yaml'), 150);
    const ended = new Set<string>();
    wide.forEach((w) => {
      const arms = hypotheses.filter((h) => h.replicate === w.replicate);
      expect(arms).toHaveLength(4);
      expect(String(Math.max(...arms.map((h) => Number(h.look))))).toBe(w.stages);
      ended.add(w.stages);
      for (const h of arms) {
        expect(Number(h.p)).toBe(normalUpper(Number(h.statistic)));
        expect(h.adjustedP).toBe('NA');
      }
    });
    expect(ended).toEqual(new Set(['1', '2']));
  });

  for (const file of ['scenarios/enrichment/two-biomarkers.yaml', 'scenarios/enrichment/survival-biomarker.yaml']) {
    it(`${file}: a population is rejected exactly when its closed-test adjusted p is at most alpha (missing only when it is not)`, async () => {
      const { hypotheses } = await run(at(file), 80);
      const populations = hypotheses.filter((h) => h.family === 'populations');
      expect(new Set(populations.map((h) => h.rejected))).toEqual(new Set(['0', '1']));
      expect(populations.some((h) => h.adjustedP === 'NA')).toBe(true);
      for (const h of populations) {
        expect(h.rejected).toBe(num(h.adjustedP) <= 0.025 ? '1' : '0');
        expect(num(h.adjustedP)).not.toBeLessThan(num(h.p) * (1 - 1e-6));
        expect(Number(h.look)).toBeGreaterThanOrEqual(1);
      }
    });
  }
});

describe('designs without a frequentist test', () => {
  it('a response-adaptive trial (Bayesian decisions) gains no test columns, and NA in hypotheses.csv', async () => {
    const { hypotheses, wide } = await run(at('scenarios/response-adaptive/three-arm-thompson.yaml'), 5);
    expect(Object.keys(wide[0]).some((c) => /^(statistic|p|adjustedP|look):/.test(c))).toBe(false);
    expect(new Set(hypotheses.map((h) => h.replicate))).toEqual(new Set(['1', '2', '3', '4', '5']));
    for (const h of hypotheses) expect([h.statistic, h.p, h.adjustedP, h.look]).toEqual(['NA', 'NA', 'NA', 'NA']);
  });
});
