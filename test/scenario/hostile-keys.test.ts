/**
 * Keys that reach an object's prototype (`__proto__`, `constructor`,
 * `prototype`) are refused wherever a key comes from the user: in a scenario
 * file and in a `--vary` / `--solve` key path. Each refusal names the key
 * path, and `Object.prototype` is untouched afterwards.
 */
import { describe, it, expect, afterEach } from 'vitest';
import { parseScenarioText } from '../../src/scenario/load.js';
import { setPath, getPath } from '../../src/compare/key-path.js';
import { scenarioVariant } from '../../src/compare/variant.js';
import { scenario, VALID_YAML } from '../helpers/scenarios.js';
import { UserError } from '../../src/scenario/errors.js';

const prototypeKeys = () => Object.getOwnPropertyNames(Object.prototype).sort();
const cleanKeys = prototypeKeys();

/** Object.prototype has exactly its own properties, and a fresh object inherits nothing new. */
function expectPrototypeUntouched(): void {
  expect(prototypeKeys()).toEqual(cleanKeys);
  const probe = {} as Record<string, unknown>;
  for (const k of ['x', 'polluted', 'effect', 'sampleSize']) expect(probe[k]).toBeUndefined();
}

afterEach(() => {
  // Undo any pollution so one failing case cannot hide in the next.
  for (const k of Object.getOwnPropertyNames(Object.prototype)) if (!cleanKeys.includes(k)) delete (Object.prototype as Record<string, unknown>)[k];
});

function refusal(f: () => unknown): string {
  try { f(); } catch (err) { expect(err).toBeInstanceOf(UserError); return (err as Error).message; }
  throw new Error('expected a refusal');
}

describe('keys that reach the prototype', () => {
  const base = scenario({
    name: 'hostile', population: { biomarkers: [{ id: 'm', type: 'binary', prevalence: 0.5 }] },
    endpoint: { type: 'binary', intercept: 0 }, arms: { control: {}, drug: { effect: 0.3 } },
    design: { type: 'two-arm', sampleSize: 100, analysis: { primary: { test: 'z-pooled' } } },
  });

  it.each(['__proto__.x', '__proto__.polluted', 'constructor.prototype.x', 'arms.drug.__proto__.effect', 'design.constructor.prototype.sampleSize', 'arms.prototype'])(
    'sweep --vary %s is refused naming the key, and Object.prototype is untouched',
    (key) => {
      expect(refusal(() => scenarioVariant(base, { [key]: 1 }))).toMatch(new RegExp(`${key.replace(/\./g, '\\.')}: .*"(__proto__|constructor|prototype)" .*not allowed`));
      expectPrototypeUntouched();
    },
  );

  it('setPath and getPath refuse the keys before touching anything', () => {
    const data: Record<string, unknown> = { design: {} };
    expect(refusal(() => setPath(data, '__proto__.x', 1))).toMatch(/__proto__\.x/);
    expect(refusal(() => getPath(data, 'constructor.prototype'))).toMatch(/constructor\.prototype/);
    expectPrototypeUntouched();
  });

  const files: [string, string, 'yaml' | 'json', RegExp][] = [
    ['YAML __proto__ at the top', `${VALID_YAML}__proto__: { polluted: 1 }\n`, 'yaml', /line 26, __proto__: .*not allowed/],
    ['YAML constructor.prototype', `${VALID_YAML}constructor: { prototype: { polluted: 1 } }\n`, 'yaml', /line 26, constructor: .*not allowed/],
    ['YAML __proto__ inside interactions', VALID_YAML.replace('interactions: { mplus: 1.6 }', 'interactions: { __proto__: { polluted: 1 } }'), 'yaml', /arms\.drug\.interactions\.__proto__: .*not allowed/],
    ['YAML prototype in a list item', VALID_YAML.replace('- { id: mplus, type: binary, prevalence: 0.5 }', '- { id: mplus, type: binary, prevalence: 0.5, prototype: 1 }'), 'yaml', /population\.biomarkers\[0\]\.prototype: .*not allowed/],
    ['JSON __proto__', '{"name": "x", "__proto__": {"polluted": 1}}', 'json', /__proto__: .*not allowed/],
    ['JSON constructor deep down', '{"name": "x", "arms": {"drug": {"constructor": {"prototype": {"polluted": 1}}}}}', 'json', /arms\.drug\.constructor: .*not allowed/],
  ];

  it.each(files)('a scenario file with %s is refused at that key path', (_what, text, format, message) => {
    expect(refusal(() => parseScenarioText(`hostile.${format}`, text, format))).toMatch(message);
    expectPrototypeUntouched();
  });
});
