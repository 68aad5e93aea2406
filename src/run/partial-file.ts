/**
 * Shard files on disk. A shard travels through shared file systems and
 * colleagues' hands, so it is sealed when written (a SHA-256 checksum over
 * its metadata, accumulator state, full scenario and the digest of its rows
 * CSV) and, when read back for a merge, checked by a schema, by that
 * checksum, and by the scenario hash recomputed from the stored scenario.
 * The checksum catches edits and swaps, not forgery: anyone who can rewrite a
 * shard can reseal it.
 */
import { z } from 'zod';
import { createHash } from 'node:crypto';
import { readFileSync, openSync, readSync, closeSync } from 'node:fs';
import { canonicalJson, scenarioHash } from '../scenario/hash.js';
import { UserError, formatPath } from '../scenario/errors.js';
import { fromZodIssue } from '../scenario/zod-issues.js';
import { MAX_SEED } from '../scenario/common.js';
import { PARTIAL_SCHEMA, type PartialResult } from './partial.js';
import { BUCKET_KEYS } from '../stats/quantile-sketch.js';

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 digest (64 hex digits)');
const count = z.number().int().min(0);
/** Exact-sum partials and extremes; JSON writes a non-finite one as null. */
const sums = z.array(z.number().nullable());

/** A quantile sketch's bucket: its key (one a double's magnitude can have) and count. */
const bucket = z.tuple([z.number().int().min(BUCKET_KEYS.min).max(BUCKET_KEYS.max), count]);
const sketchSchema = z.looseObject({
  values: z.array(z.number()).optional(),
  counts: z.array(count).optional(),
  exact: z.array(z.tuple([z.number(), count])).optional(),
  zero: count,
  positive: z.array(bucket),
  negative: z.array(bucket),
});

/** An accumulator's state as written to a shard or a checkpoint line (run/checkpoint.ts reads lines through it too). */
export const stateSchema = z.looseObject({
  replicates: count,
  rejections: z.array(count),
  estimates: z.array(z.looseObject({ n: count, sum: sums, sumSq: sums, seSum: sums, seSumSq: sums, withSe: count, covered: count, withInterval: count, distribution: sketchSchema.optional(), sketch: sketchSchema.optional() })),
  metrics: z.array(z.looseObject({ sum: sums, sumSq: sums, min: z.number().nullable(), max: z.number().nullable(), distribution: sketchSchema.optional(), sketch: sketchSchema.optional() })),
  warnings: z.array(count),
  families: z.array(z.array(z.tuple([z.string().regex(/^[01]{1,30}$/), count]))).optional(),
  selections: z.array(z.array(z.tuple([z.number().int().min(-1), count]))).optional(),
  wrongDirection: z.array(count).optional(),
});

/** What a shard file must hold before any of it is used (the scenario itself is checked by the scenario schema). */
export const partialSchema = z.looseObject({
  schema: z.literal(PARTIAL_SCHEMA),
  trialsim: z.string(),
  scenario: z.looseObject({ name: z.string(), hash: sha256Hex, file: z.string() }),
  seed: z.number().int().min(0).max(MAX_SEED),
  replicates: z.number().int().min(1),
  range: z.tuple([z.number().int().min(1), z.number().int().min(1)]),
  spec: z.record(z.string(), z.unknown()),
  state: stateSchema,
  rows: sha256Hex.nullable(),
  checksum: sha256Hex,
});

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** SHA-256 of a file, read in pieces so a large rows CSV never sits in memory whole. */
export function fileSha256(path: string): string {
  const hash = createHash('sha256');
  const buffer = Buffer.allocUnsafe(1 << 20);
  const fd = openSync(path, 'r');
  try {
    for (let n = readSync(fd, buffer, 0, buffer.length, null); n > 0; n = readSync(fd, buffer, 0, buffer.length, null)) hash.update(buffer.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

/** Checksum of everything but the checksum, over the JSON as stored, so writer and reader hash the same data. */
function checksumOf(partial: object): string {
  const { checksum: _checksum, ...sealed } = JSON.parse(JSON.stringify(partial)) as Record<string, unknown>;
  return sha256(canonicalJson(sealed));
}

/** Adds the rows digest (of the CSV already written beside the shard, if any) and the checksum. */
export function sealPartial(partial: Omit<PartialResult, 'rows' | 'checksum'>, rowsFile?: string): PartialResult {
  const withRows = { ...partial, rows: rowsFile === undefined ? null : fileSha256(rowsFile) };
  return { ...withRows, checksum: checksumOf(withRows) };
}

/** Reads a shard file and checks its shape; every problem names the file and the key. */
export function readPartialFile(file: string): PartialResult {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UserError(`${file}: not a readable partial result: ${(err as Error).message}`);
  }
  const parsed = partialSchema.safeParse(data);
  if (!parsed.success) throw new UserError(`${file}: not a valid trialsim shard: ${describeIssues(parsed.error.issues.flatMap((i) => fromZodIssue(i, data)))}`);
  return data as PartialResult;
}

/** "missing keys state, rows; seed: expected a number, found ..." */
function describeIssues(issues: { path: (string | number)[]; message: string }[]): string {
  const missing = issues.filter((i) => i.message.endsWith('found nothing')).map((i) => formatPath(i.path));
  const wrong = issues.filter((i) => !i.message.endsWith('found nothing')).slice(0, 5).map((i) => `${formatPath(i.path)}: ${i.message}`);
  return [...(missing.length ? [`missing ${missing.length === 1 ? 'key' : 'keys'} ${missing.join(', ')}`] : []), ...wrong].join('; ');
}

/** Refuses a shard whose scenario, state or rows changed after it was sealed. */
export function verifyPartial(file: string, partial: PartialResult, rowsFile: string | undefined): void {
  if (scenarioHash(partial.spec) !== partial.scenario.hash) {
    throw new UserError(`${file}: the stored scenario does not match its hash ${partial.scenario.hash.slice(0, 12)}: the shard was edited after it was written`);
  }
  if (checksumOf(partial) !== partial.checksum) {
    throw new UserError(`${file}: checksum mismatch: the shard was changed after it was written (its state, scenario or metadata differ from what was sealed)`);
  }
  if (rowsFile === undefined) return;
  if (partial.rows === null) throw new UserError(`${rowsFile}: rows beside ${file}, which was written without rows`);
  if (fileSha256(rowsFile) !== partial.rows) throw new UserError(`${rowsFile}: checksum mismatch: these rows are not the ones ${file} was written with`);
}
