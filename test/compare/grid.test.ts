/**
 * Sweep grids from the command line: ranges, lists, the cartesian product
 * and dotted key paths into a scenario.
 */
import { describe, it, expect } from 'vitest';
import { parseVariation, parseVariations, parseRange, parseInterval } from '../../src/compare/values.js';
import { expandGrid, MAX_GRID_POINTS } from '../../src/compare/grid.js';
import { getPath, setPath } from '../../src/compare/key-path.js';
import { scenarioVariant } from '../../src/compare/variant.js';
import { UserError } from '../../src/scenario/errors.js';
import { ScenarioError } from '../../src/scenario/errors.js';
import { scenario, VALID_YAML } from '../helpers/scenarios.js';
import { parseScenarioText } from '../../src/scenario/load.js';
import { setupScenario } from '../../src/run/scenario.js';
import type { ParallelDesignSpec } from '../../src/designs/parallel/schema.js';

describe('--vary values', () => {
  it('a range includes both ends', () => {
    expect(parseVariation('design.sampleSize=100:600:50').values).toEqual([100, 150, 200, 250, 300, 350, 400, 450, 500, 550, 600]);
  });

  it('a range with a decimal step gives the decimals as written', () => {
    expect(parseRange('0:1:0.1', 'x')).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
  });

  it('a range without a step counts in ones, and stops at the last value not beyond its end', () => {
    expect(parseRange('3:6', 'x')).toEqual([3, 4, 5, 6]);
    expect(parseRange('100:260:50', 'x')).toEqual([100, 150, 200, 250]);
  });

  it('a list keeps numbers, words and booleans', () => {
    expect(parseVariation('arms.drug.effect=0.2,0.4').values).toEqual([0.2, 0.4]);
    expect(parseVariation('design.analysis.primary.test=z-pooled,fisher').values).toEqual(['z-pooled', 'fisher']);
    expect(parseVariation('design.analysis.primary.correct=true,false').values).toEqual([true, false]);
    expect(parseVariation('x=1e-3,2e-3').values).toEqual([0.001, 0.002]);
  });

  it('bad options are user errors that say what was expected', () => {
    expect(() => parseVariation('design.sampleSize')).toThrow(/expected KEY=VALUES/);
    expect(() => parseVariation('design.sampleSize=600:100:50')).toThrow(/at least its start/);
    expect(() => parseVariation('design.sampleSize=100:600:0')).toThrow(/positive step/);
    expect(() => parseVariation('design.sampleSize=1:100000000:1')).toThrow(/at most 10000 values/);
    expect(() => parseVariation('x=1,,2')).toThrow(/without empty items/);
    expect(() => parseVariations(['a=1', 'a=2'])).toThrow(/"a" twice/);
    expect(() => parseInterval('50', '--range')).toThrow(UserError);
    expect(parseInterval('50:2000', '--range')).toEqual([50, 2000]);
  });
});

describe('the grid', () => {
  it('is the cartesian product with the first key varying slowest', () => {
    const grid = expandGrid([{ key: 'n', values: [100, 200] }, { key: 'effect', values: [0.2, 0.4, 0.6] }]);
    expect(grid.map((p) => p.values)).toEqual([
      { n: 100, effect: 0.2 }, { n: 100, effect: 0.4 }, { n: 100, effect: 0.6 },
      { n: 200, effect: 0.2 }, { n: 200, effect: 0.4 }, { n: 200, effect: 0.6 },
    ]);
    expect(grid.map((p) => p.index)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('refuses more grid points than the limit', () => {
    const many = Array.from({ length: 101 }, (_, k) => k);
    expect(() => expandGrid([{ key: 'a', values: many }, { key: 'b', values: many }])).toThrow(new RegExp(`at most ${MAX_GRID_POINTS}`));
  });
});

describe('key paths', () => {
  const data = () => ({ design: { sampleSize: 300 }, population: { biomarkers: [{ id: 'mplus', prevalence: 0.4 }, { id: 'age', mean: 60 }] } });

  it('reach sections, list indices and list elements by id', () => {
    const d = data();
    setPath(d, 'design.sampleSize', 400);
    setPath(d, 'population.biomarkers.mplus.prevalence', 0.5);
    setPath(d, 'population.biomarkers.1.mean', 65);
    expect(d.design.sampleSize).toBe(400);
    expect(getPath(d, 'population.biomarkers.mplus.prevalence')).toBe(0.5);
    expect(getPath(d, 'population.biomarkers.age.mean')).toBe(65);
    expect(getPath(d, 'population.biomarkers.nothing.mean')).toBeUndefined();
  });

  it('refuse a path through a section that does not exist', () => {
    expect(() => setPath(data(), 'desgin.sampleSize', 1)).toThrow(/expected a section at desgin, found none/);
    expect(() => setPath(data(), 'population.biomarkers.pdl1.prevalence', 1)).toThrow(/expected an index or id \(mplus, age\)/);
    expect(() => setPath(data(), 'population.biomarkers.7.mean', 1)).toThrow(/index below 2/);
    expect(() => setPath(data(), 'design..sampleSize', 1)).toThrow(/empty part/);
  });
});

describe('a scenario variant', () => {
  const base = setupScenario(parseScenarioText('valid.yaml', VALID_YAML, 'yaml'));

  it('is the scenario with the keys changed, checked and frozen', () => {
    const v = scenarioVariant(base, { 'design.sampleSize': 200, 'arms.drug.effect': 0.3 }, { seed: 9 });
    expect((v.spec.design as ParallelDesignSpec).sampleSize).toBe(200);
    expect(v.spec.arms!.drug.effect).toBe(0.3);
    expect(v.spec.seed).toBe(9);
    expect(v.file).toBe('valid.yaml');
    expect(Object.isFrozen(v.spec)).toBe(true);
    expect(v.hash).not.toBe(base.hash);
    expect(scenarioVariant(base, {}).hash).toBe(base.hash);
  });

  it('is refused with the grid point named when a value breaks the schema or a check', () => {
    expect(() => scenarioVariant(base, { 'design.sampleSize': -5 })).toThrow(ScenarioError);
    expect(() => scenarioVariant(base, { 'design.sampleSize': -5 })).toThrow(/valid\.yaml \[design\.sampleSize=-5\]/);
    expect(() => scenarioVariant(base, { 'design.analysis.primary.test': 'welch-t' })).toThrow(/expected a test for a binary endpoint/);
    expect(() => scenarioVariant(base, { 'design.sampleSiz': 5 })).toThrow(/sampleSiz/);
  });

  it('leaves the scenario it came from unchanged', () => {
    const s = scenario({ name: 'x', endpoint: { type: 'binary', intercept: 0 }, arms: { control: {}, drug: {} }, design: { type: 'two-arm', sampleSize: 100, analysis: { primary: { test: 'z-pooled' } } } });
    scenarioVariant(s, { 'design.sampleSize': 50 });
    expect(getPath(s.spec, 'design.sampleSize')).toBe(100);
  });
});
