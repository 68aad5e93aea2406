/**
 * Invalid non-compliance designs are refused at validate time with the key
 * path: shares that do not sum to one or leave no compliers, defiers with
 * the IV estimates (LATE not identified), an instrument with no effect on
 * the treatment taken, 2SLS without covariates, unknown or categorical
 * covariates, more than two arms, count endpoints, IV estimators for
 * time-to-event endpoints.
 */
import { describe } from 'vitest';
import { editorOf } from '../../helpers/scenarios.js';
import { invalidScenarioSuite } from '../../helpers/invalid-suite.js';

const VALID = `name: NC
replicates: 10
population:
  biomarkers:
    - { id: responder, type: binary, prevalence: 0.4 }
    - { id: site, type: categorical, levels: { a: 0.5, b: 0.5 } }
endpoint: { type: continuous, sd: 1 }
arms:
  control: {}
  drug: { effect: 0.3, interactions: { responder: 0.5 } }
design:
  type: noncompliance
  sampleSize: 200
  compliance:
    never-taker: { share: 0.2, benefit: -1 }
    always-taker: { share: 0.1 }
`;

const edit = editorOf(VALID);

const cases: { kind: string; text: string; expect: RegExp }[] = [
  { kind: 'shares that do not sum to one', text: edit('never-taker: { share: 0.2', 'complier: { share: 0.6 }\n    never-taker: { share: 0.2'), expect: /design\.compliance: expected the compliance shares to sum to 1, found 0\.9 \(complier 0\.6, never-taker 0\.2, always-taker 0\.1\)/ },
  { kind: 'shares leaving no compliers', text: edit('always-taker: { share: 0.1 }', 'always-taker: { share: 0.8 }'), expect: /design\.compliance: the shares of never-taker, always-taker add to 1, leaving no compliers/ },
  { kind: 'defiers with the IV estimate', text: edit('always-taker: { share: 0.1 }', 'always-taker: { share: 0.1 }\n    defier: { share: 0.05 }'), expect: /design\.compliance\.defier: defiers break monotonicity, so iv-wald would not estimate the LATE \(it is not identified\)/ },
  { kind: 'an instrument with no effect on the treatment taken', text: edit('never-taker: { share: 0.2, benefit: -1 }\n    always-taker: { share: 0.1 }', 'defier: { share: 0.5 }\n  analysis: { ivWithDefiers: true }'), expect: /design\.compliance\.defier\.share: as many defiers as compliers \(0\.5\): assignment does not change the treatment taken on average, so the IV estimate would divide by zero/ },
  { kind: '2SLS without covariates', text: edit('always-taker: { share: 0.1 }', 'always-taker: { share: 0.1 }\n  analysis: { estimators: [itt, iv-2sls] }'), expect: /design\.analysis\.estimators: iv-2sls without covariates is the Wald ratio \(iv-wald\) again/ },
  { kind: 'an unknown covariate', text: edit('always-taker: { share: 0.1 }', 'always-taker: { share: 0.1 }\n  analysis: { estimators: [iv-2sls], covariates: [responde] }'), expect: /design\.analysis\.covariates\[0\]: expected a biomarker \(responder, site\), found "responde"; did you mean "responder"\?/ },
  { kind: 'a categorical covariate', text: edit('always-taker: { share: 0.1 }', 'always-taker: { share: 0.1 }\n  analysis: { estimators: [iv-2sls], covariates: [site] }'), expect: /design\.analysis\.covariates\[0\]: "site" is categorical/ },
  { kind: 'an unknown term in a type model', text: edit('benefit: -1 }', 'benefit: -1, biomarkers: { age: 0.1 } }'), expect: /design\.compliance\.never-taker\.biomarkers\.age/ },
  { kind: 'a dropout share of 0', text: edit('always-taker: { share: 0.1 }', 'always-taker: { share: 0.1 }\n  dropout: { share: 0 }'), expect: /design\.dropout\.share: expected a share of missing outcomes strictly between 0 and 1/ },
  { kind: 'IPW without dropout', text: edit('always-taker: { share: 0.1 }', 'always-taker: { share: 0.1 }\n  analysis: { estimators: [itt, ipw-itt] }'), expect: /design\.analysis\.estimators: ipw-itt reweights the complete cases when outcomes are missing: add design\.dropout/ },
  { kind: 'three arms', text: edit('  drug: { effect', '  other: {}\n  drug: { effect'), expect: /arms: expected two arms \(control and treatment\), found 3/ },
  { kind: 'a count endpoint', text: edit('endpoint: { type: continuous, sd: 1 }', 'endpoint: { type: count, rate: 2 }'), expect: /endpoint\.type: a non-compliance design estimates mean or risk differences or hazard ratios: expected a continuous, binary or time-to-event endpoint, found count/ },
  { kind: 'the IV estimators with a time-to-event endpoint', text: edit('endpoint: { type: continuous, sd: 1 }', 'endpoint: { type: time-to-event, median: 12, accrualDuration: 12, followUp: 12 }') + '  analysis: { estimators: [itt, iv-wald] }\n', expect: /design\.analysis\.estimators\[1\]: iv-\w+ estimates a mean or risk difference; for a time-to-event endpoint use rpsft/ },
];

describe('invalid non-compliance designs', () => {
  invalidScenarioSuite(VALID, cases, 2);
});
