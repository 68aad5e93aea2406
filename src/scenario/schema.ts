/**
 * The shared sections of a scenario: everything but the design. Each design
 * owns its design section's schema (src/designs/<type>/schema.ts); the
 * registry (src/designs/registry.ts) joins them into the full scenario
 * schema, the single source of truth for the format: TypeScript types come
 * from it (`z.infer`), `trialsim schema` prints its JSON Schema, and every
 * file is checked against it before anything is simulated.
 */
import { z } from 'zod';
import { positiveInteger } from './common.js';
import { populationSchema } from './population.js';
import { endpointSchema } from './endpoint.js';
import { armsSchema } from './arms.js';
import { decisionSchema } from './decision.js';

/** The shared sections' schemas, keyed as in a scenario file. */
export const scenarioSections = {
  $schema: z.string().optional().describe('Path or URL of the JSON Schema, for editors'),
  name: z.string().min(1).describe('Scenario name; also names the results folder'),
  description: z.string().optional(),
  seed: z.number().int().min(0).max(2 ** 53 - 1).default(1).describe('Seed of every random stream of the run'),
  replicates: positiveInteger.default(1000).describe('Number of simulated trials'),
  method: z.enum(['simulation', 'exact']).optional()
    .describe('How the operating characteristics are computed: by simulating replicates (default), or exactly, by enumerating every outcome with its probability, for designs that can (basket); an exact computation larger than exactLimit falls back to simulation and says so'),
  exactLimit: positiveInteger.optional().describe('Most outcomes an exact computation may visit before it falls back to simulation (default 50,000,000)'),
  truth: z
    .strictObject({ patients: positiveInteger.default(1_000_000) })
    .default({ patients: 1_000_000 })
    .describe('Size of the virtual population that gives the true effects'),
  population: populationSchema.default({ biomarkers: [], correlations: [] }),
  endpoint: endpointSchema.optional(),
  arms: armsSchema.optional(),
  decision: decisionSchema.optional(),
};

const sharedSchema = z.strictObject(scenarioSections);

/** The shared sections of a checked scenario. */
export type ScenarioSections = z.infer<typeof sharedSchema>;

/** What every design section has: its type. */
export interface DesignSection {
  type: string;
}

/** A checked, frozen scenario whose design section is `D` (any design when not given). */
export type Scenario<D extends DesignSection = DesignSection> = ScenarioSections & { design: D };
