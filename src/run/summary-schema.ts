/**
 * The schema of summary.json (`trialsim-summary/1`), in zod: the fixed parts
 * (summary/schema.ts), the sections written above the designs (`decision`,
 * `exact`) and, chosen by `scenario.design`, the design's own sections (its
 * `sections.ts`). Published as a JSON Schema (`trialsim schema --summary`,
 * schema/summary.schema.json) for anyone reading results in R, Python or a
 * dashboard; the reports read every summary through it (`readSummary`), and
 * the tests check every summary they write against it.
 */
import { z } from 'zod';
import { summaryFixed } from '../summary/schema.js';
import { registeredDesigns, typesOf, designTypes, type AnyDesign } from '../designs/registry.js';
import type { CommonSections } from '../designs/types.js';
import { decisionSectionSchema } from './decision.js';
import { exactSectionSchema } from './exact.js';
import { UserError, formatPath, describeValue } from '../scenario/errors.js';
import { fromZodIssue } from '../scenario/zod-issues.js';
import { VERSION } from '../version.js';

/** Sections written above the designs, for any design. */
const shared = {
  decision: decisionSectionSchema.meta({ id: 'decision' }).optional(),
  exact: exactSectionSchema.meta({ id: 'exact' }).optional(),
};

/** The fixed parts and the shared sections: what every summary's reader may rely on. */
const common = z.strictObject({ ...summaryFixed, ...shared });

/** Marks a summary read through its schema (`readSummary`): the reports take no other, so none reads a summary's sections unchecked. */
declare const readThroughSchema: unique symbol;

/** A summary as the reports read it: the fixed parts and shared sections, and the sections every design's report draws (cancellation, notes). */
export type ReportSummary = z.output<typeof common> & CommonSections & { readonly [readThroughSchema]: true };

const byDesign = new Map<AnyDesign, z.ZodObject>();

/** The schema of a summary of one design: its scenario.design names the design, and its sections are the design's. */
export function summarySchemaFor(design: AnyDesign): z.ZodObject {
  const known = byDesign.get(design);
  if (known) return known;
  const types = typesOf(design.schema);
  const sections: z.ZodRawShape = design.sections.shape;
  const schema = z.strictObject({ ...summaryFixed, scenario: summaryFixed.scenario.extend({ design: z.enum(types).describe('The design\'s type') }) })
    .extend(sections)
    .extend(shared)
    .describe(`Operating characteristics of one run of a scenario of the ${types.join(' or ')} design`);
  byDesign.set(design, schema);
  return schema;
}

/** summary.json of any design: one form per design, told apart by scenario.design. */
export const summarySchema = z.union(registeredDesigns.map(summarySchemaFor))
  .describe('Operating characteristics of one run of a scenario (trialsim summary.json)');

export function summaryJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(summarySchema, { unrepresentable: 'any' }) as Record<string, unknown>;
  return { ...schema, $id: 'https://trialsim.dev/schema/summary.schema.json', title: 'trialsim summary' };
}

/** The design a summary says it is of, or a UserError naming scenario.design. */
function designOf(data: unknown, origin: string): AnyDesign {
  const scenario = data !== null && typeof data === 'object' ? (data as { scenario?: unknown }).scenario : undefined;
  const type = scenario !== null && typeof scenario === 'object' ? (scenario as { design?: unknown }).design : undefined;
  const design = registeredDesigns.find((d) => typeof type === 'string' && typesOf(d.schema).includes(type));
  if (design) return design;
  throw new UserError(`${origin}: not a summary this version of trialsim (${VERSION}) reads\n  scenario.design: expected one of ${designTypes.join(', ')}, found ${describeValue(type)}`);
}

/** Problems listed in full; the rest are counted. */
const MAX_SHOWN = 12;

/**
 * A summary read through its design's schema, once, for the reports: a
 * summary that does not fit (from another version, edited by hand) is
 * refused with the key path of each problem. `data` is the summary as
 * summary.json holds it (JSON: no NaN or Infinity, which are null there).
 */
export function readSummary(data: unknown, origin = 'summary'): ReportSummary {
  const schema = summarySchemaFor(designOf(data, origin));
  const parsed = schema.safeParse(data);
  // Parsed by the fixed parts, the shared sections and the design's own (whose common ones the design contract types): a ReportSummary.
  if (parsed.success) return parsed.data as ReportSummary;
  const issues = parsed.error.issues.flatMap((i) => fromZodIssue(i, data, schema, 'the summary format'));
  const lines = issues.slice(0, MAX_SHOWN).map((i) => `  ${formatPath(i.path)}: ${i.message}`);
  if (issues.length > MAX_SHOWN) lines.push(`  ... and ${issues.length - MAX_SHOWN} more`);
  throw new UserError(`${origin}: not a summary this version of trialsim (${VERSION}) reads\n${lines.join('\n')}`);
}

/** A summary in memory as summary.json holds it (non-finite numbers become null), read through its schema. */
export function readWrittenSummary(summary: object, origin?: string): ReportSummary {
  return readSummary(JSON.parse(JSON.stringify(summary)), origin);
}
