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
    - { id: grade, type: categorical, levels: { low: 0.7, high: 0.3 } }
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
  { kind: 'an unknown biomarker', text: edit('biomarker: positive,', 'biomarker: positve,'), expect: /design\.subpopulation\.biomarker: expected a biomarker \(positive, age, grade\), found "positve"; did you mean "positive"\?/ },
  { kind: 'a continuous biomarker', text: edit('biomarker: positive,', 'biomarker: age,'), expect: /design\.subpopulation\.biomarker: "age" is continuous/ },
  { kind: 'a value the biomarker does not take', text: edit('value: 1 }', 'value: 2 }'), expect: /design\.subpopulation\.value: expected one of 0, 1, found 2/ },
  { kind: 'a prevalence of 1', text: edit('prevalence: 0.4 }', 'prevalence: 1 }'), expect: /design\.subpopulation: the subpopulation positive = 1 has prevalence 1: expected strictly between 0 and 1/ },
  { kind: 'the epsilon rule without epsilon', text: edit('rule: best }', 'rule: epsilon }'), expect: /design\.selection\.epsilon: the epsilon rule needs epsilon/ },
  { kind: 'a threshold that can never select', text: edit('rule: best }', 'rule: threshold, threshold: 1.5 }'), expect: /design\.selection\.threshold: a threshold of 1\.5 can never be reached \(risk differences stay below 1\)/ },
  { kind: 'a conditional power threshold above 1', text: edit('rule: best }', 'rule: threshold, measure: conditional-power, threshold: 1.2 }'), expect: /design\.selection\.threshold: conditional power is a probability: expected a threshold from 0 to 1, found 1\.2/ },
  { kind: 'a known variance for a binary endpoint', text: edit('stages: [100, 100]', 'stages: [100, 100]\n  variance: known'), expect: /design\.variance: a known variance applies to continuous endpoints only/ },
  { kind: 'five stages', text: edit('stages: [100, 100]', 'stages: [100, 100, 100, 100, 100]'), expect: /design\.stages: expected a list with <= 4 items, found a list of 5/ },
  { kind: 'a weight per stage missing', text: edit('stages: [100, 100]', 'stages: [100, 100, 100]\n  weights: [0.6, 0.8]'), expect: /design\.weights: expected one weight per stage \(3\), found 2/ },
  { kind: 'critical values of the wrong length', text: edit('stages: [100, 100]', 'stages: [100, 100, 100]\n  efficacy: { criticalValues: [null, 2.5] }'), expect: /design\.efficacy\.criticalValues: expected one critical value per stage \(3\), found 2/ },
  { kind: 'no test at the last stage', text: edit('stages: [100, 100]', 'stages: [100, 100]\n  efficacy: { criticalValues: [2.8, null] }'), expect: /design\.efficacy\.criticalValues\[1\]: the last stage must test: expected a critical value, found null/ },
  { kind: 'early stops with Fisher', text: edit('stages: [100, 100]', 'stages: [100, 100]\n  combination: fisher\n  efficacy: obrien-fleming'), expect: /design\.efficacy: Fisher's combination is tested at the last stage only here/ },
  { kind: 'both subpopulation and subpopulations', text: edit('selection: { rule: best }', 'selection: { rule: best }\n  subpopulations: [{ biomarker: positive }]'), expect: /design\.subpopulations: give either subpopulation \(one\) or subpopulations \(a list\), not both/ },
  { kind: 'a subpopulation with neither biomarker nor where', text: edit('subpopulation: { biomarker: positive, value: 1 }', 'subpopulations: [{ id: S1 }]'), expect: /design\.subpopulations\[0\]\.biomarker: expected the biomarker that defines the subpopulation/ },
  { kind: 'a subpopulation called F', text: edit('subpopulation: { biomarker: positive, value: 1 }', 'subpopulations: [{ id: F, biomarker: positive }]'), expect: /design\.subpopulations\[0\]\.id: "F" names the full population/ },
  { kind: 'two subpopulations with the same id', text: edit('subpopulation: { biomarker: positive, value: 1 }', 'subpopulations: [{ id: S, biomarker: positive }, { id: S, biomarker: grade, value: high }]'), expect: /design\.subpopulations\[1\]\.id: expected a name not used by another subpopulation, found "S" again/ },
  { kind: 'a subpopulation declared within one it is not a subset of', text: edit('subpopulation: { biomarker: positive, value: 1 }', 'subpopulations: [{ id: S1, biomarker: positive }, { id: S2, biomarker: grade, value: high, within: S1 }]'), expect: /design\.subpopulations\[1\]\.within: S2 is declared within S1, but its conditions do not imply S1's positive = 1/ },
  { kind: 'within naming no subpopulation', text: edit('subpopulation: { biomarker: positive, value: 1 }', 'subpopulations: [{ id: S1, biomarker: positive }, { id: S2, where: [{ biomarker: positive }, { biomarker: grade, value: high }], within: S01 }]'), expect: /design\.subpopulations\[1\]\.within: expected another subpopulation's id \(S1\), found "S01"; did you mean "S1"\?/ },
  { kind: 'two subpopulations holding the same patients', text: edit('subpopulation: { biomarker: positive, value: 1 }', 'subpopulations: [{ id: S1, biomarker: grade, value: [low, high] }, { id: S2, biomarker: grade, value: [high, low] }]'), expect: /design\.subpopulations\[1\]: S2 holds the same patients as S1/ },
  { kind: 'a level the biomarker lacks in a list', text: edit('subpopulation: { biomarker: positive, value: 1 }', 'subpopulations: [{ id: S1, biomarker: grade, value: [low, hgh] }]'), expect: /design\.subpopulations\[0\]\.value: expected one of low, high, found "hgh"; did you mean "high"\?/ },
  { kind: 'Spiessens-Debois with two subpopulations', text: edit('subpopulation: { biomarker: positive, value: 1 }', 'subpopulations: [{ id: S1, biomarker: positive }, { id: S2, biomarker: grade, value: high }]\n  intersection: spiessens-debois'), expect: /design\.intersection: Spiessens-Debois is defined for one subpopulation nested in the full population \(Spiessens & Debois 2010\), found 2 subpopulations/ },
  { kind: 'r-best without r', text: edit('rule: best }', 'rule: r-best }'), expect: /design\.selection\.r: the r-best rule needs r/ },
  { kind: 'r above the populations', text: edit('rule: best }', 'rule: r-best, r: 3 }'), expect: /design\.selection\.r: expected at most the number of populations \(2: F, S\), found 3/ },
  { kind: 'a table naming an unknown population', text: edit('rule: best }', 'rule: table, table: [{ when: { SS: { above: 0.1 } }, select: [S] }] }'), expect: /design\.selection\.table\[0\]\.when\.SS: expected a population \(F, S\), found "SS"; did you mean "S"\?/ },
  { kind: 'a table row that can never match', text: edit('rule: best }', 'rule: table, table: [{ when: { S: { above: 0.3, below: 0.1 } }, select: [S] }] }'), expect: /design\.selection\.table\[0\]\.when\.S: the row can never match: above \(0\.3\) must be below below \(0\.1\)/ },
  { kind: 'a table row above what risk differences reach', text: edit('rule: best }', 'rule: table, table: [{ when: { S: { above: 1.2 } }, select: [S] }] }'), expect: /design\.selection\.table\[0\]\.when\.S\.above: the row can never match: risk differences stay below 1, found above: 1\.2/ },
  { kind: 'a table row selecting an unknown population', text: edit('rule: best }', 'rule: table, table: [{ when: { S: { above: 0.1 } }, select: [G] }] }'), expect: /design\.selection\.table\[0\]\.select\[0\]: expected a population \(F, S\), found "G"/ },
  { kind: 're-estimation bounds out of order', text: edit('stages: [100, 100]', 'stages: [100, 100]\n  reestimate: { conditionalPower: 0.8, min: 150, max: 120 }'), expect: /design\.reestimate\.max: stage 2: expected max at least min \(150\), found 120/ },
  { kind: 're-estimation bounds of the wrong length', text: edit('stages: [100, 100]', 'stages: [100, 100, 100]\n  reestimate: { conditionalPower: 0.8, max: [200] }'), expect: /design\.reestimate\.max: expected one bound per later stage \(2\), found 1/ },
  { kind: 'a count endpoint', text: edit('endpoint: { type: binary, intercept: -0.8 }', 'endpoint: { type: count, rate: 1 }'), expect: /endpoint\.type: an enrichment design compares means, proportions or survival: expected a continuous, binary or time-to-event endpoint, found count/ },
];

describe('invalid enrichment designs', () => {
  invalidScenarioSuite(VALID, cases, 0);
});
