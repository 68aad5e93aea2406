import type { CommandModule } from 'yargs';
import { UserError } from '../scenario/errors.js';

/** Placeholder: being written. */
export const calibrateCommand: CommandModule = {
  command: 'calibrate',
  describe: false,
  handler: () => {
    throw new UserError('trialsim calibrate is not implemented yet');
  },
};
