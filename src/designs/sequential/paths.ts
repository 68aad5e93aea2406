/**
 * The observed treatment paths of one trial as a prefix tree, with the
 * sufficient statistics of the IPW estimating equations at each node, so
 * that an embedded sequence's value and sandwich variance cost a walk down
 * one branch (O(levels)) instead of a pass over every participant.
 *
 * A node at depth k+1 is a path of options through level k (the root is the
 * empty path). For the participants at a node, in each analysis cell, it
 * holds their count, Σ W, Σ W², Σ W Y and Σ W² Y with W their cumulative
 * inverse randomisation probability through level k and Y = 1 if they
 * remitted at level k; the same count and weight sums over those who stopped
 * there (remitted, dropped out, declined the next level or finished the
 * last); and, over those who went on to level k+1, how many had each option
 * of that level acceptable and available.
 */

/** What the tree needs of a trial (participant-major arrays, [i * L + k]). */
export interface ObservedPaths {
  n: number;
  L: number;
  reached: Int32Array;
  option: Int32Array;
  eligible: Int32Array;
  /** Cumulative product of 1 / (randomisation probability) through each level. */
  inverseProbability: Float64Array;
  /** Level of remission, -1 if none. */
  remitLevel: Int32Array;
}

/** Per-node statistics, in this order. */
export const NODE = { n: 0, w: 1, ww: 2, wy: 3, wwy: 4, stopN: 5, stopW: 6, stopWW: 7 } as const;
const FIELDS = 8;

export class PathTree {
  /** Number of nodes in use (node 0 is the root). */
  size = 1;
  readonly child: Int32Array;
  /** Node of participant i after level k, [i * L + k]. */
  readonly nodeOf: Int32Array;
  /** [cell][node * FIELDS + field] and [cell][node * maxOptions + option]. */
  readonly stats: Float64Array[];
  readonly accept: Float64Array[];
  /** Participants in each cell. */
  readonly cellSize: Float64Array;

  constructor(readonly capacity: number, readonly L: number, readonly maxOptions: number, readonly cells: number) {
    const nodes = capacity * L + 1;
    this.child = new Int32Array(nodes * maxOptions).fill(-1);
    this.nodeOf = new Int32Array(capacity * L);
    this.stats = Array.from({ length: cells }, () => new Float64Array(nodes * FIELDS));
    this.accept = Array.from({ length: cells }, () => new Float64Array(nodes * maxOptions));
    this.cellSize = new Float64Array(cells);
  }

  /** The child of node v through option o, or -1. */
  next(v: number, o: number): number {
    return this.child[v * this.maxOptions + o];
  }

  /**
   * Builds the tree of a trial. `cellsOf(i, out)` writes the cells of
   * participant i (always cell 0 first) into out and returns how many.
   */
  build(t: ObservedPaths, cellsOf: (i: number, out: Int32Array) => number): void {
    const { L, maxOptions } = this;
    this.child.fill(-1, 0, this.size * maxOptions);
    for (let c = 0; c < this.cells; c++) {
      this.stats[c].fill(0, 0, this.size * FIELDS);
      this.accept[c].fill(0, 0, this.size * maxOptions);
    }
    this.cellSize.fill(0);
    this.size = 1;
    const mine = new Int32Array(this.cells);
    for (let i = 0; i < t.n; i++) {
      const count = cellsOf(i, mine);
      for (let j = 0; j < count; j++) this.cellSize[mine[j]]++;
      let v = 0;
      const last = t.reached[i] - 1;
      for (let k = 0; k <= last; k++) {
        const at = i * L + k, o = t.option[at], mask = t.eligible[at];
        for (let j = 0; j < count; j++) {
          const acc = this.accept[mine[j]];
          for (let q = 0; mask >>> q; q++) if ((mask >>> q) & 1) acc[v * maxOptions + q]++;
        }
        let u = this.child[v * maxOptions + o];
        if (u < 0) { u = this.size++; this.child[v * maxOptions + o] = u; this.child.fill(-1, u * maxOptions, (u + 1) * maxOptions); }
        v = u;
        this.nodeOf[at] = v;
        const w = t.inverseProbability[at], y = t.remitLevel[i] === k ? 1 : 0, stop = k === last ? 1 : 0;
        for (let j = 0; j < count; j++) {
          const s = this.stats[mine[j]], b = v * FIELDS;
          s[b] += 1; s[b + 1] += w; s[b + 2] += w * w; s[b + 3] += w * y; s[b + 4] += w * w * y;
          if (stop) { s[b + 5] += 1; s[b + 6] += w; s[b + 7] += w * w; }
        }
      }
    }
  }

  stat(cell: number, v: number, field: number): number {
    return this.stats[cell][v * FIELDS + field];
  }

  /** Participants who entered the level below node v (for the root: the cell's participants). */
  entering(cell: number, v: number): number {
    return v === 0 ? this.cellSize[cell] : this.stat(cell, v, NODE.n) - this.stat(cell, v, NODE.stopN);
  }

  /** Of those, how many had option o acceptable and available. */
  accepting(cell: number, v: number, o: number): number {
    return this.accept[cell][v * this.maxOptions + o];
  }
}
