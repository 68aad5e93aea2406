import type { CommandModule } from 'yargs';
import { loadScenario } from '../run/scenario.js';
import { UserError } from '../scenario/errors.js';
import type { ExactDecision } from '../run/exact.js';

interface ValidateArgs { files: string[]; force: boolean; exact: boolean }

/** What validation decided about an exact computation, in words (nothing when the scenario simulates). */
function exactNote(exact: ExactDecision | undefined): string {
  if (!exact) return '';
  return 'outcomes' in exact ? ` (exact: ${exact.outcomes} outcomes to enumerate)` : ` (${exact.fallback})`;
}

/** Runs every check `trialsim run` runs before it simulates: schema, cross-checks, workload, the design's preparation. */
export const validateCommand: Omit<CommandModule<object, ValidateArgs>, 'command' | 'describe'> = {
  builder: (y) => y
    .positional('files', { type: 'string', array: true, demandOption: true })
    .option('force', { type: 'boolean', default: false, describe: 'Accept a workload beyond the limits (as run --force does)' })
    .option('exact', { type: 'boolean', default: false, describe: 'Check the scenario as run --exact would run it (method: exact), and say how many outcomes it would enumerate' }) as never,
  handler: (args) => {
    const problems: string[] = [];
    for (const file of args.files) {
      try {
        const loaded = loadScenario(file, { force: args.force, exact: args.exact });
        process.stdout.write(`${file}: ok${exactNote(loaded.prepared.exact)}\n`);
      } catch (err) {
        if (!(err instanceof UserError)) throw err;
        problems.push(err.message);
      }
    }
    if (problems.length) throw new UserError(problems.join('\ntrialsim: '));
  },
};
