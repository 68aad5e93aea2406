/**
 * Double programming: the stratified log-rank test against R's
 * survival::survdiff with strata (test/fixtures/enrichment-survival-logrank.R:
 * 240 patients in four strata, times rounded up to whole months so events
 * tie within and across strata), with one stratum against the project's
 * ordinary log-rank test (stats/logrank.ts, itself checked against survdiff),
 * and the doc comment's example by hand. Relative tolerance 1e-10: the same
 * sums in another order.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { stratifiedLogRankTest } from '../../src/stats/stratified-logrank.js';
import { logRankTest } from '../../src/stats/logrank.js';

interface LogRank { z: number; events: number; observedMinusExpected: number; variance: number }
const fixture = JSON.parse(readFileSync(new URL('../fixtures/enrichment-survival-logrank.json', import.meta.url), 'utf8')) as {
  patients: { treated: number[]; stratum: number[] };
  ties: { time: number[]; event: number[]; stratified: LogRank; pooled: LogRank };
};

const close = (actual: number, expected: number, what: string) =>
  expect(Math.abs(actual - expected) <= 1e-10 * Math.abs(expected), `${what}: ${actual} against R's ${expected}`).toBe(true);

describe('stratified log-rank test', () => {
  const { time, event } = fixture.ties;
  const { treated, stratum } = fixture.patients;
  const n = time.length;

  it('equals survdiff with strata on tied times: O − E, V, z and events', () => {
    const r = stratifiedLogRankTest(time, event, treated, stratum, n);
    close(r.observedMinusExpected, fixture.ties.stratified.observedMinusExpected, 'O − E');
    close(r.variance, fixture.ties.stratified.variance, 'V');
    close(r.z, fixture.ties.stratified.z, 'z');
    expect(r.events).toBe(fixture.ties.stratified.events);
  });

  it('with every row in one stratum equals survdiff without strata and the ordinary log-rank test', () => {
    const one = new Int32Array(n);
    const r = stratifiedLogRankTest(time, event, treated, one, n);
    close(r.z, fixture.ties.pooled.z, 'z');
    close(r.variance, fixture.ties.pooled.variance, 'V');
    const plain = logRankTest(Float64Array.from(time), Uint8Array.from(event), Uint8Array.from(treated), n);
    close(r.observedMinusExpected, plain.observedMinusExpected, 'O − E against logrank.ts');
    close(r.logHazardRatio, plain.logHazardRatio, 'Peto log HR against logrank.ts');
  });

  it('leaves out rows whose stratum is negative', () => {
    const kept = stratum.map((s, i) => (i % 3 === 0 ? -1 : s));
    const rows = time.map((_, i) => i).filter((i) => i % 3 !== 0);
    const a = stratifiedLogRankTest(time, event, treated, kept, n);
    const b = stratifiedLogRankTest(rows.map((i) => time[i]), rows.map((i) => event[i]), rows.map((i) => treated[i]), rows.map((i) => stratum[i]), rows.length);
    close(a.z, b.z, 'z');
    expect(a.events).toBe(b.events);
  });

  it('gives the doc example: two strata, the treated row first in each: z = 1/√(1/2)', () => {
    const r = stratifiedLogRankTest([1, 2, 1, 2], [1, 1, 1, 1], [1, 0, 1, 0], [0, 0, 1, 1], 4);
    expect(r.observedMinusExpected).toBeCloseTo(1, 14);
    expect(r.variance).toBeCloseTo(0.5, 14);
    expect(r.z).toBeCloseTo(Math.SQRT2, 14);
  });
});
