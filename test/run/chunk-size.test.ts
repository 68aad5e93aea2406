/**
 * The default chunk size (pool.ts): about eight chunks per worker; at most
 * 2,000 replicates when the chunks' CSV rows are kept; without rows up to
 * half a second of work at the workload estimate's assumed speed, between
 * 2,000 and 10,000 replicates. The chunks always cover the range once.
 */
import { describe, it, expect } from 'vitest';
import { defaultChunkSize, chunksOf } from '../../src/run/pool.js';
import { ASSUMED_PATIENTS_PER_SECOND } from '../../src/run/workload.js';

const rowsKept = { rows: true, patientsPerReplicate: 100 };
const noRows = (patientsPerReplicate: number) => ({ rows: false, patientsPerReplicate });

describe('defaultChunkSize', () => {
  it('cuts a small run into about eight chunks per worker, rows or not', () => {
    expect(defaultChunkSize([1, 1601], 2, rowsKept)).toBe(100);
    expect(defaultChunkSize([1, 1601], 2, noRows(100))).toBe(100);
    expect(defaultChunkSize([1, 11], 4)).toBe(1);
  });

  it('holds at most 2,000 replicates when rows are kept, or when nothing is said about them', () => {
    expect(defaultChunkSize([1, 1_000_001], 2, rowsKept)).toBe(2000);
    expect(defaultChunkSize([1, 1_000_001], 2)).toBe(2000);
  });

  it('without rows, holds half a second of work at the assumed speed, from 2,000 to 10,000 replicates', () => {
    expect(ASSUMED_PATIENTS_PER_SECOND).toBe(2e6);
    expect(defaultChunkSize([1, 1_000_001], 2, noRows(100))).toBe(10_000);
    expect(defaultChunkSize([1, 1_000_001], 2, noRows(300))).toBe(3333);
    expect(defaultChunkSize([1, 1_000_001], 2, noRows(4041))).toBe(2000);
    expect(defaultChunkSize([1, 1_000_001], 2, noRows(1))).toBe(10_000);
  });

  it('gives chunks that cover the range once, in order', () => {
    const chunks = chunksOf([1, 1_000_001], defaultChunkSize([1, 1_000_001], 2, noRows(300)));
    expect(chunks[0]).toEqual([1, 3334]);
    expect(chunks.at(-1)![1]).toBe(1_000_001);
    for (let k = 1; k < chunks.length; k++) expect(chunks[k][0]).toBe(chunks[k - 1][1]);
  });
});
