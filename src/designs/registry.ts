/**
 * Every design, registered once. The scenario schema's design section is
 * the union of the designs' own schemas; the loader, the engine and the
 * reports find a design here by its `type` and ask nothing else about its
 * shape. Adding a design: its folder, and one line in `designs` below (see
 * ARCHITECTURE.md).
 */
import { z } from 'zod';
import { scenarioSections } from '../scenario/schema.js';
import { UserError } from '../scenario/errors.js';
import type { Design, DesignSchema } from './types.js';
import { parallelDesign } from './parallel/index.js';
import { umbrellaDesign } from './umbrella/index.js';
import { basketDesign } from './basket/index.js';
import { sequentialDesign } from './sequential/index.js';
import { mamsDesign } from './mams/index.js';
import { responseAdaptiveDesign } from './response-adaptive/index.js';
import { platformDesign } from './platform/index.js';
import { noncomplianceDesign } from './noncompliance/index.js';
import { enrichmentDesign } from './enrichment/index.js';
import { mendelianDesign } from './mendelian/index.js';

const designs = [parallelDesign, umbrellaDesign, basketDesign, sequentialDesign, mamsDesign, responseAdaptiveDesign, platformDesign, noncomplianceDesign, enrichmentDesign, mendelianDesign] as const;

/** The designs' schemas as a tuple type (a mapped type keeps tuples only over a type parameter). */
type SchemasOf<T extends readonly unknown[]> = { -readonly [K in keyof T]: T[K] extends { schema: infer S } ? S : never };

/** The design section of a scenario: one of the designs' schemas, chosen by `type`. */
export const designSchema = z.discriminatedUnion('type', designs.map((d) => d.schema) as unknown as SchemasOf<typeof designs>);

/** The whole scenario format. */
export const scenarioSchema = z.strictObject({ ...scenarioSections, design: designSchema });

export type ScenarioInput = z.input<typeof scenarioSchema>;
/** A design section of any registered design. */
export type DesignSpec = z.infer<typeof designSchema>;

/** A design as the engine sees it: its scenario and prepared data are opaque. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the engine passes specs and sections through without reading them
export type AnyDesign = Design<any, unknown, any>;

/** The `type` values a design section schema accepts. */
export function typesOf(schema: DesignSchema): string[] {
  const t = schema.shape.type;
  return t instanceof z.ZodLiteral ? [...t.values].map(String) : Object.values(t.enum);
}

const byType = new Map<string, AnyDesign>(designs.flatMap((d) => typesOf(d.schema).map((t) => [t, d as unknown as AnyDesign] as const)));

/** Every design, in registry order. */
export const registeredDesigns: readonly AnyDesign[] = designs.map((d) => d as unknown as AnyDesign);

/** Every design type, in registry order. */
export const designTypes: readonly string[] = [...byType.keys()];

export function designFor(type: string): AnyDesign {
  const d = byType.get(type);
  if (!d) throw new UserError(`no design handles type "${type}"; expected one of ${designTypes.join(', ')}`);
  return d;
}
