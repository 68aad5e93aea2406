/**
 * Basket scenarios built in code, so each test states the parameters it
 * depends on, and helpers to run them and compare rates and means with
 * exact values within 4 Monte Carlo SEs.
 */
import { expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { scenario } from '../../helpers/scenarios.js';
import { simulate } from '../../../src/simulate.js';
import type { Summary } from '../../../src/summary/summarise.js';

type Data = Record<string, unknown>;

/** A basket scenario with rates given directly. */
export function basketData(design: Data, top: Data = {}): Data {
  return { name: 'basket test', seed: 7, replicates: 4000, ...top, design: { type: 'basket', ...design } };
}

export const load = (data: Data) => scenario(data);

/** Runs in-process (no dist needed). */
export async function run(data: Data): Promise<Summary> {
  return (await simulate(scenario(data), { workers: 0 })).summary;
}

export function hypothesis(s: Summary, id: string) {
  const h = s.hypotheses.find((x) => x.id === id);
  if (!h) throw new Error(`no hypothesis ${id} among ${s.hypotheses.map((x) => x.id).join(', ')}`);
  return h;
}

export function metric(s: Summary, id: string) {
  const m = s.metrics.find((x) => x.id === id);
  if (!m) throw new Error(`no metric ${id} among ${s.metrics.map((x) => x.id).join(', ')}`);
  return m;
}

export function estimate(s: Summary, id: string) {
  const e = s.estimates.find((x) => x.id === id);
  if (!e) throw new Error(`no estimate ${id}`);
  return e;
}

/** |simulated rate - exact| <= 4 Monte Carlo SEs computed at the exact value. */
export function expectRate(s: Summary, id: string, exact: number): void {
  const h = hypothesis(s, id);
  const mcse = Math.sqrt((exact * (1 - exact)) / s.replicates);
  expect(Math.abs(h.rate - exact), `${id}: simulated ${h.rate}, exact ${exact}, MCSE ${mcse}`).toBeLessThanOrEqual(Math.max(4 * mcse, 1e-12));
}

/** |metric mean - expected| <= 4 SE of the mean. */
export function expectMean(s: Summary, id: string, expected: number): void {
  const m = metric(s, id);
  const se = m.sd / Math.sqrt(s.replicates);
  expect(Math.abs(m.mean - expected), `${id}: mean ${m.mean}, expected ${expected}, SE ${se}`).toBeLessThanOrEqual(Math.max(4 * se, 1e-12));
}

/** |estimate mean - expected| <= 4 SE of the mean. */
export function expectEstimateMean(s: Summary, id: string, expected: number): void {
  const e = estimate(s, id);
  const se = e.empiricalSe! / Math.sqrt(e.n);
  expect(Math.abs(e.mean! - expected), `${id}: mean ${e.mean}, expected ${expected}, SE ${se}`).toBeLessThanOrEqual(Math.max(4 * se, 1e-12));
}

/** The R fixture test/fixtures/basket-design.json (see basket-design.R). */
export const fixture = JSON.parse(readFileSync(new URL('../../fixtures/basket-design.json', import.meta.url), 'utf8')) as {
  independent: { n: number[]; p0: number[]; rate: number[]; alpha: number; criticalValue: number[]; rejection: number[]; fwer: number; anyTrueSuccess: number };
  pooled: { criticalValue: number; rejection: number };
  simon: { p0: number; p1: number; r1: number; n1: number; r: number; n: number; rate: number[]; rejection: number[]; earlyStop: number[]; expectedSize: number[]; meanEstimate: number[] };
  fisher: { n1: number; n0: number; alpha: number; power: number; size: number };
  fujikawa: { n: number; p0: number; threshold: number; criticalValue: number; rate: number[]; rejection: number[]; meanEstimate: number[] };
};
