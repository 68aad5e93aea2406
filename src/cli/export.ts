import type { CommandModule } from 'yargs';
import { loadScenario } from '../run/scenario.js';
import { designFor } from '../designs/registry.js';
import { ReplicateStreams } from '../random/stream.js';
import { UserError } from '../scenario/errors.js';
import { writeFileAtomic } from '../util/atomic.js';
import { toCsv } from '../util/csv.js';
import { runOptions, seedOption, wholeNumber } from './options.js';

interface ExportArgs { file: string; replicate: number; out?: string; seed?: number }

export const exportCommand: Omit<CommandModule<object, ExportArgs>, 'command' | 'describe'> = {
  builder: (y) => y
    .positional('file', { type: 'string', demandOption: true })
    .option('replicate', { type: 'number', demandOption: true, describe: 'Replicate number (1-based, as in replicates.csv)' })
    .option('seed', runOptions.seed)
    .option('out', { type: 'string', describe: 'Output CSV (default: stdout)' }) as never,
  handler: (args) => {
    const loaded = loadScenario(args.file, { seed: seedOption(args.seed) });
    const k = wholeNumber('replicate', args.replicate, 1)!;
    const design = designFor(loaded.spec.design.type);
    if (!design.patients) throw new UserError(`design "${loaded.spec.design.type}" has no patient-level export`);
    const table = design.patients(loaded.spec, loaded.prepared.data, new ReplicateStreams(loaded.spec.seed, k));
    const csv = toCsv(table.columns, table.rows);
    if (args.out) writeFileAtomic(args.out, csv);
    else process.stdout.write(csv);
  },
};
