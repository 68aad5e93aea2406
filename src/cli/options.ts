/**
 * Options shared by the simulating commands, and their checks.
 */
import { UserError } from '../scenario/errors.js';

export const runOptions = {
  replicates: { type: 'number', describe: 'Number of simulated trials (overrides the scenario)' },
  seed: { type: 'number', describe: 'Seed (overrides the scenario)' },
  workers: { type: 'number', describe: 'Worker threads (default: available cores; 0 = this thread)' },
  'chunk-size': { type: 'number', describe: 'Replicates per chunk sent to a worker' },
  quiet: { type: 'boolean', default: false, describe: 'Print nothing but errors' },
  json: { type: 'boolean', default: false, describe: 'Print the summary JSON to stdout' },
} as const;

export function wholeNumber(name: string, value: number | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < min) {
    throw new UserError(`--${name}: expected a whole number >= ${min}, found ${Number.isNaN(value) ? 'not a number' : value}`);
  }
  return value;
}
