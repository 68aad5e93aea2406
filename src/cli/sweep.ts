import type { CommandModule } from 'yargs';
import { UserError } from '../scenario/errors.js';

/** Placeholder: being written. */
export const sweepCommand: CommandModule = {
  command: 'sweep',
  describe: false,
  handler: () => {
    throw new UserError('trialsim sweep is not implemented yet');
  },
};
