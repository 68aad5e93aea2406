import type { CommandModule } from 'yargs';
import { loadScenario } from '../run/scenario.js';
import { UserError } from '../scenario/errors.js';

export const validateCommand: Omit<CommandModule<object, { files: string[] }>, 'command' | 'describe'> = {
  builder: (y) => y.positional('files', { type: 'string', array: true, demandOption: true }) as never,
  handler: (args) => {
    const problems: string[] = [];
    for (const file of args.files) {
      try {
        loadScenario(file);
        process.stdout.write(`${file}: ok\n`);
      } catch (err) {
        if (!(err instanceof UserError)) throw err;
        problems.push(err.message);
      }
    }
    if (problems.length) throw new UserError(problems.join('\ntrialsim: '));
  },
};
