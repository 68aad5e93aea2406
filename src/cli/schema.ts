import type { CommandModule } from 'yargs';
import { scenarioJsonSchema } from '../designs/json-schema.js';

export const schemaCommand: CommandModule = {
  handler: () => {
    process.stdout.write(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
  },
};
