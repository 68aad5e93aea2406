/**
 * Invalid umbrella designs give clear errors with key paths: rules naming
 * unknown biomarkers, substudies without an arm, a ratio for a missing arm,
 * information fractions out of order, and options that do not go together;
 * the CLI exits with code 2.
 */
import { describe, it, expect } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ScenarioError, formatPath } from '../../../src/scenario/errors.js';
import { umbrellaData, load } from './helpers.js';
import { trialsim, tempDir } from '../../helpers/cli.js';

type Data = Record<string, unknown>;

/** The issues of an invalid scenario as "path: message" lines. */
function issues(data: Data): string[] {
  try {
    load(data);
  } catch (err) {
    if (err instanceof ScenarioError) return err.issues.map((i) => `${formatPath(i.path)}: ${i.message}`);
    throw err;
  }
  throw new Error('the scenario was accepted');
}

const base = umbrellaData();
const design = base.design as Data;
const substudies = design.substudies as Data[];
const withSub = (k: number, over: Data) => umbrellaData({ design: { substudies: substudies.map((s, j) => (j === k ? { ...s, ...over } : s)) } });

describe('invalid umbrella designs', () => {
  it('the base test design is valid', () => {
    expect(() => load(base)).not.toThrow();
  });

  it('a rule naming an unknown biomarker names the substudy, the column and the known biomarkers', () => {
    expect(issues(withSub(1, { eligibility: 'b and not kras' }))).toEqual([
      'design.substudies[1].eligibility: in rule "b and not kras" at column 11: unknown biomarker: expected one of a, b, score, site, found "kras"',
    ]);
  });

  it('a rule with a syntax error gives the column', () => {
    expect(issues(withSub(0, { eligibility: 'a and (b' }))).toEqual([
      'design.substudies[0].eligibility: in rule "a and (b" at column 9: syntax error: expected ")", found the end of the rule',
    ]);
  });

  it('a substudy whose drug is not an arm, or has no drug, is refused', () => {
    expect(issues(withSub(0, { drug: 'drug-x' }))).toEqual(['design.substudies[0].drug: expected an arm (control, drug-a, drug-b), found "drug-x"']);
    const { drug: _drug, ...noDrug } = substudies[0];
    expect(issues(umbrellaData({ design: { substudies: [noDrug, substudies[1]] } }))).toEqual(['design.substudies[0].drug: required: expected a string, found nothing']);
  });

  it('a substudy testing the control arm against itself is refused', () => {
    expect(issues(withSub(0, { drug: 'control' }))).toContain('design.substudies[0].drug: expected a drug other than the control arm, found "control"');
  });

  it('an allocation ratio for a missing arm, and a missing ratio, are named', () => {
    expect(issues(withSub(0, { allocation: { 'drug-a': 2, placebo: 1 } }))).toEqual([
      'design.substudies[0].allocation.placebo: a ratio for an arm this substudy does not randomise to: expected drug-a or control, found "placebo"',
      'design.substudies[0].allocation: expected a ratio for arm "control", found none',
    ]);
  });

  it('information fractions out of order, or not ending at 1, are refused', () => {
    expect(issues(umbrellaData({ design: { interims: { informationFractions: [0.6, 0.4, 1] } } }))).toEqual([
      'design.interims.informationFractions[1]: expected information fractions in increasing order, found 0.4 after 0.6',
    ]);
    expect(issues(umbrellaData({ design: { interims: { informationFractions: [0.5, 0.9] } } }))).toEqual([
      'design.interims.informationFractions[1]: expected the last information fraction to be 1 (the final analysis), found 0.9',
    ]);
    expect(issues(umbrellaData({ design: { interims: { informationFractions: [0, 1] } } }))).toEqual([
      'design.interims.informationFractions[0]: expected a number > 0, found 0',
    ]);
  });

  it('options that do not go together are refused', () => {
    expect(() => load(umbrellaData({ design: { interims: { informationFractions: [0.5, 1] }, analysis: { test: 'z-pooled', multiplicity: 'holm' } } }))).not.toThrow();
    expect(issues(umbrellaData({ design: { interims: { informationFractions: [0.5, 1] }, analysis: { test: 'z-pooled', multiplicity: 'dunnett' } } }))).toEqual([
      'design.analysis.multiplicity: with interim analyses expected multiplicity "none", "bonferroni" or "holm" (alpha passed on across substudies and looks, Maurer & Bretz 2013), found "dunnett": Dunnett across looks needs the joint law of every substudy\'s statistics at every look; for arms against one shared control over several stages use type "mams", whose boundaries control the family-wise error by that integral (Magirr et al. 2012)',
    ]);
    expect(issues(umbrellaData({ design: { interims: { informationFractions: [0.5, 1] }, analysis: { test: 'z-pooled', multiplicity: 'hochberg' } } }))[0]).toMatch(/found "hochberg": Hochberg's step-up does not carry over/);
    expect(issues(umbrellaData({ design: { control: { sharing: 'separate', compareWith: 'all-concurrent' } } }))).toEqual([
      'design.control.compareWith: separate controls are compared within their own substudy: expected "matched", found "all-concurrent"',
    ]);
    expect(issues(withSub(0, { control: 'drug-b' }))).toContain(
      'design.substudies[0].control: a substudy names its own control only with control.sharing "separate"; the shared control is design.control.arm',
    );
    expect(issues(umbrellaData({ design: { analysis: { test: 'log-rank' } } }))).toEqual([
      'design.analysis.test: expected a test for a binary endpoint (z-pooled, z-unpooled, chi-square, fisher), found "log-rank"',
    ]);
    expect(issues(umbrellaData({ design: { interims: { informationFractions: [1], futility: { type: 'effect', threshold: 0 } } } }))).toEqual([
      'design.interims.futility: a futility rule needs at least one interim look: expected informationFractions such as [0.5, 1], found [1]',
    ]);
  });

  it('time-to-event interims need the planned events and a conditional-power futility rule; events need a time-to-event endpoint', () => {
    const tte = (interims: Data) => umbrellaData({
      top: { endpoint: { type: 'time-to-event', median: 12, accrualDuration: 12, followUp: 6 } },
      design: { analysis: { test: 'log-rank' }, interims },
    });
    expect(issues(tte({ informationFractions: [0.5, 1] }))).toEqual([
      'design.interims.events: time-to-event looks are event-driven: expected the events at the final analysis (a whole number), found none',
    ]);
    expect(issues(tte({ informationFractions: [0.5, 1], events: 30, futility: { type: 'effect', threshold: 0 } }))).toEqual([
      'design.interims.futility.type: an effect threshold is on the risk or mean difference scale: for time-to-event substudies expected "conditional-power", found "effect"',
    ]);
    expect(() => load(tte({ informationFractions: [0.5, 1], events: 30, futility: { type: 'conditional-power', threshold: 0.1 } }))).not.toThrow();
    expect(issues(tte({ informationFractions: [0.5, 1], events: 1 }))).toEqual([
      'design.interims.events: expected enough events for a distinct count at every look, found 1: looks 1 and 2 would both come at 1 events',
    ]);
    expect(issues(tte({ informationFractions: [0.5, 1], events: 41 }))).toEqual([
      'design.interims.events: expected at most the patients of every substudy\'s comparison: A has 40, so 41 events could never come, found 41',
      'design.interims.events: expected at most the patients of every substudy\'s comparison: B has 40, so 41 events could never come, found 41',
    ]);
    expect(issues(tte({ informationFractions: [1], events: 30 }))[0]).toMatch(/^design\.interims\.events: events sets when interim looks come/);
    // A substudy may set its own events; one that has none, with no interims.events, is named.
    const own = (events: (number | undefined)[], interims: Data) => umbrellaData({
      top: { endpoint: { type: 'time-to-event', median: 12, accrualDuration: 12, followUp: 6 } },
      design: { analysis: { test: 'log-rank' }, interims, substudies: substudies.map((x, k) => ({ ...x, ...(events[k] !== undefined ? { events: events[k] } : {}) })) },
    });
    expect(() => load(own([30, 20], { informationFractions: [0.5, 1] }))).not.toThrow();
    expect(() => load(own([undefined, 20], { informationFractions: [0.5, 1], events: 30 }))).not.toThrow();
    expect(issues(own([30, undefined], { informationFractions: [0.5, 1] }))).toEqual([
      'design.substudies[1].events: time-to-event looks are event-driven: expected the events at B\'s final analysis (here, or interims.events for every substudy), found none',
    ]);
    expect(issues(own([45, undefined], { informationFractions: [0.5, 1], events: 30 }))).toEqual([
      'design.substudies[0].events: expected at most the patients of every substudy\'s comparison: A has 40, so 45 events could never come, found 45',
    ]);
    expect(issues(umbrellaData({ design: { interims: { informationFractions: [0.5, 1], events: 120 } } }))).toEqual([
      'design.interims.events: events applies to time-to-event endpoints (looks of a binary endpoint come at fractions of the target sample size): expected no events, found 120',
    ]);
  });

  it('duplicate substudy ids, unused arms, an empty cap and unknown keys are refused', () => {
    expect(issues(withSub(1, { id: 'A' }))).toEqual(['design.substudies[1].id: duplicate substudy id "A"']);
    expect(issues(umbrellaData({ top: { arms: { control: {}, 'drug-a': {}, 'drug-b': {}, spare: {} } } }))).toEqual([
      'arms.spare: expected every arm to be a substudy\'s drug or a control, found "spare" used by none',
    ]);
    expect(issues(umbrellaData({ design: { screening: { ratePerMonth: 20, cap: {} } } }))).toEqual(['design.screening.cap: expected patients or months, found neither']);
    expect(issues(umbrellaData({ design: { screening: { ratePerMonth: 20, testFailures: 0.1 } } }))[0]).toMatch(/^design\.screening\.testFailures: unknown key/);
  });

  it('a missing control arm is explained', () => {
    expect(issues(umbrellaData({ design: { control: { arm: 'soc' } } }))).toEqual(['design.control.arm: expected a control arm (control, drug-a, drug-b), found "soc"']);
  });

  it('the CLI validate command exits with code 2 and prints the key path', () => {
    const file = join(tempDir(), 'bad-umbrella.json');
    writeFileSync(file, JSON.stringify(withSub(1, { eligibility: 'b and not kras' })));
    const r = trialsim(['validate', file]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('design.substudies[1].eligibility: in rule "b and not kras" at column 11: unknown biomarker');
    expect(r.stderr).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/);
  });

  it('the CLI validates the flagship umbrella scenario', () => {
    const r = trialsim(['validate', 'scenarios/flagship/umbrella-lung.yaml']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});
