/**
 * The JSON Schema shipped for editors (schema/scenario.schema.json, named in
 * every scenario's `$schema`) is the one `trialsim schema` prints: a design
 * or option added without regenerating it fails here. Regenerate with
 * `node dist/bin/main.js schema > schema/scenario.schema.json`.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { scenarioJsonSchema } from '../../src/designs/json-schema.js';

describe('the shipped JSON Schema', () => {
  it('is the schema trialsim prints now', () => {
    const shipped = JSON.parse(readFileSync('schema/scenario.schema.json', 'utf8'));
    expect(shipped).toEqual(scenarioJsonSchema());
  });
  it('names the mams design among the design types', () => {
    expect(JSON.stringify(scenarioJsonSchema())).toContain('"mams"');
  });
});
