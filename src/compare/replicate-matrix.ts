/**
 * Per-replicate decisions and metrics of one run, kept for pairing replicate
 * r of one design with replicate r of another. Filled from the engine's
 * per-replicate CSV rows (`onRows`, delivered in replicate order), whose
 * columns follow `csvHeader(layout)`: replicate, one reject flag per
 * hypothesis, four columns per estimate, one per metric, one per warning.
 */
import type { ReplicateLayout } from '../designs/types.js';

export interface ReplicateMatrix {
  replicates: number;
  hypotheses: number;
  metrics: number;
  /** rejected[r * hypotheses + h] */
  rejected: Uint8Array;
  /** metric[r * metrics + m]; NaN where the design reported none. */
  metric: Float64Array;
}

export interface MatrixCollector {
  onRows(rows: string): void;
  result(): ReplicateMatrix;
}

export function collectReplicates(layout: ReplicateLayout, replicates: number): MatrixCollector {
  const H = layout.hypotheses.length, M = layout.metrics.length;
  const metricStart = 1 + H + 4 * layout.estimates.length;
  const rejected = new Uint8Array(replicates * H);
  const metric = new Float64Array(replicates * M);
  let r = 0;
  return {
    onRows(rows) {
      for (const line of rows.split('\n')) {
        if (line === '') continue;
        if (r >= replicates) throw new Error(`more replicate rows than the ${replicates} expected`);
        const cells = line.split(',');
        for (let h = 0; h < H; h++) rejected[r * H + h] = cells[1 + h] === '1' ? 1 : 0;
        for (let m = 0; m < M; m++) {
          const c = cells[metricStart + m];
          metric[r * M + m] = c === 'NA' ? NaN : c === 'Inf' ? Infinity : c === '-Inf' ? -Infinity : Number(c);
        }
        r++;
      }
    },
    result() {
      if (r !== replicates) throw new Error(`expected ${replicates} replicate rows, received ${r}`);
      return { replicates, hypotheses: H, metrics: M, rejected, metric };
    },
  };
}
