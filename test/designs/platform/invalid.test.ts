/**
 * Invalid platform designs are refused at validate time with the key path,
 * what was expected and what was found: an arm entering after the platform
 * ends, an arm entering after every other has left (no control then), a
 * weight that is not positive, weights permuted blocks cannot hold, an
 * experimental arm with no entry, interims beyond an arm's size, and
 * endpoints the analyses do not cover.
 */
import { describe } from 'vitest';
import { editorOf } from '../../helpers/scenarios.js';
import { invalidScenarioSuite } from '../../helpers/invalid-suite.js';

const VALID = `name: Platform
replicates: 10
endpoint: { type: continuous, sd: 1 }
arms:
  control: {}
  A: { effect: 0.5 }
  B: { effect: 0.2 }
design:
  type: platform
  arms:
    A: { entry: { time: 0 }, sampleSize: 50 }
    B: { entry: { time: 4 }, sampleSize: 50 }
  recruitment: { rate: 10 }
  interim: { at: [25], futility: 0 }
`;

const edit = editorOf(VALID);

const cases: { kind: string; text: string; expect: RegExp }[] = [
  { kind: 'an arm entering after the platform ends', text: edit('recruitment: { rate: 10 }', 'recruitment: { rate: 10 }\n  duration: 3'), expect: /design\.arms\.B\.entry: B would enter at time 4, after the platform ends at 3: enter earlier or extend design\.duration/ },
  { kind: 'an arm entering after every other arm has left', text: edit('B: { entry: { time: 4 }', 'B: { entry: { time: 40 }'), expect: /design\.arms\.B\.entry: B would enter at time 40, but every other arm has left by time 10 \(planned\), so no control is randomised then/ },
  { kind: 'an allocation weight that is not positive', text: edit('sampleSize: 50 }\n    B', 'sampleSize: 50, ratio: 0 }\n    B'), expect: /design\.arms\.A\.ratio: expected a number > 0, found 0/ },
  { kind: 'a weight permuted blocks cannot hold', text: edit('sampleSize: 50 }\n    B', 'sampleSize: 50, ratio: 1.5 }\n    B'), expect: /design\.arms\.A\.ratio: permuted blocks need whole-number weights, found 1\.5/ },
  { kind: 'a square-root control share in permuted blocks', text: edit('recruitment:', 'controlRatio: sqrt-arms\n  recruitment:'), expect: /design\.controlRatio: sqrt-arms gives weights that are not whole numbers/ },
  { kind: 'an experimental arm with no entry', text: edit('  B: { effect: 0.2 }\n', '  B: { effect: 0.2 }\n  C: {}\n'), expect: /design\.arms: arm "C" has no entry and sample size here: add design\.arms\.C/ },
  { kind: 'an arm not among the arms', text: edit('    B: { entry', '    Bx: { entry'), expect: /design\.arms\.Bx: expected an arm of the arms section \(control, A, B\), found "Bx"; did you mean "B"\?/ },
  { kind: 'an interim at or beyond an arm\'s size', text: edit('at: [25]', 'at: [50]'), expect: /design\.arms\.A\.sampleSize: expected more patients than the last interim \(50\), found 50/ },
  { kind: 'a futility rule above the efficacy rule', text: edit('futility: 0 }', 'futility: 2, efficacy: 1 }'), expect: /design\.interim\.futility: expected the futility bound below the efficacy bound at interim 1 \(1\), found 2/ },
  { kind: 'a posterior threshold outside (0, 1)', text: edit('futility: 0 }', 'futility: 0, scale: posterior }'), expect: /design\.interim\.futility: expected a posterior probability strictly between 0 and 1, found 0/ },
  { kind: 'recruitment pieces out of order', text: edit('rate: 10 }', 'rate: [{ from: 0, rate: 10 }, { from: 5, rate: 5 }, { from: 2, rate: 8 }] }'), expect: /design\.recruitment\.rate\[2\]\.from: expected pieces in increasing order, found 2 after 5/ },
  { kind: 'a count endpoint', text: edit('endpoint: { type: continuous, sd: 1 }', 'endpoint: { type: count, rate: 1 }'), expect: /endpoint\.type: a platform design analyses a continuous \(lm\), binary \(logistic\) or time-to-event \(Cox\) endpoint, found count/ },
  { kind: 'a biomarker-driven arm without design.eligibility', text: edit('A: { entry: { time: 0 }, sampleSize: 50 }', 'A: { entry: { time: 0 }, sampleSize: 50, eligible: [1] }'), expect: /design\.arms\.A\.eligible: name the biomarker the arms select on in design\.eligibility/ },
  { kind: 'an eligible value the biomarker does not take', text: edit('A: { entry: { time: 0 }, sampleSize: 50 }', 'A: { entry: { time: 0 }, sampleSize: 50, eligible: [2] }').replace('type: platform', 'type: platform\n  eligibility: positive').replace('replicates: 10', 'replicates: 10\npopulation: { biomarkers: [{ id: positive, type: binary, prevalence: 0.3 }] }'), expect: /design\.arms\.A\.eligible\[0\]: expected a value of positive \(0, 1\), found 2/ },
  { kind: 'an unknown analysis', text: edit('interim:', 'analysis: { compare: [pooled, spline] }\n  interim:'), expect: /design\.analysis\.compare\[1\]/ },
];

describe('invalid platform designs', () => {
  invalidScenarioSuite(VALID, cases, 1);
});
