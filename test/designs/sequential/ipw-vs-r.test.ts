/**
 * The IPW sequence values, their sandwich standard errors (from the path
 * tree's sufficient statistics) and the product-limit cumulative remission,
 * against R on a fixed data set (test/fixtures/sequential-ipw.R): R solves
 * the stacked estimating equations from their definitions and takes a
 * generic numerical sandwich; survival::survfit gives the product-limit
 * estimate and Greenwood standard error.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PathTree, type ObservedPaths } from '../../../src/designs/sequential/paths.js';
import { fitSequence, differenceSe } from '../../../src/designs/sequential/ipw.js';
import { cumulativeIfNoDropout } from '../../../src/designs/sequential/cumulative.js';

interface Fixture {
  n: number; L: number; options: number[];
  reached: number[]; remitLevel: number[]; dropped: number[]; group: number[];
  option: number[]; eligible: number[]; inverseProbability: number[];
  values: { sequence: number | number[]; adjust: boolean; cell: string; value: number; se: number }[];
  differences: { a: number | number[]; b: number | number[]; adjust: boolean; cell: string; value: number; se: number }[];
  productLimit: { value: number; se: number };
}

const fx = JSON.parse(readFileSync(join(import.meta.dirname, '../../fixtures/sequential-ipw.json'), 'utf8')) as Fixture;
const data: ObservedPaths = {
  n: fx.n, L: fx.L,
  reached: Int32Array.from(fx.reached), option: Int32Array.from(fx.option), eligible: Int32Array.from(fx.eligible),
  inverseProbability: Float64Array.from(fx.inverseProbability), remitLevel: Int32Array.from(fx.remitLevel),
};
const CELLS = ['all', 'group0', 'group1'];
const tree = new PathTree(fx.n, fx.L, Math.max(...fx.options), CELLS.length);
tree.build(data, (i, out) => { out[0] = 0; out[1] = 1 + fx.group[i]; return 2; });
const seq = (d: number | number[]) => Int32Array.from(Array.isArray(d) ? d : [d]);
const member = (cell: number) => (i: number) => cell === 0 || fx.group[i] === cell - 1;
const close = (x: number, y: number, tol: number) => expect(Math.abs(x - y)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(y)));

describe('IPW sequence values against R', () => {
  it.each(fx.values.map((v) => ({ ...v, name: `${JSON.stringify(v.sequence)} ${v.adjust ? 'acceptance-adjusted' : 'randomisation'} ${v.cell}` })))(
    'value and sandwich SE of $name match the stacked M-estimation', (v) => {
      const fit = fitSequence(tree, CELLS.indexOf(v.cell), seq(v.sequence), v.adjust);
      close(fit.value, v.value, 1e-12);
      close(fit.se, v.se, 1e-7);
    });

  it.each(fx.differences.map((v) => ({ ...v, name: `${JSON.stringify(v.a)} - ${JSON.stringify(v.b)} ${v.adjust ? 'acceptance-adjusted' : 'randomisation'} ${v.cell}` })))(
    'difference $name and its stacked sandwich SE match R', (v) => {
      const cell = CELLS.indexOf(v.cell);
      const a = fitSequence(tree, cell, seq(v.a), v.adjust), b = fitSequence(tree, cell, seq(v.b), v.adjust);
      close(a.value - b.value, v.value, 1e-12);
      close(differenceSe(a, b, data, member(cell)), v.se, 1e-7);
    });

  it('a fit refilled after other cells, sequences and weights is the fresh fit, bit for bit (the analyser reuses one per sequence and cell)', () => {
    const byLength = new Map<number, ReturnType<typeof fitSequence>>();
    for (const v of [...fx.values].reverse()) {
      const d = seq(v.sequence), cell = CELLS.indexOf(v.cell);
      const fresh = fitSequence(tree, cell, d, v.adjust);
      const reused = byLength.get(d.length);
      if (!reused) { byLength.set(d.length, fresh); continue; }
      // The reused arrays held another sequence of the same length.
      const refilled = fitSequence(tree, cell, d, v.adjust, reused);
      for (const key of ['value', 'se', 'weightSum'] as const) expect(Object.is(refilled[key], fresh[key]), `${v.sequence} ${v.cell} ${key}`).toBe(true);
      for (const key of ['options', 'alpha', 'scale', 'c', 'K'] as const) expect(refilled[key]).toEqual(fresh[key]);
    }
    expect(byLength.size).toBeGreaterThan(0);
    // A fit's arrays hold sequences of one length only.
    const [length, fit] = [...byLength][0];
    expect(() => fitSequence(tree, 0, seq(Array.from({ length: length + 1 }, () => 0)), true, fit)).toThrow(RangeError);
  });

  it('the product-limit cumulative remission and Greenwood SE match survfit', () => {
    const atRisk = new Float64Array(fx.L), events = new Float64Array(fx.L);
    for (let i = 0; i < fx.n; i++) {
      for (let k = 0; k < fx.reached[i]; k++) if (fx.dropped[i] !== k) atRisk[k]++;
      if (fx.remitLevel[i] >= 0) events[fx.remitLevel[i]]++;
    }
    const km = cumulativeIfNoDropout(atRisk, events);
    close(km.value, fx.productLimit.value, 1e-12);
    close(km.se, fx.productLimit.se, 1e-10);
  });
});
