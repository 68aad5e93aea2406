/**
 * A chunk's replicate rows carry each reported test (chunk.ts): a design
 * that leaves a hypothesis untested in a replicate (an arm dropped before
 * it was ever tested) reports NA there, not the test of the replicate
 * before it, so the rows are the same however the replicates are cut into
 * chunks; hypotheses without a declared test get no columns.
 */
import { describe, it, expect } from 'vitest';
import { runChunk, csvHeader, type Simulator } from '../../src/run/chunk.js';
import { newRecord, writeTest, type ReplicateLayout, type SimulationPlan } from '../../src/designs/types.js';
import { ReplicateStreams } from '../../src/random/stream.js';
import { rowsText } from '../../src/run/row-buffer.js';

const layout: ReplicateLayout = {
  hypotheses: [
    { id: 'sometimes', label: 'tested in about half the replicates', family: 'f', test: { statistic: 'z', sided: 'one' } },
    { id: 'never', label: 'reports no test', family: 'f' },
  ],
  estimates: [], metrics: [], warnings: [],
};

/** Tests the first hypothesis when the replicate's first patient draw is below 1/2, at look 2. */
const plan: SimulationPlan = {
  layout,
  simulate(streams, out) {
    const u = streams.patients();
    out.rejected[0] = u < 0.1 ? 1 : 0;
    if (u < 0.5) writeTest(out, 0, u, u / 2, u, 2);
  },
};

function rows(cuts: number[]): string {
  const sim: Simulator = { plan, record: newRecord(layout), streams: new ReplicateStreams(7, 1) };
  let text = '';
  for (let j = 0; j + 1 < cuts.length; j++) text += rowsText(runChunk(sim, { from: cuts[j], to: cuts[j + 1], centres: [], rows: true }).rows!);
  return text;
}

describe('replicate rows with tests', () => {
  it('have four columns per declared test, before the selections', () => {
    expect(csvHeader(layout)).toBe('replicate,reject:sometimes,reject:never,statistic:sometimes,p:sometimes,adjustedP:sometimes,look:sometimes\n');
  });

  it('report NA for a replicate that made no test, whatever chunk it falls in', () => {
    const whole = rows([1, 41]);
    const lines = whole.trim().split('\n').map((l) => l.split(','));
    const untested = lines.filter((f) => f[3] === 'NA');
    expect(untested.length).toBeGreaterThan(5);
    expect(lines.length - untested.length).toBeGreaterThan(5);
    for (const f of untested) expect(f.slice(3)).toEqual(['NA', 'NA', 'NA', 'NA']);
    for (const f of lines.filter((x) => x[3] !== 'NA')) expect([Number(f[4]), f[6]]).toEqual([Number(f[3]) / 2, '2']);
    for (const cuts of [[1, 2, 3, 41], [1, 17, 18, 41], [1, 8, 9, 10, 11, 12, 41]]) expect(rows(cuts)).toBe(whole);
  });
});
