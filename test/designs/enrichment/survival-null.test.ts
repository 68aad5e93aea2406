/**
 * The time-to-event enrichment design under the global null (no effect in
 * any patient): the family-wise error over every population's hypothesis
 * stays at or below alpha + 3 MCSE at 10^4 trials for the selection rules
 * offered (best, epsilon, all, threshold on conditional power, posterior,
 * best by statistic), random and fixed prevalence, one subpopulation and
 * two overlapping or nested ones, early efficacy stops and re-estimated
 * events over three stages. Small event targets (30 to 90) keep it fast:
 * the stage-wise log-rank increments are then only approximately normal,
 * which the bound must (and does) absorb.
 */
import { describe, it, expect } from 'vitest';
import { scenario } from '../../helpers/scenarios.js';
import { familyWiseError } from './family-wise-error.js';
import { binomialMcse } from '../../helpers/mcse.js';

const shapes = {
  one: { biomarkers: [{ id: 'm', type: 'binary', prevalence: 0.4 }], subpopulations: [{ id: 'S', biomarker: 'm' }] },
  overlapping: { biomarkers: [{ id: 'm1', type: 'binary', prevalence: 0.4 }, { id: 'm2', type: 'binary', prevalence: 0.5 }], subpopulations: [{ id: 'S1', biomarker: 'm1' }, { id: 'S2', biomarker: 'm2' }] },
  nested: {
    biomarkers: [{ id: 'grade', type: 'categorical', levels: { low: 0.5, mid: 0.3, high: 0.2 } }],
    subpopulations: [{ id: 'S1', biomarker: 'grade', value: ['mid', 'high'] }, { id: 'S2', biomarker: 'grade', value: 'high', within: 'S1' }],
  },
} as const;

/** The share of R trials rejecting at least one population's hypothesis. */
function survivalFamilyWiseError(shape: keyof typeof shapes, design: Record<string, unknown>, R: number): number {
  const { biomarkers, subpopulations } = shapes[shape];
  const loaded = scenario({
    name: 'enrichment-survival-null', seed: 41, replicates: 10, population: { biomarkers },
    // A median of 6 months, 6 months of accrual and 3 years of follow-up: every event target is reached.
    endpoint: { type: 'time-to-event', median: 6, accrualDuration: 6, followUp: 36, dropoutHazard: 0.01 },
    arms: { control: {}, drug: { effect: 0 } },
    design: { type: 'enrichment', subpopulations, stages: [60, 60], events: [30, 60], compareFixed: false, ...design },
  });
  return familyWiseError(loaded, R);
}

const R = 10_000;
const bound = 0.025 + 3 * binomialMcse(0.025, R);
const threeStages = { stages: [60, 60, 60], events: [30, 60, 90] };

describe('time-to-event enrichment: family-wise error under the global null', () => {
  const cases: [string, keyof typeof shapes, Record<string, unknown>][] = [
    ['best estimate, random prevalence', 'one', { selection: { rule: 'best' } }],
    ['best estimate, fixed prevalence', 'one', { selection: { rule: 'best' }, prevalence: 'fixed' }],
    ['epsilon', 'one', { selection: { rule: 'epsilon', epsilon: 0.2 } }],
    ['all, pooled (unstratified) log-rank', 'one', { selection: { rule: 'all' }, stratified: false }],
    ['threshold on conditional power', 'one', { selection: { rule: 'threshold', measure: 'conditional-power', threshold: 0.1 } }],
    ['posterior, Spiessens-Debois', 'one', { selection: { rule: 'posterior', probability: 0.6, priorSd: 0.5 }, intersection: 'spiessens-debois' }],
    ['two overlapping subpopulations, best, fixed prevalence', 'overlapping', { selection: { rule: 'best' }, prevalence: 'fixed', stages: [80, 80], events: [40, 80] }],
    ['two nested subpopulations, r-best by statistic', 'nested', { selection: { rule: 'r-best', r: 2, measure: 'statistic' }, stages: [80, 80], events: [40, 80] }],
    ['three stages, early efficacy stops, best by statistic', 'one', { ...threeStages, efficacy: 'obrien-fleming', selection: { rule: 'best', measure: 'statistic' } }],
    ['three stages, re-estimated events, epsilon', 'overlapping', { ...threeStages, selection: { rule: 'epsilon', epsilon: 0.3 }, reestimate: { conditionalPower: 0.8, max: 40 } }],
  ];
  it.each(cases)('%s: FWER <= alpha + 3 MCSE', (_name, shape, design) => {
    expect(survivalFamilyWiseError(shape, design, R)).toBeLessThanOrEqual(bound);
  });
});
