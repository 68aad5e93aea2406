/**
 * bench.json and the comparison of two bench runs: `npm run bench` writes
 * every figure it prints (replicates/s per scenario and worker count, and
 * the ratios to the hand-written loops and the peers) to results/bench.json;
 * `npm run bench:compare -- OLD.json NEW.json` lists each figure present in
 * both with its change, and exits 1 when any dropped by more than 20% (or
 * --tolerance). Run it by hand, the two runs in the same order on the same
 * machine: the machine is noisy and CI is not the place for timings.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface BenchFigure {
  what: string;
  /** Worker threads, or '-' for a ratio. */
  workers: string;
  value: number;
  unit: 'replicates/s' | 'outcomes/s' | 'ratio';
}

export interface BenchRun {
  node: string;
  cores: number;
  quick: boolean;
  argv: string[];
  figures: BenchFigure[];
}

export function writeBenchJson(file: string, run: BenchRun): string {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ schema: 'trialsim-bench/1', written: new Date().toISOString(), ...run }, null, 2)}\n`);
  return file;
}

export interface FigureChange { what: string; workers: string; unit: string; before: number; after: number; ratio: number; dropped: boolean }

/** The figures present in both runs (by what and workers), with after / before and whether it fell below 1 - tolerance. */
export function compareBench(before: BenchRun, after: BenchRun, tolerance = 0.2): FigureChange[] {
  const key = (f: BenchFigure) => `${f.what}\u0000${f.workers}`;
  const old = new Map(before.figures.map((f) => [key(f), f]));
  return after.figures.flatMap((f) => {
    const o = old.get(key(f));
    if (!o || !(o.value > 0)) return [];
    const ratio = f.value / o.value;
    return [{ what: f.what, workers: f.workers, unit: f.unit, before: o.value, after: f.value, ratio, dropped: ratio < 1 - tolerance }];
  });
}

function readRun(file: string): BenchRun {
  let data: unknown;
  try { data = JSON.parse(readFileSync(file, 'utf8')); } catch (err) { throw new Error(`${file}: expected a bench.json written by npm run bench (${(err as Error).message})`); }
  const run = data as Partial<BenchRun>;
  if (!Array.isArray(run.figures)) throw new Error(`${file}: expected a bench.json with figures, found none`);
  return run as BenchRun;
}

function main(argv: string[]): number {
  const at = argv.indexOf('--tolerance');
  const tolerance = at >= 0 ? Number(argv[at + 1]) : 0.2;
  const files = argv.filter((a, i) => !a.startsWith('--') && (at < 0 || i !== at + 1));
  if (files.length < 1 || files.length > 2 || !(tolerance > 0 && tolerance < 1)) {
    process.stderr.write('usage: npm run bench:compare -- OLD.json [NEW.json, default results/bench.json] [--tolerance 0.2]\n');
    return 2;
  }
  const changes = compareBench(readRun(files[0]), readRun(files[1] ?? 'results/bench.json'), tolerance);
  for (const c of changes) {
    process.stdout.write(`${c.dropped ? 'DROP' : '    '} ${c.what.padEnd(70)} ${c.workers.padStart(3)}  ${c.before.toPrecision(4).padStart(10)} -> ${c.after.toPrecision(4).padStart(10)} ${c.unit}  (${((c.ratio - 1) * 100).toFixed(0)}%)\n`);
  }
  const dropped = changes.filter((c) => c.dropped);
  process.stdout.write(`${changes.length} figures compared; ${dropped.length} dropped by more than ${(tolerance * 100).toFixed(0)}%\n`);
  return dropped.length > 0 ? 1 : 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try { process.exitCode = main(process.argv.slice(2)); } catch (err) { process.stderr.write(`bench:compare: ${(err as Error).message}\n`); process.exitCode = 2; }
}
