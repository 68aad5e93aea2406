/**
 * Matching of operating characteristics across designs: hypotheses and
 * metrics by id (those present in only some designs are kept, with null
 * where absent), headline quantities by their role, and the paired
 * difference of each against the first (reference) design.
 */
import type { Summary, HypothesisSummary } from '../summary/summarise.js';
import type { ReplicateLayout } from '../designs/types.js';
import type { ReplicateMatrix } from './replicate-matrix.js';
import { pairedDifference, type PairedDifference } from './paired.js';
import { keyQuantities } from './quantities.js';

export interface HypothesisCell {
  rate: number;
  mcse: number;
  ci95: [number, number];
  meaning: HypothesisSummary['meaning'];
  trueEffect: number | null;
}

export interface MeanCell {
  mean: number;
  sd: number;
}

/** One row matched across designs: `results[k]` is design k's value, `differences[k]` design k minus design 0. */
export interface ComparedRow<Cell> {
  id: string;
  label: string;
  family?: string;
  unit?: string;
  results: (Cell | null)[];
  differences: (PairedDifference | null)[];
}

export interface RunData {
  summary: Summary;
  layout: ReplicateLayout;
  matrix: ReplicateMatrix;
  arms: string[];
}

/** Values of one row in each run: an accessor over replicates, or null where the run lacks it. */
type Getter = ((r: number) => number) | null;

function differences(runs: RunData[], getters: Getter[]): (PairedDifference | null)[] {
  const g0 = getters[0];
  return getters.map((g, k) => (k === 0 || !g || !g0 ? null : pairedDifference(Math.min(runs[0].matrix.replicates, runs[k].matrix.replicates), g0, g)));
}

function unionIds(lists: string[][]): string[] {
  const seen = new Set<string>();
  for (const l of lists) for (const id of l) seen.add(id);
  return [...seen];
}

export function compareHypotheses(runs: RunData[]): ComparedRow<HypothesisCell>[] {
  const ids = unionIds(runs.map((x) => x.layout.hypotheses.map((h) => h.id)));
  return ids.map((id) => {
    const index = runs.map((x) => x.layout.hypotheses.findIndex((h) => h.id === id));
    const first = runs[index.findIndex((k) => k >= 0)].summary.hypotheses[index.find((k) => k >= 0)!];
    const getters: Getter[] = runs.map((x, j) => {
      const h = index[j], H = x.matrix.hypotheses;
      return h < 0 ? null : (r) => x.matrix.rejected[r * H + h];
    });
    return {
      id, label: first.label, family: first.family,
      results: runs.map((x, j) => {
        if (index[j] < 0) return null;
        const s = x.summary.hypotheses[index[j]];
        return { rate: s.rate, mcse: s.mcse, ci95: s.ci95, meaning: s.meaning, trueEffect: s.trueEffect };
      }),
      differences: differences(runs, getters),
    };
  });
}

function meanRows(runs: RunData[], ids: string[], pick: (x: RunData, id: string) => { label: string; unit?: string; columns: number[] } | null): ComparedRow<MeanCell>[] {
  return ids.map((id) => {
    const found = runs.map((x) => pick(x, id));
    const first = found.find((f) => f !== null)!;
    const getters: Getter[] = runs.map((x, j) => {
      const cols = found[j]?.columns;
      const M = x.matrix.metrics;
      return cols ? (r) => cols.reduce((a, m) => a + x.matrix.metric[r * M + m], 0) : null;
    });
    return {
      id, label: first.label, ...(first.unit ? { unit: first.unit } : {}),
      results: runs.map((x, j) => {
        const g = getters[j];
        if (!g) return null;
        let s = 0, ss = 0;
        const R = x.matrix.replicates;
        for (let r = 0; r < R; r++) { const v = g(r); s += v; ss += v * v; }
        const mean = s / R;
        return { mean, sd: Math.sqrt(R > 1 ? Math.max(0, (ss - s * mean) / (R - 1)) : 0) };
      }),
      differences: differences(runs, getters),
    };
  });
}

export function compareMetrics(runs: RunData[]): ComparedRow<MeanCell>[] {
  const ids = unionIds(runs.map((x) => x.layout.metrics.map((m) => m.id)));
  return meanRows(runs, ids, (x, id) => {
    const k = x.layout.metrics.findIndex((m) => m.id === id);
    return k < 0 ? null : { label: x.layout.metrics[k].label, unit: x.layout.metrics[k].unit, columns: [k] };
  });
}

export function compareQuantities(runs: RunData[]): ComparedRow<MeanCell>[] {
  const perRun = runs.map((x) => keyQuantities(x.layout.metrics, x.arms));
  const ids = unionIds(perRun.map((qs) => qs.map((q) => q.id)));
  return meanRows(runs, ids, (x, id) => {
    const q = perRun[runs.indexOf(x)].find((y) => y.id === id);
    return q ? { label: q.label, unit: q.unit, columns: q.metrics } : null;
  });
}
