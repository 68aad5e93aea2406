/**
 * Options shared by the simulating commands, and their checks.
 */
import { UserError } from '../scenario/errors.js';
import { MAX_SEED } from '../scenario/common.js';

export const runOptions = {
  replicates: { type: 'number', describe: 'Number of simulated trials (overrides the scenario)' },
  seed: { type: 'string', describe: 'Seed, a whole number from 0 to 2^53 - 1 (overrides the scenario)' },
  workers: { type: 'number', describe: 'Worker threads (default: available cores; 0 = this thread)' },
  'chunk-size': { type: 'number', describe: 'Replicates per chunk sent to a worker' },
  quiet: { type: 'boolean', default: false, describe: 'Print nothing but errors' },
  json: { type: 'boolean', default: false, describe: 'Print the summary JSON to stdout' },
} as const;

/** Most worker threads a run may ask for: far beyond any one machine, short of a typo that would exhaust it. */
export const MAX_WORKERS = 1024;

export function wholeNumber(name: string, value: number | undefined, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `from ${min} to ${max}`;
    throw new UserError(`--${name}: expected a whole number ${range}, found ${Number.isNaN(value) ? 'not a number' : value}`);
  }
  return value;
}


/**
 * A seed given on the command line, read from its text (yargs reads it as a
 * string) so that nothing is rounded first: 2^64 as a double is a different
 * number, and the streams would silently wrap it to another seed.
 */
export function seedOption(value: string | number | undefined): number | undefined {
  if (value === undefined) return undefined;
  const text = String(value);
  const seed = /^\d{1,16}$/.test(text) ? Number(text) : NaN;
  if (!(seed <= MAX_SEED)) {
    throw new UserError(`--seed: expected a whole number from 0 to ${MAX_SEED} (2^53 - 1), found ${JSON.stringify(text)}`);
  }
  return seed;
}

/** A word as a POSIX shell reads it back (quoted when it holds anything but plain characters), for printed commands. */
export function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
