/**
 * The eligibility-rule language: precedence, comparisons, categorical
 * levels, and errors that name the column; rules are parsed, never
 * evaluated as code.
 */
import { describe, it, expect } from 'vitest';
import { compileRule } from '../../src/scenario/rules/compile.js';
import { parseRule } from '../../src/scenario/rules/parse.js';
import { Cohort } from '../../src/population/cohort.js';
import type { BiomarkerSpec } from '../../src/scenario/population.js';

const markers: BiomarkerSpec[] = [
  { id: 'egfr', type: 'binary', prevalence: 0.2 },
  { id: 'alk', type: 'binary', prevalence: 0.1 },
  { id: 'pdl1', type: 'continuous', mean: 0.3, sd: 0.2 },
  { id: 'site', type: 'categorical', levels: { lung: 0.5, colon: 0.5 } },
];

/** Evaluates a rule for one patient with the given marker values. */
function holds(rule: string, values: { egfr?: number; alk?: number; pdl1?: number; site?: number }): boolean {
  const r = compileRule(rule, markers);
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('; '));
  const c = new Cohort(1, markers.length);
  c.markers[0][0] = values.egfr ?? 0; c.markers[1][0] = values.alk ?? 0;
  c.markers[2][0] = values.pdl1 ?? 0; c.markers[3][0] = values.site ?? 0;
  return r.eligible(c, 0);
}

function problems(rule: string) {
  const r = compileRule(rule, markers, ['latent']);
  expect(r.ok).toBe(false);
  return r.ok ? [] : r.problems;
}

describe('eligibility rules', () => {
  it('a bare binary biomarker means the marker is present', () => {
    expect(holds('egfr', { egfr: 1 })).toBe(true);
    expect(holds('egfr', { egfr: 0 })).toBe(false);
  });

  it('"and" binds tighter than "or", and "not" tighter than both', () => {
    // egfr or (alk and not egfr)
    expect(holds('egfr or alk and not egfr', { egfr: 1, alk: 1 })).toBe(true);
    expect(holds('(egfr or alk) and not egfr', { egfr: 1, alk: 1 })).toBe(false);
    expect(holds('not egfr and alk', { egfr: 0, alk: 1 })).toBe(true);
    expect(holds('not (egfr and alk)', { egfr: 1, alk: 1 })).toBe(false);
    expect(holds('not not egfr', { egfr: 1 })).toBe(true);
  });

  it('every combination of two binary markers agrees with boolean algebra', () => {
    const rules: [string, (e: boolean, a: boolean) => boolean][] = [
      ['egfr and not alk', (e, a) => e && !a],
      ['egfr or alk', (e, a) => e || a],
      ['not (egfr or alk)', (e, a) => !(e || a)],
      ['egfr == 0 or alk != 0', (e, a) => !e || a],
      ['(egfr and alk) or (not egfr and not alk)', (e, a) => e === a],
    ];
    for (const [rule, f] of rules) for (const e of [0, 1]) for (const a of [0, 1]) expect(holds(rule, { egfr: e, alk: a }), rule).toBe(f(e === 1, a === 1));
  });

  it('continuous biomarkers compare with numbers, negative ones included', () => {
    expect(holds('pdl1 >= 0.5', { pdl1: 0.5 })).toBe(true);
    expect(holds('pdl1 > 0.5', { pdl1: 0.5 })).toBe(false);
    expect(holds('pdl1 < -1e-1', { pdl1: -0.2 })).toBe(true);
    expect(holds('pdl1<=.25 and egfr', { pdl1: 0.25, egfr: 1 })).toBe(true);
  });

  it('categorical biomarkers compare with level names; "=" means "=="', () => {
    expect(holds('site == colon', { site: 1 })).toBe(true);
    expect(holds('site = colon', { site: 0 })).toBe(false);
    expect(holds('site != colon', { site: 0 })).toBe(true);
  });

  it('an unknown biomarker is named with its column and the known ones', () => {
    const [p] = problems('egfr and kras');
    expect(p.column).toBe(10);
    expect(p.message).toBe('unknown biomarker: expected one of egfr, alk, pdl1, site, found "kras"');
  });

  it('syntax errors give the column and what was expected', () => {
    expect(problems('egfr and')[0]).toEqual({ column: 9, message: 'syntax error: expected a biomarker, "not" or "(", found the end of the rule' });
    expect(problems('(egfr or alk')[0]).toEqual({ column: 13, message: 'syntax error: expected ")", found the end of the rule' });
    expect(problems('egfr alk')[0]).toEqual({ column: 6, message: 'syntax error: expected "and", "or" or the end of the rule, found "alk"' });
    expect(problems('egfr && alk')[0].message).toBe('syntax error: unexpected "&"; write "and"');
    expect(problems('')[0].message).toMatch(/expected a rule such as/);
  });

  it('code is rejected as a syntax error, never run', () => {
    expect(problems('process.exit(1)')[0]).toEqual({ column: 8, message: 'syntax error: unexpected character "."' });
    expect(problems('egfr; require("fs")')[0].message).toMatch(/unexpected character ";"/);
  });

  it('each kind of biomarker must be used the way its type allows', () => {
    expect(problems('pdl1')[0].message).toBe('continuous biomarker "pdl1" needs a comparison, e.g. "pdl1 >= 0.3"');
    expect(problems('site')[0].message).toBe('categorical biomarker "site" needs a comparison, e.g. "site == lung"');
    expect(problems('site == liver')[0]).toEqual({ column: 9, message: 'expected a level of "site" (lung, colon), found "liver"' });
    expect(problems('site > lung')[0].message).toBe('categorical biomarker "site" takes == or != a level, found ">"');
    expect(problems('egfr == 2')[0].message).toBe('binary biomarker "egfr" is 0 or 1, found 2');
    expect(problems('pdl1 >= high')[0].message).toBe('continuous biomarker "pdl1" is compared with a number, found "high"');
    expect(problems('latent')[0].message).toMatch(/"latent" is a latent profile, which is never observed/);
  });

  it('every problem in a rule is reported, not only the first', () => {
    expect(problems('kras or ros1').map((p) => p.column)).toEqual([1, 9]);
  });

  it('the parse tree keeps the written order of operands', () => {
    expect(parseRule('egfr or alk')).toEqual({ kind: 'or', left: { kind: 'present', name: 'egfr', column: 1 }, right: { kind: 'present', name: 'alk', column: 9 } });
  });
});
