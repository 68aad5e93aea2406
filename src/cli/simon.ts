import type { CommandModule } from 'yargs';
import { UserError } from '../scenario/errors.js';

/** Placeholder: being written. */
export const simonCommand: CommandModule = {
  command: 'simon',
  describe: false,
  handler: () => {
    throw new UserError('trialsim simon is not implemented yet');
  },
};
