/**
 * A small two-arm binary scenario as YAML, for the command-line tests.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function twoArmYaml(o: { name: string; sampleSize: number; effect?: number; replicates?: number }): string {
  return `name: ${o.name}
seed: 2026
replicates: ${o.replicates ?? 200}
truth: { patients: 2000 }
endpoint: { type: binary, intercept: -0.8473 }
arms:
  control: {}
  drug: { effect: ${o.effect ?? 0.8473} }
design:
  type: two-arm
  sampleSize: ${o.sampleSize}
  randomisation: { method: permuted-block, blockSize: 4 }
  analysis:
    primary: { test: z-pooled, alpha: 0.05, sided: two }
`;
}

export function writeScenario(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}
