/**
 * Observed data for `trialsim analyse`: a CSV file (patient-level rows or
 * counts per group) read as text cells, and the checks every design's
 * reader needs, each naming the file, the line and the column of a bad
 * cell, what was expected and what was found, with a "did you mean" for a
 * misspelt name. All problems are collected and reported in one message.
 */
import { parse } from 'csv-parse/sync';
import { UserError } from './errors.js';
import { didYouMean } from './zod-issues.js';
import type { BiomarkerSpec } from './population.js';

/** A CSV table: its header and rows of text cells, with each row's line in the file. */
export interface ObservedTable {
  file: string;
  columns: string[];
  rows: string[][];
  lines: number[];
}

/** Most problems listed in one message. */
const SHOWN = 10;

export function parseObservedTable(file: string, text: string): ObservedTable {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, trim: true, info: true, relax_column_count: false }) as never;
  } catch (err) {
    const e = err as { lines?: number; message: string };
    throw new UserError(`${file}${e.lines ? ` line ${e.lines}` : ''}: not a readable CSV table (${e.message.replace(/^Invalid Record Length: /, '')})`);
  }
  if (records.length === 0) throw new UserError(`${file}: expected a CSV table with a header row, found an empty file`);
  const [head, ...body] = records;
  return { file, columns: head.record, rows: body.map((r) => r.record), lines: body.map((r) => r.info.lines) };
}

/** Reads cells of an observed table, collecting every problem; `done()` throws them as one UserError. */
export class ObservedReader {
  private readonly problems: string[] = [];

  constructor(readonly table: ObservedTable) {}

  /** The index of a required column (a problem, and -1, when missing). */
  column(name: string, why = ''): number {
    const j = this.table.columns.indexOf(name);
    if (j < 0) this.problems.push(`missing column "${name}"${why ? ` (${why})` : ''}; found columns ${this.table.columns.map((c) => JSON.stringify(c)).join(', ')}${didYouMean(name, this.table.columns)}`);
    return j;
  }

  /** The index of an optional column, or -1. */
  optional(name: string): number {
    return this.table.columns.indexOf(name);
  }

  has(name: string): boolean {
    return this.table.columns.includes(name);
  }

  private where(i: number, j: number): string {
    return `line ${this.table.lines[i]}, column "${this.table.columns[j]}"`;
  }

  problem(i: number, j: number, message: string): void {
    this.problems.push(`${this.where(i, j)}: ${message}`);
  }

  /** A general problem not tied to one cell. */
  note(message: string): void {
    this.problems.push(message);
  }

  /** A whole number in [min, max] (NaN after a problem). */
  integer(i: number, j: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
    const text = this.table.rows[i][j];
    const x = Number(text);
    if (text === '' || !Number.isInteger(x) || x < min || x > max) {
      this.problem(i, j, `expected a whole number ${max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `from ${min} to ${max}`}, found ${JSON.stringify(text)}`);
      return NaN;
    }
    return x;
  }

  /** A finite number (NaN after a problem). */
  number(i: number, j: number): number {
    const text = this.table.rows[i][j];
    const x = Number(text);
    if (text === '' || !Number.isFinite(x)) {
      this.problem(i, j, `expected a number, found ${JSON.stringify(text)}`);
      return NaN;
    }
    return x;
  }

  /** A time >= 0, or Infinity for none: an empty cell, Inf (as trialsim and R write it) or Infinity (NaN after a problem). */
  timeOrNone(i: number, j: number): number {
    const text = this.table.rows[i][j];
    if (text === '' || text === 'Inf' || text === 'Infinity') return Infinity;
    const x = Number(text);
    if (!(x >= 0) || !Number.isFinite(x)) {
      this.problem(i, j, `expected a time >= 0, or an empty cell or Inf for none, found ${JSON.stringify(text)}`);
      return NaN;
    }
    return x;
  }

  /** A number from 0 to 1, e.g. a fraction of the dose taken (NaN after a problem). */
  fraction(i: number, j: number): number {
    const text = this.table.rows[i][j];
    const x = Number(text);
    if (text === '' || !(x >= 0 && x <= 1)) {
      this.problem(i, j, `expected a number from 0 to 1, found ${JSON.stringify(text)}`);
      return NaN;
    }
    return x;
  }

  /** The index of a cell's value among `allowed` (-1 after a problem). */
  level(i: number, j: number, allowed: readonly string[], what: string): number {
    const text = this.table.rows[i][j];
    const k = allowed.indexOf(text);
    if (k < 0) this.problem(i, j, `expected ${what} (${allowed.map((a) => JSON.stringify(a)).join(', ')}), found ${JSON.stringify(text)}${didYouMean(text, allowed)}`);
    return k;
  }

  /**
   * A biomarker's cell: the index of a categorical level (among `levels`,
   * the biomarker's own by default), 0 or 1 for a binary one, the value of
   * a continuous one (NaN or -1 after a problem).
   */
  biomarker(i: number, j: number, marker: BiomarkerSpec, levels?: readonly string[]): number {
    if (marker.type === 'categorical') return this.level(i, j, levels ?? Object.keys(marker.levels), `a level of ${marker.id}`);
    return marker.type === 'binary' ? this.integer(i, j, 0, 1) : this.number(i, j);
  }

  get ok(): boolean {
    return this.problems.length === 0;
  }

  /** Throws every problem found so far as one message. */
  done(): void {
    if (this.problems.length === 0) return;
    const shown = this.problems.slice(0, SHOWN).map((p) => `  - ${p}`);
    const more = this.problems.length > SHOWN ? [`  ... and ${this.problems.length - SHOWN} more`] : [];
    throw new UserError(`${this.table.file}: ${this.problems.length === 1 ? 'a problem' : `${this.problems.length} problems`} in the observed data:\n${[...shown, ...more].join('\n')}`);
  }
}
