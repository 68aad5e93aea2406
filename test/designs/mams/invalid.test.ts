/**
 * Invalid MAMS designs are refused at validate time with the key path, what
 * was expected and what was found: boundaries that rise, futility above
 * efficacy, lists of the wrong length, selection that keeps every arm, a
 * known variance where biomarkers add variance, and time-to-event endpoints.
 */
import { describe } from 'vitest';
import { editorOf } from '../../helpers/scenarios.js';
import { invalidScenarioSuite } from '../../helpers/invalid-suite.js';

const VALID = `name: MAMS
replicates: 10
endpoint: { type: continuous, sd: 1 }
arms:
  control: {}
  A: { effect: 0.5 }
  B: { effect: 0.2 }
  C: {}
design:
  type: mams
  stages: { arm: [30, 30, 30] }
  alpha: 0.025
  efficacy: obrien-fleming
  futility: 0
  selection: { keep: 2, after: [1] }
`;

const edit = editorOf(VALID);


const cases: { kind: string; text: string; expect: RegExp }[] = [
  { kind: 'efficacy bounds that rise', text: edit('efficacy: obrien-fleming\n  futility: 0', 'efficacy: [2.5, 2.8, 2.0]\n  futility: 0'), expect: /design\.efficacy\[1\]: efficacy bounds must not rise from stage to stage: expected at most 2\.5, found 2\.8/ },
  { kind: 'an efficacy list of the wrong length', text: edit('efficacy: obrien-fleming', 'efficacy: [3, 2]'), expect: /design\.efficacy: expected one efficacy bound per stage \(3\), found 2/ },
  { kind: 'futility above efficacy', text: edit('efficacy: obrien-fleming\n  futility: 0', 'efficacy: [3, 2.5, 2]\n  futility: [1, 2.7]'), expect: /design\.futility\[1\]: the futility bound must lie below the efficacy bound at stage 2 \(2\.5\), found 2\.7/ },
  { kind: 'futility bounds that fall', text: edit('futility: 0', 'futility: [0.5, 0]'), expect: /design\.futility\[1\]: futility bounds must not fall from stage to stage: expected at least 0\.5, found 0/ },
  { kind: 'a futility list of the wrong length', text: edit('futility: 0', 'futility: [0]'), expect: /design\.futility: expected one futility bound per interim \(2; the last stage's is its efficacy bound\), found 1/ },
  { kind: 'a scaled futility shape with listed efficacy bounds', text: edit('efficacy: obrien-fleming\n  futility: 0', 'efficacy: [3, 2.5, 2]\n  futility: pocock'), expect: /design\.futility: a listed efficacy boundary is used as given, so the futility boundary must be given too/ },
  { kind: 'triangular futility without triangular efficacy', text: edit('futility: 0', 'futility: triangular'), expect: /design\.futility: a triangular futility boundary goes with a triangular efficacy boundary/ },
  { kind: 'control stage sizes of the wrong length', text: edit('stages: { arm: [30, 30, 30] }', 'stages: { arm: [30, 30, 30], control: [30, 30] }'), expect: /design\.stages\.control: expected one control size per stage \(3, as stages\.arm\), found 2/ },
  { kind: 'more than four stages', text: edit('arm: [30, 30, 30]', 'arm: [30, 30, 30, 30, 30]'), expect: /design\.stages\.arm: expected a list with <= 4 items, found a list of 5/ },
  { kind: 'selection keeping every arm', text: edit('keep: 2', 'keep: 3'), expect: /design\.selection\.keep: expected fewer arms kept than the 3 experimental arms, found 3/ },
  { kind: 'selection after the last stage', text: edit('after: [1]', 'after: [3]'), expect: /design\.selection\.after\[0\]: expected an interim stage \(1 to 2\), found 3/ },
  { kind: 'a control that is not an arm', text: edit('  type: mams', '  type: mams\n  control: placebo'), expect: /design\.control: expected an arm \(control, A, B, C\), found "placebo"/ },
  { kind: 'a known variance with prognostic biomarkers', text: edit('endpoint: { type: continuous, sd: 1 }', 'population: { biomarkers: [{ id: age, type: continuous, mean: 0, sd: 1 }] }\nendpoint: { type: continuous, sd: 1, prognostic: { age: 0.5 } }'), expect: /design\.variance: a known variance is the endpoint's sd only when outcomes have no prognostic terms/ },
  { kind: 'a time-to-event endpoint', text: edit('endpoint: { type: continuous, sd: 1 }', 'endpoint: { type: time-to-event, median: 12, accrualDuration: 12, followUp: 12 }'), expect: /endpoint\.type: a mams design analyses binary or continuous endpoints/ },
  { kind: 'spending bounds with a scaled futility shape', text: edit('efficacy: obrien-fleming\n  futility: 0', 'efficacy: { spending: obrien-fleming }\n  futility: pocock'), expect: /design\.futility: error-spending efficacy bounds take a futility bound given as a number, a list or none, found "pocock"/ },
  { kind: 'Kim-DeMets spending with rho 0', text: edit('efficacy: obrien-fleming', 'efficacy: { spending: kim-demets, parameter: 0 }'), expect: /design\.efficacy\.parameter: kim-demets spending needs rho > 0, found 0/ },
  { kind: 'a misspelt stopping rule', text: edit('  alpha: 0.025', '  alpha: 0.025\n  stopping: simultanous'), expect: /design\.stopping: .*simultaneous/ },
];

describe('invalid MAMS designs', () => {
  invalidScenarioSuite(VALID, cases);
});
