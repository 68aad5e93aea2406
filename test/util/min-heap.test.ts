import { describe, it, expect } from 'vitest';
import { MinHeap } from '../../src/util/min-heap.js';

describe('MinHeap', () => {
  it('pops any pushed sequence in sorted order, and pushAll merges', () => {
    let seed = 7;
    const next = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const values = Array.from({ length: 500 }, next);
    const h = new MinHeap(1000);
    values.slice(0, 250).forEach((v) => h.push(v));
    const other = new MinHeap(250);
    values.slice(250).forEach((v) => other.push(v));
    h.pushAll(other);
    const out: number[] = [];
    while (h.size > 0) out.push(h.pop());
    expect(out).toEqual([...values].sort((a, b) => a - b));
    expect(h.peek()).toBe(Infinity);
  });
});
