/**
 * combineTables with a workspace kept across count vectors (as a model
 * keeps it): the prefix sum of every table but the last is reused when the
 * vector's other tables are the same objects, and must give the same bits
 * as a fresh workspace, whatever came before; a changed earlier table or
 * another number of baskets must not reuse it.
 */
import { describe, it, expect } from 'vitest';
import { buildBasketTable, combineTables, CombineWorkspace, type BasketTable } from '../../../src/stats/basket/basket-tables.js';
import { buildHyperGrid, DEFAULT_GRID } from '../../../src/stats/basket/hyper-grid.js';
import { BERRY_TAU_PRIOR } from '../../../src/stats/basket/tau-prior.js';
import { logit } from '../../../src/stats/distributions.js';

const threshold = logit(0.15);
const grid = buildHyperGrid({ mean: 0, sd: 10 }, BERRY_TAU_PRIOR, DEFAULT_GRID, [0, 0, 0, 0], 4);
const spec = { n: 12, offset: threshold, threshold: 0 };
const table: BasketTable[] = Array.from({ length: spec.n + 1 }, (_, y) => buildBasketTable(grid, y, spec));

/** Everything a combination returns, as text (JSON writes each double's shortest exact form). */
function bytes(tables: BasketTable[], ws?: CombineWorkspace): string {
  const r = combineTables(grid, tables, ws);
  const { count } = r.weights;
  return JSON.stringify({
    probAbove: r.probAbove, mean: r.mean, sd: r.sd, muMean: r.muMean, tauMean: r.tauMean, logMax: r.weights.logMax, total: r.weights.total,
    logW: Array.from(r.weights.logW.subarray(0, grid.size)), active: Array.from(r.weights.active.subarray(0, count)), w: Array.from(r.weights.w.subarray(0, count)),
  });
}

describe('combineTables with a kept workspace', () => {
  it('gives the bits of a fresh workspace through a sequence that reuses, changes and drops the kept prefix', () => {
    const sequence = [
      [1, 2, 3, 4], [1, 2, 3, 5], [1, 2, 3, 0], // the last basket changes: the prefix is reused
      [1, 2, 6, 5], [1, 2, 6, 5], // an earlier basket changes, then the same vector again
      [7, 2, 6, 5], // the first basket changes
      [1, 2, 3], [1, 2, 3, 4], // fewer baskets (the same first tables), then four again
      [9], [9, 9], [], [1, 2, 3, 4],
    ];
    const kept = new CombineWorkspace(grid.size);
    for (const y of sequence) {
      const tables = y.map((k) => table[k]);
      expect(bytes(tables, kept), `vector ${y.join(',')}`).toBe(bytes(tables, new CombineWorkspace(grid.size)));
    }
  });

  it('gives the same bits without a workspace', () => {
    const tables = [3, 1, 4, 1].map((k) => table[k]);
    expect(bytes(tables)).toBe(bytes(tables, new CombineWorkspace(grid.size)));
  });
});
