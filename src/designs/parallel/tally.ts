/**
 * Tallies one trial's patients into cells: per arm, overall and within each
 * level of each subgrouping, the number of patients and the sum of their
 * outcomes (responders, events, or outcome values).
 *
 * For a 0/1 outcome (binary response, event indicator) each patient gets one
 * code for their joint cell (arm x level of every subgrouping x outcome) and
 * the codes are counted in one histogram, whose bins are then folded into the
 * marginal cells. That is one increment per patient instead of two per cell
 * the patient belongs to; the replicate loop spends much of its analysis time
 * here, and the histogram halves it. When the joint table would be large
 * (many subgroupings with many levels) or the outcome is continuous, each
 * cell is tallied directly, one pass per subgrouping.
 */
import type { Cohort } from '../../population/cohort.js';
import { tableByType, type DiscreteKey } from '../../population/discrete-table.js';
import type { ParallelSetup } from './setup.js';

/** Beyond this many joint cells, direct tallies are cheaper than folding the histogram. */
const MAX_JOINT_CELLS = 4096;

export interface CellTally {
  /** Cells: 0 = all patients, then each subgrouping's levels in order (`offsets[sg] + level`). */
  readonly cellCount: number;
  readonly offsets: Int32Array;
  /** Patients and outcome sums at index cell * arms + arm. */
  readonly n: Float64Array;
  readonly sum: Float64Array;
  count(c: Cohort): void;
  /**
   * Present for a 0/1 outcome when every patient has one of a few discrete
   * types (population/discrete-table.ts), each of which fixes the patient's
   * level of every subgrouping: the enrolment counts its patients into
   * `counts` at index (type * arms + arm) * 2 + outcome as it draws them,
   * and `fold` adds those counts into the cells, in place of `count`'s
   * pass over the cohort. The counts are integers, so the cells
   * are the same whichever way they are tallied.
   */
  readonly byType?: { counts: Int32Array; fold(): void };
}

/** @param types the population's patient types, if any (see `CellTally.byType`). */
export function buildTally(setup: ParallelSetup, capacity: number, types: DiscreteKey | null = null): CellTally {
  const arms = setup.arms.length;
  const groups = setup.subgroups;
  const offsets = new Int32Array(groups.length);
  let cellCount = 1;
  groups.forEach((g, sg) => { offsets[sg] = cellCount; cellCount += g.levels.length; });
  const n = new Float64Array(cellCount * arms);
  const sum = new Float64Array(cellCount * arms);
  const columns = Int32Array.from(groups.map((g) => g.column));
  // A cutpoint for continuous markers, NaN when the column holds the level itself.
  const cuts = Float64Array.from(groups.map((g) => g.cutpoint ?? NaN));
  const levels = Int32Array.from(groups.map((g) => g.levels.length));
  const zeroOne = setup.endpointType === 'binary' || setup.endpointType === 'time-to-event';
  const outcomes = (c: Cohort) => (setup.endpointType === 'time-to-event' ? c.event : c.outcome);

  const jointCells = groups.reduce((p, g) => p * g.levels.length, 2 * arms);
  if (zeroOne && jointCells <= MAX_JOINT_CELLS) {
    // Joint code = y + 2 (arm + arms (level_1 + L_1 (level_2 + ...))).
    const strides = new Int32Array(groups.length);
    let stride = 2 * arms;
    groups.forEach((g, sg) => { strides[sg] = stride; stride *= g.levels.length; });
    const code = new Int32Array(capacity);
    const histogram = new Int32Array(jointCells);
    return {
      cellCount, offsets, n, sum,
      ...(types && types.size * 2 * arms <= capacity ? { byType: typeCounts(setup, types, offsets, n, sum) } : {}),
      count(c) {
        const size = c.n, ys = outcomes(c), armOf = c.arm;
        histogram.fill(0);
        if (columns.length === 1 && cuts[0] !== cuts[0]) {
          // The common case, one discrete subgrouping: a single pass.
          const x = c.markers[columns[0]], s = strides[0];
          for (let i = 0; i < size; i++) histogram[(ys[i] | 0) + 2 * armOf[i] + s * (x[i] | 0)]++;
        } else {
          for (let i = 0; i < size; i++) code[i] = ys[i] + 2 * armOf[i];
          for (let sg = 0; sg < columns.length; sg++) {
            const x = c.markers[columns[sg]], cut = cuts[sg], s = strides[sg];
            if (cut === cut) for (let i = 0; i < size; i++) code[i] += x[i] >= cut ? s : 0;
            else for (let i = 0; i < size; i++) code[i] += s * (x[i] | 0);
          }
          for (let i = 0; i < size; i++) histogram[code[i]]++;
        }
        n.fill(0); sum.fill(0);
        for (let b = 0; b < jointCells; b++) {
          const h = histogram[b];
          if (h === 0) continue;
          const y = b & 1;
          const a = (b >> 1) % arms;
          n[a] += h; sum[a] += y * h;
          let rest = Math.floor(b / (2 * arms));
          for (let sg = 0; sg < levels.length; sg++) {
            const k = (offsets[sg] + (rest % levels[sg])) * arms + a;
            rest = Math.floor(rest / levels[sg]);
            n[k] += h; sum[k] += y * h;
          }
        }
      },
    };
  }

  return {
    cellCount, offsets, n, sum,
    count(c) {
      const size = c.n, ys = outcomes(c), armOf = c.arm;
      n.fill(0); sum.fill(0);
      for (let i = 0; i < size; i++) { const a = armOf[i]; n[a]++; sum[a] += ys[i]; }
      // One pass per subgrouping, in integer arithmetic: short monomorphic loops.
      for (let sg = 0; sg < columns.length; sg++) {
        const x = c.markers[columns[sg]], cut = cuts[sg], base = offsets[sg] * arms;
        if (cut === cut) {
          for (let i = 0; i < size; i++) { const k = base + (x[i] >= cut ? arms : 0) + armOf[i]; n[k]++; sum[k] += ys[i]; }
        } else {
          for (let i = 0; i < size; i++) { const k = base + (x[i] | 0) * arms + armOf[i]; n[k]++; sum[k] += ys[i]; }
        }
      }
    },
  };
}

/**
 * Patients counted by (type, arm, 0/1 outcome), folded into the cells: each
 * type's level of each subgrouping is tabulated once. Worth it while the
 * types' bins are no more than the patients (`buildTally` checks).
 */
function typeCounts(setup: ParallelSetup, types: DiscreteKey, offsets: Int32Array, n: Float64Array, sum: Float64Array) {
  const arms = setup.arms.length, groups = setup.subgroups.length;
  const levelOf = tableByType(types, groups, (c, i, sg) => setup.subgroups[sg].levelOf(c, i));
  const counts = new Int32Array(types.size * arms * 2);
  return {
    counts,
    fold() {
      n.fill(0); sum.fill(0);
      for (let t = 0; t < types.size; t++) {
        for (let a = 0; a < arms; a++) {
          const b = (t * arms + a) * 2, patients = counts[b] + counts[b + 1], responders = counts[b + 1];
          if (patients === 0) continue;
          n[a] += patients; sum[a] += responders;
          for (let sg = 0; sg < groups; sg++) {
            const k = (offsets[sg] + levelOf[t * groups + sg]) * arms + a;
            n[k] += patients; sum[k] += responders;
          }
        }
      }
    },
  };
}
