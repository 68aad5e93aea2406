/**
 * The commands, by name, each loaded only when it is the one asked for:
 * `trialsim --version` or `--help` loads none of them, and `trialsim
 * validate` none of the engine, reports or comparisons. The names and
 * descriptions live here so the help lists every command without loading it.
 */
import type { CommandModule } from 'yargs';

export interface CommandEntry {
  name: string;
  /** The command with its positionals, as yargs reads it. */
  command: string;
  describe: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each command has its own argument type
  load: () => Promise<Omit<CommandModule<object, any>, 'command' | 'describe'>>;
}

export const commands: CommandEntry[] = [
  { name: 'run', command: 'run <files..>', describe: 'Simulate scenarios and write their results', load: async () => (await import('./run.js')).runCommand },
  { name: 'validate', command: 'validate <files..>', describe: 'Check scenario files without simulating', load: async () => (await import('./validate.js')).validateCommand },
  { name: 'schema', command: 'schema', describe: 'Print the JSON Schema of scenario files (for editors), or with --summary of summary.json', load: async () => (await import('./schema.js')).schemaCommand },
  { name: 'report', command: 'report <summary>', describe: 'Write report.html and summary.md again from a summary.json, read through its schema', load: async () => (await import('./report.js')).reportCommand },
  { name: 'export', command: 'export <file>', describe: "Write one replicate's patients, exactly as analysed, as CSV", load: async () => (await import('./export.js')).exportCommand },
  { name: 'analyse', command: 'analyse <file> <data>', describe: "Analyse one trial's observed data (CSV) as the scenario's design would", load: async () => (await import('./analyse.js')).analyseCommand },
  { name: 'compare', command: 'compare <files..>', describe: 'Run several designs on the same virtual patients and compare their operating characteristics', load: async () => (await import('./compare.js')).compareCommand },
  { name: 'sweep', command: 'sweep <file>', describe: 'Run a scenario over a grid of key values (--vary), or find the sample size reaching a target power (--solve)', load: async () => (await import('./sweep.js')).sweepCommand },
  { name: 'simon', command: 'simon', describe: 'Find Simon\'s optimal and minimax two-stage designs with their exact operating characteristics', load: async () => (await import('./simon.js')).simonCommand },
  { name: 'merge', command: 'merge <paths..>', describe: 'Merge shard results (folders or shard-*.json files) into one run', load: async () => (await import('./merge.js')).mergeCommand },
  { name: 'slurm', command: 'slurm <file>', describe: 'Write a Slurm job array (one shard per task) and a merge job that depends on it', load: async () => (await import('./slurm.js')).slurmCommand },
  { name: 'explore', command: 'explore [file]', describe: 'Write (or --serve) the design explorer: a page that edits a scenario and runs it in the browser, no install needed', load: async () => (await import('./explore.js')).exploreCommand },
  { name: 'calibrate', command: 'calibrate <file>', describe: 'Calibrate the Bayesian basket analyses\' thresholds under the global null', load: async () => (await import('./calibrate.js')).calibrateCommand },
];
