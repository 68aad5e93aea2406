/**
 * Missing outcomes in the non-compliance design: missing completely at
 * random leaves the complete-case ITT estimate centred on the exact ITT
 * effect; missing at random given the arm taken biases it (the patients
 * who took the treatment drop out more), and inverse probability weighting
 * by a fitted model of being observed removes the bias.
 */
import { describe, it, expect } from 'vitest';
import { noncomplianceDesign } from '../../../src/designs/noncompliance/index.js';
import { newRecord } from '../../../src/designs/types.js';
import { ReplicateStreams } from '../../../src/random/stream.js';
import { scenario } from '../../helpers/scenarios.js';
import { expectWithinMcse, meanMcse } from '../../helpers/mcse.js';

function trial(dropout: Record<string, unknown>) {
  return scenario({
    name: 'dropout', seed: 21, replicates: 10,
    endpoint: { type: 'continuous', sd: 1 },
    arms: { control: {}, drug: { effect: 0.5 } },
    design: {
      type: 'noncompliance', sampleSize: 400, compliance: { 'never-taker': { share: 0.2 } }, dropout,
      analysis: { estimators: ['itt', 'ipw-itt'] },
    },
  });
}

/** Mean and MCSE of each estimate, and the share missing, over R trials. */
function run(loaded: ReturnType<typeof trial>, R: number) {
  const plan = noncomplianceDesign.plan(loaded.spec, loaded.prepared.data);
  const rec = newRecord(plan.layout);
  const sums = [0, 0], squares = [0, 0];
  let missing = 0;
  for (let r = 1; r <= R; r++) {
    plan.simulate(new ReplicateStreams(21, r), rec);
    for (let k = 0; k < 2; k++) { sums[k] += rec.estimate[k]; squares[k] += rec.estimate[k] ** 2; }
    missing += rec.metric[plan.layout.metrics.findIndex((m) => m.id === 'missing')];
  }
  const at = (k: number) => { const m = sums[k] / R; return { mean: m, mcse: meanMcse(Math.sqrt(squares[k] / R - m * m), R) }; };
  return { itt: at(0), ipw: at(1), missing: missing / R };
}

// Every patient has the same effect 0.5; 80% compliers, 20% never-takers: ITT = 0.8 x 0.5, exactly.
const ITT = 0.4;
const R = 4000;

describe('non-compliance design: missing outcomes', () => {
  it('completely at random: the complete-case ITT is centred on the ITT effect', () => {
    const r = run(trial({ share: 0.25 }), R);
    expectWithinMcse(r.missing, 0.25, { mcse: Math.sqrt(0.25 * 0.75 / (400 * R)) });
    expectWithinMcse(r.itt.mean, ITT, { mcse: r.itt.mcse });
    expectWithinMcse(r.ipw.mean, ITT, { mcse: r.ipw.mcse });
  });

  it('at random given the arm taken: the complete-case ITT is biased, the inverse probability weighted one is not', () => {
    const r = run(trial({ share: 0.1, treatment: 2 }), R);
    expect(ITT - r.itt.mean).toBeGreaterThan(8 * r.itt.mcse);
    expectWithinMcse(r.ipw.mean, ITT, { mcse: r.ipw.mcse });
  });
});
