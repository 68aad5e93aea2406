/**
 * summary.json's published schema (src/summary/schema.ts): every golden
 * summary of the shipped scenarios and an exact summary conform to it, its
 * fixed parts allow no unknown field (so a new field must be added to the
 * schema), and the shipped JSON Schema (schema/summary.schema.json) is the
 * one `trialsim schema --summary` prints. Regenerate with
 * `node dist/bin/main.js schema --summary > schema/summary.schema.json`.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { summarySchema, summaryJsonSchema } from '../../src/summary/schema.js';
import { computeExact } from '../../src/run/simulate.js';
import { scenario } from '../helpers/scenarios.js';

const dir = 'test/golden/summaries';

describe('the summary schema', () => {
  for (const file of readdirSync(dir)) {
    it(`${file} conforms`, () => {
      const { summary } = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { summary: unknown };
      const r = summarySchema.safeParse(summary);
      expect(r.success ? [] : r.error.issues.slice(0, 3)).toEqual([]);
    });
  }

  it('an exact summary conforms, and a misspelt field in a hypothesis does not', () => {
    const s = computeExact(scenario({ name: 'x', method: 'exact', design: { type: 'basket', p0: 0.2, baskets: [{ id: 'a', sampleSize: 5, responseRate: 0.3 }], analyses: [{ method: 'independent-exact' }] } })).summary;
    expect(summarySchema.safeParse(s).success).toBe(true);
    const bad = { ...s, hypotheses: [{ ...s.hypotheses[0], powr: 1 }] };
    expect(summarySchema.safeParse(bad).success).toBe(false);
  });

  it('is shipped as schema/summary.schema.json', () => {
    expect(JSON.parse(readFileSync('schema/summary.schema.json', 'utf8'))).toEqual(summaryJsonSchema());
  });
});
