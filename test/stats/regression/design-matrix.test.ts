/** Column layout of the HTE model matrix (R's model.matrix order) and dropColumns. */
import { describe, expect, it } from 'vitest';
import { buildDesignMatrix, dropColumns, modelMatrix } from '../../../src/stats/regression/design-matrix.js';

const treatment = Float64Array.from([0, 1, 0, 1, 1]);
const marker = Float64Array.from([0.5, -1, 2, 0, 3]);
const subtype = Float64Array.from([0, 1, 2, 2, 1]);
const age = Float64Array.from([50, 60, 70, 40, 55]);

describe('buildDesignMatrix', () => {
  const d = buildDesignMatrix({
    treatment,
    terms: [
      { name: 'marker', kind: 'continuous', values: marker, interactsWithTreatment: true },
      { name: 'subtype', kind: 'categorical', levels: 3, levelNames: ['A', 'B', 'C'], values: subtype, interactsWithTreatment: true },
      { name: 'age', kind: 'continuous', values: age, interactsWithTreatment: false },
    ],
  });

  it('lays out intercept, treatment, main effects, then interactions', () => {
    expect(d.columnNames).toEqual([
      '(Intercept)', 'treatment', 'marker', 'subtype[B]', 'subtype[C]', 'age',
      'treatment:marker', 'treatment:subtype[B]', 'treatment:subtype[C]',
    ]);
    expect(d.p).toBe(9);
    expect(d.n).toBe(5);
    expect(d.interceptColumn).toBe(0);
    expect(d.treatmentColumn).toBe(1);
    expect(d.interactionColumns).toEqual([6, 7, 8]);
    expect(d.terms).toEqual([
      { name: 'marker', mainColumns: [2], interactionColumns: [6] },
      { name: 'subtype', mainColumns: [3, 4], interactionColumns: [7, 8] },
      { name: 'age', mainColumns: [5], interactionColumns: [] },
    ]);
  });

  it('fills rows with values, level indicators and products', () => {
    const row = (i: number): number[] => Array.from(d.X.subarray(i * d.p, (i + 1) * d.p));
    expect(row(0)).toEqual([1, 0, 0.5, 0, 0, 50, 0, 0, 0]);
    expect(row(1)).toEqual([1, 1, -1, 1, 0, 60, -1, 1, 0]);
    expect(row(2)).toEqual([1, 0, 2, 0, 1, 70, 0, 0, 0]);
    expect(row(3)).toEqual([1, 1, 0, 0, 1, 40, 0, 0, 1]);
    expect(row(4)).toEqual([1, 1, 3, 1, 0, 55, 3, 1, 0]);
  });

  it('omits the intercept for Cox models and names the treatment column', () => {
    const c = buildDesignMatrix({
      treatment,
      treatmentName: 'arm',
      intercept: false,
      terms: [{ name: 'pos', kind: 'binary', values: Float64Array.from([1, 0, 0, 1, 1]), interactsWithTreatment: true }],
    });
    expect(c.columnNames).toEqual(['arm', 'pos', 'arm:pos']);
    expect(c.interceptColumn).toBe(-1);
    expect(Array.from(c.X)).toEqual([0, 1, 0, 1, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1]);
  });

  it('throws RangeError for programming errors', () => {
    expect(() => buildDesignMatrix({ treatment, terms: [{ name: 'x', kind: 'continuous', values: [1, 2], interactsWithTreatment: false }] }))
      .toThrow(RangeError);
    expect(() => buildDesignMatrix({ treatment, terms: [{ name: 's', kind: 'categorical', levels: 2, values: subtype, interactsWithTreatment: false }] }))
      .toThrow(RangeError);
    expect(() => buildDesignMatrix({ treatment, terms: [{ name: 's', kind: 'categorical', values: subtype, interactsWithTreatment: false }] }))
      .toThrow(RangeError);
  });
});

describe('dropColumns / modelMatrix', () => {
  it('removes columns and keeps order and names', () => {
    const m = modelMatrix(Float64Array.from([1, 2, 3, 4, 5, 6]), 2, 3, ['a', 'b', 'c']);
    const r = dropColumns(m, [1]);
    expect(r.p).toBe(2);
    expect(r.columnNames).toEqual(['a', 'c']);
    expect(Array.from(r.X)).toEqual([1, 3, 4, 6]);
    expect(() => dropColumns(m, [3])).toThrow(RangeError);
    expect(modelMatrix(new Float64Array(4), 2, 2).columnNames).toEqual(['x0', 'x1']);
  });
});
