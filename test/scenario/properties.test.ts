/**
 * Bad input at scale (property-based, fast-check): thousands of generated
 * scenarios. Valid ones always load and run, and their summaries contain no
 * NaN; invalid ones (a valid scenario with one corruption) always give a
 * ScenarioError naming the place, never another exception.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { parseScenarioText } from '../../src/scenario/load.js';
import { setupScenario } from '../../src/run/scenario.js';
import { ScenarioError } from '../../src/scenario/errors.js';
import { simulate } from '../../src/run/simulate.js';

type Json = Record<string, unknown>;

const biomarker = (i: number) => fc.oneof(
  fc.record({ id: fc.constant(`b${i}`), type: fc.constant('binary'), prevalence: fc.double({ min: 0.05, max: 0.95, noNaN: true }) }),
  fc.record({ id: fc.constant(`b${i}`), type: fc.constant('continuous'), mean: fc.double({ min: -5, max: 5, noNaN: true }), sd: fc.double({ min: 0.1, max: 3, noNaN: true }) }),
  fc.constant({ id: `b${i}`, type: 'categorical', levels: { a: 0.5, b: 0.3, c: 0.2 } }),
);

const validScenario: fc.Arbitrary<Json> = fc
  .record({
    markers: fc.integer({ min: 0, max: 3 }).chain((k) => fc.tuple(...Array.from({ length: k }, (_, i) => biomarker(i)))),
    endpoint: fc.constantFrom('binary', 'continuous', 'time-to-event'),
    arms: fc.integer({ min: 2, max: 3 }),
    effect: fc.double({ min: -1, max: 1, noNaN: true }),
    interaction: fc.double({ min: -1.5, max: 1.5, noNaN: true }),
    n: fc.integer({ min: 12, max: 120 }),
    sided: fc.constantFrom('one', 'two'),
    method: fc.constantFrom('simple', 'permuted-block'),
    testIndex: fc.nat(3),
  })
  .map((g) => {
    const markers = g.markers as Json[];
    const termOf = (m: Json) => (m.type === 'categorical' ? `${m.id}=b` : String(m.id));
    const terms = Object.fromEntries(markers.map((m) => [termOf(m), g.interaction]));
    const arms: Json = { control: {} };
    for (let a = 1; a < g.arms; a++) arms[`drug${a}`] = { effect: g.effect, interactions: terms };
    const tests = { binary: ['z-pooled', 'z-unpooled', 'chi-square', 'fisher'], continuous: ['welch-t', 't'], 'time-to-event': ['log-rank'] }[g.endpoint]!;
    const endpoint = g.endpoint === 'binary' ? { type: 'binary', intercept: -0.5, prognostic: terms }
      : g.endpoint === 'continuous' ? { type: 'continuous', intercept: 1, sd: 2, prognostic: terms }
      : { type: 'time-to-event', median: 12, accrualDuration: 12, followUp: 12, prognostic: terms };
    const discrete = markers.filter((m) => m.type !== 'continuous').map((m) => m.id);
    return {
      name: 'generated', seed: 1, replicates: 4, truth: { patients: 3000 },
      population: { biomarkers: markers },
      endpoint, arms,
      design: {
        type: g.arms === 2 ? 'two-arm' : 'parallel', sampleSize: g.n,
        randomisation: g.method === 'simple' ? { method: 'simple' } : { method: 'permuted-block', strata: discrete },
        analysis: {
          primary: { test: tests[g.testIndex % tests.length], alpha: 0.05, sided: g.sided },
          subgroups: markers.map((m) => (m.type === 'continuous' ? { biomarker: m.id, cutpoint: 0 } : m.id)),
        },
      },
    };
  });

const load = (data: unknown) => setupScenario(parseScenarioText('generated.json', JSON.stringify(data), 'json'));

function hasNaN(x: unknown): boolean {
  if (typeof x === 'number') return Number.isNaN(x);
  if (Array.isArray(x)) return x.some(hasNaN);
  if (x && typeof x === 'object') return Object.values(x).some(hasNaN);
  return false;
}

/** All key paths of objects (not arrays) in a JSON value. */
function objectPaths(x: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(x)) return x.flatMap((v, i) => objectPaths(v, [...path, i]));
  if (x && typeof x === 'object') return [path, ...Object.entries(x).flatMap(([k, v]) => objectPaths(v, [...path, k]))];
  return [];
}
function leafPaths(x: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(x)) return x.flatMap((v, i) => leafPaths(v, [...path, i]));
  if (x && typeof x === 'object') return Object.entries(x).flatMap(([k, v]) => leafPaths(v, [...path, k]));
  return [path];
}
function at(x: Json, path: (string | number)[]): Json {
  return path.reduce<unknown>((o, k) => (o as Json)[k as string], x) as Json;
}

/** One corruption that makes a valid scenario invalid. */
const corruption = fc.oneof(
  fc.record({ kind: fc.constant('unknown-key' as const), pick: fc.nat(), key: fc.constantFrom('colour', 'sampelSize', 'prevalance', 'efect') }),
  fc.record({ kind: fc.constant('wrong-type' as const), pick: fc.nat(), value: fc.constantFrom<unknown>('text', true, [], { x: 1 }, null) }),
  fc.record({ kind: fc.constant('remove' as const), pick: fc.constantFrom('name', 'design', 'design.sampleSize', 'design.analysis', 'endpoint.type') }),
  fc.record({ kind: fc.constant('bad-number' as const), pick: fc.constantFrom('design.sampleSize', 'design.analysis.primary.alpha', 'replicates', 'seed'), value: fc.nat(2) }),
  fc.record({ kind: fc.constant('unknown-reference' as const), pick: fc.constantFrom('strata', 'subgroups', 'interactions') }),
);

type Corruption = typeof corruption extends fc.Arbitrary<infer T> ? T : never;

function corrupt(s: Json, c: Corruption): Json {
  const out = structuredClone(s);
  switch (c.kind) {
    case 'unknown-key': {
      const objs = objectPaths(out).filter((p) => !['interactions', 'prognostic', 'levels', 'arms'].includes(String(p[p.length - 1])));
      at(out, objs[c.pick % objs.length])[c.key] = 1;
      break;
    }
    case 'wrong-type': {
      const leaves = leafPaths(out).filter((p) => !['name', 'id'].includes(String(p[p.length - 1])));
      const p = leaves[c.pick % leaves.length];
      const value = typeof at(out, p.slice(0, -1))[p[p.length - 1]] === 'string' && typeof c.value === 'string' ? 42 : c.value;
      at(out, p.slice(0, -1))[p[p.length - 1] as string] = value as never;
      break;
    }
    case 'remove': {
      const p = String(c.pick).split('.');
      delete at(out, p.slice(0, -1))[p[p.length - 1]];
      break;
    }
    case 'bad-number': {
      const p = String(c.pick).split('.');
      const bad: Record<string, number[]> = {
        'design.sampleSize': [-1, 0, 1.5], 'design.analysis.primary.alpha': [0, 1.5, -1],
        replicates: [0, -1, 1.5], seed: [-1, 1.5, 2 ** 60],
      };
      at(out, p.slice(0, -1))[p[p.length - 1]] = bad[c.pick][c.value % 3];
      break;
    }
    case 'unknown-reference': {
      const d = out.design as Json;
      if (c.pick === 'strata') d.randomisation = { method: 'permuted-block', strata: ['nosuch'] };
      else if (c.pick === 'subgroups') (d.analysis as Json).subgroups = ['nosuch'];
      else (out.arms as Json).drug1 = { effect: 0, interactions: { nosuch: 1 } };
      break;
    }
  }
  return out;
}

describe('generated scenarios', () => {
  it('valid scenarios always load, run, and give summaries without NaN', async () => {
    await fc.assert(
      fc.asyncProperty(validScenario, async (s) => {
        const loaded = load(s);
        const { summary } = await simulate(loaded, { workers: 0 });
        expect(hasNaN(summary)).toBe(false);
        expect(summary.replicates).toBe(4);
        for (const h of summary.hypotheses) expect(Number.isFinite(h.rate)).toBe(true);
      }),
      { numRuns: 300, seed: 2026 },
    );
  });

  it('invalid scenarios always give a ScenarioError that names the file and a place', () => {
    let checked = 0;
    fc.assert(
      fc.property(validScenario, corruption, (s, c) => {
        const bad = corrupt(s, c);
        try {
          load(bad);
        } catch (err) {
          expect(err).toBeInstanceOf(ScenarioError);
          const e = err as ScenarioError;
          expect(e.issues.length).toBeGreaterThan(0);
          for (const issue of e.issues) expect(issue.message).toMatch(/expected|unknown|required|duplicate|must|needs|takes|cannot|not |malformed/);
          expect(e.message.startsWith('generated.json: ')).toBe(true);
          checked++;
          return;
        }
        throw new Error(`accepted an invalid scenario (${JSON.stringify(c)}): ${JSON.stringify(bad)}`);
      }),
      { numRuns: 3000, seed: 7 },
    );
    expect(checked).toBe(3000);
  });
});
