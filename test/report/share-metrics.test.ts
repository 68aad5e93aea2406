/**
 * Metrics that are shares of trials (0/1 per trial) show their mean as a
 * percentage in the trial-size tables; other metrics keep their numbers.
 */
import { describe, it, expect } from 'vitest';
import { isShareOfTrials, metricMean } from '../../src/report/computed.js';
import { num, pct } from '../../src/draw/escape.js';

describe('share-of-trials metrics', () => {
  it('read as percentages; counts stay numbers', () => {
    const share = { label: 'Stopped early: an arm declared best (share of trials)', mean: 0.726, min: 0, max: 1 };
    const patients = { label: 'Patients enrolled', mean: 707.5, min: 200, max: 1000 };
    expect(isShareOfTrials(share)).toBe(true);
    expect(metricMean(share, num, (x) => pct(x))).toBe('72.6%');
    expect(isShareOfTrials(patients)).toBe(false);
    expect(metricMean(patients, num, (x) => pct(x))).toBe('707.5');
    expect(isShareOfTrials({ ...share, max: 3 })).toBe(false);
  });
});
