/**
 * Šidák (single-step and step-down), Hommel (closed Simes), fixed-sequence
 * and graphical adjusted p-values against R (test/fixtures/multiplicity.R:
 * `p.adjust` for Holm, Hochberg and Hommel; the graphical procedure there is
 * an independent implementation by the closure principle over every
 * intersection, where ours is the sequentially rejective shortcut of Bretz
 * et al. 2009), to 1e-12; and the special graphs that are Holm and the fixed
 * sequence.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { sidakAdjust, sidakStepDownAdjust, hommelAdjust, fixedSequenceAdjust, graphicalAdjust, holmAdjust, hochbergAdjust, bonferroniAdjust, checkGraph } from '../../../src/stats/multiplicity/index.js';

interface PAdjustCase { p: number[]; holm: number[]; hochberg: number[]; hommel: number[]; bonferroni: number[]; sidak: number[]; sidakStepDown: number[]; fixedSequence: number[] }
interface GraphCase { name: string; p: number[]; weights: number[]; transitions: number[][]; adjusted: number[] }
const fixture = JSON.parse(readFileSync(new URL('../../fixtures/multiplicity.json', import.meta.url), 'utf8')) as { pAdjust: PAdjustCase[]; graphical: GraphCase[] };

const close = (a: number[], b: number[]) => a.forEach((x, i) => expect(x).toBeCloseTo(b[i], 12));

describe('p-value procedures against R', () => {
  it.each(fixture.pAdjust.map((c, i) => [i, c] as const))('case %i', (_, c) => {
    close(holmAdjust(c.p), c.holm);
    close(hochbergAdjust(c.p), c.hochberg);
    close(bonferroniAdjust(c.p), c.bonferroni);
    close(hommelAdjust(c.p), c.hommel);
    close(sidakAdjust(c.p), c.sidak);
    close(sidakStepDownAdjust(c.p), c.sidakStepDown);
    close(fixedSequenceAdjust(c.p, c.p.map((_x, i) => i)), c.fixedSequence);
  });
  it('covers every size from 2 to 5 and a p-value of 0 and of 1', () => {
    expect(new Set(fixture.pAdjust.map((c) => c.p.length))).toEqual(new Set([2, 3, 4, 5]));
    expect(fixture.pAdjust.some((c) => c.p.includes(0)) && fixture.pAdjust.some((c) => c.p.includes(1))).toBe(true);
  });
});

describe('graphical procedure against the closure computed in R', () => {
  it.each(fixture.graphical.map((c) => [c.name, c] as const))('%s', (_, c) => {
    close(graphicalAdjust(c.p, { weights: c.weights, transitions: c.transitions }), c.adjusted);
  });
  it('includes the two-primary, two-secondary graph of Bretz et al. (2009)', () => {
    expect(fixture.graphical.some((c) => c.weights.join() === '0.5,0.5,0,0')).toBe(true);
  });
});

describe('graphs that are not graphs are refused', () => {
  it('weights over 1, a row over 1, a self-loop', () => {
    expect(() => checkGraph({ weights: [0.7, 0.7], transitions: [[0, 1], [1, 0]] }, 2)).toThrow(/sum to at most 1/);
    expect(() => checkGraph({ weights: [0.5, 0.5], transitions: [[0, 1.2], [1, 0]] }, 2)).toThrow(/row 1/);
    expect(() => checkGraph({ weights: [0.5, 0.5], transitions: [[0.5, 0.5], [1, 0]] }, 2)).toThrow(/zero diagonal/);
  });
});
