/**
 * `trialsim simon` as a user runs it (built CLI: npm run build): the optimal
 * and minimax designs of Simon (1989, Table 1, alpha = 0.05, power = 0.8)
 * with their exact type I error, power, PET and EN under p0 and p1, in a
 * table and as JSON; exact values against the naive R enumeration
 * (test/fixtures/basket-exact.json, basket-design.json). Bad options are
 * user errors (exit 2).
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { expectSimonDesign, type SimonFields } from '../helpers/simon.js';
import { trialsim } from '../helpers/cli.js';
import type { SimonReport } from '../../src/cli/simon.js';

const published = [
  { p0: 0.05, p1: 0.25, optimal: '0/9  2/17', minimax: '0/12  2/16', en0: [12.0, 13.8], pet0: [0.63, 0.54] },
  { p0: 0.1, p1: 0.3, optimal: '1/10  5/29', minimax: '1/15  5/25', en0: [15.0, 19.5], pet0: [0.74, 0.55] },
  { p0: 0.2, p1: 0.4, optimal: '3/13  12/43', minimax: '4/18  10/33', en0: [20.6, 22.3], pet0: [0.75, 0.72] },
  { p0: 0.3, p1: 0.5, optimal: '5/15  18/46', minimax: '6/19  16/39', en0: [23.6, 25.7], pet0: [0.72, 0.67] },
];

const exact = JSON.parse(readFileSync(new URL('../fixtures/basket-exact.json', import.meta.url), 'utf8')) as {
  simon: { p0: number; p1: number; optimal: SimonFields; minimax: SimonFields }[];
};
const design = JSON.parse(readFileSync(new URL('../fixtures/basket-design.json', import.meta.url), 'utf8')) as {
  simon: { rate: number[]; earlyStop: number[]; expectedSize: number[] };
};

const words = (s: string) => s.trim().split(/\s+/);

describe('trialsim simon', () => {
  for (const row of published) {
    it(`prints Simon's published optimal and minimax designs for p0 = ${row.p0}, p1 = ${row.p1}`, () => {
      const r = trialsim(['simon', '--p0', String(row.p0), '--p1', String(row.p1), '--alpha', '0.05', '--power', '0.8', '--max-n', '60']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`Simon two-stage designs for p0 = ${row.p0}, p1 = ${row.p1}, alpha = 0.05, power = 0.8 (n <= 60)`);
      const lines = r.stdout.split('\n');
      (['optimal', 'minimax'] as const).forEach((kind, j) => {
        const cells = words(lines.find((l) => l.startsWith(kind))!);
        expect(cells.slice(1, 3).join('  ')).toBe(row[kind]);
        // columns: type I error, power, PET(p0), EN(p0), PET(p1), EN(p1)
        expect(Number(cells[6]).toFixed(1)).toBe(row.en0[j].toFixed(1));
        expect(Number(cells[5]).toFixed(2)).toBe(row.pet0[j].toFixed(2));
        expect(Number(cells[3])).toBeLessThanOrEqual(0.05);
        expect(Number(cells[4])).toBeGreaterThanOrEqual(0.8);
      });
    });
  }

  it('gives exact type I error, power, PET and EN as JSON, matching the R enumeration', () => {
    for (const f of exact.simon) {
      const r = trialsim(['simon', '--p0', String(f.p0), '--p1', String(f.p1), '--max-n', '60', '--json']);
      expect(r.code).toBe(0);
      const report = JSON.parse(r.stdout) as SimonReport;
      for (const kind of ['optimal', 'minimax'] as const) {
        expectSimonDesign(report[kind]!, f[kind]);
      }
    }
    const r = JSON.parse(trialsim(['simon', '--p0', '0.1', '--p1', '0.3', '--json']).stdout) as SimonReport;
    const at1 = design.simon.rate.indexOf(0.3);
    expect(r.maxN).toBe(100);
    expect(r.optimal!.pet1).toBeCloseTo(design.simon.earlyStop[at1], 12);
    expect(r.optimal!.en1).toBeCloseTo(design.simon.expectedSize[at1], 10);
  });

  it('refuses impossible requests with a message and exit code 2', () => {
    const cases: [string[], RegExp][] = [
      [['--p0', '0.3', '--p1', '0.2'], /--p1: expected a rate above p0 = 0\.3, found 0\.2/],
      [['--p0', '1.2', '--p1', '0.3'], /--p0: expected a number between 0 and 1, found 1\.2/],
      [['--p0', '0.1', '--p1', '0.3', '--max-n', '2.5'], /--max-n: expected a whole number >= 2, found 2\.5/],
      [['--p0', '0.1', '--p1', '0.15', '--max-n', '20'], /no two-stage design with n <= 20 has type I error <= 0\.05 and power >= 0\.8 for p0 = 0\.1, p1 = 0\.15; raise --max-n/],
      [['--p1', '0.3'], /Missing required argument: p0/],
    ];
    for (const [args, message] of cases) {
      const r = trialsim(['simon', ...args]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
    }
  });
});
