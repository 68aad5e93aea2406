/**
 * The names a sequential scenario uses, resolved against its levels: option
 * ids and acceptability groups as bit masks over a level's options, which
 * options may follow which, and embedded sequences ("CIT > SER > MRT") as
 * option indices per level. Shared by the scenario checks and the design, so
 * both read a name the same way.
 */
import type { SequentialDesignSpec, SequentialLevelSpec } from './schema.js';

/** Levels hold at most 30 options, so a set of options fits one 32-bit mask. */
export const MAX_OPTIONS_PER_LEVEL = 30;

/** Full-length embedded sequences estimated when the analysis asks for "all". */
export const MAX_ALL_SEQUENCES = 200;

/** The acceptability group of an option: its group, else its strategy. */
export function groupOf(o: SequentialLevelSpec['options'][number]): string {
  return o.group ?? o.strategy;
}

/** The options of a level that a name stands for: the option with that id, else every option of that group (0 if none). */
export function maskOfName(level: SequentialLevelSpec, name: string): number {
  const exact = level.options.findIndex((o) => o.id === name);
  if (exact >= 0) return 1 << exact;
  let mask = 0;
  level.options.forEach((o, j) => { if (groupOf(o) === name) mask |= 1 << j; });
  return mask;
}

/** The names a level accepts in acceptance sets and comparisons, for messages. */
export function namesAt(level: SequentialLevelSpec): string[] {
  return [...new Set([...level.options.map((o) => o.id), ...level.options.map(groupOf)])];
}

/**
 * Options of level k available after option `previous` of level k-1 (any
 * option for level 0): those with no `after` list or whose list names it.
 */
export function availableAfter(levels: SequentialLevelSpec[], k: number, previous: number): number {
  let mask = 0;
  levels[k].options.forEach((o, j) => {
    if (k === 0 || !o.after || o.after.includes(levels[k - 1].options[previous].id)) mask |= 1 << j;
  });
  return mask;
}

/** Bits of a mask, in increasing order. */
export function bitsOf(mask: number): number[] {
  const out: number[] = [];
  for (let j = 0; mask >>> j; j++) if ((mask >>> j) & 1) out.push(j);
  return out;
}

/** Splits "CIT > SER > MRT" into its option ids. */
export function parseSequence(text: string): string[] {
  return text.split('>').map((t) => t.trim());
}

/** The canonical id of a sequence: option ids joined by ">". */
export function sequenceId(ids: readonly string[]): string {
  return ids.join('>');
}

/**
 * Resolves a sequence written as option ids into option indices per level,
 * or a message saying why it cannot be followed.
 */
export function resolveSequence(levels: SequentialLevelSpec[], text: string): number[] | string {
  const ids = parseSequence(text);
  if (ids.length > levels.length) return `expected at most ${levels.length} options (one per level), found ${ids.length} in "${text}"`;
  const out: number[] = [];
  for (let k = 0; k < ids.length; k++) {
    const j = levels[k].options.findIndex((o) => o.id === ids[k]);
    if (j < 0) return `expected an option of level ${levels[k].id} (${levels[k].options.map((o) => o.id).join(', ')}) at position ${k + 1}, found "${ids[k]}"`;
    if (k > 0 && !((availableAfter(levels, k, out[k - 1]) >>> j) & 1)) {
      return `option "${ids[k]}" of level ${levels[k].id} cannot follow "${ids[k - 1]}" (see its "after" list), so "${text}" is not an embedded sequence`;
    }
    out.push(j);
  }
  return out;
}

/** Number of full-length sequences consistent with every "after" list. */
export function countFullSequences(levels: SequentialLevelSpec[]): number {
  let ways = levels[0].options.map(() => 1);
  for (let k = 1; k < levels.length; k++) {
    ways = levels[k].options.map((_, j) => ways.reduce((acc, w, prev) => acc + ((availableAfter(levels, k, prev) >>> j) & 1 ? w : 0), 0));
  }
  return ways.reduce((a, b) => a + b, 0);
}

/** Every full-length sequence consistent with the "after" lists, as option indices per level. */
export function fullSequences(levels: SequentialLevelSpec[]): number[][] {
  let paths: number[][] = levels[0].options.map((_, j) => [j]);
  for (let k = 1; k < levels.length; k++) {
    paths = paths.flatMap((p) => bitsOf(availableAfter(levels, k, p[k - 1])).map((j) => [...p, j]));
  }
  return paths;
}

/** The sequences a design estimates, as canonical ids with option indices: listed ones, or all, plus those compared. */
export function analysedSequences(d: SequentialDesignSpec): { id: string; options: number[] }[] {
  const out = new Map<string, number[]>();
  const add = (options: number[]) => out.set(sequenceId(options.map((j, k) => d.levels[k].options[j].id)), options);
  if (d.analysis.sequences === 'all') fullSequences(d.levels).forEach(add);
  else for (const text of d.analysis.sequences) add(resolveSequence(d.levels, text) as number[]);
  for (const pair of d.analysis.sequenceComparisons) for (const text of pair) add(resolveSequence(d.levels, text) as number[]);
  return [...out].map(([id, options]) => ({ id, options }));
}
