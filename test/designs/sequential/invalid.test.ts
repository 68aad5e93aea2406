/**
 * Invalid sequential designs give clear errors naming the key path, what was
 * expected and what was found: through loadScenario (every case) and through
 * the built command `trialsim validate` (exit code 2, no stack trace).
 */
import { describe, expect } from 'vitest';
import { invalidScenarioSuite } from '../../helpers/invalid-suite.js';

const VALID = `name: Sequential
replicates: 10
population:
  profiles:
    - { id: typical, prevalence: 0.6 }
    - { id: atypical, prevalence: 0.4 }
  biomarkers:
    - { id: age, type: continuous, mean: 40, sd: 10 }
design:
  type: sequential
  sampleSize: 200
  treatments: { CIT: {}, SER: {}, BUP: {} }
  levels:
    - id: L1
      options:
        - { id: CIT, treatment: CIT, remission: { rate: 0.37 } }
    - id: L2
      dropout: 0.1
      acceptance:
        - { accepts: [switch], probability: 0.6 }
        - { accepts: [switch, augment], probability: 0.4 }
      options:
        - { id: SER, treatment: SER, remission: { logOdds: -0.8, effects: { atypical: 0.5, age: 0.01 } } }
        - { id: CIT-BUP, treatment: BUP, strategy: augment, after: [CIT], remission: { rate: { typical: 0.3, atypical: 0.2 } } }
  analysis:
    comparisons: [{ level: L2, compare: [switch, augment] }]
    sequenceComparisons: [[CIT > SER, CIT > CIT-BUP]]
`;

function edit(from: string, to: string): string {
  expect(VALID).toContain(from);
  return VALID.replace(from, to);
}


const cases: { kind: string; text: string; expect: RegExp }[] = [
  { kind: 'a level with no options', text: edit(`      options:
        - { id: CIT, treatment: CIT, remission: { rate: 0.37 } }`, '      options: []'), expect: /design\.levels\[0\]\.options: expected a list with >= 1 items, found a list of 0/ },
  { kind: 'an option referring to an unknown treatment', text: edit('{ id: SER, treatment: SER,', '{ id: SER, treatment: VEN,'), expect: /design\.levels\[1\]\.options\[0\]\.treatment: expected a treatment \(CIT, SER, BUP\), found "VEN"/ },
  { kind: 'acceptance sets that leave a patient no option', text: edit('{ accepts: [switch, augment], probability: 0.4 }', '{ accepts: [augment], probability: 0.4 }').replace('after: [CIT]', 'after: [CIT]').replace('{ id: CIT, treatment: CIT, remission: { rate: 0.37 } }', '{ id: CIT, treatment: CIT, remission: { rate: 0.37 } }\n        - { id: SER1, treatment: SER, remission: { rate: 0.3 } }'), expect: /design\.levels\[1\]\.acceptance\[1\]\.accepts: leaves patients with no option at level L2 after option "SER1" of level L1: expected at least one accepted option available there, found none/ },
  { kind: 'a dropout probability above 1', text: edit('dropout: 0.1', 'dropout: 1.5'), expect: /design\.levels\[1\]\.dropout: expected a number <= 1, found 1\.5/ },
  { kind: 'a negative remission rate', text: edit('{ rate: 0.37 }', '{ rate: -0.2 }'), expect: /design\.levels\[0\]\.options\[0\]\.remission\.rate: expected a number >= 0, found -0\.2/ },
  { kind: 'an intolerance probability above 1', text: edit('{ id: SER, treatment: SER,', '{ id: SER, treatment: SER, intolerance: 2,'), expect: /design\.levels\[1\]\.options\[0\]\.intolerance: expected a number <= 1, found 2/ },
  { kind: 'acceptance probabilities not summing to 1', text: edit('probability: 0.4 }', 'probability: 0.3 }'), expect: /design\.levels\[1\]\.acceptance: expected acceptance probabilities summing to 1, found 0\.9/ },
  { kind: 'a rate per profile missing a profile', text: edit('{ typical: 0.3, atypical: 0.2 }', '{ typical: 0.3 }'), expect: /remission\.rate: expected a probability for profile "atypical", found none/ },
  { kind: 'both rate and logOdds', text: edit('{ rate: 0.37 }', '{ rate: 0.37, logOdds: 0 }'), expect: /design\.levels\[0\]\.options\[0\]\.remission: expected exactly one of rate or logOdds/ },
  { kind: 'an unknown term in the remission model', text: edit('age: 0.01', 'weight: 0.01'), expect: /remission\.effects\.weight: expected a biomarker or profile \(age, typical, atypical\), found "weight"/ },
  { kind: 'an "after" naming no option of the previous level', text: edit('after: [CIT]', 'after: [SER]'), expect: /design\.levels\[1\]\.options\[1\]\.after\[0\]: expected an option of level L1 \(CIT\), found "SER"/ },
  { kind: 'an acceptance set naming an unknown option or group', text: edit('{ accepts: [switch], probability: 0.6 }', '{ accepts: [therapy], probability: 0.6 }'), expect: /design\.levels\[1\]\.acceptance\[0\]\.accepts\[0\]: expected an option or group of level L2 \(SER, CIT-BUP, switch, augment\), found "therapy"/ },
  { kind: 'augmenting at the first level', text: edit('{ id: CIT, treatment: CIT, remission', '{ id: CIT, treatment: CIT, strategy: augment, remission'), expect: /design\.levels\[0\]\.options\[0\]\.strategy: expected switch at the first level/ },
  { kind: 'a sequence that is not embedded', text: edit('[[CIT > SER, CIT > CIT-BUP]]', '[[CIT > SER, CIT > VEN]]'), expect: /design\.analysis\.sequenceComparisons\[0\]\[1\]: expected an option of level L2 \(SER, CIT-BUP\) at position 2, found "VEN"/ },
  { kind: 'a comparison at an unknown level', text: edit('{ level: L2, compare', '{ level: L5, compare'), expect: /design\.analysis\.comparisons\[0\]\.level: expected a level \(L1, L2\), found "L5"/ },
  { kind: 'a duplicate option id', text: edit('{ id: CIT-BUP,', '{ id: SER,').replace('CIT > CIT-BUP', 'CIT > SER'), expect: /design\.levels\[1\]\.options\[1\]\.id: duplicate option id "SER" in level L2/ },
  { kind: 'an endpoint section, which the design does not use', text: `${VALID}endpoint: { type: binary, intercept: 0 }\n`, expect: /endpoint: not used by the sequential design/ },
  { kind: 'an option no acceptable set includes', text: edit('{ accepts: [switch, augment], probability: 0.4 }', '{ accepts: [switch, augment], probability: 0 }').replace('probability: 0.6 }', 'probability: 1 }'), expect: /design\.levels\[1\]\.options\[1\]: option "CIT-BUP" is never offered/ },
  { kind: 'an unknown key', text: edit('dropout: 0.1', 'dropout: 0.1\n      dropuot: 0.1'), expect: /design\.levels\[1\]\.dropuot: unknown key/ },
];

describe('invalid sequential designs', () => {
  invalidScenarioSuite(VALID, cases);
});
