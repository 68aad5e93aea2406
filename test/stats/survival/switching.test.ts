/**
 * The Cox model with a switching treatment and the RPSFTM against R
 * (fixture test/fixtures/switching-survival.R: survival::coxph on
 * counting-process data; an RPSFTM g-estimation written independently in R
 * with survdiff and uniroot, then coxph on the counterfactual times), and
 * by properties: without switches the switching Cox is the two-group Cox
 * (and with whole-month times, tied events and switches at event times, as
 * coxph with Breslow ties);
 * at ψ̂ the untreated times are balanced between the arms.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { SwitchingCox } from '../../../src/stats/survival/switching-cox.js';
import { Rpsft, type RpsftData } from '../../../src/stats/survival/rpsft.js';
import { twoGroupLogHazardRatio } from '../../../src/stats/cox-two-group.js';
import { logRankTest } from '../../../src/stats/logrank.js';

interface Fixture {
  data: Record<'time' | 'event' | 'before' | 'switchAt' | 'assigned' | 'onTreatment' | 'followUp', number[]>;
  asTreated: { logHr: number; se: number };
  itt: { logHr: number; se: number; logRankZ: number };
  rpsft: { psi: number; logHr: number; zAt: { psi: number[]; z: number[] } };
  ties: { time: number[]; event: number[]; before: number[]; switchAt: number[]; logHr: number; se: number };
}
const f = JSON.parse(readFileSync(new URL('../../fixtures/switching-survival.json', import.meta.url), 'utf8')) as Fixture;
const n = f.data.time.length;
const time = Float64Array.from(f.data.time), event = Uint8Array.from(f.data.event), assigned = Uint8Array.from(f.data.assigned);
const switchAt = Float64Array.from(f.data.switchAt, (s) => (s < 0 ? Infinity : s));
const cox = new SwitchingCox();

describe('the Cox model with a treatment that switches once', () => {
  it('equals coxph on counting-process data (as treated), estimate and SE to 1e-9', () => {
    const fit = cox.fit({ n, time, event, before: Uint8Array.from(f.data.before), switchAt });
    expect(fit.status).toBe('ok');
    expect(fit.logHr).toBeCloseTo(f.asTreated.logHr, 9);
    expect(fit.se).toBeCloseTo(f.asTreated.se, 9);
  });

  it('without switches equals coxph by assignment and the two-group Cox', () => {
    const fit = cox.fit({ n, time, event, before: assigned, switchAt: new Float64Array(n).fill(Infinity) });
    expect(fit.logHr).toBeCloseTo(f.itt.logHr, 9);
    expect(fit.se).toBeCloseTo(f.itt.se, 9);
    const plain = twoGroupLogHazardRatio(time, event, assigned, n);
    expect(fit.logHr).toBeCloseTo(plain.logHr, 10);
  });

  it('handles tied event times, a switch at another patient\'s event time and an event at a switch time as coxph with Breslow ties', () => {
    const t = f.ties;
    const fit = cox.fit({ n: t.time.length, time: Float64Array.from(t.time), event: Uint8Array.from(t.event), before: Uint8Array.from(t.before), switchAt: Float64Array.from(t.switchAt, (x) => (x < 0 ? Infinity : x)) });
    expect(fit.logHr).toBeCloseTo(t.logHr, 9);
    expect(fit.se).toBeCloseTo(t.se, 9);
  });

  it('reports no events rather than dividing by zero', () => {
    expect(cox.fit({ n: 3, time: Float64Array.of(1, 2, 3), event: new Uint8Array(3), before: Uint8Array.of(0, 1, 0), switchAt: new Float64Array(3).fill(Infinity) }).status).toBe('no-events');
  });
});

describe('the RPSFTM', () => {
  const data: RpsftData = { n, time, event, assigned, onTreatment: Float64Array.from(f.data.onTreatment), followUp: Float64Array.from(f.data.followUp) };
  const coxLogHr = (t: Float64Array, e: Uint8Array, g: Uint8Array, m: number) => cox.fit({ n: m, time: t, event: e, before: g, switchAt: new Float64Array(m).fill(Infinity) }).logHr;
  const rpsft = new Rpsft();
  const r = rpsft.estimate(data, coxLogHr);

  it('balances the recensored untreated times as an independent R g-estimation does (survdiff), on a grid of ψ, to 1e-10', () => {
    f.rpsft.zAt.psi.forEach((psi, k) => expect(rpsft.balance(data, psi)).toBeCloseTo(f.rpsft.zAt.z[k], 10));
  });

  it('gives the counterfactual hazard ratio coxph gives on the recensored times at R\'s root, to 1e-9', () => {
    expect(rpsft.hazardRatioAt(data, f.rpsft.psi, coxLogHr)).toBeCloseTo(f.rpsft.logHr, 9);
  });

  it('finds a crossing of z near R\'s (z is a step function that crosses 0 several times within 0.01 here)', () => {
    expect(r.status).toBe('ok');
    expect(Math.abs(r.psi - f.rpsft.psi)).toBeLessThan(0.01);
    expect(rpsft.balance(data, r.psi - 1e-7) * rpsft.balance(data, r.psi + 1e-7)).toBeLessThanOrEqual(0);
  });

  it('balances the untreated times at ψ̂, and at ψ = 0 reproduces the ITT log-rank z', () => {
    expect(Math.abs(rpsft.balance(data, r.psi))).toBeLessThan(0.02);
    expect(rpsft.balance(data, 0)).toBeCloseTo(f.itt.logRankZ, 10);
    expect(logRankTest(time, event, assigned, n).z).toBeCloseTo(f.itt.logRankZ, 10);
  });
});
