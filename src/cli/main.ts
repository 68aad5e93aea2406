#!/usr/bin/env node
/**
 * The trialsim command: a thin adapter over the library's pipeline.
 * User errors (bad scenario, bad option) print one message and exit 2; a
 * failure inside the simulation exits 1 with the replicate range.
 */
import yargs, { type Argv } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { UserError, type ErrorKind } from '../scenario/errors.js';
import { VERSION } from '../version.js';
import { commands } from './commands.js';

/** Exit codes by kind of error: 2 bad input, 130 stopped by Ctrl-C or SIGTERM (as a shell reports SIGINT). */
const EXIT_CODE: Record<ErrorKind, number> = { input: 2, interrupted: 130 };

/** Registers every command: the one asked for in full (loaded now), the others by name for the help. */
async function withCommands(y: Argv, argv: string[]): Promise<Argv> {
  const asked = argv.find((a) => !a.startsWith('-'));
  for (const c of commands) {
    if (c.name === asked) y = y.command({ ...(await c.load()), command: c.command, describe: c.describe });
    else y = y.command(c.command, c.describe);
  }
  return y;
}

async function main(argv: string[]): Promise<number> {
  try {
    const y = yargs(argv)
      .scriptName('trialsim')
      .version(VERSION)
      .strict();
    await (await withCommands(y, argv))
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
  // A failure inside a worker thread (run/worker-pool.ts), known by name so the engine is not loaded for every command.
  if (err instanceof Error && err.name === 'WorkerFailure') {
    process.stderr.write(`trialsim: ${err.message}\n${(err as Error & { workerStack?: string }).workerStack ?? ''}\n`);
    return 1;
  }
  process.stderr.write(`trialsim: internal error (a bug; please report it)\n${(err as Error)?.stack ?? String(err)}\n`);
  return 1;
}

// A reader that stops early (`trialsim export ... | head`) closes the pipe: that ends
// the command quietly, as it ends any Unix tool, not with an unhandled EPIPE.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

main(hideBin(process.argv)).then((code) => { process.exitCode = code; });
