/**
 * Model matrices for heterogeneity-of-treatment-effect (HTE) regressions.
 *
 * For the model  outcome ~ treatment * (biomarkers) + adjustment covariates
 * the columns are laid out as R's `model.matrix` does for
 * `y ~ treatment * marker + covariate`:
 *
 *   (Intercept) | treatment | main effects, term by term | treatment × term interactions
 *
 * Main effects: a binary term (0/1) or a continuous term is one column with the
 * values as given; a categorical term with L levels (values are level indices
 * 0..L−1) becomes L−1 indicator columns, level 0 being the reference
 * (treatment contrasts). Every term with `interactsWithTreatment` contributes
 * the products treatment × (each of its main-effect columns), in term order,
 * after all main effects. Adjustment covariates are simply terms with
 * `interactsWithTreatment: false`.
 *
 * For a Cox model pass `intercept: false` (the baseline hazard absorbs it).
 */
import type { ModelMatrix } from './types.js';

export type TermKind = 'binary' | 'continuous' | 'categorical';

/** One biomarker or adjustment covariate. */
export interface DesignTerm {
  /** Column name stem, e.g. `'marker'`. */
  readonly name: string;
  readonly kind: TermKind;
  /** n values: 0/1 (binary), any real (continuous), level index 0..levels−1 (categorical). */
  readonly values: ArrayLike<number>;
  /** Number of levels (categorical only, ≥ 2). */
  readonly levels?: number;
  /** Labels for the levels (categorical; default the level index); `name[label]` names the column. */
  readonly levelNames?: readonly string[];
  /** Whether to include treatment × this term. */
  readonly interactsWithTreatment: boolean;
}

export interface DesignSpec {
  /** Treatment indicator (0 = control, 1 = experimental), length n. */
  readonly treatment: ArrayLike<number>;
  readonly terms: readonly DesignTerm[];
  /** Include an intercept column (default true; use false for Cox models). */
  readonly intercept?: boolean;
  /** Name of the treatment column (default `'treatment'`). */
  readonly treatmentName?: string;
}

/** Where a term's columns ended up. */
export interface TermColumns {
  readonly name: string;
  readonly mainColumns: readonly number[];
  /** Treatment × term columns (empty unless `interactsWithTreatment`). */
  readonly interactionColumns: readonly number[];
}

export interface DesignMatrix extends ModelMatrix {
  /** Index of the intercept column, or -1 without intercept. */
  readonly interceptColumn: number;
  readonly treatmentColumn: number;
  /** All treatment × biomarker columns, in column order. */
  readonly interactionColumns: readonly number[];
  /** Column bookkeeping per term, in the order given. */
  readonly terms: readonly TermColumns[];
}

/**
 * Builds the row-major model matrix for `spec`, see the module comment for the
 * column layout. Throws `RangeError` for programming errors (lengths that
 * disagree, categorical values that are not level indices) — not for data
 * problems such as an empty subgroup, which the fits report as `'singular'`.
 */
export function buildDesignMatrix(spec: DesignSpec): DesignMatrix {
  const n = spec.treatment.length;
  const treatmentName = spec.treatmentName ?? 'treatment';
  const withIntercept = spec.intercept ?? true;
  // Each main-effect column is described by (term index, level or -1 for the raw value).
  const mainSources: Array<{ term: number; level: number }> = [];
  const columnNames: string[] = [];
  if (withIntercept) columnNames.push('(Intercept)');
  const treatmentColumn = columnNames.length;
  columnNames.push(treatmentName);
  spec.terms.forEach((term, t) => {
    if (term.values.length !== n) {
      throw new RangeError(`term ${term.name}: ${term.values.length} values for ${n} patients`);
    }
    if (term.kind !== 'categorical') {
      mainSources.push({ term: t, level: -1 });
      return;
    }
    const levels = term.levels ?? 0;
    if (!Number.isInteger(levels) || levels < 2) throw new RangeError(`term ${term.name}: levels must be an integer ≥ 2`);
    for (let i = 0; i < n; i++) {
      const v = term.values[i]!;
      if (!Number.isInteger(v) || v < 0 || v >= levels) throw new RangeError(`term ${term.name}: value ${v} is not a level index`);
    }
    for (let level = 1; level < levels; level++) mainSources.push({ term: t, level });
  });
  // Assign main-effect column indices and names.
  const firstMain = columnNames.length;
  let cursor = 0;
  const termMain: number[][] = spec.terms.map(() => []);
  for (const src of mainSources) {
    const term = spec.terms[src.term]!;
    const label = src.level < 0 ? term.name : `${term.name}[${term.levelNames?.[src.level] ?? src.level}]`;
    columnNames.push(label);
    termMain[src.term]!.push(firstMain + cursor++);
  }
  const termInteraction: number[][] = spec.terms.map(() => []);
  const interactionColumns: number[] = [];
  spec.terms.forEach((term, t) => {
    if (!term.interactsWithTreatment) return;
    for (const main of termMain[t]!) {
      termInteraction[t]!.push(columnNames.length);
      interactionColumns.push(columnNames.length);
      columnNames.push(`${treatmentName}:${columnNames[main]!}`);
    }
  });
  const p = columnNames.length;
  const X = new Float64Array(n * p);
  const m = mainSources.length;
  const sourceValues = mainSources.map((src) => spec.terms[src.term]!.values);
  const sourceLevel = Int32Array.from(mainSources, (src) => src.level);
  // Interaction column k is treatment × column interactionOf[k].
  const interactionOf = Int32Array.from(
    spec.terms.flatMap((_, t) => termMain[t]!.slice(0, termInteraction[t]!.length)),
  );
  const firstInteraction = firstMain + m;
  for (let i = 0; i < n; i++) {
    const row = i * p;
    const trt = spec.treatment[i]!;
    if (withIntercept) X[row] = 1;
    X[row + treatmentColumn] = trt;
    for (let k = 0; k < m; k++) {
      const v = sourceValues[k]![i]!;
      const level = sourceLevel[k]!;
      X[row + firstMain + k] = level < 0 ? v : v === level ? 1 : 0;
    }
    for (let k = 0; k < interactionOf.length; k++) {
      X[row + firstInteraction + k] = trt * X[row + interactionOf[k]!]!;
    }
  }
  const terms: TermColumns[] = spec.terms.map((term, t) => ({
    name: term.name,
    mainColumns: termMain[t]!,
    interactionColumns: termInteraction[t]!,
  }));
  return {
    X,
    n,
    p,
    columnNames,
    interceptColumn: withIntercept ? 0 : -1,
    treatmentColumn,
    interactionColumns,
    terms,
  };
}

/**
 * The model matrix without the given columns (e.g. the reduced model of a
 * likelihood-ratio test of the interaction columns). Column order is kept.
 */
export function dropColumns(design: ModelMatrix, columns: readonly number[]): ModelMatrix {
  const { X, n, p } = design;
  const drop = new Uint8Array(p);
  for (const j of columns) {
    if (!Number.isInteger(j) || j < 0 || j >= p) throw new RangeError(`column ${j} out of range 0..${p - 1}`);
    drop[j] = 1;
  }
  const kept: number[] = [];
  for (let j = 0; j < p; j++) if (!drop[j]) kept.push(j);
  const q = kept.length;
  const Y = new Float64Array(n * q);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < q; k++) Y[i * q + k] = X[i * p + kept[k]!]!;
  }
  return { X: Y, n, p: q, columnNames: kept.map((j) => design.columnNames[j]!) };
}

/** Wraps a row-major Float64Array as a {@link ModelMatrix} (names default to `x0`, `x1`, ...). */
export function modelMatrix(X: Float64Array, n: number, p: number, columnNames?: readonly string[]): ModelMatrix {
  if (X.length !== n * p) throw new RangeError(`X has ${X.length} entries, expected ${n} × ${p}`);
  return { X, n, p, columnNames: columnNames ?? Array.from({ length: p }, (_, j) => `x${j}`) };
}
