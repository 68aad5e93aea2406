/**
 * What the scenario truly makes each biomarker, read off the arms' linear
 * predictors η_a(x) = intercept + effect_a + prognostic(x) + interactions_a(x):
 *   - prognostic: it changes the outcome under control (a non-zero
 *     `endpoint.prognostic` term, or a control-arm interaction);
 *   - predictive: it changes the treatment effect η_a − η_control of some arm
 *     (a non-zero interaction, relative to control);
 *   - both, or neither.
 * For a categorical biomarker "non-zero" means the levels' coefficients are
 * not all equal (an equal shift of every level is a constant). A rates-table
 * endpoint has no linear predictor, so its roles are "unknown".
 */
import type { ParallelScenario } from './schema.js';
import { resolveTerm } from '../../scenario/terms.js';

export type Role = 'prognostic' | 'predictive' | 'both' | 'neither' | 'unknown';

/** An arm's linear predictor by biomarker: one coefficient (by value) or one per level (level 0 included). */
export interface ArmPredictor {
  constant: number;
  markers: Float64Array[];
  profiles: Float64Array;
}

/** The arms' linear predictors, in arm order; null for a rates-table endpoint. */
export function armPredictors(s: ParallelScenario): ArmPredictor[] | null {
  const e = s.endpoint!;
  if (e.type === 'binary' && e.model === 'rates') return null;
  const intercept = e.type === 'time-to-event' || e.type === 'count' ? 0 : e.intercept ?? 0;
  const markers = s.population.biomarkers;
  return Object.values(s.arms!).map((arm) => {
    const p: ArmPredictor = {
      constant: intercept + arm.effect,
      markers: markers.map((m) => new Float64Array(m.type === 'categorical' ? Object.keys(m.levels).length : 1)),
      profiles: new Float64Array(Math.max(1, s.population.profiles?.length ?? 0)),
    };
    for (const terms of [e.prognostic, arm.interactions]) {
      for (const [key, coef] of Object.entries(terms ?? {})) {
        const t = resolveTerm(key, s);
        if (typeof t === 'string') throw new Error(`unchecked term ${key}: ${t}`);
        if (t.kind === 'value') p.markers[t.biomarker][0] += coef;
        else if (t.kind === 'level') p.markers[t.biomarker][t.level] += coef;
        else p.profiles[t.profile] += coef;
      }
    }
    return p;
  });
}

const TOLERANCE = 1e-12;

/** Whether a biomarker's coefficients change the predictor: by value, non-zero; by level, not all equal. */
export function varies(coefs: Float64Array, categorical: boolean): boolean {
  if (!categorical) return Math.abs(coefs[0]) > TOLERANCE;
  return coefs.some((c) => Math.abs(c - coefs[0]) > TOLERANCE);
}

/** Coefficients of arm minus control. */
export function difference(a: Float64Array, c: Float64Array): Float64Array {
  return a.map((x, l) => x - c[l]);
}

export function isPrognostic(s: ParallelScenario, predictors: ArmPredictor[], control: number, marker: number): boolean {
  return varies(predictors[control].markers[marker], s.population.biomarkers[marker].type === 'categorical');
}

export function isPredictive(s: ParallelScenario, predictors: ArmPredictor[], control: number, arm: number, marker: number): boolean {
  const categorical = s.population.biomarkers[marker].type === 'categorical';
  return varies(difference(predictors[arm].markers[marker], predictors[control].markers[marker]), categorical);
}

export interface BiomarkerRole {
  biomarker: string;
  role: Role;
  /** Control-arm coefficient(s) on the linear-predictor scale, by level for a categorical biomarker. */
  prognostic: number | Record<string, number> | null;
  /** Arm-minus-control interaction coefficient(s), by arm. */
  predictive: Record<string, number | Record<string, number>>;
}

export function biomarkerRoles(s: ParallelScenario, arms: string[], control: number): BiomarkerRole[] {
  const predictors = armPredictors(s);
  return s.population.biomarkers.map((m, j): BiomarkerRole => {
    if (!predictors) return { biomarker: m.id, role: 'unknown', prognostic: null, predictive: {} };
    const levels = m.type === 'categorical' ? Object.keys(m.levels) : null;
    const words = (c: Float64Array) => (levels ? Object.fromEntries(levels.map((l, k) => [l, c[k]])) : c[0]);
    const prognostic = isPrognostic(s, predictors, control, j);
    const others = arms.map((_, a) => a).filter((a) => a !== control);
    const predictive = others.some((a) => isPredictive(s, predictors, control, a, j));
    return {
      biomarker: m.id,
      role: prognostic && predictive ? 'both' : prognostic ? 'prognostic' : predictive ? 'predictive' : 'neither',
      prognostic: words(predictors[control].markers[j]),
      predictive: Object.fromEntries(others.map((a) => [arms[a], words(difference(predictors[a].markers[j], predictors[control].markers[j]))])),
    };
  });
}
