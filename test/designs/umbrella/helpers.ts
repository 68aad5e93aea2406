/**
 * Umbrella scenarios built in code, so each test states the parameters it
 * depends on, and helpers to run them and read rates and metrics.
 */
import { expect } from 'vitest';
import { scenario } from '../../helpers/scenarios.js';
import { simulate } from '../../../src/simulate.js';
import type { Summary } from '../../../src/summary/summarise.js';

type Data = Record<string, unknown>;

/** A valid umbrella scenario; `design` keys override the defaults. */
export function umbrellaData(over: { design?: Data; top?: Data } = {}): Data {
  return {
    name: 'umbrella test', seed: 5, replicates: 100, truth: { patients: 20000 },
    population: {
      biomarkers: [
        { id: 'a', type: 'binary', prevalence: 0.3 },
        { id: 'b', type: 'binary', prevalence: 0.2 },
        { id: 'score', type: 'continuous', mean: 0, sd: 1 },
        { id: 'site', type: 'categorical', levels: { lung: 0.5, colon: 0.3, skin: 0.2 } },
      ],
    },
    endpoint: { type: 'binary', intercept: -1 },
    arms: { control: {}, 'drug-a': { interactions: { a: 1 } }, 'drug-b': {} },
    design: {
      type: 'umbrella',
      screening: { ratePerMonth: 20 },
      substudies: [
        { id: 'A', eligibility: 'a', drug: 'drug-a', sampleSize: 40 },
        { id: 'B', eligibility: 'b and not a', drug: 'drug-b', sampleSize: 40 },
      ],
      analysis: { test: 'z-pooled' },
      ...over.design,
    },
    ...over.top,
  };
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
  if (!m) throw new Error(`no metric ${id}`);
  return m;
}

/** |simulated rate - exact| <= 4 Monte Carlo SEs computed at the exact value. */
export function expectRate(s: Summary, id: string, exact: number): void {
  const h = hypothesis(s, id);
  const mcse = Math.sqrt((exact * (1 - exact)) / s.replicates);
  expect(Math.abs(h.rate - exact), `${id}: simulated ${h.rate}, exact ${exact}, MCSE ${mcse}`).toBeLessThanOrEqual(4 * mcse);
}

/** |metric mean - expected| <= 4 SE of the mean. */
export function expectMean(s: Summary, id: string, expected: number): void {
  const m = metric(s, id);
  const se = m.sd / Math.sqrt(s.replicates);
  expect(Math.abs(m.mean - expected), `${id}: mean ${m.mean}, expected ${expected}, SE ${se}`).toBeLessThanOrEqual(4 * se);
}
