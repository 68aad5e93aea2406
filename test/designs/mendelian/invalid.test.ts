/**
 * Invalid Mendelian randomisation designs are refused with the key path:
 * sections it does not use, repeated variant ids, instruments with no
 * effect on the exposure (nothing to divide by), too few variants for an
 * estimator, allele frequencies outside (0, 1).
 */
import { describe } from 'vitest';
import { editorOf } from '../../helpers/scenarios.js';
import { invalidScenarioSuite } from '../../helpers/invalid-suite.js';

const VALID = `name: MR
replicates: 10
design:
  type: mendelian
  effect: 0.3
  sampleSize: 1000
  variants:
    - { id: rs1, frequency: 0.3, exposure: 0.1 }
    - { id: rs2, frequency: 0.2, exposure: 0.2 }
    - { id: rs3, frequency: 0.4, exposure: 0.1 }
`;

const edit = editorOf(VALID);

const cases: { kind: string; text: string; expect: RegExp }[] = [
  { kind: 'an arms section it does not use', text: edit('design:', 'arms: { control: {}, drug: {} }\ndesign:'), expect: /arms: not used by a Mendelian randomisation design, which simulates its own exposure and outcome: remove it/ },
  { kind: 'a repeated variant id', text: edit('id: rs3,', 'id: rs1,'), expect: /design\.variants\[2\]\.id: variant "rs1" is already given at design\.variants\[0\]/ },
  { kind: 'instruments with no effect on the exposure', text: VALID.replace(/exposure: 0\.\d/g, 'exposure: 0'), expect: /design\.variants: no variant changes the exposure: the instruments have no first stage/ },
  { kind: 'too few variants for MR-Egger', text: edit('    - { id: rs3, frequency: 0.4, exposure: 0.1 }\n', ''), expect: /design\.estimators: MR-Egger fits a slope and an intercept and needs at least 3 variants, found 2/ },
  { kind: 'an allele frequency of 1', text: edit('frequency: 0.3,', 'frequency: 1,'), expect: /design\.variants\[0\]\.frequency: expected a number < 1, found 1/ },
];

describe('invalid Mendelian randomisation designs', () => {
  invalidScenarioSuite(VALID, cases, 2);
});
