/**
 * The ideal design percentage (Viele et al. 2020) against a hand-worked
 * example: arms A and B with true differences 0.1 and 0.2 against control,
 * selected in 30% and 50% of 1,000 trials (20% select none: the control).
 * E[v] = 0.3 (0.1) + 0.5 (0.2) = 0.13, so IDP = 100 (0.13 - 0) / (0.2 - 0)
 * = 65%; E[v^2] = 0.023, sd = sqrt(0.023 - 0.0169) = 0.0781, MCSE = 100 x
 * 0.0781 / sqrt(1000) / 0.2 = 1.235. The same with the effects negated and
 * lower better (as log hazard ratios are).
 */
import { describe, it, expect } from 'vitest';
import { idealDesignPercentage, idealDesignMarkdown } from '../../../src/designs/response-adaptive/report.js';
import type { SummaryView } from '../../../src/designs/types.js';

const view = (trueB: number): SummaryView & { families: NonNullable<SummaryView['families']> } => ({
  metrics: [], estimates: [], replicates: 1000,
  hypotheses: [{ id: 'A', rate: 0.3, mcse: 0, trueEffect: 0.1 }, { id: 'B', rate: 0.5, mcse: 0, trueEffect: trueB }],
  families: [{ best: null, selections: [{ id: 'declared-best', chosen: [{ id: 'A', rate: 0.3 }, { id: 'B', rate: 0.5 }], none: { rate: 0.2 } }] }],
});

describe('ideal design percentage', () => {
  it('equals the hand-worked example', () => {
    const d = idealDesignPercentage(view(0.2))!;
    expect(d.idp).toBeCloseTo(65, 12);
    expect(d.mcse).toBeCloseTo((100 * Math.sqrt(0.023 - 0.13 ** 2)) / Math.sqrt(1000) / 0.2, 12);
    expect([d.best, d.worst]).toEqual(['B', 'control']);
    expect(idealDesignMarkdown(view(0.2))).toMatch(/^Ideal design percentage 65\.0% \(Monte Carlo SE 1\.2\)/);
  });

  it('is the same when lower is better (log hazard ratios): the family\'s truly best arm sets the orientation', () => {
    const lower = view(-0.2);
    lower.hypotheses[0].trueEffect = -0.1;
    lower.families[0].best = { id: 'B' };
    const d = idealDesignPercentage(lower)!;
    expect(d.idp).toBeCloseTo(65, 12);
    expect([d.best, d.worst]).toEqual(['B', 'control']);
  });

  it('is undefined when every arm is as good as control', () => {
    const v = view(0);
    v.hypotheses[0].trueEffect = 0;
    expect(idealDesignPercentage(v)).toBeNull();
  });
});

describe('the naive estimates\' RMSE', () => {
  it('is √(bias² + empirical SE²) of each estimate, in HTML and Markdown', async () => {
    const { rmseMarkdown, rmseSection } = await import('../../../src/designs/response-adaptive/report.js');
    const estimate = { id: 'rd:a', label: 'a vs control', mean: 0.13, truth: 0.1, bias: 0.03, biasMcse: 0.001, empiricalSe: 0.04, coverage: 0.95 };
    const summary = { ...view(0.2), estimates: [estimate] };
    expect(rmseMarkdown(summary)).toContain('| a vs control | 0.100 | 0.0300 | 0.0400 | 0.0500 |');
    expect(rmseSection(summary)).toContain('<td>0.0500</td>');
    expect(rmseMarkdown(view(0.2))).toBeNull();
  });
});
