/**
 * Invalid enrichment designs are refused at validate time with the key
 * path: weights whose squares do not sum to one, a subpopulation defined by
 * an unknown or continuous biomarker or an absent level, a prevalence of 0
 * or 1, selection rules without their parameter or with a threshold no
 * population can reach, and endpoints the tests do not cover.
 */
import { describe } from 'vitest';
import { editorOf } from '../../helpers/scenarios.js';
import { invalidScenarioSuite } from '../../helpers/invalid-suite.js';

const VALID = `name: Enrichment
replicates: 10
population:
  biomarkers:
    - { id: positive, type: binary, prevalence: 0.4 }
    - { id: age, type: continuous, mean: 60, sd: 10 }
endpoint: { type: binary, intercept: -0.8 }
arms:
  control: {}
  drug: { effect: 0.2, interactions: { positive: 0.5 } }
design:
  type: enrichment
  subpopulation: { biomarker: positive, value: 1 }
  stages: [100, 100]
  selection: { rule: best }
`;

const edit = editorOf(VALID);

const cases: { kind: string; text: string; expect: RegExp }[] = [
  { kind: 'weights whose squares do not sum to one', text: edit('stages: [100, 100]', 'stages: [100, 100]\n  weights: [0.5, 0.5]'), expect: /design\.weights: expected weights whose squares sum to 1, found 0\.5 \(0\.5, 0\.5\)/ },
  { kind: 'an unknown biomarker', text: edit('biomarker: positive,', 'biomarker: positve,'), expect: /design\.subpopulation\.biomarker: expected a biomarker \(positive, age\), found "positve"; did you mean "positive"\?/ },
  { kind: 'a continuous biomarker', text: edit('biomarker: positive,', 'biomarker: age,'), expect: /design\.subpopulation\.biomarker: "age" is continuous/ },
  { kind: 'a value the biomarker does not take', text: edit('value: 1 }', 'value: 2 }'), expect: /design\.subpopulation\.value: expected one of 0, 1, found 2/ },
  { kind: 'a prevalence of 1', text: edit('prevalence: 0.4 }', 'prevalence: 1 }'), expect: /design\.subpopulation: the subpopulation positive = 1 has prevalence 1: expected strictly between 0 and 1/ },
  { kind: 'the epsilon rule without epsilon', text: edit('rule: best }', 'rule: epsilon }'), expect: /design\.selection\.epsilon: the epsilon rule needs epsilon/ },
  { kind: 'a threshold that can never select', text: edit('rule: best }', 'rule: threshold, threshold: 1.5 }'), expect: /design\.selection\.threshold: a threshold of 1\.5 can never be reached \(risk differences stay below 1\)/ },
  { kind: 'a conditional power threshold above 1', text: edit('rule: best }', 'rule: threshold, measure: conditional-power, threshold: 1.2 }'), expect: /design\.selection\.threshold: conditional power is a probability: expected a threshold from 0 to 1, found 1\.2/ },
  { kind: 'a known variance for a binary endpoint', text: edit('stages: [100, 100]', 'stages: [100, 100]\n  variance: known'), expect: /design\.variance: a known variance applies to continuous endpoints only/ },
  { kind: 'three stages', text: edit('stages: [100, 100]', 'stages: [100, 100, 100]'), expect: /design\.stages: expected a list with <= 2 items, found a list of 3/ },
  { kind: 'a count endpoint', text: edit('endpoint: { type: binary, intercept: -0.8 }', 'endpoint: { type: count, rate: 1 }'), expect: /endpoint\.type: an enrichment design compares means or proportions: expected a continuous or binary endpoint, found count/ },
];

describe('invalid enrichment designs', () => {
  invalidScenarioSuite(VALID, cases, 0);
});
