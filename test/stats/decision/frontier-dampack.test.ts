/**
 * The cost-effectiveness frontier equals dampack's calculate_icers
 * (DARTH-git/dampack, R/icers.R, commit 0430fee8b8b3736cdc7dda353bd39ffa8b8480a2).
 *
 * test/fixtures/dampack-icers.json holds dampack's published results,
 * transcribed by hand (inputs and outputs; nothing recomputed):
 * - herc-test: tests/testthat/test_calculate_icers.R, the HERC example and
 *   the test's expected table (exact ICERs 5000, 12500, 20000; C extendedly
 *   dominated, A dominated);
 * - cdiff-vignette: vignettes/cdiff_icers.csv, the table the vignette
 *   "Basic Cost Effectiveness Analysis" wrote with write.table for the
 *   C. difficile example (11 strategies; 6 ND, 1 ED, 4 D), at 15 significant
 *   digits, so its ICERs are matched to 1e-9 relative;
 * - equal-effect-test: the test "default reference strategy" (two strategies
 *   of equal effect; only Test & treat's result is published: first row, so
 *   non-dominated);
 * - hiv-vignette: the vignette's HIV screening example, whose text states
 *   only that annual screening is strongly dominated.
 * test/fixtures/dampack-icers-run.json is written by
 * test/fixtures/dampack-icers-run.R, which runs dampack's own calculate_icers
 * (sourced from a checkout at that commit) on the example of its manual page,
 * data(hund_strat) (100 strategies, full precision from data/hund_strat.rda),
 * and on exact duplicates; ICERs to 1e-9 relative.
 *
 * How dampack's definitions map to ours:
 * - Status ND = 'frontier', D = 'dominated', ED = 'extendedly dominated';
 *   an ICER of NA = null (the first frontier strategy and everything off it).
 *   dampack has no reference strategy: like ours, the cheapest non-dominated
 *   strategy starts the frontier.
 * - Strong dominance: dampack sorts by cost, then effect descending, and marks
 *   every strategy no more effective than a cheaper-or-equal one earlier in
 *   that order. That is ours (costs no more and is at least as effective,
 *   strictly in one) for distinct points: of two with equal cost the less
 *   effective is dominated, of two with equal effect the costlier. For exact
 *   duplicates dampack keeps the first in input order (its sort is stable) and
 *   marks the rest D; ours did not (both stayed on the frontier with a 0/0
 *   ICER) and now does the same.
 * - Extended dominance: dampack marks in one pass every frontier strategy
 *   whose ICER exceeds the next one's (strictly: equal ICERs, collinear
 *   points, stay on the frontier) and repeats; ours removes one per pass.
 *   Every strategy either marks lies above the chord between its current
 *   neighbours, so neither is on the lower convex hull, and both end at the
 *   same frontier.
 * - ICERs are recomputed along the final frontier against the previous
 *   frontier strategy in both.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { costEffectivenessFrontier, type FrontierStatus, type Strategy } from '../../../src/stats/decision/cost-effectiveness.js';

interface Example {
  name: string;
  strategies: Strategy[];
  /** Effects given in quality-adjusted life-months, converted to years by / 12 as the vignette does. */
  lifeMonths?: boolean;
  /** dampack's result for the strategies it publishes (all of them except where noted in the fixture). */
  expected: { id: string; status: FrontierStatus; icer: number | null }[];
}
interface Fixture { source: { repository: string; commit: string }; examples: Example[] }

const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Fixture;
const published = read('test/fixtures/dampack-icers.json');
const run = read('test/fixtures/dampack-icers-run.json');

function check(example: Example, relative: number) {
  const strategies = example.lifeMonths ? example.strategies.map((s) => ({ ...s, effect: s.effect / 12 })) : example.strategies;
  const rows = costEffectivenessFrontier(strategies);
  expect(rows).toHaveLength(strategies.length);
  const by = new Map(rows.map((r) => [r.id, r]));
  expect(by.size).toBe(strategies.length);
  expect(new Set(example.expected.map((e) => e.id)).size).toBe(example.expected.length);
  for (const e of example.expected) {
    const got = by.get(e.id);
    expect(got, `${example.name}: ${e.id}`).toBeDefined();
    expect(got!.status, `${example.name}: ${e.id}`).toBe(e.status);
    if (e.icer === null) expect(got!.icer, `${example.name}: ${e.id}`).toBeNull();
    else expect(Math.abs((got!.icer as number) - e.icer), `${example.name}: ${e.id}`).toBeLessThanOrEqual(relative * Math.abs(e.icer));
  }
}

describe("the frontier equals dampack's calculate_icers", () => {
  it('cites dampack at one commit', () => {
    for (const f of [published, run]) {
      expect(f.source.repository).toBe('https://github.com/DARTH-git/dampack');
      expect(f.source.commit).toBe('0430fee8b8b3736cdc7dda353bd39ffa8b8480a2');
    }
  });

  const tolerance: Record<string, number> = { 'herc-test': 0, 'cdiff-vignette': 1e-9, 'equal-effect-test': 0, 'hiv-vignette': 0 };
  for (const example of published.examples) {
    it(`published: ${example.name} (every published status and ICER)`, () => {
      expect(tolerance[example.name]).toBeDefined();
      check(example, tolerance[example.name]);
    });
  }

  it('published examples with a full table give a result for every strategy', () => {
    for (const name of ['herc-test', 'cdiff-vignette']) {
      const example = published.examples.find((e) => e.name === name)!;
      expect(example.expected.map((e) => e.id).sort()).toEqual(example.strategies.map((s) => s.id).sort());
    }
  });

  for (const example of run.examples) {
    it(`dampack run: ${example.name} (${example.strategies.length} strategies; every status, ICERs to 1e-9)`, () => {
      expect(example.expected).toHaveLength(example.strategies.length);
      check(example, 1e-9);
    });
  }
});
