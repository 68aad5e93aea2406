import type { CommandModule } from 'yargs';
import { loadScenario } from '../run/scenario.js';
import { UserError } from '../scenario/errors.js';

interface ValidateArgs { files: string[]; force: boolean }

/** Runs every check `trialsim run` runs before it simulates: schema, cross-checks, workload, the design's preparation. */
export const validateCommand: Omit<CommandModule<object, ValidateArgs>, 'command' | 'describe'> = {
  builder: (y) => y
    .positional('files', { type: 'string', array: true, demandOption: true })
    .option('force', { type: 'boolean', default: false, describe: 'Accept a workload beyond the limits (as run --force does)' }) as never,
  handler: (args) => {
    const problems: string[] = [];
    for (const file of args.files) {
      try {
        loadScenario(file, { force: args.force });
        process.stdout.write(`${file}: ok\n`);
      } catch (err) {
        if (!(err instanceof UserError)) throw err;
        problems.push(err.message);
      }
    }
    if (problems.length) throw new UserError(problems.join('\ntrialsim: '));
  },
};
