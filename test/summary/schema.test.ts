/**
 * summary.json's published schema (src/run/summary-schema.ts): every golden
 * summary of the shipped scenarios and an exact summary conform to it; its
 * fixed parts and every section allow no unknown field, a section of
 * another design or an ill-shaped one is refused with its key path, and
 * every key of a design's or shared section is described (settings echoed
 * from the scenario are described by the scenario format); every summary a
 * test makes is checked (test/helpers/strict-summaries.ts); and the shipped
 * JSON Schema (schema/summary.schema.json) is the one `trialsim schema
 * --summary` prints. Regenerate with
 * `npm run build && node dist/bin/main.js schema --summary > schema/summary.schema.json`.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { summarySchema, summaryJsonSchema, readSummary, summarySchemaFor } from '../../src/run/summary-schema.js';
import { registeredDesigns, designFor, typesOf, designSchema } from '../../src/designs/registry.js';
import { decisionSectionSchema } from '../../src/run/decision.js';
import { exactSectionSchema } from '../../src/run/exact.js';
import { summarise } from '../../src/summary/summarise.js';
import { Accumulator } from '../../src/summary/accumulator.js';
import { computeExact } from '../../src/run/simulate.js';
import { scenario } from '../helpers/scenarios.js';

const dir = 'test/golden/summaries';
const golden = (file: string): Record<string, unknown> => JSON.parse(readFileSync(join(dir, file), 'utf8')).summary;

/** The refusal message of a summary, '' when it is read. */
function refusal(data: unknown): string {
  try {
    readSummary(data, 'summary.json');
    return '';
  } catch (err) {
    return (err as Error).message;
  }
}

/**
 * Keys without a description, walking a zod schema: every property of an
 * object must be described (on itself or on a wrapper such as optional),
 * through lists, mappings, unions and wrappers.
 */
interface Def { type: string; innerType?: z.ZodType; element?: z.ZodType; valueType?: z.ZodType; options?: z.ZodType[]; items?: z.ZodType[]; shape?: Record<string, z.ZodType> }
const defOf = (schema: z.ZodType): Def => schema._zod.def as unknown as Def;
const WRAPPERS = ['optional', 'nullable', 'default', 'readonly'];

/** Every schema the scenario format is made of: a summary that echoes a scenario's settings (a basket analysis' priors) leaves their words to it. */
function partsOf(schema: z.ZodType, into = new Set<z.ZodType>()): Set<z.ZodType> {
  if (into.has(schema)) return into;
  into.add(schema);
  const def = defOf(schema);
  const next = [def.innerType, def.element, def.valueType, ...(def.options ?? []), ...(def.items ?? []), ...Object.values(def.shape ?? {})];
  for (const x of next) if (x) partsOf(x, into);
  return into;
}
const scenarioParts = partsOf(designSchema);

/** Described on itself or on a wrapper it sits in (x.describe().optional(), x.optional().describe()). */
const described = (x: z.ZodType): boolean => x.description !== undefined || (WRAPPERS.includes(defOf(x).type) && described(defOf(x).innerType!));

function undescribed(schema: z.ZodType, path: string): string[] {
  const def = defOf(schema);
  switch (def.type) {
    case 'optional': case 'nullable': case 'default': case 'readonly': return undescribed(def.innerType!, path);
    case 'array': return undescribed(def.element!, `${path}[]`);
    case 'record': return undescribed(def.valueType!, `${path}.*`);
    case 'union': return def.options!.flatMap((o) => undescribed(o, path));
    case 'tuple': return def.items!.flatMap((o) => undescribed(o, `${path}[]`));
    case 'object': return Object.entries(def.shape!).filter(([, v]) => !scenarioParts.has(v)).flatMap(([k, v]) => {
      // A literal type tag (type: 'equity') names its form and needs no words.
      const tag = k === 'type' && defOf(v).type === 'literal';
      return [...(described(v) || tag ? [] : [`${path}.${k}`]), ...undescribed(v, `${path}.${k}`)];
    });
    default: return [];
  }
}

describe('the summary schema', () => {
  for (const file of readdirSync(dir)) {
    it(`${file} conforms`, () => {
      const summary = golden(file);
      const r = summarySchema.safeParse(summary);
      expect(r.success ? [] : r.error.issues.slice(0, 3)).toEqual([]);
      expect(refusal(summary)).toBe('');
    });
  }

  it('an exact summary conforms, and a misspelt field in a hypothesis does not', () => {
    const s = computeExact(scenario({ name: 'x', method: 'exact', design: { type: 'basket', p0: 0.2, baskets: [{ id: 'a', sampleSize: 5, responseRate: 0.3 }], analyses: [{ method: 'independent-exact' }] } })).summary;
    expect(summarySchema.safeParse(s).success).toBe(true);
    const bad = { ...s, hypotheses: [{ ...s.hypotheses[0], powr: 1 }] };
    expect(summarySchema.safeParse(bad).success).toBe(false);
    expect(refusal(bad)).toMatch(/^summary\.json: not a summary this version of trialsim \(.*\) reads\n {2}hypotheses\[0\]\.powr: unknown key \(not part of the summary format here: expected one of id, label, family/);
  });

  it('refuses an ill-shaped section, an unknown one and another design\'s, naming the key path', () => {
    const basket = golden('flagship--basket.json');
    const baskets = basket.baskets as { trueRate: unknown }[];
    expect(refusal({ ...basket, baskets: [{ ...baskets[0], trueRate: 'high' }, ...baskets.slice(1)] })).toContain('\n  baskets[0].trueRate: expected a number, found "high"');
    expect(refusal({ ...basket, shrinkage: [] })).toContain('\n  shrinkage: unknown key (not part of the summary format here: expected one of schema, trialsim, scenario');
    const umbrella = golden('flagship--umbrella-lung.json');
    expect(refusal({ ...basket, screening: umbrella.screening })).toContain('\n  screening: unknown key');
    // The design's own sections are required: a summary without them is not this version's.
    const { analyses: _a, ...withoutAnalyses } = basket;
    expect(refusal(withoutAnalyses)).toContain('\n  analyses: required: expected a list, found nothing');
    expect(refusal({ ...basket, scenario: { ...(basket.scenario as object), design: 'bucket' } })).toMatch(/\n {2}scenario\.design: expected one of two-arm, parallel, umbrella, basket.*, found "bucket"$/);
    expect(refusal([])).toMatch(/scenario\.design: expected one of .*, found nothing$/);
  });

  it('refuses an ill-shaped shared section (decision, exact)', () => {
    const companion = golden('decisions--companion-diagnostic.json');
    const decision = companion.decision as { strategies: { icer: unknown }[] };
    const strategies = decision.strategies.map((x, k) => (k === 1 ? { ...x, icer: 'none' } : x));
    expect(refusal({ ...companion, decision: { ...decision, strategies } })).toContain('\n  decision.strategies[1].icer: expected a number, found "none"');
    expect(refusal({ ...companion, decision: { ...decision, type: 'lottery' } })).toContain('\n  decision.type: expected one of "companion-diagnostic", "prevention", "equity", found "lottery"');
    expect(refusal({ ...companion, exact: { fallback: 3 } })).toContain('\n  exact.fallback: expected a string, found 3');
  });

  it('describes every key of every design\'s sections and of the shared sections', () => {
    expect(registeredDesigns.flatMap((design) => undescribed(design.sections, typesOf(design.schema)[0]))).toEqual([]);
    expect(undescribed(decisionSectionSchema, 'decision')).toEqual([]);
    expect(undescribed(exactSectionSchema, 'exact')).toEqual([]);
  });

  it('is checked against every summary a test makes (test/helpers/strict-summaries.ts)', () => {
    const layout = { hypotheses: [], estimates: [], metrics: [], warnings: [] };
    const acc = new Accumulator(layout, new Float64Array(0));
    acc.replicates = 1;
    const args = { name: 'x', hash: 'h', design: 'mendelian', seed: 1, version: 'test', truth: {}, acc, layout };
    const mendelian = { planned: true, variants: 3, samples: 'two', sampleSize: 100, effect: 0.3, pleiotropy: 'none', truth: 'exact' };
    expect(() => summarise({ ...args, extra: { mendelian } })).not.toThrow();
    expect(() => summarise({ ...args, extra: { mendelian: { ...mendelian, planned: 'yes' } } })).toThrow(/\n {2}mendelian\.planned: expected one of true, found "yes"/);
    expect(() => summarise({ ...args, extra: { mendelian, flow: [] } })).toThrow(/\n {2}flow: unknown key/);
  });

  it('tells each design\'s form apart by scenario.design', () => {
    const two = golden('flagship--two-arm-binary.json');
    expect(summarySchemaFor(designFor('two-arm')).safeParse(two).success).toBe(true);
    expect(summarySchemaFor(designFor('basket')).safeParse(two).success).toBe(false);
  });

  it('is shipped as schema/summary.schema.json', () => {
    expect(JSON.parse(readFileSync('schema/summary.schema.json', 'utf8'))).toEqual(summaryJsonSchema());
  });
});
