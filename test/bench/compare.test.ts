/**
 * Comparing two bench runs: a figure that fell by more than the tolerance
 * (20% by default) is flagged, one that fell less or rose is not, and
 * figures missing from either run are left out; the command exits 1 when
 * any dropped, 0 otherwise, 2 on a file that is no bench.json.
 */
import { describe, it, expect } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { compareBench, writeBenchJson, type BenchRun } from '../../src/bench/compare.js';
import { tempDir } from '../helpers/cli.js';

const run = (figures: [string, string, number][]): BenchRun => ({
  node: 'v20', cores: 2, quick: true, argv: [],
  figures: figures.map(([what, workers, value]) => ({ what, workers, value, unit: workers === '-' ? 'ratio' : 'replicates/s' })),
});

describe('comparing bench runs', () => {
  const before = run([['two-arm', '1', 60000], ['two-arm', '2', 70000], ['basket', '1', 500], ['ratio', '-', 0.8], ['gone', '1', 10]]);
  const after = run([['two-arm', '1', 45000], ['two-arm', '2', 66000], ['basket', '1', 650], ['ratio', '-', 0.63], ['new', '1', 5]]);

  it('flags the figures that dropped by more than the tolerance', () => {
    const changes = compareBench(before, after);
    expect(changes.map((c) => [c.what, c.workers, c.dropped])).toEqual([
      ['two-arm', '1', true], ['two-arm', '2', false], ['basket', '1', false], ['ratio', '-', true],
    ]);
    expect(changes[0].ratio).toBeCloseTo(0.75, 12);
    expect(compareBench(before, after, 0.3).filter((c) => c.dropped)).toHaveLength(0);
  });

  it('exits 1 when a figure dropped, 0 when none did, 2 on a file that is no bench.json', () => {
    const dir = tempDir();
    const [a, b, bad] = ['a.json', 'b.json', 'bad.json'].map((f) => join(dir, f));
    writeBenchJson(a, before); writeBenchJson(b, after); writeFileSync(bad, '{"x": 1}');
    const script = join(process.cwd(), 'dist/bench/compare.js');
    expect(spawnSync(process.execPath, [script, a, b]).status).toBe(1);
    expect(spawnSync(process.execPath, [script, a, a]).status).toBe(0);
    const refused = spawnSync(process.execPath, [script, a, bad], { encoding: 'utf8' });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/bad\.json: expected a bench\.json with figures, found none/);
  });
});
