/**
 * A regression model of the analysis resolved once against the scenario:
 * which biomarker columns enter, where each ends up in the model matrix (R's
 * `model.matrix` order for `y ~ treatment * (biomarkers) + adjust`, taken
 * from `buildDesignMatrix` so the two cannot disagree), and the linear
 * combinations of coefficients that give the conditional treatment effect at
 * chosen biomarker values.
 */
import type { ParallelScenario } from './schema.js';
import type { ModelSpec } from './schema.js';
import { modelIds, modelType } from './check.js';
import { buildDesignMatrix, type ContrastTerm, type TermKind } from '../../stats/regression/index.js';
import { normalQuantile } from '../../stats/distributions.js';
import type { ParallelSetup } from './setup.js';

export interface ModelTerm {
  /** Biomarker id and column in the cohort. */
  id: string;
  marker: number;
  kind: TermKind;
  /** Level names (categorical), else empty. */
  levels: string[];
  interacts: boolean;
  adjust: boolean;
  /** Model columns of the main effect and of treatment x term, and the words naming each (`age`, `site=colon`). */
  main: number[];
  interaction: number[];
  names: string[];
}

/** A conditional treatment effect θ(v) = b_t + Σ weight · b_interaction at one biomarker value. */
export interface ConditionalPoint {
  biomarker: string;
  value: number | string;
  /** `age=50`, `site=colon`. */
  key: string;
  contrast: ContrastTerm[];
}

export interface ResolvedModel {
  id: string;
  type: 'logistic' | 'linear' | 'cox';
  ties: 'efron' | 'breslow';
  test: ModelSpec['test'];
  alpha: number;
  confidence: number;
  terms: ModelTerm[];
  p: number;
  columnNames: readonly string[];
  treatmentColumn: number;
  /** Filling the matrix: main column j holds marker mainMarker[j] (raw if mainLevel[j] < 0, else the level's indicator). */
  mainColumns: Int32Array;
  mainMarker: Int32Array;
  mainLevel: Int32Array;
  /** Interaction column k is treatment x column interactionOf[k]. */
  interactionColumns: Int32Array;
  interactionOf: Int32Array;
  points: ConditionalPoint[];
}

/** Rounds to one decimal place finer than the SD's leading digit, so grid values stay distinct and readable (age 47 for SD 10, diversity 1.47 for SD 0.8). */
const roundToScale = (x: number, sd: number) => {
  const digits = Math.max(0, 1 - Math.floor(Math.log10(sd)));
  return Number(x.toFixed(Math.min(digits, 12)));
};
const QUANTILES = [0.1, 0.25, 0.5, 0.75, 0.9];

/** The population mean of a continuous biomarker (mixing the latent profiles' means). */
export function populationMean(s: ParallelScenario, marker: number): number {
  const b = s.population.biomarkers[marker] as { id: string; mean: number };
  const profiles = s.population.profiles ?? [];
  if (profiles.length === 0) return b.mean;
  return profiles.reduce((sum, p) => sum + p.prevalence * (p.biomarkers?.[b.id]?.mean ?? b.mean), 0);
}

export function resolveModels(s: ParallelScenario, setup: ParallelSetup): ResolvedModel[] {
  const specs = setup.design.analysis.models;
  // Models with a count endpoint are refused by the check.
  if (specs.length === 0 || setup.endpointType === 'count') return [];
  const endpointType = setup.endpointType;
  const ids = modelIds(specs, endpointType);
  return specs.map((m, k) => resolveModel(s, setup, m, ids[k], endpointType));
}

function resolveModel(s: ParallelScenario, setup: ParallelSetup, m: ModelSpec, id: string, endpointType: 'binary' | 'continuous' | 'time-to-event'): ResolvedModel {
  const type = modelType(m, endpointType);
  const markers = s.population.biomarkers;
  const interacting = m.interactions ?? m.biomarkers;
  const spec = [...m.biomarkers.map((b) => ({ b, adjust: false })), ...m.adjust.map((b) => ({ b, adjust: true }))].map(({ b, adjust }) => {
    const marker = markers.findIndex((x) => x.id === b);
    const bm = markers[marker];
    const levels = bm.type === 'categorical' ? Object.keys(bm.levels) : [];
    return { id: b, marker, kind: bm.type as TermKind, levels, adjust, interacts: !adjust && interacting.includes(b) };
  });
  const dummy = buildDesignMatrix({
    treatment: [0], intercept: type !== 'cox',
    terms: spec.map((t) => ({ name: t.id, kind: t.kind, values: [0], levels: t.levels.length || undefined, levelNames: t.levels, interactsWithTreatment: t.interacts })),
  });
  const terms: ModelTerm[] = spec.map((t, j) => ({
    ...t, main: [...dummy.terms[j].mainColumns], interaction: [...dummy.terms[j].interactionColumns],
    names: t.kind === 'categorical' ? t.levels.slice(1).map((l) => `${t.id}=${l}`) : [t.id],
  }));
  const mainColumns: number[] = [], mainMarker: number[] = [], mainLevel: number[] = [];
  const interactionOf: number[] = [];
  for (const t of terms) {
    t.main.forEach((col, l) => { mainColumns.push(col); mainMarker.push(t.marker); mainLevel.push(t.kind === 'categorical' ? l + 1 : -1); });
    t.interaction.forEach((_, l) => interactionOf.push(t.main[l]));
  }
  return {
    id, type, ties: m.ties ?? 'efron', test: m.test,
    alpha: m.alpha ?? setup.design.analysis.primary.alpha,
    confidence: setup.design.analysis.primary.confidence,
    terms, p: dummy.p, columnNames: dummy.columnNames, treatmentColumn: dummy.treatmentColumn,
    mainColumns: Int32Array.from(mainColumns), mainMarker: Int32Array.from(mainMarker), mainLevel: Int32Array.from(mainLevel),
    interactionColumns: Int32Array.from(dummy.interactionColumns), interactionOf: Int32Array.from(interactionOf),
    points: conditionalPoints(s, m, terms, dummy.treatmentColumn),
  };
}

/**
 * The conditional-effect grid of each interacting biomarker, every other
 * interacting biomarker held at its reference: 0 (binary), the first level
 * (categorical), the population mean (continuous).
 */
function conditionalPoints(s: ParallelScenario, m: ModelSpec, terms: ModelTerm[], treatment: number): ConditionalPoint[] {
  const interacting = terms.filter((t) => t.interacts);
  const reference: ContrastTerm[] = interacting.flatMap((t) =>
    t.kind === 'continuous' ? [{ column: t.interaction[0], weight: populationMean(s, t.marker) }] : []);
  const others = (t: ModelTerm) => reference.filter((r) => r.column !== t.interaction[0]);
  return interacting.flatMap((t): ConditionalPoint[] => {
    const base = [{ column: treatment, weight: 1 }, ...others(t)];
    if (t.kind === 'categorical') {
      return t.levels.map((level, l) => ({
        biomarker: t.id, value: level, key: `${t.id}=${level}`,
        contrast: l === 0 ? base : [...base, { column: t.interaction[l - 1], weight: 1 }],
      }));
    }
    const spec = s.population.biomarkers[t.marker];
    const values = m.at?.[t.id] ?? (spec.type === 'continuous'
      ? QUANTILES.map((q) => roundToScale(populationMean(s, t.marker) + spec.sd * normalQuantile(q), spec.sd))
      : [0, 1]);
    return values.map((v) => ({ biomarker: t.id, value: v, key: `${t.id}=${v}`, contrast: [...base, { column: t.interaction[0], weight: v }] }));
  });
}
