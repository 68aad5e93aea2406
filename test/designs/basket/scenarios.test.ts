/**
 * The shipped basket scenarios: the flagship and the standard set
 * (global null, 1-4 active baskets, global alternative) load, share one
 * design, report every method's per-basket hypotheses, estimates
 * `rate:<analysis>:<basket>` and family-wise quantities, and run without
 * NaN, identically in worker threads; one replicate's patients can be
 * exported. Workers load dist/, which test/global-setup.ts builds first.
 */
import { describe, it, expect } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { scenarioFile as loadScenario } from '../../helpers/scenarios.js';
import { simulate } from '../../../src/run/simulate.js';
import { basketDesign } from '../../../src/designs/basket/index.js';
import { ReplicateStreams } from '../../../src/random/stream.js';
import type { BasketDesignSpec } from '../../../src/designs/basket/schema.js';

const root = join(import.meta.dirname, '../../..');
const setFiles = ['global-null', 'mixed-1-active', 'mixed-2-active', 'mixed-3-active', 'mixed-4-active', 'global-alternative'];
const methods = ['independent-exact', 'simon', 'pooled', 'hierarchical', 'exnex', 'fujikawa'];

describe('shipped basket scenarios', () => {
  it('every file in scenarios/basket loads', () => {
    const files = readdirSync(join(root, 'scenarios/basket')).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThanOrEqual(setFiles.length);
    for (const f of files) expect(loadScenario(join(root, 'scenarios/basket', f)).spec.design.type).toBe('basket');
  });

  it('the standard set has the same design with 0 to 5 active baskets', () => {
    const specs = setFiles.map((f) => loadScenario(join(root, 'scenarios/basket', `${f}.yaml`)).spec.design as BasketDesignSpec);
    specs.forEach((d, m) => {
      expect(d.baskets.filter((b) => b.responseRate! > d.p0!).length).toBe(m);
      expect(d.analyses).toEqual(specs[0].analyses);
      expect(d.analyses.map((a) => a.method)).toEqual(methods);
    });
  });

  it('the flagship compares all methods in 4-6 baskets where the drug works in some and not others, and runs without NaN', async () => {
    const loaded = loadScenario(join(root, 'scenarios/flagship/basket.yaml'), { replicates: 300 });
    const d = loaded.spec.design as BasketDesignSpec;
    expect(d.baskets.length).toBeGreaterThanOrEqual(4);
    expect(d.baskets.length).toBeLessThanOrEqual(6);
    expect(d.analyses.map((a) => a.method)).toEqual(methods);
    expect(d.baskets.some((b) => b.responseRate! > d.p0!)).toBe(true);
    expect(d.baskets.some((b) => b.responseRate! <= d.p0!)).toBe(true);
    const { summary } = await simulate(loaded, { workers: 0 });
    for (const m of methods) {
      for (const b of d.baskets) {
        expect(summary.hypotheses.some((h) => h.id === `${m}:${b.id}` && h.family === m)).toBe(true);
        const e = summary.estimates.find((x) => x.id === `rate:${m}:${b.id}`)!;
        expect(e.truth).toBe(b.responseRate);
        expect(Number.isFinite(e.mean)).toBe(true);
      }
      expect(summary.hypotheses.find((h) => h.id === `${m}:fwer`)!.meaning).toBe('type I error');
      expect(summary.hypotheses.find((h) => h.id === `${m}:any-true-success`)!.meaning).toBe('power');
      expect(Number.isFinite(summary.metrics.find((x) => x.id === `n:${m}`)!.mean)).toBe(true);
    }
    expect(summary.hypotheses.every((h) => Number.isFinite(h.rate))).toBe(true);
    const rows = summary.baskets as { basket: string; trueRate: number; p0: number; methods: Record<string, { estimate: string }> }[];
    expect(rows.map((r) => r.basket)).toEqual(d.baskets.map((b) => b.id));
    expect(rows[0].methods.hierarchical.estimate).toBe(`rate:hierarchical:${d.baskets[0].id}`);
    expect(summary.analyses).toHaveLength(methods.length);
  });

  it('gives identical results in-process and in two worker threads, whatever each worker\'s cache holds', async () => {
    const loaded = loadScenario(join(root, 'scenarios/flagship/basket.yaml'), { replicates: 300 });
    const a = (await simulate(loaded, { workers: 0 })).summary;
    const b = (await simulate(loaded, { workers: 2, chunkSize: 37 })).summary;
    expect(b).toEqual(a);
  });

  it('exports one replicate\'s patients: every drug patient a Simon design may enrol, then the controls', () => {
    const loaded = loadScenario(join(root, 'scenarios/basket/randomised.yaml'));
    const table = basketDesign.patients!(loaded.spec, loaded.prepared.data, new ReplicateStreams(loaded.spec.seed, 1));
    expect(table.columns).toEqual(['basket', 'arm', 'patient', 'response', 'p']);
    expect(table.rows.filter((r) => r[1] === 'drug')).toHaveLength(80);
    expect(table.rows.filter((r) => r[1] === 'control')).toHaveLength(60);
    expect(table.rows.every((r) => r[3] === 0 || r[3] === 1)).toBe(true);
  });
});
