/**
 * Expected screening funnel by the fluid (law-of-large-numbers)
 * approximation: each screened patient enrols in substudy k with a
 * probability q_k(O) that depends only on the set O of open substudies
 * (eligibility pattern probabilities, test failure, overlap rule). Between
 * two closures the q_k are constant, so the next substudy to close is the
 * open one with the smallest remaining target / q_k; the calendar time of
 * the N-th screened patient is N / ratePerMonth (exact in expectation for
 * Poisson arrivals). Random variation in the order of closures and interim
 * stops are ignored, so the replicates' metrics are the simulation's answer;
 * this is the planning value they can be set against.
 */
import type { UmbrellaSetup } from './setup.js';

export interface FunnelInput {
  setup: UmbrellaSetup;
  targets: number[];
  /** Probability of each rule-match pattern among patients with a test result. */
  patterns: Float64Array;
  /** Routing: the substudy chosen among candidates, or null for uniform random. */
  pick: ((candidates: number) => number) | null;
}

export interface Funnel {
  screened: number;
  screenFailures: number;
  notMatched: number;
  turnedAway: number;
  enrolled: number;
  enrolledBySubstudy: Record<string, number>;
  months: number;
  monthsBySubstudy: Record<string, number>;
  /** Whether the cap stops screening before every substudy is full. */
  capped: boolean;
  /** Substudies that receive no patients and would never fill without a cap. */
  neverFilled: string[];
}

function rates(input: FunnelInput, open: number): Float64Array {
  const { setup, patterns } = input;
  const f = setup.design.screening.testFailure;
  const q = new Float64Array(setup.substudies.length);
  const nonMatchOpen = setup.nonMatch >= 0 && (open >> setup.nonMatch) & 1;
  if (nonMatchOpen) q[setup.nonMatch] += (1 - f) * patterns[0] + (setup.screenFailuresToNonMatch ? f : 0);
  for (let m = 1; m < patterns.length; m++) {
    const c = m & open;
    if (c === 0 || patterns[m] === 0) continue;
    const w = (1 - f) * patterns[m];
    if (input.pick) { q[input.pick(c)] += w; continue; }
    let bits = 0;
    for (let x = c; x; x &= x - 1) bits++;
    for (let k = 0; k < setup.ruleCount; k++) if ((c >> k) & 1) q[k] += w / bits;
  }
  return q;
}

export function expectedFunnel(input: FunnelInput): Funnel {
  const { setup, targets, patterns } = input;
  const S = setup.substudies.length;
  const { ratePerMonth, testFailure: f, cap } = setup.design.screening;
  const capScreened = Math.min(cap?.patients ?? Infinity, (cap?.months ?? Infinity) * ratePerMonth);
  const remaining = Float64Array.from(targets);
  const closedAt = new Float64Array(S).fill(NaN);
  let open = (1 << S) - 1, screened = 0, turnedAway = 0;
  while (open !== 0) {
    const q = rates(input, open);
    let step = Infinity, next = -1;
    for (let k = 0; k < S; k++) if ((open >> k) & 1 && q[k] > 0 && remaining[k] / q[k] < step) { step = remaining[k] / q[k]; next = k; }
    step = Math.min(step, capScreened - screened);
    if (!Number.isFinite(step)) break;
    let away = 0;
    for (let m = 1; m < patterns.length; m++) if ((m & open) === 0) away += (1 - f) * patterns[m];
    turnedAway += away * step;
    for (let k = 0; k < S; k++) if ((open >> k) & 1) remaining[k] = Math.max(0, remaining[k] - q[k] * step);
    screened += step;
    if (screened >= capScreened) break;
    open &= ~(1 << next);
    closedAt[next] = screened;
  }
  const enrolledBySubstudy: Record<string, number> = {}, monthsBySubstudy: Record<string, number> = {};
  const neverFilled: string[] = [];
  setup.substudies.forEach((sub, k) => {
    enrolledBySubstudy[sub.id] = targets[k] - remaining[k];
    monthsBySubstudy[sub.id] = (Number.isNaN(closedAt[k]) ? screened : closedAt[k]) / ratePerMonth;
    if (Number.isNaN(closedAt[k]) && !(screened >= capScreened)) neverFilled.push(sub.id);
  });
  return {
    screened, screenFailures: f * screened, notMatched: (1 - f) * patterns[0] * screened, turnedAway,
    enrolled: Object.values(enrolledBySubstudy).reduce((a, b) => a + b, 0), enrolledBySubstudy,
    months: screened / ratePerMonth, monthsBySubstudy,
    capped: screened >= capScreened && open !== 0, neverFilled,
  };
}
