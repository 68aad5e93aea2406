/**
 * Fixed subgroup quotas in the parallel design: every trial enrols exactly
 * its quota at each biomarker level (exact, in every replicate), and the
 * patients screened to fill them follow the negative-binomial waiting time:
 * filling 150 marker-positive places at prevalence 0.2 takes 150 / 0.2 =
 * 750 screened patients on average (SD √(150 x 0.8) / 0.2; the 150
 * marker-negative places fill first with probability ~1). Quotas that cannot
 * mean what they say are refused at validate time with the key path.
 */
import { describe, it, expect } from 'vitest';
import { simulate } from '../../../src/run/simulate.js';
import { scenario, refusalOf, editorOf } from '../../helpers/scenarios.js';
import { expectWithinMcse, meanMcse } from '../../helpers/mcse.js';

describe('fixed subgroup quotas', () => {
  it('enrol exactly the quotas, screening 150 / prevalence patients on average', async () => {
    const R = 2000;
    const s = scenario({
      name: 'quotas', seed: 4, replicates: R,
      population: { biomarkers: [{ id: 'mplus', type: 'binary', prevalence: 0.2 }] },
      endpoint: { type: 'binary', intercept: -1 },
      arms: { control: {}, drug: { effect: 0.3, interactions: { mplus: 0.6 } } },
      design: { type: 'two-arm', sampleSize: 300, quotas: { biomarker: 'mplus', sizes: { 0: 150, 1: 150 } }, analysis: { primary: { test: 'z-pooled' }, subgroups: ['mplus'] } },
    });
    const { summary } = await simulate(s, { workers: 2 });
    const metric = (id: string) => summary.metrics.find((m) => m.id === id)!;
    for (const level of ['mplus=0', 'mplus=1']) {
      expect(metric(`n:${level}`).min).toBe(150);
      expect(metric(`n:${level}`).max).toBe(150);
    }
    expectWithinMcse(metric('screened').mean, 750, { mcse: meanMcse(Math.sqrt(150 * 0.8) / 0.2, R) });
  });
});

const VALID = `name: quotas
population: { biomarkers: [{ id: site, type: categorical, levels: { lung: 0.7, colon: 0.3 } }, { id: age, type: continuous, mean: 60, sd: 10 }] }
endpoint: { type: binary, intercept: -1 }
arms: { control: {}, drug: {} }
design: { type: two-arm, sampleSize: 200, quotas: { biomarker: site, sizes: { lung: 100, colon: 100 } }, analysis: { primary: { test: z-pooled } } }
`;
const problems = refusalOf;
const edit = editorOf(VALID);

describe('invalid quotas', () => {
  it('the valid example loads', () => expect(problems(VALID)).toBe(''));
  it.each([
    ['quotas not adding up to the sample size', edit('colon: 100 }', 'colon: 90 }'), /design\.quotas\.sizes: expected quotas adding up to the sample size 200, found 190/],
    ['a level the biomarker does not have', edit('colon: 100 }', 'colon: 50, breast: 50 }'), /design\.quotas\.sizes\.breast: expected a level of site \(lung, colon\), found "breast"/],
    ['a level without a quota', edit('{ lung: 100, colon: 100 }', '{ lung: 200 }'), /design\.quotas\.sizes: expected a quota for level "colon" of site, found none/],
    ['a continuous biomarker', edit('biomarker: site', 'biomarker: age'), /design\.quotas\.biomarker: expected a binary or categorical biomarker \(site\), found "age"/],
    ['a level nobody has', edit('{ lung: 0.7, colon: 0.3 }', '{ lung: 1, colon: 0 }'), /design\.quotas\.sizes\.colon: no patient has site = colon \(probability 0\)/],
  ])('%s', (_, text, expected) => {
    expect(problems(text as string)).toMatch(expected as RegExp);
  });
});
