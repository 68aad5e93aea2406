/**
 * The scenario schema: the single source of truth for the scenario format.
 * TypeScript types come from it (`z.infer`), `trialsim schema` prints its JSON
 * Schema, and every file is checked against it before anything is simulated.
 */
import { z } from 'zod';
import { positiveInteger } from './common.js';
import { populationSchema } from './population.js';
import { endpointSchema } from './endpoint.js';
import { armsSchema } from './arms.js';
import { parallelDesignSchema } from './designs/parallel.js';
import { umbrellaDesignSchema } from './designs/umbrella.js';
import { basketDesignSchema } from './designs/basket.js';
import { sequentialDesignSchema } from './designs/sequential.js';

export const designSchema = z.discriminatedUnion('type', [parallelDesignSchema, umbrellaDesignSchema, basketDesignSchema, sequentialDesignSchema]);

export const scenarioSchema = z.strictObject({
  $schema: z.string().optional().describe('Path or URL of the JSON Schema, for editors'),
  name: z.string().min(1).describe('Scenario name; also names the results folder'),
  description: z.string().optional(),
  seed: z.number().int().min(0).max(2 ** 53 - 1).default(1).describe('Seed of every random stream of the run'),
  replicates: positiveInteger.default(1000).describe('Number of simulated trials'),
  truth: z
    .strictObject({ patients: positiveInteger.default(1_000_000) })
    .default({ patients: 1_000_000 })
    .describe('Size of the virtual population that gives the true effects'),
  population: populationSchema.default({ biomarkers: [], correlations: [] }),
  endpoint: endpointSchema.optional(),
  arms: armsSchema.optional(),
  design: designSchema,
});

export type ScenarioInput = z.input<typeof scenarioSchema>;
export type Scenario = z.infer<typeof scenarioSchema>;
export type DesignSpec = z.infer<typeof designSchema>;
