/**
 * Numbers as reports print them: never a signed zero ("-0.000"), an en dash
 * when missing, percentages of rates.
 */
import { describe, it, expect } from 'vitest';
import { fixed, num, pct } from '../../src/draw/escape.js';

describe('printed numbers', () => {
  it('print a value that rounds to zero without a sign', () => {
    expect(fixed(-0.0001, 3)).toBe('0.000');
    expect(fixed(-0, 2)).toBe('0.00');
    expect(num(-0.00004)).toBe('0.000');
    expect(pct(-0.00001)).toBe('0.0%');
    expect(fixed(-0.0006, 3)).toBe('-0.001');
    expect(fixed(-12.5, 0)).toBe('-13');
  });
  it('print an en dash for a missing value', () => {
    expect(num(null)).toBe('–');
    expect(num(NaN)).toBe('–');
    expect(pct(undefined)).toBe('–');
  });
});
