/**
 * The JSON Schema of scenario files, generated from the zod schema so the
 * two cannot drift apart.
 */
import { z } from 'zod';
import { scenarioSchema } from './registry.js';

export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return {
    ...schema,
    $id: 'https://trialsim.dev/schema/scenario.schema.json',
    title: 'trialsim scenario',
    description: 'A clinical trial scenario: population, endpoint, arms and design, with seed and replicates.',
  };
}
