/**
 * A binary min-heap of numbers in a typed array of fixed capacity (no
 * allocation after construction): the event clock of event-driven looks.
 */
export class MinHeap {
  private readonly items: Float64Array;
  size = 0;

  constructor(capacity: number) {
    this.items = new Float64Array(Math.max(1, capacity));
  }

  clear(): void {
    this.size = 0;
  }

  /** The smallest item, Infinity when empty. */
  peek(): number {
    return this.size > 0 ? this.items[0] : Infinity;
  }

  push(x: number): void {
    if (this.size === this.items.length) throw new RangeError('heap full');
    const a = this.items;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (a[parent] <= x) break;
      a[i] = a[parent];
      i = parent;
    }
    a[i] = x;
  }

  pop(): number {
    const a = this.items;
    const top = a[0];
    const last = a[--this.size];
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= this.size) break;
      const child = l + 1 < this.size && a[l + 1] < a[l] ? l + 1 : l;
      if (a[child] >= last) break;
      a[i] = a[child];
      i = child;
    }
    a[i] = last;
    return top;
  }

  /** Pushes every item of another heap (in any order). */
  pushAll(other: MinHeap): void {
    for (let k = 0; k < other.size; k++) this.push(other.items[k]);
  }
}
