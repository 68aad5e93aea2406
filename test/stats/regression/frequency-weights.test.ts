/**
 * Logistic regression on distinct rows with frequency weights equals the
 * fit to the patient rows they stand for (property test, 1e-10): the same
 * coefficients, covariance, log-likelihood and status, whatever the counts,
 * including a cell with one outcome only; and a separated design is
 * reported as separation either way.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { fitLogistic, modelMatrix } from '../../../src/stats/regression/index.js';

/** Rows of (1, treated, marker, treated x marker) for each (cell, outcome) with its count. */
function grouped(counts: number[][]) {
  const X: number[] = [], y: number[] = [], f: number[] = [];
  const expandedX: number[] = [], expandedY: number[] = [];
  counts.forEach(([events, failures], cell) => {
    const t = cell & 1, m = (cell >> 1) & 1, row = [1, t, m, t * m];
    for (const [outcome, n] of [[1, events], [0, failures]]) {
      if (n === 0) continue;
      X.push(...row); y.push(outcome); f.push(n);
      for (let k = 0; k < n; k++) { expandedX.push(...row); expandedY.push(outcome); }
    }
  });
  return {
    group: fitLogistic(modelMatrix(Float64Array.from(X), y.length, 4), y, { frequency: f }),
    patients: fitLogistic(modelMatrix(Float64Array.from(expandedX), expandedY.length, 4), expandedY),
  };
}

describe('logistic regression with frequency weights', () => {
  it('equals the patient-level fit to 1e-10', () => {
    fc.assert(fc.property(
      fc.array(fc.tuple(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 })), { minLength: 4, maxLength: 4 }),
      fc.integer({ min: 0, max: 7 }),
      (counts, oneSided) => {
        // Sometimes a cell has only events (or only failures): still estimable through the other cells.
        const c = counts.map((x) => [...x]);
        if (oneSided < 4) c[oneSided][1] = 0;
        const { group, patients } = grouped(c);
        expect(group.status).toBe(patients.status);
        if (!group.ok || !patients.ok) return;
        expect(group.n).toBe(patients.n);
        for (let j = 0; j < 4; j++) expect(Math.abs(group.coefficients[j] - patients.coefficients[j])).toBeLessThan(1e-10);
        for (let j = 0; j < 16; j++) expect(Math.abs(group.covariance[j] - patients.covariance[j])).toBeLessThan(1e-10);
        expect(Math.abs(group.logLik - patients.logLik)).toBeLessThan(1e-10 * Math.abs(patients.logLik));
      },
    ), { numRuns: 200, seed: 5 });
  });

  it('reports separation as the patient-level fit does', () => {
    const { group, patients } = grouped([[10, 5], [6, 9], [7, 0], [0, 8]].map((x) => x));
    expect(patients.status).toBe('separation');
    expect(group.status).toBe('separation');
  });
});
