/**
 * One replicate of the cancellation example as cell counts, drawn directly
 * instead of patient by patient (an independent route to the engine's
 * numbers): 150 patients per arm, marker-positive count Binomial(150, 1/2) in
 * each arm, control response 1/2, drug response pPlus or pMinus by marker.
 */
import type { RandomSource } from '../../src/random/stream.js';
import { logistic } from '../../src/stats/distributions.js';

/** Responders and patients in a cell. */
export type Cell = { responders: number; patients: number };

export function drawCancellationCells(u: RandomSource, pPlus: number, pMinus: number): { drugPlus: Cell; controlPlus: Cell; drugMinus: Cell; controlMinus: Cell } {
  const bin = (n: number, p: number) => { let x = 0; for (let i = 0; i < n; i++) if (u() < p) x++; return x; };
  const m1 = bin(150, 0.5), m0 = bin(150, 0.5); // marker-positive on drug, on control
  const cell = (n: number, p: number): Cell => ({ responders: bin(n, p), patients: n });
  const drugPlus = cell(m1, pPlus), controlPlus = cell(m0, 0.5);
  const drugMinus = cell(150 - m1, pMinus), controlMinus = cell(150 - m0, 0.5);
  return { drugPlus, controlPlus, drugMinus, controlMinus };
}

/** Drug response in marker-positive and marker-negative patients (log odds ±1.2; control 1/2). */
export const pPlus = logistic(1.2);
export const pMinus = logistic(-1.2);

/**
 * The cancellation example as a scenario: 300 patients, 1:1 permuted blocks,
 * drug log odds -1.2 + 2.4 x marker, control response 1/2, marker prevalence
 * 1/2, pooled z-test overall and by marker, plus any extra analysis keys.
 */
export function cancellationScenarioData(name: string, replicates: number, truthPatients: number, analysis: Record<string, unknown> = {}) {
  return {
    name, seed: 3, replicates, truth: { patients: truthPatients },
    population: { biomarkers: [{ id: 'mplus', type: 'binary', prevalence: 0.5 }] },
    endpoint: { type: 'binary', intercept: 0 },
    arms: { control: {}, drug: { effect: -1.2, interactions: { mplus: 2.4 } } },
    design: {
      type: 'two-arm', sampleSize: 300,
      randomisation: { method: 'permuted-block', blockSize: 4 },
      analysis: { primary: { test: 'z-pooled', alpha: 0.05, sided: 'two' }, subgroups: ['mplus'], ...analysis },
    },
  };
}
