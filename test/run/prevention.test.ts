/**
 * The prevention paradox on a scenario's population, exact over its four
 * biomarker patterns: cases without treatment and cases prevented by
 * treating everyone equal the weighted sums of the patterns' logistic risks
 * computed here by hand; the default thresholds are the distinct risks; the
 * report says it in words; refusals name the key.
 */
import { describe, it, expect } from 'vitest';
import { preventionTruth } from '../../src/run/prevention.js';
import { runStreams } from '../../src/random/stream.js';
import { logistic } from '../../src/stats/distributions.js';
import { scenarioFile, refusalOf } from '../helpers/scenarios.js';
import { readFileSync } from 'node:fs';
import type { PreventionDecisionSpec } from '../../src/scenario/decision.js';

const FILE = 'scenarios/decisions/prevention-skewed-risk.yaml';

describe('the prevention paradox on a population', () => {
  it('sums the patterns\' risks exactly', () => {
    const { spec } = scenarioFile(FILE);
    const d = preventionTruth(spec, spec.decision as PreventionDecisionSpec, runStreams(spec.seed));
    const groups = [[0, 0, 0.95 * 0.75], [0, 1, 0.95 * 0.25], [1, 0, 0.05 * 0.75], [1, 1, 0.05 * 0.25]];
    const risk = (g: number, h: number, drug: number) => logistic(-3.5 + 2.2 * g + 1.2 * h - 0.4 * drug);
    const cases = groups.reduce((a, [g, h, w]) => a + w * risk(g, h, 0), 0);
    const prevented = groups.reduce((a, [g, h, w]) => a + w * (risk(g, h, 0) - risk(g, h, 1)), 0);
    expect(d.exact).toBe(true);
    expect(d.cases).toBeCloseTo(cases, 14);
    const everyone = d.rows.find((r) => r.threshold === 0)!;
    expect(everyone.casesPrevented).toBeCloseTo(prevented, 14);
    expect(everyone.costPerCasePrevented).toBeCloseTo(300 / prevented, 8);
    // Thresholds: everyone, then each risk above the lowest; the highest group is 1.25% of people.
    expect(d.rows.map((r) => r.threshold)).toEqual([0, risk(0, 1, 0), risk(1, 0, 0), risk(1, 1, 0)]);
    expect(d.rows[3].shareTreated).toBeCloseTo(0.0125, 14);
  });

  it('refuses a non-binary endpoint and an unknown arm, naming the key', () => {
    const text = readFileSync(FILE, 'utf8');
    expect(refusalOf(text.replace('  costPerPerson: 300', '  treatment: drugs\n  costPerPerson: 300'))).toMatch(/decision\.treatment: expected an arm \(control, drug\), found "drugs"; did you mean "drug"\?/);
  });
});
