/**
 * Invalid basket scenarios are user errors that name the key and say what
 * was expected and what was found.
 */
import { describe, it, expect } from 'vitest';
import { ScenarioError } from '../../../src/scenario/errors.js';
import { basketData, load } from './helpers.js';

type Data = Record<string, unknown>;
const baskets = [{ id: 'a', sampleSize: 20, responseRate: 0.2 }, { id: 'b', sampleSize: 20, responseRate: 0.4 }];
const valid = (design: Data = {}, top: Data = {}) => basketData({ p0: 0.15, p1: 0.4, baskets, analyses: [{ method: 'independent-exact' }], ...design }, top);

function problems(data: Data): string {
  try {
    load(data);
  } catch (err) {
    expect(err).toBeInstanceOf(ScenarioError);
    return (err as Error).message;
  }
  throw new Error('expected the scenario to be rejected');
}

const population = {
  population: { biomarkers: [{ id: 'tumour', type: 'categorical', levels: { lung: 0.6, colon: 0.4 } }, { id: 'age', type: 'continuous', mean: 60, sd: 10 }] },
  endpoint: { type: 'binary', intercept: -1 },
  arms: { drug: {} },
};

describe('invalid basket scenarios', () => {
  it('a valid scenario loads', () => {
    expect(load(valid()).spec.design.type).toBe('basket');
  });

  const cases: [string, Data, RegExp[]][] = [
    ['no null rate', valid({ p0: undefined }), [/design\.baskets\[0\]\.p0: required: expected a null response rate p0 here or as design\.p0, found nothing/]],
    ['a target rate not above p0', valid({ p1: 0.1 }), [/design\.p1: expected p1 > p0, found p0 = 0\.15, p1 = 0\.1/]],
    ['no true rate', valid({ baskets: [{ id: 'a', sampleSize: 20 }] }), [/design\.baskets\[0\]\.responseRate: required: expected the true response rate/]],
    ['duplicate baskets', valid({ baskets: [baskets[0], baskets[0]] }), [/design\.baskets\[1\]\.id: duplicate basket id "a"/]],
    ['duplicate analyses', valid({ analyses: [{ method: 'hierarchical' }, { method: 'hierarchical', threshold: 0.9 }] }), [/design\.analyses\[1\]\.id: duplicate analysis id "hierarchical" \(give repeated methods an id\)/]],
    ['an unknown analysis key', valid({ analyses: [{ method: 'fujikawa', lambda: 0.9 }] }), [/design\.analyses\[0\]/, /lambda/]],
    ['an unknown method', valid({ analyses: [{ method: 'bhm' }] }), [/design\.analyses\[0\]\.method/]],
    ['accrual for some baskets only', valid({ baskets: [{ ...baskets[0], accrualPerMonth: 2 }, baskets[1]] }), [/expected accrualPerMonth for every basket or none, found it for 1 of 2/]],
    ['a control without its rate', valid({ baskets: [{ ...baskets[0], control: { sampleSize: 20 } }, baskets[1]] }), [/design\.baskets\[0\]\.control\.responseRate: required: expected the true control response rate/]],
    ['an interim that cannot stop', valid({ analyses: [{ method: 'exnex', interim: { fraction: 0.5 } }] }), [/design\.analyses\[0\]\.interim: expected a futility or efficacy threshold \(or both\), found neither/]],
    ['futility above efficacy', valid({ analyses: [{ method: 'exnex', threshold: 0.9, interim: { fraction: 0.5, futility: 0.99, efficacy: 0.95 } }] }), [/expected futility < efficacy, found 0\.99 and 0\.95/]],
    ['an impossible Simon search', valid({ analyses: [{ method: 'simon', maxN: 10 }] }), [/design\.analyses\[0\]\.design: expected a Simon optimal design for p0 = 0\.15, p1 = 0\.4, alpha = 0\.05, power = 0\.8 with n <= 10, found none \(raise maxN\)/]],
    ['Simon stages out of order', valid({ analyses: [{ method: 'simon', design: { r1: 3, n1: 10, r: 2, n: 29 } }] }), [/expected 0 <= r1 < n1 < n and r1 <= r < n, found r1 = 3, n1 = 10, r = 2, n = 29/]],
    ['Simon search without p1', valid({ p1: undefined, analyses: [{ method: 'simon' }] }), [/design\.p1: required by the Simon optimal design search: expected a target rate p1 here or in every basket, found nothing/]],
    ['an outcome model with rates given directly', valid({}, { endpoint: { type: 'binary', intercept: -1 } }), [/endpoint: not used by a basket design with rates given directly/]],
    ['a level without the population model', valid({ baskets: [{ ...baskets[0], level: 'lung' }, baskets[1]] }), [/design\.baskets\[0\]\.level: a level needs design\.population/]],
    ['a rate given with the population model', valid({ population: { basketBy: 'tumour', arm: 'drug' }, baskets: [{ id: 'lung', sampleSize: 20, responseRate: 0.3 }] }, population),
      [/design\.baskets\[0\]\.responseRate: with design\.population the rate comes from the population model: expected no responseRate, found one/]],
    ['a basket that is not a level', valid({ population: { basketBy: 'tumour', arm: 'drug' }, baskets: [{ id: 'skin', sampleSize: 20 }] }, population),
      [/design\.baskets\[0\]\.id: expected a level of "tumour" \(lung, colon\), found "skin"/]],
    ['baskets by a continuous biomarker', valid({ population: { basketBy: 'age', arm: 'drug' }, baskets: [{ id: 'lung', sampleSize: 20 }] }, population),
      [/design\.population\.basketBy: expected a categorical biomarker \(tumour\), found "age"/]],
    ['an unknown arm and a bad rule', valid({ population: { basketBy: 'tumour', arm: 'placebo', eligibility: 'braf == 1' }, baskets: [{ id: 'lung', sampleSize: 20 }] }, population),
      [/design\.population\.arm: expected an arm \(drug\), found "placebo"/, /design\.population\.eligibility: in rule "braf == 1"/]],
    ['randomised baskets without a control arm', valid({ population: { basketBy: 'tumour', arm: 'drug' }, baskets: [{ id: 'lung', sampleSize: 20, control: { sampleSize: 20 } }] }, population),
      [/design\.population\.control: required for randomised baskets: expected the control arm, found nothing/]],
    ['a time-to-event endpoint', valid({ population: { basketBy: 'tumour', arm: 'drug' }, baskets: [{ id: 'lung', sampleSize: 20 }] }, { ...population, endpoint: { type: 'time-to-event', median: 6, accrualDuration: 12, followUp: 6 } }),
      [/endpoint\.type: a basket trial's response is binary: expected type binary, found time-to-event/]],
    ['three components on eight baskets ((3 + 1)^8 memberships)', valid({
      baskets: Array.from({ length: 8 }, (_, k) => ({ id: `b${k}`, sampleSize: 10, responseRate: 0.2 })),
      analyses: [{ method: 'exnex', exWeight: [0.3, 0.3, 0.3], components: [{}, {}, {}] }],
    }), [/design\.analyses\[0\]\.components: 3 exchangeable components and 8 baskets make \(3 \+ 1\)\^8 = 65,536 memberships to sum per posterior; at most 59,049/]],
    ['two components on eleven baskets', valid({
      baskets: Array.from({ length: 11 }, (_, k) => ({ id: `b${k}`, sampleSize: 10, responseRate: 0.2 })),
      analyses: [{ method: 'exnex', exWeight: [0.4, 0.4], components: [{}, {}] }],
    }), [/design\.analyses\[0\]\.components: several exchangeable components take at most 10 baskets/]],
  ];

  for (const [what, data, messages] of cases) {
    it(`rejects ${what}`, () => {
      const text = problems(data);
      for (const m of messages) expect(text).toMatch(m);
    });
  }
});
