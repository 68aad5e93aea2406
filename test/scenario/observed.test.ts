/**
 * ObservedReader.timeOrNone (src/scenario/observed.ts): a follow-up time, or
 * none (Infinity) for an empty cell, Inf (as trialsim and R write it) or
 * Infinity; anything else is a problem naming line and column.
 */
import { describe, it, expect } from 'vitest';
import { ObservedReader, parseObservedTable } from '../../src/scenario/observed.js';

describe('ObservedReader.timeOrNone', () => {
  const table = parseObservedTable('data.csv', 'id,dropout\n1,2.5\n2,\n3,Inf\n4,Infinity\n5,0\n6,-1\n7,soon\n8,-Inf\n');
  const r = new ObservedReader(table);
  const values = table.rows.map((_, i) => r.timeOrNone(i, 1));

  it('reads times and the three spellings of none', () => {
    expect(values.slice(0, 5)).toEqual([2.5, Infinity, Infinity, Infinity, 0]);
  });

  it('refuses a negative time, a word and -Inf, naming line and column', () => {
    expect(values.slice(5).every(Number.isNaN)).toBe(true);
    expect(() => r.done()).toThrow(/3 problems in the observed data:\n  - line 7, column "dropout": expected a time >= 0, or an empty cell or Inf for none, found "-1"\n  - line 8, column "dropout": .*found "soon"\n  - line 9, column "dropout": .*found "-Inf"$/);
  });
});
