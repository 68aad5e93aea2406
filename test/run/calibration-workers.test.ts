/**
 * A calibration's default threads: this thread when it is small (at most
 * SMALL_CALIBRATION patient-replicates: threads cost more to start and plan
 * than they save), every core otherwise.
 */
import { describe, it, expect } from 'vitest';
import { loadScenario } from '../../src/run/scenario.js';
import { defaultCalibrationWorkers, SMALL_CALIBRATION } from '../../src/run/calibration.js';
import { defaultWorkers } from '../../src/run/pool.js';

describe('default calibration threads', () => {
  it('run a small calibration in this thread and a large one on every core', () => {
    const basket = loadScenario('scenarios/basket/global-null.yaml').spec; // five baskets of 20
    expect(defaultCalibrationWorkers(basket, SMALL_CALIBRATION / 100)).toBe(0);
    expect(defaultCalibrationWorkers(basket, SMALL_CALIBRATION / 100 + 1)).toBe(defaultWorkers());
    expect(defaultCalibrationWorkers(basket, 10_000)).toBe(defaultWorkers());
  });
});
