/**
 * `trialsim report <summary.json or run folder>`: report.html and summary.md
 * again from a summary.json, read through its schema; a summary that does
 * not fit (another version's, edited by hand) is refused with the key path
 * of each problem. With --scenario, summary.md opens with the scenario's
 * assumptions (the file must be the scenario the summary is of).
 */
import type { CommandModule } from 'yargs';
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { UserError } from '../scenario/errors.js';
import { readSummary, writeReportOf } from '../report/write-report.js';
import { loadScenario } from '../run/scenario.js';

interface ReportArgs { summary: string; out?: string; scenario?: string }

/** summary.json itself, or the one in a run folder. */
function summaryFile(path: string): string {
  try {
    return statSync(path).isDirectory() ? join(path, 'summary.json') : path;
  } catch {
    throw new UserError(`${path}: no such file or folder`);
  }
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UserError(`${file}: cannot be read (expected a run's summary.json, or its folder)`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new UserError(`${file}: not JSON (${(err as Error).message})`);
  }
}

/** The checked scenario for the assumptions table, refused unless it is the one the summary is of. */
function scenarioSpec(file: string, hash: string): unknown {
  const loaded = loadScenario(file);
  if (loaded.hash !== hash) throw new UserError(`${file}: not the scenario of this summary (its hash ${loaded.hash.slice(0, 12)} differs from the summary's ${hash.slice(0, 12)})`);
  return loaded.spec;
}

export const reportCommand: Omit<CommandModule<object, ReportArgs>, 'command' | 'describe'> = {
  builder: (y) => y
    .positional('summary', { type: 'string', demandOption: true, describe: 'A run\'s summary.json, or its results folder' })
    .option('out', { type: 'string', describe: 'Folder for report.html and summary.md (default: the summary\'s)' })
    .option('scenario', { type: 'string', describe: 'The scenario file, for the assumptions table that opens summary.md' }) as never,
  handler: (args) => {
    const file = summaryFile(args.summary);
    const summary = readSummary(readJson(file), file);
    const spec = args.scenario ? scenarioSpec(args.scenario, summary.scenario.hash) : undefined;
    for (const path of writeReportOf(summary, args.out ?? dirname(file), spec)) process.stdout.write(`${path}\n`);
  },
};
