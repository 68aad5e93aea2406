/**
 * Allocation rules of the response-adaptive design. Property (fast-check):
 * whatever the probabilities of being best, capped shares add to 1 and stay
 * within [min, max] (restricted: 0 or within; the max only while enough arms
 * are left to meet it). By symmetry, Thompson
 * sampling between two arms of identical response gives each half the
 * patients in expectation (4 MCSE). Invalid plans are refused at validate
 * time with the key path.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { cappedShares } from '../../../src/designs/response-adaptive/allocation.js';
import { simulate } from '../../../src/run/simulate.js';
import { scenario, refusalOf, editorOf } from '../../helpers/scenarios.js';
import { expectWithinMcse, meanMcse } from '../../helpers/mcse.js';

describe('capped shares', () => {
  it('add to 1 and stay within the caps for any weights', () => {
    fc.assert(fc.property(
      fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 6 }),
      fc.double({ min: 0, max: 0.15, noNaN: true }),
      fc.boolean(),
      (weights, min, restricted) => {
        const K = weights.length;
        const max = Math.max(1 / K, 0.6);
        const w = Float64Array.from(weights), out = new Float64Array(K);
        const active = weights.map((_, k) => k);
        cappedShares(w, active, min, max, restricted, out);
        const total = out.reduce((a, b) => a + b, 0);
        expect(total).toBeCloseTo(1, 9);
        const allocated = out.filter((x) => x > 0).length;
        for (const x of out) {
          if (allocated * max >= 1) expect(x).toBeLessThanOrEqual(max + 1e-12);
          if (!restricted) expect(x).toBeGreaterThanOrEqual(min - 1e-12);
          else expect(x === 0 || x >= min - 1e-12).toBe(true);
        }
      },
    ), { numRuns: 500, seed: 7 });
  });
});

/** The unrestricted capped shares by all 200 bisection steps on log λ, to compare the early stop with. */
function sharesByFullBisection(weights: number[], min: number, max: number): Float64Array {
  const K = weights.length;
  const total = weights.reduce((a, b) => a + b, 0);
  const w = weights.map((x) => Math.max(total > 0 ? x / total : 1 / K, 1e-300));
  const cap = K * max >= 1 - 1e-12 ? max : 1, low = K * min <= 1 ? min : 1 / K;
  const at = (logLambda: number) => w.reduce((sum, x) => sum + Math.min(cap, Math.max(low, Math.exp(logLambda) * x)), 0);
  let lo = -800, hi = 800;
  for (let it = 0; it < 200; it++) {
    const mid = 0.5 * (lo + hi);
    if (at(mid) < 1) lo = mid; else hi = mid;
  }
  const lambda = Math.exp(0.5 * (lo + hi));
  const out = Float64Array.from(w, (x) => Math.min(cap, Math.max(low, lambda * x)));
  const sum = out.reduce((a, b) => a + b, 0);
  return out.map((x) => x / sum);
}

describe('the bisection of capped shares', () => {
  it('stops early only where the remaining steps change nothing: the shares of all 200 steps, bit for bit', () => {
    fc.assert(fc.property(
      fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 6 }),
      fc.double({ min: 0, max: 0.15, noNaN: true }),
      (weights, min) => {
        const K = weights.length, max = Math.max(1 / K, 0.6);
        const out = new Float64Array(K);
        cappedShares(Float64Array.from(weights), weights.map((_, k) => k), min, max, false, out);
        const full = sharesByFullBisection(weights, min, max);
        full.forEach((x, k) => expect(Object.is(out[k], x), `arm ${k}: ${out[k]} against ${x}`).toBe(true));
      },
    ), { numRuns: 2000, seed: 11 });
  });
});

describe('Thompson sampling between identical arms', () => {
  it('gives each arm half the patients in expectation', async () => {
    const R = 4000;
    const { summary } = await simulate(scenario({
      name: 'twins', seed: 3, replicates: R,
      endpoint: { type: 'binary', model: 'rates', rates: [{ rates: { control: 0.4, drug: 0.4 } }] },
      arms: { control: {}, drug: {} },
      design: { type: 'response-adaptive', sampleSize: 200, analyses: [20, 40, 60, 80, 100, 120, 140, 160, 180], allocation: { burnIn: 20 } },
    }), { workers: 2 });
    const drug = summary.metrics.find((m) => m.id === 'patients:drug')!;
    expectWithinMcse(drug.mean, 100, { mcse: meanMcse(drug.sd, R) });
  });
});

const VALID = `name: rar
endpoint: { type: binary, model: rates, rates: [{ rates: { control: 0.3, A: 0.4, B: 0.5 } }] }
arms: { control: {}, A: {}, B: {} }
design:
  type: response-adaptive
  sampleSize: 300
  analyses: [100, 200]
  allocation: { min: 0.1, max: 0.8 }
  stopping: { superiority: 0.99, inferiority: 0.01 }
`;
const problems = refusalOf;
const edit = editorOf(VALID);

describe('invalid response-adaptive designs', () => {
  it('the valid example loads', () => expect(problems(VALID)).toBe(''));
  it.each([
    ['a threshold outside (0, 1)', edit('superiority: 0.99', 'superiority: 1.2'), /design\.stopping\.superiority: expected a number < 1, found 1\.2/],
    ['inferiority above superiority', edit('inferiority: 0.01', 'inferiority: 0.995'), /design\.stopping\.inferiority: expected an inferiority threshold below the superiority threshold 0\.99, found 0\.995/],
    ['analyses not increasing', edit('analyses: [100, 200]', 'analyses: [200, 100]'), /design\.analyses\[1\]: expected analyses in increasing order, found 100 after 200/],
    ['an analysis after the last patient', edit('analyses: [100, 200]', 'analyses: [100, 400]'), /design\.analyses\[1\]: expected at most the sample size 300, found 400/],
    ['caps the arms cannot meet', edit('{ min: 0.1, max: 0.8 }', '{ min: 0.4, max: 0.8 }'), /design\.allocation\.min: 3 arms at least 0\.4 each need 1\.2 of the 1 to share: lower min/],
    ['a count endpoint', edit('endpoint: { type: binary, model: rates, rates: [{ rates: { control: 0.3, A: 0.4, B: 0.5 } }] }', 'endpoint: { type: count, rate: 1 }'), /endpoint\.type: a response-adaptive design analyses a binary, continuous or time-to-event endpoint \(conjugate posteriors\), found count/],
    ['a control that is no arm', edit('  type: response-adaptive', '  type: response-adaptive\n  control: contrl'), /design\.control: expected an arm \(control, A, B\), found "contrl"; did you mean "control"\?/],
    ['futility without a control', edit('arms: { control: {}, A: {}, B: {} }', 'arms: { placebo: {}, A: {}, B: {} }').replace('control: 0.3', 'placebo: 0.3').replace('inferiority: 0.01', 'inferiority: 0.01, futility: 0.05'), /design\.stopping\.futility: futility compares an arm with the control: expected a control/],
    ['without a control, inferiority that could drop every arm', edit('arms: { control: {}, A: {}, B: {} }', 'arms: { placebo: {}, A: {}, B: {} }').replace('control: 0.3', 'placebo: 0.3').replace('inferiority: 0.01', 'inferiority: 0.34'), /design\.stopping\.inferiority: without a control, arms equally likely best \(P\(best\) = 1\/3\) must not all be dropped: expected inferiority below 0\.333333, found 0\.34/],
    ['equivalence without its margin', edit('inferiority: 0.01', 'inferiority: 0.01, equivalence: 0.9'), /design\.stopping\.equivalenceMargin: expected the margin of practical equivalence with equivalence, found none/],
    ['a gamma prior on a binary endpoint', edit('  analyses: [100, 200]', '  analyses: [100, 200]\n  posterior: { priorEvents: 1 }'), /design\.posterior\.priorEvents: priorEvents belongs to a time-to-event endpoint, found a binary one \(its prior is design\.prior\)/],
    ['half a normal prior', edit('endpoint: { type: binary, model: rates, rates: [{ rates: { control: 0.3, A: 0.4, B: 0.5 } }] }', 'endpoint: { type: continuous, sd: 1 }').replace('  analyses: [100, 200]', '  analyses: [100, 200]\n  posterior: { priorMean: 0 }'), /design\.posterior\.priorSd: expected priorMean and priorSd together/],
    ['a lag on a time-to-event endpoint', edit('endpoint: { type: binary, model: rates, rates: [{ rates: { control: 0.3, A: 0.4, B: 0.5 } }] }', 'endpoint: { type: time-to-event, median: 12, accrualDuration: 24, followUp: 12 }').replace('  analyses: [100, 200]', '  analyses: [100, 200]\n  delay: 20'), /design\.delay: a time-to-event trial's outcome lag is its follow-up/],
  ])('%s', (_, text, expected) => {
    expect(problems(text as string)).toMatch(expected as RegExp);
  });
});

describe('outcome delay', () => {
  it('patients in follow-up are randomised before the analysis: a trial stopping at the first analysis of 50 outcomes has enrolled 50 + delay', async () => {
    const { summary } = await simulate(scenario({
      name: 'delay', seed: 5, replicates: 200,
      endpoint: { type: 'binary', model: 'rates', rates: [{ rates: { control: 0.1, drug: 0.9 } }] },
      arms: { control: {}, drug: {} },
      design: { type: 'response-adaptive', sampleSize: 200, delay: 20, analyses: [50, 100, 150], stopping: { superiority: 0.99 } },
    }), { workers: 1 });
    const size = summary.metrics.find((m) => m.id === 'sampleSize')!;
    expect([size.min, size.max]).toEqual([70, 70]);
    expect(summary.hypotheses[0].rate).toBe(1);
  });
  it('a lag as long as the trial is refused', () => {
    expect(problems(edit('  sampleSize: 300', '  sampleSize: 300\n  delay: 300'))).toMatch(/design\.delay: expected an outcome lag shorter than the trial \(fewer than 300 patients\), found 300/);
  });
});

describe('futility against control and thresholds per analysis', () => {
  const twoArm = (rates: [number, number], stopping: Record<string, unknown>) => scenario({
    name: 'thresholds', seed: 9, replicates: 300,
    endpoint: { type: 'binary', model: 'rates', rates: [{ rates: { control: rates[0], drug: rates[1] } }] },
    arms: { control: {}, drug: {} },
    design: { type: 'response-adaptive', sampleSize: 200, analyses: [50, 100, 150], stopping },
  });
  const metric = (s: { metrics: { id: string; min: number; max: number; mean: number }[] }, id: string) => s.metrics.find((m) => m.id === id)!;

  it('a drug far worse than control is dropped for futility at the first analysis, ending the trial', async () => {
    const { summary } = await simulate(twoArm([0.8, 0.1], { futility: 0.1 }), { workers: 1 });
    expect([metric(summary, 'sampleSize').min, metric(summary, 'sampleSize').max]).toEqual([50, 50]);
    expect(metric(summary, 'stopped:all-dropped').mean).toBe(1);
  });

  it('a superiority threshold of 0.5 at the first analysis always stops there (one of two arms reaches it)', async () => {
    const { summary } = await simulate(twoArm([0.4, 0.45], { superiority: [0.5, 0.99, 0.99, 0.99] }), { workers: 1 });
    expect([metric(summary, 'sampleSize').min, metric(summary, 'sampleSize').max]).toEqual([50, 50]);
  });

  it('a threshold list of the wrong length is refused', () => {
    expect(problems(edit('superiority: 0.99', 'superiority: [0.99, 0.99]'))).toMatch(/design\.stopping\.superiority: expected one threshold per analysis \(3, the final one included\), found 2/);
  });
});
