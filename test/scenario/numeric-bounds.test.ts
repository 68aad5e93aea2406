/**
 * Continuous parameters have finite bounds stated in the schema: absurd
 * values (an intercept of 1e308, follow-up of 1e160 months) are refused at
 * validation with the key path, instead of running and writing nulls or
 * overflowing inside a worker.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScenarioText } from '../../src/scenario/load.js';
import { setupScenario } from '../../src/run/scenario.js';
import { ROOT } from '../helpers/cli.js';

const check = (text: string) => () => setupScenario(parseScenarioText('bounds.yaml', text, 'yaml'));

function twoArm({ endpoint = '{ type: binary, intercept: 0 }', drug = '{ effect: 0.3, interactions: { m: 0.5 } }', marker = '{ id: m, type: binary, prevalence: 0.4 }', test = 'z-pooled' } = {}): string {
  return `name: bounds
population: { biomarkers: [${marker}] }
endpoint: ${endpoint}
arms: { control: {}, drug: ${drug} }
design: { type: two-arm, sampleSize: 100, analysis: { primary: { test: ${test} }, subgroups: [m] } }
`;
}

const lungPfs = readFileSync(join(ROOT, 'scenarios/umbrella/lung-pfs-non-match.yaml'), 'utf8');

describe('numeric bounds', () => {
  it('a binary intercept of 1e308 is refused at endpoint.intercept', () => {
    expect(check(twoArm({ endpoint: '{ type: binary, intercept: 1e308 }' }))).toThrow(/line 3, endpoint\.intercept: expected a number <= 50, found 1e\+308/);
  });

  it('follow-up of 1e160 months is refused at endpoint.followUp', () => {
    expect(lungPfs).toContain('followUp: 6');
    expect(check(lungPfs.replace('followUp: 6', 'followUp: 1e160'))).toThrow(/endpoint\.followUp: expected a number <= 10000, found 1e\+160/);
  });

  it.each([
    ['an effect of 1e15', twoArm({ drug: '{ effect: 1e15 }' }), /arms\.drug\.effect: expected a number <= 1000000000, found 1000000000000000/],
    ['a log-odds effect of 1e6', twoArm({ drug: '{ effect: 1e6 }' }), /arms\.drug\.effect: expected a number from -50 to 50 on the log-odds scale, found 1000000/],
    ['a log-odds interaction of -1e308', twoArm({ drug: '{ interactions: { m: -1e308 } }' }), /arms\.drug\.interactions\.m: expected a number >= -1000000000, found -1e\+308/],
    ['a log-odds interaction of 60', twoArm({ drug: '{ interactions: { m: 60 } }' }), /arms\.drug\.interactions\.m: expected a number from -50 to 50 on the log-odds scale, found 60/],
    ['a log-hazard prognostic coefficient of 100', lungPfs.replace('prognostic: { egfr: -0.2 }', 'prognostic: { egfr: 100 }'), /endpoint\.prognostic\.egfr: expected a number from -50 to 50 on the log-hazard scale, found 100/],
    ['a continuous intercept of 1e12', twoArm({ endpoint: '{ type: continuous, intercept: 1e12, sd: 1 }', test: 'welch-t' }), /endpoint\.intercept: expected a number <= 1000000000, found 1000000000000/],
    ['a biomarker mean of -1e300', twoArm({ marker: '{ id: m, type: continuous, mean: -1e300, sd: 1 }' }), /population\.biomarkers\[0\]\.mean: expected a number >= -1000000000, found -1e\+300/],
    ['a Weibull shape of 1000', lungPfs.replace('median: 4 ', 'shape: 1000\n  median: 4 '), /endpoint\.shape: expected a number <= 10, found 1000/],
    ['accrual of 1e6 months', lungPfs.replace('accrualDuration: 18', 'accrualDuration: 1e6'), /endpoint\.accrualDuration: expected a number <= 10000, found 1000000/],
  ])('%s is refused with the key path', (_what, text, message) => {
    expect(check(text)).toThrow(message);
  });

  it('a continuous endpoint keeps its own unit: an effect of 500 on a mean is accepted', () => {
    expect(check(twoArm({ endpoint: '{ type: continuous, intercept: 1000, sd: 200 }', drug: '{ effect: 500 }', test: 'welch-t' }))).not.toThrow();
  });
});
