/**
 * The interim selection rules on given measures (F, S1, S2 as bits 0, 1, 2):
 * which populations each rule keeps, ties, measures that could not be
 * computed, dropped populations, the user's rule table and the posterior
 * rule's nesting.
 */
import { describe, it, expect } from 'vitest';
import { selectByMeasure, selectByPosterior } from '../../../src/designs/enrichment/selection.js';

const populations = ['F', 'S1', 'S2'];
type Rule = Parameters<typeof selectByMeasure>[0];
const rule = (r: Partial<Rule>): Rule => ({ rule: 'best', measure: 'estimate', ...r }) as Rule;
const ALL = 0b111;

describe('selection by the interim measure', () => {
  const m = [0.1, 0.3, 0.25];
  it('best, r-best, epsilon, threshold and all', () => {
    expect(selectByMeasure(rule({ rule: 'best' }), m, ALL, populations)).toBe(0b010);
    expect(selectByMeasure(rule({ rule: 'r-best', r: 2 }), m, ALL, populations)).toBe(0b110);
    expect(selectByMeasure(rule({ rule: 'r-best', r: 3 }), m, 0b011, populations)).toBe(0b011);
    expect(selectByMeasure(rule({ rule: 'epsilon', epsilon: 0.06 }), m, ALL, populations)).toBe(0b110);
    expect(selectByMeasure(rule({ rule: 'epsilon', epsilon: 0.2 }), m, ALL, populations)).toBe(0b111);
    expect(selectByMeasure(rule({ rule: 'threshold', threshold: 0.26 }), m, ALL, populations)).toBe(0b010);
    expect(selectByMeasure(rule({ rule: 'threshold', threshold: 0.5 }), m, ALL, populations)).toBe(0);
    expect(selectByMeasure(rule({ rule: 'all' }), m, ALL, populations)).toBe(ALL);
  });
  it('ties go to the earlier population (F first); a measure that could not be computed is never selected', () => {
    expect(selectByMeasure(rule({ rule: 'best' }), [0.2, 0.2, 0.1], ALL, populations)).toBe(0b001);
    expect(selectByMeasure(rule({ rule: 'best' }), [NaN, 0.1, 0.3], ALL, populations)).toBe(0b100);
    expect(selectByMeasure(rule({ rule: 'all' }), [NaN, 0.1, 0.3], ALL, populations)).toBe(0b110);
    expect(selectByMeasure(rule({ rule: 'best' }), [NaN, NaN, NaN], ALL, populations)).toBe(0);
  });
  it('a dropped population is never selected again', () => {
    expect(selectByMeasure(rule({ rule: 'best' }), m, 0b101, populations)).toBe(0b100);
    expect(selectByMeasure(rule({ rule: 'all' }), m, 0b001, populations)).toBe(0b001);
  });
});

describe('the rule table', () => {
  const table = rule({
    rule: 'table',
    table: [
      { when: { S1: { above: 0.3 }, F: { below: 0.1 } }, select: ['S1'] },
      { when: { F: { above: 0.1 } }, select: ['F', 'S1', 'S2'] },
      { when: { S2: { above: 0.2, below: 0.4 } }, select: ['S2'] },
    ],
    otherwise: [],
  });
  it('takes the first row whose every condition holds, else the fallback', () => {
    expect(selectByMeasure(table, [0.05, 0.35, 0], ALL, populations)).toBe(0b010);
    expect(selectByMeasure(table, [0.1, 0.35, 0], ALL, populations)).toBe(ALL); // F ≥ 0.1: row 1 fails (below is strict), row 2
    expect(selectByMeasure(table, [0.05, 0.2, 0.3], ALL, populations)).toBe(0b100);
    expect(selectByMeasure(table, [0.05, 0.2, 0.4], ALL, populations)).toBe(0);
  });
  it('selects only populations still in, and a row naming a dropped one does not match', () => {
    expect(selectByMeasure(table, [0.15, 0.35, 0], 0b011, populations)).toBe(0b011);
    expect(selectByMeasure(table, [0.05, 0.35, 0.3], 0b101, populations)).toBe(0b100);
  });
  it('the fallback applies when no row matches', () => {
    expect(selectByMeasure({ ...table, otherwise: ['F'] }, [0.05, 0.2, 0.5], ALL, populations)).toBe(0b001);
  });
});

describe('the posterior rule', () => {
  // F contains S1 and S2; S2 is declared within S1.
  const nestedIn = [[1, 2], [2], []];
  it('a population goes on with every population still in that is nested in it', () => {
    expect(selectByPosterior([0.9, 0.1, 0.1], 0.8, ALL, nestedIn)).toBe(ALL);
    expect(selectByPosterior([0.1, 0.9, 0.1], 0.8, ALL, nestedIn)).toBe(0b110);
    expect(selectByPosterior([0.1, 0.1, 0.85], 0.8, ALL, nestedIn)).toBe(0b100);
    expect(selectByPosterior([0.1, 0.1, 0.1], 0.8, ALL, nestedIn)).toBe(0);
    expect(selectByPosterior([0.9, 0.1, 0.1], 0.8, 0b011, nestedIn)).toBe(0b011);
  });
});
