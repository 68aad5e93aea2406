/**
 * `trialsim analyse SCENARIO DATA.csv [--out FILE.csv] [--json]`: the
 * analysis the scenario's design makes of one trial's observed data
 * (src/run/analyse.ts), printed as a table (or JSON), and written as a
 * replicates.csv-shaped row with --out.
 */
import type { CommandModule } from 'yargs';
import { readFileSync } from 'node:fs';
import { loadScenario } from '../run/scenario.js';
import { analyseObserved, analysisCsv } from '../run/analyse.js';
import { parseObservedTable } from '../scenario/observed.js';
import { UserError } from '../scenario/errors.js';
import { writeFileAtomic } from '../util/atomic.js';
import { formatAnalysis } from '../report/observed.js';

interface AnalyseArgs { file: string; data: string; out?: string; json: boolean; quiet: boolean }

function readData(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new UserError(`${file}: cannot read the observed data (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
}

export const analyseCommand: Omit<CommandModule<object, AnalyseArgs>, 'command' | 'describe'> = {
  builder: (y) => y
    .positional('file', { type: 'string', demandOption: true, describe: 'Scenario whose design analyses the data' })
    .positional('data', { type: 'string', demandOption: true, describe: 'Observed data: patient rows (as trialsim export writes them) or, for basket designs, counts per basket' })
    .option('out', { type: 'string', describe: 'Write the analysis as a replicates.csv row (header and one row) to this file' })
    .option('json', { type: 'boolean', default: false, describe: 'Print the analysis as JSON' })
    .option('quiet', { type: 'boolean', default: false, describe: 'Print nothing but errors' }) as never,
  handler: (args) => {
    const loaded = loadScenario(args.file);
    const table = parseObservedTable(args.data, readData(args.data));
    const { analysis, layout, record, omittedHypotheses } = analyseObserved(loaded, table);
    if (args.out) writeFileAtomic(args.out, analysisCsv(layout, record, omittedHypotheses));
    if (args.json) process.stdout.write(`${JSON.stringify(analysis, null, 2)}\n`);
    else if (!args.quiet) process.stdout.write(`${formatAnalysis(analysis)}\n`);
  },
};
