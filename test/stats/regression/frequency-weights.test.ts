/**
 * Logistic regression on distinct rows with frequency weights equals the
 * fit to the patient rows they stand for (property test, 1e-10): the same
 * coefficients, covariance, log-likelihood and status, whatever the counts,
 * including a cell with one outcome only; and a separated design is
 * reported as separation either way.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { fitLinear, fitLogistic, modelMatrix } from '../../../src/stats/regression/index.js';
import { mulberry32 } from '../../helpers/mulberry32.js';

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

describe('least squares on covariate patterns (count, mean, squared deviations)', () => {
  /** Rows (1, treated, marker, treated x marker) by cell, each patient's outcome drawn around the cell's mean; fitted both ways. */
  function bothWays(sizes: number[], seed: number) {
    const u = mulberry32(seed);
    const X: number[] = [], ybar: number[] = [], count: number[] = [], within: number[] = [];
    const patientX: number[] = [], patientY: number[] = [];
    sizes.forEach((size, cell) => {
      if (size === 0) return;
      const t = cell & 1, m = (cell >> 1) & 1, row = [1, t, m, t * m];
      const ys = Array.from({ length: size }, () => 10 + 0.3 * t + 0.5 * m + 0.4 * t * m + (u() - 0.5) * 3);
      const mean = ys.reduce((a, b) => a + b, 0) / size;
      X.push(...row); ybar.push(mean); count.push(size); within.push(ys.reduce((a, y) => a + (y - mean) ** 2, 0));
      for (const y of ys) { patientX.push(...row); patientY.push(y); }
    });
    return {
      group: fitLinear(modelMatrix(Float64Array.from(X), ybar.length, 4), ybar, { count: Float64Array.from(count), within }),
      patients: fitLinear(modelMatrix(Float64Array.from(patientX), patientY.length, 4), patientY),
    };
  }
  const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-10 * Math.max(1, Math.abs(b)));

  it('equals the patient-level fit to 1e-10: coefficients, covariance, RSS, sigma, log-likelihood, t statistics', () => {
    fc.assert(fc.property(
      fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 4, maxLength: 4 }),
      fc.integer({ min: 1, max: 1e6 }),
      (sizes, seed) => {
        const { group, patients } = bothWays(sizes, seed);
        expect(group.status).toBe(patients.status);
        if (!group.ok || !patients.ok) return;
        expect(group.n).toBe(patients.n);
        expect(group.dfResidual).toBe(patients.dfResidual);
        for (let j = 0; j < 4; j++) { close(group.coefficients[j], patients.coefficients[j]); close(group.statistics[j], patients.statistics[j]); }
        for (let j = 0; j < 16; j++) close(group.covariance[j], patients.covariance[j]);
        close(group.rss, patients.rss); close(group.sigma, patients.sigma); close(group.logLik, patients.logLik);
      },
    ), { numRuns: 200, seed: 8 });
  });

  it('is singular as the patient-level fit is: an empty cell aliases the interaction; one patient a cell leaves no residual', () => {
    const empty = bothWays([20, 20, 20, 0], 3);
    expect(empty.patients.status).toBe('singular');
    expect(empty.group.status).toBe('singular');
    const single = bothWays([1, 1, 1, 1], 4);
    expect(single.patients.status).toBe('singular');
    expect(single.group.status).toBe('singular');
  });
});
