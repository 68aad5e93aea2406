/**
 * The power chart draws the design's own level: a one-sided 2.5% test gets
 * its reference line at 2.5%, labelled α, not a conventional 5%; hypotheses
 * under a family-wise procedure have no level of their own and draw none.
 */
import { describe, it, expect } from 'vitest';
import { simulate } from '../../src/run/simulate.js';
import { powerChart } from '../../src/report/html/power-chart.js';
import { scenario } from '../helpers/scenarios.js';

function twoArm(analysis: Record<string, unknown>, arms: Record<string, unknown> = { control: {}, drug: {} }) {
  return scenario({
    name: 'levels', seed: 2, replicates: 100,
    endpoint: { type: 'continuous', sd: 1 },
    arms,
    design: { type: arms.other ? 'parallel' : 'two-arm', sampleSize: 120, analysis: { primary: { test: 't', ...analysis } } },
  });
}

describe('power chart reference lines', () => {
  it('sit at the design\'s alpha', async () => {
    const { summary } = await simulate(twoArm({ alpha: 0.025, sided: 'one' }), { workers: 0 });
    expect(summary.hypotheses[0].level).toBe(0.025);
    const svg = powerChart(summary)!;
    expect(svg).toContain('α 2.5%');
    expect(svg).not.toMatch(/>5%</);
  });
  it('are not drawn for hypotheses under a family-wise procedure', async () => {
    const { summary } = await simulate(twoArm({ alpha: 0.025, sided: 'one', multiplicity: { method: 'holm' } }, { control: {}, drug: {}, other: {} }), { workers: 0 });
    expect(summary.hypotheses.filter((h) => h.family === 'primary').every((h) => h.level === null)).toBe(true);
    expect(powerChart(summary)!).not.toContain('α ');
  });
});
