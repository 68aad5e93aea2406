/**
 * Writes a run's results folder: results/<scenario>/<run-id>/ with
 * summary.json (byte-identical for the same scenario and seed), replicates.csv
 * and run.json (timing and machine details, which vary). The folder is built
 * under a hidden temporary name and renamed into place when complete.
 */
import { renameSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic, AtomicStream } from '../util/atomic.js';
import { joinInside } from '../util/safe-path.js';
import { writingTo } from '../util/output-errors.js';
import { makeFolder } from '../util/make-folder.js';

export function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'scenario';
}

export function runId(now: Date, seed: number): string {
  const iso = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${iso}-seed${seed}`;
}

export class RunFolder {
  readonly staging: string;
  readonly final: string;
  /** Every part is sanitised and the folder checked to lie inside outDir: the name and id may come from a shard file. */
  constructor(outDir: string, scenarioName: string, id: string) {
    let final = joinInside(outDir, slug(scenarioName), id);
    for (let k = 2; existsSync(final); k++) final = joinInside(outDir, slug(scenarioName), `${id}-${k}`);
    this.final = final;
    this.staging = joinInside(outDir, slug(scenarioName), `.${id}.partial-${process.pid}`);
    writingTo(this.staging, () => makeFolder(this.staging));
  }
  stream(name: string): AtomicStream {
    return new AtomicStream(join(this.staging, name));
  }
  write(name: string, text: string): void {
    writeFileAtomic(join(this.staging, name), text);
  }
  commit(): string {
    renameSync(this.staging, this.final);
    return this.final;
  }
  abandon(): void {
    rmSync(this.staging, { recursive: true, force: true });
  }
}
