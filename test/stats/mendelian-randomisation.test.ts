/**
 * The Mendelian randomisation estimators equal base R's weighted lm (IVW
 * through the origin, MR-Egger on oriented variants, both with
 * multiplicative random-effects scaling) and the weighted median as
 * Bowden et al. 2016 define it, on three fixed data sets
 * (test/fixtures/mendelian-randomisation.R).
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { ivw, egger, weightedMedian, ratioEstimate, type AssociationData } from '../../src/stats/mendelian-randomisation.js';

interface Set {
  bx: number[]; sx: number[]; by: number[]; sy: number[];
  ivw: { estimate: number; se: number; residualSe: number };
  egger: { estimate: number; se: number; intercept: number; interceptSe: number; df: number };
  median: number; ratio: number[]; ratioSe: number[];
}
const fixture = JSON.parse(readFileSync('test/fixtures/mendelian-randomisation.json', 'utf8')) as Record<string, Set>;

describe.each(Object.entries(fixture))('MR estimators on "%s"', (_name, f) => {
  const d: AssociationData = { k: f.bx.length, bx: Float64Array.from(f.bx), sx: Float64Array.from(f.sx), by: Float64Array.from(f.by), sy: Float64Array.from(f.sy) };
  it('IVW equals lm(by ~ bx - 1, weights = sy^-2) with the random-effects scaling', () => {
    const r = ivw(d);
    expect(r.estimate).toBeCloseTo(f.ivw.estimate, 12);
    expect(r.se).toBeCloseTo(f.ivw.se, 12);
    expect(r.residualSe).toBeCloseTo(f.ivw.residualSe, 10);
  });
  it('MR-Egger equals the weighted lm on oriented variants: slope, intercept, their SEs and df', () => {
    const r = egger(d);
    expect(r.estimate).toBeCloseTo(f.egger.estimate, 11);
    expect(r.se).toBeCloseTo(f.egger.se, 11);
    expect(r.intercept).toBeCloseTo(f.egger.intercept, 12);
    expect(r.interceptSe).toBeCloseTo(f.egger.interceptSe, 12);
    expect(r.df).toBe(f.egger.df);
  });
  it('the weighted median and the ratio estimates equal R', () => {
    // No bootstrap draws are needed for the point estimate.
    expect(weightedMedian(d, 2, () => 0).estimate).toBeCloseTo(f.median, 12);
    f.ratio.forEach((x, j) => {
      expect(ratioEstimate(d, j).estimate).toBeCloseTo(x, 12);
      expect(ratioEstimate(d, j).se).toBeCloseTo(f.ratioSe[j], 12);
    });
  });
});
