/**
 * A two-arm response-adaptive trial small enough to enumerate: 40 patients,
 * analyses after 10, 20, 30 and 40, equal allocation for the first 10, then
 * Thompson sampling (power 1) capped to [0.1, 0.9], stopping when either arm's
 * probability of being best reaches 0.99. Its operating characteristics are
 * computed exactly by dynamic programming over the sufficient statistics
 * (patients and responders per arm): within a block of m patients the number
 * on the drug is Binomial(m, π) and the responders binomial. The simulation
 * agrees within 4 MCSE (20,000 replicates here; 10^5 in the closing note).
 * P(best) in the recursion is the exact beta-inequality sum.
 */
import { describe, it, expect } from 'vitest';
import { simulate } from '../../../src/run/simulate.js';
import { probabilityGreaterExact } from '../../../src/stats/posteriors/beta-best.js';
import { binomialPmf } from '../../../src/stats/distributions.js';
import { scenario } from '../../helpers/scenarios.js';
import { binomialMcse, expectWithinMcse, meanMcse } from '../../helpers/mcse.js';

const ANALYSES = [10, 20, 30, 40];

/** P(drug best) by state, computed once per state. */
const bestCache = new Map<string, number>();
function drugBest(n0: number, y0: number, n1: number, y1: number): number {
  const key = `${n0},${y0},${n1},${y1}`;
  let v = bestCache.get(key);
  if (v === undefined) { v = probabilityGreaterExact(1 + y1, 1 + n1 - y1, 1 + y0, 1 + n0 - y0); bestCache.set(key, v); }
  return v;
}

interface Exact { declareDrug: number; declareControl: number; drugPatients: number; drugPatientsSq: number; patients: number }

/** Exact operating characteristics by recursion over (n0, y0, n1, y1). */
function exactTrial(p0: number, p1: number): Exact {
  const out: Exact = { declareDrug: 0, declareControl: 0, drugPatients: 0, drugPatientsSq: 0, patients: 0 };
  let states = new Map<string, number>([['0,0,0,0', 1]]);
  let done = 0;
  for (let j = 0; j < ANALYSES.length; j++) {
    const m = ANALYSES[j] - done;
    done = ANALYSES[j];
    const next = new Map<string, number>();
    for (const [key, prob] of states) {
      const [n0, y0, n1, y1] = key.split(',').map(Number);
      const piHere = j === 0 ? 0.5 : allocation(n0, y0, n1, y1);
      for (let k = 0; k <= m; k++) {
        const pk = prob * binomialPmf(k, m, piHere);
        if (pk === 0) continue;
        for (let r1 = 0; r1 <= k; r1++) {
          const q1 = pk * binomialPmf(r1, k, p1);
          for (let r0 = 0; r0 <= m - k; r0++) {
            const q = q1 * binomialPmf(r0, m - k, p0);
            const s = [n0 + m - k, y0 + r0, n1 + k, y1 + r1];
            const best = drugBest(s[0], s[1], s[2], s[3]);
            const stop = best >= 0.99 || 1 - best >= 0.99 || j === ANALYSES.length - 1;
            if (stop) {
              if (best >= 0.99) out.declareDrug += q;
              else if (1 - best >= 0.99) out.declareControl += q;
              out.drugPatients += q * s[2];
              out.drugPatientsSq += q * s[2] * s[2];
              out.patients += q * ANALYSES[j];
            } else {
              const key2 = s.join(',');
              next.set(key2, (next.get(key2) ?? 0) + q);
            }
          }
        }
      }
    }
    states = next;
  }
  return out;
}

/** The drug's allocation probability after an analysis: P(best) clamped to [0.1, 0.9]. */
function allocation(n0: number, y0: number, n1: number, y1: number): number {
  const best = drugBest(n0, y0, n1, y1);
  return Math.min(0.9, Math.max(0.1, best));
}

function trial(p0: number, p1: number, R: number) {
  return scenario({
    name: 'small rar', seed: 60, replicates: R,
    endpoint: { type: 'binary', model: 'rates', rates: [{ rates: { control: p0, drug: p1 } }] },
    arms: { control: {}, drug: {} },
    design: {
      type: 'response-adaptive', sampleSize: 40, analyses: [10, 20, 30],
      allocation: { rule: 'thompson', power: 1, burnIn: 10, min: 0.1, max: 0.9 },
      stopping: { superiority: 0.99 },
    },
  });
}

describe('response-adaptive trial against exact enumeration', () => {
  for (const [p0, p1] of [[0.3, 0.3], [0.2, 0.6]]) {
    it(`control ${p0}, drug ${p1}`, async () => {
      const R = 20000;
      const exact = exactTrial(p0, p1);
      const { summary } = await simulate(trial(p0, p1, R), { workers: 2 });
      expectWithinMcse(summary.hypotheses[0].rate, exact.declareDrug, { mcse: binomialMcse(exact.declareDrug, R) });
      const drug = summary.metrics.find((m) => m.id === 'patients:drug')!;
      const sd = Math.sqrt(exact.drugPatientsSq - exact.drugPatients ** 2);
      expectWithinMcse(drug.mean, exact.drugPatients, { mcse: meanMcse(sd, R) });
      const size = summary.metrics.find((m) => m.id === 'sampleSize')!;
      expect(size.max).toBeLessThanOrEqual(40);
      expect(exact.declareDrug + exact.declareControl).toBeLessThan(1);
    });
  }
});
