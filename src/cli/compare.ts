import type { CommandModule } from 'yargs';
import { UserError } from '../scenario/errors.js';

/** Placeholder: being written. */
export const compareCommand: CommandModule = {
  command: 'compare',
  describe: false,
  handler: () => {
    throw new UserError('trialsim compare is not implemented yet');
  },
};
