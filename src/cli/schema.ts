import type { CommandModule } from 'yargs';
import { scenarioJsonSchema } from '../designs/json-schema.js';
import { summaryJsonSchema } from '../run/summary-schema.js';

/** `trialsim schema [--summary]`: the JSON Schema of scenario files, or of summary.json. */
export const schemaCommand: Omit<CommandModule<object, { summary: boolean }>, 'command' | 'describe'> = {
  builder: (y) => y.option('summary', { type: 'boolean', default: false, describe: 'Print the JSON Schema of summary.json instead of scenario files' }) as never,
  handler: (args) => {
    process.stdout.write(`${JSON.stringify(args.summary ? summaryJsonSchema() : scenarioJsonSchema(), null, 2)}\n`);
  },
};
