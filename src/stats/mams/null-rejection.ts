/**
 * The family-wise error of a multi-arm multi-stage (MAMS) design under the
 * global null hypothesis, by numerical integration: the generalised Dunnett
 * approach of Magirr, Jaki & Whitehead (2012, Biometrika 99:494-501).
 *
 * K experimental arms share one control; at stage j arm k has n_j patients
 * (cumulative, the same for every arm) and the control m_j, and
 *   Z_kj = (Ȳ_kj - Ȳ_0j) / (σ √(1/n_j + 1/m_j)).
 * Arm k continues while l_j < Z_kj < u_j, is rejected when Z_kj ≥ u_j and
 * dropped when Z_kj ≤ l_j (binding futility; l_J = u_J at the last stage).
 * A family-wise error is any rejection, so
 *   FWER = 1 - E_control[ q(control path)^K ],
 * where, given the control's path, the K arms are independent and q is the
 * chance that one arm never crosses its upper boundary. Whether the trial
 * stops when one arm crosses ("simultaneous") or lets the others go on
 * ("separate") does not change this event, so both share the boundaries.
 *
 * Given the control's cumulative means c_1..c_J, the arm's own standardised
 * sum W_j = S_j/√n_j is a zero-drift group-sequential statistic at
 * information fractions t_j = n_j/n_J with boundaries
 *   a_j = √n_j (c_j + l_j s_j),  b_j = √n_j (c_j + u_j s_j),  s_j = √(1/n_j + 1/m_j),
 * so q comes from the recursion of Jennison & Turnbull (2000, ch. 19;
 * `../group-sequential/recursion.ts`). The outer expectation is over the
 * control's standardised stage increments x_j ~ N(0, 1) by a Gauss-Hermite
 * rule per stage, walked as a tree so that a stage's arm density is computed
 * once per node: the cost is about N^(J-1) recursions of one stage.
 */
import { stageDensity, upperCrossing, type StageDensity } from '../group-sequential/recursion.js';
import { gaussHermiteNormal } from './gauss-hermite.js';

export interface MamsGeometry {
  /** Experimental arms K. */
  arms: number;
  /** Cumulative patients per experimental arm at each stage (any scale: only ratios matter under the null). */
  armSizes: readonly number[];
  /** Cumulative control patients at each stage. */
  controlSizes: readonly number[];
}

export interface IntegrationOptions {
  /** Gauss-Hermite nodes per control increment (default 20). */
  nodes?: number;
  /** Jennison-Turnbull grid parameter of the arm's recursion (default 16). */
  gridSize?: number;
}

/**
 * P(no arm is ever rejected) under the global null with efficacy boundaries
 * `upper` and futility boundaries `lower` (the last stage's lower is taken
 * to equal its upper; -Infinity: no futility stop; Infinity: no efficacy stop).
 */
export function noRejectionProbability(g: MamsGeometry, upper: readonly number[], lower: readonly number[], options: IntegrationOptions = {}): number {
  const J = g.armSizes.length;
  const rule = gaussHermiteNormal(options.nodes ?? 20);
  const r = options.gridSize ?? 16;
  const nJ = g.armSizes[J - 1];
  const t = g.armSizes.map((n) => n / nJ);
  const rootN = g.armSizes.map(Math.sqrt);
  const s = g.armSizes.map((n, j) => Math.sqrt(1 / n + 1 / g.controlSizes[j]));
  const controlStep = g.controlSizes.map((m, j) => Math.sqrt(m - (j === 0 ? 0 : g.controlSizes[j - 1])));

  // Expectation over control increments x_j..x_J of q^K, given the control's sum so far,
  // the arm's density after stage j-1 and its chance of having crossed already.
  const expectation = (j: number, controlSum: number, arm: StageDensity | null, crossed: number): number => {
    let total = 0;
    for (let i = 0; i < rule.x.length; i++) {
      const sum = controlSum + controlStep[j] * rule.x[i];
      const c = sum / g.controlSizes[j];
      const b = rootN[j] * (c + upper[j] * s[j]);
      const cross = crossed + upperCrossing(arm, t[j], 0, b);
      if (j === J - 1) {
        total += rule.w[i] * Math.max(0, 1 - cross) ** g.arms;
      } else {
        const a = rootN[j] * (c + lower[j] * s[j]);
        total += rule.w[i] * expectation(j + 1, sum, stageDensity(arm, t[j], 0, a, b, r), cross);
      }
    }
    return total;
  };
  return expectation(0, 0, null, 0);
}

/** The family-wise error rate under the global null: 1 - P(no rejection). */
export function nullFamilywiseError(g: MamsGeometry, upper: readonly number[], lower: readonly number[], options: IntegrationOptions = {}): number {
  return 1 - noRejectionProbability(g, upper, lower, options);
}
