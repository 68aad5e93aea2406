/**
 * What a sweep gives: one summary per grid point. Apart from sweep.ts (which
 * runs the points on worker threads with checkpoints) so that the explorer
 * page can build one too and draw it with the sweep report's charts.
 */
import type { Summary } from '../summary/summarise.js';
import type { SweepValue, Variation } from './values.js';

export const SWEEP_SCHEMA = 'trialsim-sweep/1';

export interface SweepPoint {
  index: number;
  values: Record<string, SweepValue>;
  hash: string;
  /** Arms of this point's scenario (for the sample-size quantity). */
  arms: string[];
  summary: Summary;
}

export interface SweepResult {
  schema: typeof SWEEP_SCHEMA;
  trialsim: string;
  scenario: { name: string; file: string; hash: string; design: string };
  seed: number;
  replicates: number;
  vary: Variation[];
  points: SweepPoint[];
}

