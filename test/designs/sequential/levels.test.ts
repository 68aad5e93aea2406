/**
 * Per-level and cumulative remission against closed forms: with known
 * per-level remission probabilities r_k and no dropout, the truth is r_k and
 * 1 - Π(1 - r_k) exactly and the simulated estimates are unbiased within 4
 * Monte Carlo SEs; with dropout during levels (d_k), intolerance (q_k) and
 * non-remitters declining the next level (e_k), the expected cumulative
 * remission is Σ_k Π_{j<k}(1-d_j)(1-(1-q_j)p_j)(1-e_j) · (1-d_k)(1-q_k)p_k.
 */
import { describe, it, expect } from 'vitest';
import { sequential, level, run, estimate, unbiased, covers } from './helpers.js';
import { expectWithinMcse, meanMcse } from '../../helpers/mcse.js';

const STARD = [0.368, 0.306, 0.137, 0.13];

describe('per-level and cumulative remission', () => {
  it('with no dropout, per-level rates and cumulative remission 1 - Π(1 - r_k) are reproduced', async () => {
    const s = sequential({
      sampleSize: 400,
      treatments: { A: {}, B: {}, C: {}, D: {}, E: {}, F: {} },
      levels: [
        level('L1', { A: STARD[0] }),
        { ...level('L2', { B: STARD[1], C: STARD[1] }), acceptance: [{ accepts: ['B'], probability: 0.3 }, { accepts: ['B', 'C'], probability: 0.7 }] },
        level('L3', { D: STARD[2], E: STARD[2] }),
        level('L4', { F: STARD[3] }),
      ],
    }, { replicates: 2000 });
    const summary = await run(s);
    const cumulative = 1 - STARD.reduce((acc, r) => acc * (1 - r), 1);
    expect(cumulative).toBeCloseTo(0.6707, 4);
    STARD.forEach((r, k) => {
      const id = `remission:L${k + 1}`;
      expect(estimate(summary, id).truth).toBeCloseTo(r, 12);
      unbiased(summary, id, r);
      covers(summary, id);
    });
    for (const id of ['cumulative-remission', 'cumulative-remission-if-no-dropout']) {
      expect(estimate(summary, id).truth).toBeCloseTo(cumulative, 12);
      unbiased(summary, id, cumulative);
      covers(summary, id);
    }
  });

  it('with dropout, intolerance and declining, every rate matches its closed-form expectation', async () => {
    const p = [0.4, 0.3, 0.25], d = [0.1, 0.15, 0.05], q = [0.05, 0.1, 0.2], e = [0.3, 0.2];
    const s = sequential({
      sampleSize: 500,
      treatments: { A: {}, B: {}, C: {} },
      levels: p.map((rate, k) => ({
        id: `L${k + 1}`, dropout: d[k], declineNext: e[k] ?? 0,
        options: [{ id: 'ABC'[k], treatment: 'ABC'[k], intolerance: q[k], remission: { rate } }],
      })),
    }, { replicates: 2000 });
    const summary = await run(s);
    let reach = 1, cumulative = 0, stay = 1;
    p.forEach((pk, k) => {
      const perLevel = (1 - d[k]) * (1 - q[k]) * pk;
      cumulative += reach * perLevel;
      reach *= (1 - d[k]) * (1 - (1 - q[k]) * pk) * (1 - (e[k] ?? 0));
      stay *= 1 - (1 - q[k]) * pk;
      const id = `remission:L${k + 1}`;
      expect(estimate(summary, id).truth).toBeCloseTo(perLevel, 12);
      unbiased(summary, id, perLevel);
    });
    expect(estimate(summary, 'cumulative-remission').truth).toBeCloseTo(cumulative, 12);
    unbiased(summary, 'cumulative-remission', cumulative);
    covers(summary, 'cumulative-remission');
    const ifNoDropout = 1 - stay;
    expect(estimate(summary, 'cumulative-remission-if-no-dropout').truth).toBeCloseTo(ifNoDropout, 12);
    unbiased(summary, 'cumulative-remission-if-no-dropout', ifNoDropout);
    covers(summary, 'cumulative-remission-if-no-dropout');
    const entering = summary.metrics.find((m) => m.id === 'entering:L3')!;
    const expected = 500 * (1 - d[0]) * (1 - (1 - q[0]) * p[0]) * (1 - e[0]) * (1 - d[1]) * (1 - (1 - q[1]) * p[1]) * (1 - e[1]);
    expectWithinMcse(entering.mean, expected, { mcse: meanMcse(entering.sd, summary.replicates), what: 'entering:L3' });
  });

  it('relapse during follow-up gives sustained remission Σ_k P(remit at k)(1 - relapse_k)', async () => {
    const s = sequential({
      sampleSize: 300, followUpWeeks: 52,
      treatments: { A: {}, B: {} },
      levels: [level('L1', { A: 0.4 }, { relapse: 0.3 }), level('L2', { B: 0.3 }, { relapse: 0.5 })],
    }, { replicates: 1000 });
    const summary = await run(s);
    const sustained = 0.4 * 0.7 + 0.6 * 0.3 * 0.5;
    expect(estimate(summary, 'sustained-remission').truth).toBeCloseTo(sustained, 12);
    unbiased(summary, 'sustained-remission', sustained);
  });
});
