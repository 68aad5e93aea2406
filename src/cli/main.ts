#!/usr/bin/env node
/**
 * The trialsim command: a thin adapter over the library's pipeline.
 * User errors (bad scenario, bad option) print one message and exit 2; a
 * failure inside the simulation exits 1 with the replicate range.
 */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { UserError, type ErrorKind } from '../scenario/errors.js';
import { WorkerFailure } from '../engine/pool.js';
import { VERSION } from '../version.js';
import { runCommand } from './run.js';
import { validateCommand } from './validate.js';
import { schemaCommand } from './schema.js';
import { exportCommand } from './export.js';
import { compareCommand } from './compare.js';
import { sweepCommand } from './sweep.js';
import { simonCommand } from './simon.js';
import { mergeCommand } from './merge.js';
import { slurmCommand } from './slurm.js';
import { calibrateCommand } from './calibrate.js';

/** Exit codes by kind of error: 2 bad input, 130 stopped by Ctrl-C or SIGTERM (as a shell reports SIGINT). */
const EXIT_CODE: Record<ErrorKind, number> = { input: 2, interrupted: 130 };

async function main(argv: string[]): Promise<number> {
  try {
    await yargs(argv)
      .scriptName('trialsim')
      .version(VERSION)
      .strict()
      .command(runCommand)
      .command(validateCommand)
      .command(schemaCommand)
      .command(exportCommand)
      .command(compareCommand)
      .command(sweepCommand)
      .command(simonCommand)
      .command(mergeCommand)
      .command(slurmCommand)
      .command(calibrateCommand)
      .demandCommand(1, 'say what to do: trialsim run FILE, trialsim validate FILE, ...')
      .recommendCommands()
      .fail((msg, err) => {
        // yargs' own usage errors (unknown option, missing argument) are user errors.
        throw err ?? new UserError(`${msg} (see trialsim --help)`);
      })
      .help()
      .wrap(Math.min(100, process.stdout.columns ?? 100))
      .parseAsync();
    return 0;
  } catch (err) {
    return report(err);
  }
}

function report(err: unknown): number {
  if (err instanceof UserError) {
    process.stderr.write(`trialsim: ${err.message}\n`);
    return EXIT_CODE[err.kind];
  }
  if (err instanceof WorkerFailure) {
    process.stderr.write(`trialsim: ${err.message}\n${err.workerStack ?? ''}\n`);
    return 1;
  }
  process.stderr.write(`trialsim: internal error (a bug; please report it)\n${(err as Error)?.stack ?? String(err)}\n`);
  return 1;
}

main(hideBin(process.argv)).then((code) => { process.exitCode = code; });
