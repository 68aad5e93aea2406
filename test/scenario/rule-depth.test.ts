/**
 * Eligibility rules nested absurdly deep are refused with the key path and
 * the column where the nesting passes the limit, instead of overflowing the
 * stack; long flat chains of "and"/"or" stay fine (they are parsed into a
 * balanced tree, so their depth grows with the logarithm of their length).
 */
import { describe, it, expect } from 'vitest';
import { parseRule, MAX_RULE_DEPTH } from '../../src/scenario/rules/parse.js';
import { compileRule } from '../../src/scenario/rules/compile.js';
import { Cohort } from '../../src/population/cohort.js';
import { trialsim, scenarioFile } from '../helpers/cli.js';
import type { BiomarkerSpec } from '../../src/scenario/population.js';

const markers: BiomarkerSpec[] = [{ id: 'egfr', type: 'binary', prevalence: 0.2 }, { id: 'alk', type: 'binary', prevalence: 0.1 }];
const parens = (n: number) => `${'('.repeat(n)}egfr${')'.repeat(n)}`;

function umbrella(eligibility: string): string {
  return `name: deep rule
population: { biomarkers: [{ id: egfr, type: binary, prevalence: 0.2 }] }
endpoint: { type: binary, intercept: -1 }
arms: { control: {}, drug: { effect: 0.5 } }
design:
  type: umbrella
  screening: { ratePerMonth: 50, cap: { months: 48 } }
  substudies: [{ id: s1, eligibility: "${eligibility}", drug: drug, sampleSize: 60 }]
  analysis: { test: z-pooled }
`;
}

describe('depth of eligibility rules', () => {
  it(`a rule nested ${MAX_RULE_DEPTH} deep parses; one level more is a syntax error at its column`, () => {
    expect(parseRule(parens(MAX_RULE_DEPTH))).toEqual({ kind: 'present', name: 'egfr', column: MAX_RULE_DEPTH + 1 });
    const r = compileRule(parens(MAX_RULE_DEPTH + 1), markers);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]).toEqual({ column: MAX_RULE_DEPTH + 1, message: `syntax error: the rule is nested more than ${MAX_RULE_DEPTH} deep (parentheses and "not"); simplify it` });
  });

  it('"not" repeated 50,000 times is refused, not a stack overflow', () => {
    const r = compileRule(`${'not '.repeat(50_000)}egfr`, markers);
    expect(r.ok).toBe(false);
  });

  it('a chain of 500 "or" terms (999 tokens, the most a rule may have) compiles and decides like a short one', () => {
    const r = compileRule(Array.from({ length: 500 }, (_, k) => (k === 499 ? 'alk' : 'egfr')).join(' or '), markers);
    expect(r.ok).toBe(true);
    const c = new Cohort(2, 2);
    c.markers[1][0] = 1; // patient 0: alk only; patient 1: neither
    if (r.ok) expect([r.eligible(c, 0), r.eligible(c, 1)]).toEqual([true, false]);
  });

  it('a chain of 10,000 "or" terms is refused at its 1,001st token: a rule that long would take minutes per run to evaluate', () => {
    const r = compileRule(Array.from({ length: 10_000 }, () => 'egfr').join(' or '), markers);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0].message).toMatch(/more than 1000 words and symbols \(19999\)/);
  });

  it('validate refuses a rule nested 400 deep naming the key path, exit 2 without a stack (50,000 deep is refused for its length first)', () => {
    expect(trialsim(['validate', scenarioFile(umbrella(parens(50_000)))]).stderr).toMatch(/at column 1001: syntax error: the rule has more than 1000 words and symbols/);
    const r = trialsim(['validate', scenarioFile(umbrella(parens(400)))]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/design\.substudies\[0\]\.eligibility: in rule "\({20,}\.\.\." at column 65: syntax error: the rule is nested more than 64 deep/);
    expect(r.stderr.length).toBeLessThan(1000);
    expect(r.stderr).not.toMatch(/\n\s+at .*:\d+:\d+/);
  });
});
