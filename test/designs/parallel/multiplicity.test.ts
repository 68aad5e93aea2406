/**
 * Multiplicity across a parallel design's comparisons with control. Under
 * the global null with four arms, large samples and equal allocation, the
 * comparisons' z statistics are equicorrelated normal (ρ = 1/2), so the
 * family-wise error of each procedure is known exactly: Bonferroni's (and,
 * under the global null, Holm's and the Holm graph's) is 1 - P(max Z < z_(1-α/3)),
 * a Dunnett probability; Dunnett's is α. The t tests' p-values differ from
 * normal ones by < 1e-4 at 150 patients per arm (slack). Then refusals.
 */
import { describe, it, expect } from 'vitest';
import { simulate } from '../../../src/run/simulate.js';
import { dunnettProbability, equicorrelatedLambdas } from '../../../src/stats/multiplicity/index.js';
import { normalQuantile } from '../../../src/stats/distributions.js';
import { scenario, refusalOf, editorOf } from '../../helpers/scenarios.js';
import { binomialMcse, expectWithinMcse } from '../../helpers/mcse.js';

const R = 20000;
const alpha = 0.025;

function fourArms(multiplicity: Record<string, unknown>, replicates = R) {
  return scenario({
    name: 'doses', seed: 3, replicates,
    endpoint: { type: 'continuous', sd: 1 },
    arms: { control: {}, low: {}, mid: {}, high: {} },
    design: { type: 'parallel', sampleSize: 600, randomisation: { method: 'permuted-block', blockSize: 8 }, analysis: { primary: { test: 't', alpha, sided: 'one', multiplicity } } },
  });
}

async function familywiseError(multiplicity: Record<string, unknown>): Promise<number> {
  const { summary } = await simulate(fourArms(multiplicity), { workers: 2 });
  return summary.families!.find((f) => f.id === 'primary')!.familywiseError!.rate;
}

describe('multiplicity in a four-arm parallel design under the global null', () => {
  const lambdas = equicorrelatedLambdas(3, 0.5);
  const bonferroniExact = 1 - dunnettProbability(normalQuantile(1 - alpha / 3), lambdas, { sided: 1 });

  it('Bonferroni: the exact family-wise error of the equicorrelated comparisons', async () => {
    expectWithinMcse(await familywiseError({ method: 'bonferroni' }), bonferroniExact, { mcse: binomialMcse(bonferroniExact, R), slack: 5e-4 });
  });
  it('Holm as a graph (equal weights, complete graph): the same exact error', async () => {
    const graph = { method: 'graphical', weights: { low: 1 / 3, mid: 1 / 3, high: 1 / 3 }, transitions: { low: { mid: 0.5, high: 0.5 }, mid: { low: 0.5, high: 0.5 }, high: { low: 0.5, mid: 0.5 } } };
    expectWithinMcse(await familywiseError(graph), bonferroniExact, { mcse: binomialMcse(bonferroniExact, R), slack: 5e-4 });
  });
  it('Dunnett single-step: exactly alpha', async () => {
    expectWithinMcse(await familywiseError({ method: 'dunnett' }), alpha, { mcse: binomialMcse(alpha, R), slack: 5e-4 });
  });
  it('reports each replicate\'s adjusted p-values, and labels the hypotheses adjusted', async () => {
    const { summary } = await simulate(fourArms({ method: 'hommel' }, 200), { workers: 1 });
    const adjusted = summary.metrics.filter((m) => m.id.startsWith('p-adjusted:'));
    expect(adjusted.map((m) => m.id)).toEqual(['p-adjusted:low-vs-control', 'p-adjusted:mid-vs-control', 'p-adjusted:high-vs-control']);
    expect(adjusted.every((m) => m.min >= 0 && m.max <= 1)).toBe(true);
    expect(summary.hypotheses[0].label).toMatch(/hommel adjusted/);
  });
});

const VALID = `name: doses
endpoint: { type: continuous, sd: 1 }
arms: { control: {}, low: {}, mid: {}, high: {} }
design:
  type: parallel
  sampleSize: 400
  analysis:
    primary:
      test: t
      sided: one
      alpha: 0.025
      multiplicity:
        method: graphical
        weights: { low: 0.5, mid: 0.5 }
        transitions: { low: { mid: 0.5, high: 0.5 }, mid: { high: 1 }, high: { low: 1 } }
`;

const problems = refusalOf;
const edit = editorOf(VALID);

describe('invalid multiplicity settings are refused with the key path', () => {
  it('the valid example loads', () => expect(problems(VALID)).toBe(''));
  it.each([
    ['weights not summing to one', edit('{ low: 0.5, mid: 0.5 }', '{ low: 0.5, mid: 0.3 }'), /multiplicity\.weights: expected weights summing to 1, found 0\.8/],
    ['a transition row over one', edit('mid: { high: 1 }', 'mid: { high: 0.8, low: 0.4 }'), /multiplicity\.transitions\.mid: expected shares summing to at most 1, found 1\.2/],
    ['a self-transition', edit('high: { low: 1 }', 'high: { high: 1 }'), /multiplicity\.transitions\.high\.high: an arm cannot pass its alpha to itself/],
    ['a weight on the control', edit('{ low: 0.5, mid: 0.5 }', '{ low: 0.5, control: 0.5 }'), /multiplicity\.weights\.control: expected an arm compared with control \(low, mid, high\), found "control"/],
    ['weights with another method', edit('method: graphical', 'method: holm'), /multiplicity\.weights: weights applies to the graphical method only, found method holm/],
    ['a fixed sequence naming an arm twice', edit('method: graphical\n        weights: { low: 0.5, mid: 0.5 }\n        transitions: { low: { mid: 0.5, high: 0.5 }, mid: { high: 1 }, high: { low: 1 } }', 'method: fixed-sequence\n        order: [high, mid, high]'), /multiplicity\.order\[2\]: expected each arm once, found "high" again/],
    ['one comparison only', edit('arms: { control: {}, low: {}, mid: {}, high: {} }', 'arms: { control: {}, low: {} }').replace(/weights.*\n.*transitions.*\n/, ''), /multiplicity: multiplicity adjustment needs two or more comparisons with control, found 1/],
  ])('%s', (_, text, expected) => {
    expect(problems(text as string)).toMatch(expected as RegExp);
  });
});
