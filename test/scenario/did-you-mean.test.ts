/**
 * A value outside an enum (or an unknown design type) gets a "did you mean"
 * when one allowed value is a few edits away, and none when several are as
 * close or none is close; an unknown key gets the keys allowed where it
 * stands, and the close one.
 */
import { describe, it, expect } from 'vitest';
import { didYouMean } from '../../src/scenario/zod-issues.js';
import { refusalOf } from '../helpers/scenarios.js';

describe('did you mean', () => {
  it('suggests the one close value', () => {
    expect(didYouMean('simultanous', ['simultaneous', 'separate'])).toBe('; did you mean "simultaneous"?');
    expect(didYouMean('Holm', ['bonferroni', 'holm'])).toBe('; did you mean "holm"?');
    expect(didYouMean('mam', ['mams', 'basket'])).toBe('; did you mean "mams"?');
  });
  it('stays silent when nothing is close, or two values are as close', () => {
    expect(didYouMean('xyz', ['simultaneous', 'separate'])).toBe('');
    expect(didYouMean('ab', ['ac', 'bb'])).toBe('');
    expect(didYouMean(3, ['3'])).toBe('');
  });
  it('reaches the message of a scenario with a misspelt design type', () => {
    const text = 'name: x\nendpoint: { type: continuous, sd: 1 }\narms: { control: {}, A: {} }\ndesign: { type: paralel, sampleSize: 100, analysis: { primary: { test: t } } }\n';
    expect(refusalOf(text)).toMatch(/design\.type: expected one of .*, found "paralel"; did you mean "parallel"\?/);
  });
  it('reaches unknown keys: the keys allowed at that place, and the close one', () => {
    const text = [
      'name: x', 'endpoint: { type: binary, intercep: -1 }', 'arms: { control: {}, drug: { efect: 0.5 } }',
      'design:', '  type: platform', '  arms: { drug: { sampleSize: 50, rato: 2 } }',
    ].join('\n');
    const message = refusalOf(text);
    expect(message).toMatch(/endpoint\.intercep: unknown key \(not part of the scenario format here: expected one of type, model, intercept, .*\); did you mean "intercept"\?/);
    expect(message).toMatch(/arms\.drug\.efect: unknown key .*; did you mean "effect"\?/);
    // Inside one design's own section, the keys of that design (the union is resolved by its type).
    expect(message).toMatch(/design\.arms\.drug\.rato: unknown key \(not part of the scenario format here: expected one of entry, sampleSize, ratio, eligible\); did you mean "ratio"\?/);
  });
});
