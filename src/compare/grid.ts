/**
 * The cartesian grid of a sweep: every combination of the varied keys'
 * values, in a fixed order (the first key varies slowest), so grid point k
 * means the same scenario on every run.
 */
import { UserError } from '../scenario/errors.js';
import type { SweepValue, Variation } from './values.js';

/** One grid point: a value for every varied key, in the order the keys were given. */
export interface GridPoint {
  index: number;
  values: Record<string, SweepValue>;
}

/** Most grid points a sweep may have. */
export const MAX_GRID_POINTS = 10_000;

export function expandGrid(variations: readonly Variation[]): GridPoint[] {
  const size = variations.reduce((n, v) => n * v.values.length, 1);
  if (size > MAX_GRID_POINTS) {
    throw new UserError(`--vary: expected at most ${MAX_GRID_POINTS} grid points, found ${size} (${variations.map((v) => v.values.length).join(' x ')})`);
  }
  const points: GridPoint[] = [];
  for (let index = 0; index < size; index++) {
    const values: Record<string, SweepValue> = {};
    let rest = index;
    for (let j = variations.length - 1; j >= 0; j--) {
      const v = variations[j];
      values[v.key] = v.values[rest % v.values.length];
      rest = Math.floor(rest / v.values.length);
    }
    // Insertion order of the keys as given, not reversed.
    points.push({ index, values: Object.fromEntries(variations.map((v) => [v.key, values[v.key]])) });
  }
  return points;
}

/** A short label of a grid point, e.g. "design.sampleSize=200, arms.drug.effect=0.4". */
export function pointLabel(values: Record<string, SweepValue>): string {
  return Object.entries(values).map(([k, v]) => `${k}=${v}`).join(', ');
}
