/**
 * Basket scenarios built in code, so each test states the parameters it
 * depends on, and helpers to run them and compare rates and means with
 * exact values within 4 Monte Carlo SEs.
 */
import { readFileSync } from 'node:fs';
import type { Summary } from '../../../src/summary/summarise.js';
import { estimate } from '../../helpers/summary.js';
import { expectWithinMcse, meanMcse } from '../../helpers/mcse.js';
export { load, run, hypothesis, metric, estimate, expectRate, expectMean } from '../../helpers/summary.js';

type Data = Record<string, unknown>;

/** A basket scenario with rates given directly. */
export function basketData(design: Data, top: Data = {}): Data {
  return { name: 'basket test', seed: 7, replicates: 4000, ...top, design: { type: 'basket', ...design } };
}

/** |estimate mean - expected| <= 4 SE of the mean. */
export function expectEstimateMean(s: Summary, id: string, expected: number): void {
  const e = estimate(s, id);
  expectWithinMcse(e.mean!, expected, { mcse: meanMcse(e.empiricalSe!, e.n), floor: 1e-12, what: `${id} mean` });
}

/** The R fixture test/fixtures/basket-design.json (see basket-design.R). */
export const fixture = JSON.parse(readFileSync(new URL('../../fixtures/basket-design.json', import.meta.url), 'utf8')) as {
  independent: { n: number[]; p0: number[]; rate: number[]; alpha: number; criticalValue: number[]; rejection: number[]; fwer: number; anyTrueSuccess: number };
  pooled: { criticalValue: number; rejection: number };
  simon: { p0: number; p1: number; r1: number; n1: number; r: number; n: number; rate: number[]; rejection: number[]; earlyStop: number[]; expectedSize: number[]; meanEstimate: number[] };
  fisher: { n1: number; n0: number; alpha: number; power: number; size: number };
  fujikawa: { n: number; p0: number; threshold: number; criticalValue: number; rate: number[]; rejection: number[]; meanEstimate: number[] };
};
