/**
 * What the explorer's editor and panel read from the scenario schema and
 * the text: the key path at the cursor (from indentation, as the text being
 * typed is rarely valid YAML), the keys and values the schema allows there
 * (narrowed by the design's type), and the key parameters with where their
 * values sit in the text.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { cursorPlace } from '../../src/explore/yaml-path.js';
import { keysAt, valuesAt, numberAt, type SchemaNode } from '../../src/explore/schema-walk.js';
import { keyParameters } from '../../src/explore/key-parameters.js';
import { scenarioJsonSchema } from '../../src/designs/json-schema.js';

const schema = scenarioJsonSchema() as SchemaNode;
const flagship = readFileSync('scenarios/flagship/two-arm-binary.yaml', 'utf8');

/** The place at the `|` in text. */
const at = (text: string) => cursorPlace(text.replace('|', ''), text.indexOf('|'));

describe('the cursor\'s place in block YAML', () => {
  it('finds the mapping a key is typed in, through nested mappings and list items', () => {
    expect(at('design:\n  type: two-arm\n  samp|')).toEqual({ path: ['design'], word: 'samp', from: 26 });
    expect(at('population:\n  biomarkers:\n    - id: a\n      type: binary\n      prev|').path).toEqual(['population', 'biomarkers', 0]);
    expect(at('population:\n  biomarkers:\n    - id: a\n    - i|').path).toEqual(['population', 'biomarkers', 0]);
    expect(at('na|').path).toEqual([]);
  });

  it('knows when a value is typed, and for which key', () => {
    expect(at('design:\n  type: two|')).toMatchObject({ path: ['design'], key: 'type', word: 'two' });
  });
});

describe('the schema at a key path', () => {
  it('lists a design\'s own keys once its type is named, with their descriptions', () => {
    const keys = keysAt(schema, ['design'], { design: { type: 'two-arm' } }).map((k) => k.key);
    expect(keys).toContain('sampleSize');
    expect(keys).toContain('randomisation');
    expect(keys).not.toContain('baskets');
    expect(keysAt(schema, [], {}).map((k) => k.key)).toEqual(expect.arrayContaining(['name', 'seed', 'replicates', 'population', 'design']));
  });

  it('lists the values a key may take, and the bounds of a number', () => {
    expect(valuesAt(schema, ['design', 'type'], {})).toEqual(expect.arrayContaining(['two-arm', 'basket', 'mams']));
    expect(valuesAt(schema, ['design', 'analysis', 'primary', 'sided'], { design: { type: 'two-arm' } })).toEqual(expect.arrayContaining(['one', 'two']));
    expect(numberAt(schema, ['population', 'biomarkers', 0, 'prevalence'], { population: { biomarkers: [{ type: 'binary' }] } })).toMatchObject({ min: 0, max: 1, integer: false });
    expect(numberAt(schema, ['design', 'sampleSize'], { design: { type: 'two-arm' } })).toMatchObject({ integer: true });
  });
});

describe('the key parameters of a scenario', () => {
  it('are its trialist\'s dials, each with where its value sits in the text', () => {
    const params = keyParameters(flagship, schema);
    expect(params.map((p) => p.key)).toEqual(['seed', 'replicates', 'population.biomarkers[0].prevalence', 'arms.drug.effect', 'arms.drug.interactions.mplus', 'design.sampleSize', 'design.analysis.primary.alpha']);
    for (const p of params) expect(Number(flagship.slice(p.from, p.to))).toBe(p.value);
  });

  it('are none while the text does not parse', () => {
    expect(keyParameters('design: [unclosed', schema)).toEqual([]);
  });
});
