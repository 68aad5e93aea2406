import type { CommandModule } from 'yargs';
import { scenarioJsonSchema } from '../designs/json-schema.js';

export const schemaCommand: CommandModule = {
  command: 'schema',
  describe: 'Print the JSON Schema of scenario files (for editors)',
  handler: () => {
    process.stdout.write(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
  },
};
