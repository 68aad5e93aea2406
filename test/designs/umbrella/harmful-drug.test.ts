/**
 * Found by the fuzzer: a substudy whose drug is so harmful that an interim
 * look sees no sign of benefit at all (one-sided p = 1, z = -infinity) stops
 * it for futility (conditional power 0) instead of failing the run.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScenarioText } from '../../../src/scenario/load.js';
import { setupScenario } from '../../../src/run/scenario.js';
import { simulate } from '../../../src/run/simulate.js';
import { ROOT } from '../../helpers/cli.js';
import { metric } from '../../helpers/summary.js';

describe('an umbrella substudy with a harmful drug and conditional-power futility', () => {
  it('stops at the interim for futility rather than failing', async () => {
    const text = readFileSync(join(ROOT, 'scenarios/umbrella/lung-pfs-interims.yaml'), 'utf8');
    expect(text).toContain('egfr-inhibitor: { interactions: { egfr: -0.5 } }');
    const harmful = text.replace('egfr-inhibitor: { interactions: { egfr: -0.5 } }', 'egfr-inhibitor: { interactions: { egfr: 2.5 } }');
    const loaded = setupScenario(parseScenarioText('harmful.yaml', harmful, 'yaml'), { replicates: 20 });
    const { summary } = await simulate(loaded, { workers: 0 });
    expect(summary.replicates).toBe(20);
    // The drug multiplies the EGFR+ hazard by about e^2.5: every one of these seeded replicates stops its EGFR substudy at the interim.
    expect(metric(summary, 'futility-stop:egfr').mean).toBe(1);
  });
});
