/**
 * The decisions of an adaptive analysis, in adaptr's order (Granholm et al.
 * 2022; `run_trial`): inferiority (drop arms whose P(best) is below the
 * threshold, recompute P(best) among the rest, repeat), superiority (the
 * most likely best arm reaching the threshold is declared best and the trial
 * stops; the control reaching it stops the trial too), practical
 * equivalence (with a control: drop arms within the margin of it with
 * enough probability; without: stop when all active arms lie within the
 * margin of each other), futility (drop arms unlikely to beat the control
 * by the margin); when every experimental arm is gone the trial stops.
 * Two choices change what a rule does: `onSuperiority: graduate` lets an
 * arm reaching superiority leave the trial declared superior while the
 * others go on (I-SPY 2's graduation; Barker et al. 2009), and
 * `onDrop: stop` ends the trial when an arm meets a dropping rule instead
 * of dropping it.
 *
 * P(best) of beta posteriors uses the fixed 121-point quadrature of
 * beta-best.ts; every other probability the posterior grid (grid.ts).
 */
import type { ReplicateRecord } from '../types.js';
import { writeEstimateOf } from '../types.js';
import { probabilityBest, bestWorkspace } from '../../stats/posteriors/beta-best.js';
import { PosteriorGrid, type ArmPosteriors } from '../../stats/posteriors/grid.js';
import type { Confidence } from '../../stats/proportions.js';
import type { ResponseAdaptiveScenario } from './schema.js';
import type { ResponseAdaptiveSetup } from './setup.js';
import type { ArmEvidence } from './evidence.js';
import { METRIC, droppedMetric } from './layout.js';

export type Verdict = 'stop' | 'adapt' | 'skip';

/** The threshold of analysis j: one for all, or the j-th of a list. */
export function thresholdAt(t: number | number[] | undefined, j: number): number | undefined {
  return Array.isArray(t) ? t[j] : t;
}

/** Called at each analysis with the most likely best experimental arm's P(best) and the control's (-Infinity without one), before superiority is checked. */
export type AnalysisObserver = (j: number, top: number, control: number) => void;

export function adaptiveRules(s: ResponseAdaptiveScenario, setup: ResponseAdaptiveSetup, evidence: ArmEvidence, observe?: AnalysisObserver) {
  const d = s.design, stop = d.stopping;
  const A = setup.arms.length, control = setup.control;
  const isActive = new Uint8Array(A);
  const pBest = new Float64Array(A), pair = new Float64Array(A);
  const work = bestWorkspace();
  const grid = new PosteriorGrid();
  const post: ArmPosteriors = { family: evidence.family, p1: evidence.p1, p2: evidence.p2 };
  const futilityMargin = stop.futilityMargin ?? 0;
  const activeArms = () => setup.arms.map((_, k) => k).filter((k) => isActive[k]);

  function best(active: number[]): void {
    if (evidence.family === 'beta') probabilityBest(evidence.p1, evidence.p2, active, pBest, work);
    else grid.build(post, active).best(pBest, evidence.lowestBest);
  }
  /** P(arm beats the control by more than the futility margin). */
  function beatsControl(arm: number): number {
    if (evidence.family === 'beta' && futilityMargin === 0) {
      probabilityBest(evidence.p1, evidence.p2, [arm, control], pair, work);
      return pair[arm];
    }
    return grid.build(post, [arm, control]).beatsBy(0, 1, futilityMargin, evidence.lowestBest);
  }
  let record: ReplicateRecord | null = null;
  /** Drops the experimental arms failing `fails`, noting each in the record; returns whether any was dropped. */
  function dropWhere(fails: (arm: number) => boolean): boolean {
    let dropped = false;
    setup.compared.forEach((arm, k) => {
      if (!isActive[arm] || !fails(arm)) return;
      isActive[arm] = 0;
      dropped = true;
      if (record) record.metric[droppedMetric(A, k)] = 1;
    });
    return dropped;
  }

  /** The position (in the compared arms) of the active experimental arm most likely best, or -1. */
  function mostLikelyBest(): number {
    let top = -1;
    setup.compared.forEach((arm, k) => { if (isActive[arm] && (top < 0 || pBest[arm] > pBest[setup.compared[top]])) top = k; });
    return top;
  }

  function analyse(j: number, last: boolean, out: ReplicateRecord): Verdict {
    const early = !last;
    record = out;
    if (!evidence.posterior(activeArms())) { out.metric[METRIC.skipped]++; return last ? 'stop' : 'skip'; }
    best(activeArms());
    const inf = thresholdAt(stop.inferiority, j);
    const stopOnDrop = stop.onDrop === 'stop';
    /** With onDrop: stop, an arm meeting a dropping rule ends the trial. */
    const endByDrop = (): Verdict => { out.metric[METRIC.conclusive] = 1; if (early) out.metric[METRIC.allDropped] = 1; return 'stop'; };
    while (inf !== undefined && dropWhere((arm) => pBest[arm] < inf)) {
      if (stopOnDrop) return endByDrop();
      best(activeArms());
    }
    const sup = thresholdAt(stop.superiority, j);
    let top = mostLikelyBest();
    if (top >= 0) out.selected[1] = top;
    observe?.(j, top >= 0 ? pBest[setup.compared[top]] : -Infinity, control >= 0 ? pBest[control] : -Infinity);
    // Graduation (I-SPY 2): the arm leaves the trial declared superior and the others go on; P(best) is recomputed without it.
    while (stop.onSuperiority === 'graduate' && sup !== undefined && top >= 0 && pBest[setup.compared[top]] >= sup) {
      out.rejected[top] = 1;
      if (out.selected[0] < 0) out.selected[0] = top;
      out.metric[METRIC.conclusive] = 1;
      isActive[setup.compared[top]] = 0;
      best(activeArms());
      top = mostLikelyBest();
    }
    if (sup !== undefined && top >= 0 && pBest[setup.compared[top]] >= sup) {
      out.rejected[top] = 1;
      out.selected[0] = top;
      out.metric[METRIC.conclusive] = 1;
      if (early) out.metric[METRIC.superiority] = 1;
      return 'stop';
    }
    if (sup !== undefined && control >= 0 && pBest[control] >= sup) { out.metric[METRIC.conclusive] = 1; if (early) out.metric[METRIC.controlBest] = 1; return 'stop'; }
    let dropped = false;
    const eq = thresholdAt(stop.equivalence, j), margin = stop.equivalenceMargin ?? 0;
    if (eq !== undefined && control >= 0) {
      dropped = dropWhere((arm) => grid.build(post, [arm, control]).within(0, 1, margin) >= eq);
      if (dropped && stopOnDrop) return endByDrop();
    } else if (eq !== undefined && grid.build(post, activeArms()).allWithin(margin) >= eq) {
      // Counted at the final analysis too: the trial's conclusion is equivalence (as adaptr's final status).
      out.metric[METRIC.equivalence] = 1;
      out.metric[METRIC.conclusive] = 1;
      return 'stop';
    }
    const fut = thresholdAt(stop.futility, j);
    if (fut !== undefined && dropWhere((arm) => beatsControl(arm) < fut)) {
      if (stopOnDrop) return endByDrop();
      dropped = true;
    }
    if (setup.compared.every((arm) => !isActive[arm])) { out.metric[METRIC.conclusive] = 1; if (early) out.metric[METRIC.allDropped] = 1; return 'stop'; }
    if (last) return 'stop';
    if (dropped) best(activeArms());
    return 'adapt';
  }

  /** The naive estimates at the last analysis: each arm against the control, or each arm's own when there is none. */
  function estimates(out: ReplicateRecord, ci: Confidence): void {
    setup.compared.forEach((arm, k) => {
      const e = control >= 0 ? evidence.estimate(arm, control, ci) : evidence.level(arm, ci);
      if (e) writeEstimateOf(out, k, e.estimate, e.se, e.lower, e.upper);
      else writeEstimateOf(out, k, NaN, NaN, NaN, NaN);
    });
  }

  return {
    pBest,
    activeArms,
    analyse,
    estimates,
    reset(): void { isActive.fill(1); },
  };
}
