/** The shipped scenarios under scenarios/, parsed: the seeds of the fuzz cases. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { SeedScenario } from './mutate.js';

/** The project's scenarios folder (from src/fuzz or dist/fuzz alike). */
export const SCENARIOS_DIR = fileURLToPath(new URL('../../scenarios', import.meta.url));

export function loadSeeds(dir = SCENARIOS_DIR): SeedScenario[] {
  const files = (readdirSync(dir, { recursive: true }) as string[]).filter((f) => /\.ya?ml$/.test(f)).sort();
  return files.map((f) => ({ name: relative(dir, join(dir, f)), data: parse(readFileSync(join(dir, f), 'utf8')) as Record<string, unknown> }));
}
