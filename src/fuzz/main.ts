/**
 * `npm run fuzz -- --cases 10000 [--seed N] [--budget-ms 30000] [--workers 1]
 * [--memory-mb 1024] [--first 0]`: mutated scenarios through the library's
 * pipeline, each in a thread with a time budget and a heap limit. Prints the
 * figures and every failing case; exits 1 if any case crashed, hung, ran out
 * of memory, spoilt a prototype or was refused without naming a field.
 * `--show N` prints case N's text and its outcome in this thread instead.
 */
import { parseArgs } from 'node:util';
import { loadSeeds } from './seeds.js';
import { fuzzCase } from './mutate.js';
import { runFuzz } from './run.js';
import { runCase } from './case.js';
import { fuzzFigures, formatFigures } from './report.js';

function wholeNumber(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text)) throw new Error(`--${name}: expected a whole number, found "${text}"`);
  return Number(text);
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      cases: { type: 'string' }, seed: { type: 'string' }, 'budget-ms': { type: 'string' }, workers: { type: 'string' },
      'memory-mb': { type: 'string' }, first: { type: 'string' }, show: { type: 'string' },
    },
  });
  const seed = wholeNumber('seed', values.seed, 1);
  const seeds = loadSeeds();
  if (values.show !== undefined) {
    const c = fuzzCase(seeds, seed, wholeNumber('show', values.show, 0));
    process.stdout.write(`# case ${c.index} from ${c.from} (${c.format})\n${c.mutations.map((m) => `# - ${m}\n`).join('')}${c.text.length > 20_000 ? `${c.text.slice(0, 20_000)}\n# ... (${c.text.length} chars)` : c.text}\n`);
    process.stdout.write(`# outcome: ${JSON.stringify(await runCase(c))}\n`);
    return 0;
  }
  const cases = wholeNumber('cases', values.cases, 1000);
  const options = {
    cases, seed, first: wholeNumber('first', values.first, 0), budgetMs: wholeNumber('budget-ms', values['budget-ms'], 30_000),
    workers: wholeNumber('workers', values.workers, 1), memoryMb: wholeNumber('memory-mb', values['memory-mb'], 1024),
  };
  process.stderr.write(`fuzz: ${cases} cases from ${seeds.length} scenarios, seed ${seed}, budget ${options.budgetMs} ms, ${options.workers} thread(s) of ${options.memoryMb} MB\n`);
  const t0 = performance.now();
  let done = 0;
  const outcomes = await runFuzz(seeds, {
    ...options,
    onOutcome: (o) => {
      if (++done % 500 === 0 || (o.verdict !== 'accepted' && o.verdict !== 'refused')) {
        process.stderr.write(`  ${done}/${cases}${o.verdict !== 'accepted' && o.verdict !== 'refused' ? ` #${o.index} ${o.verdict}: ${o.message.split('\n')[0].slice(0, 160)}` : ''}\n`);
      }
    },
  });
  const figures = fuzzFigures(outcomes);
  process.stdout.write(`${formatFigures(figures, (i) => fuzzCase(seeds, seed, i))}\n`);
  process.stdout.write(`wall time                    ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
  return figures.failures.length > 0 ? 1 : 0;
}

main().then((code) => { process.exitCode = code; }, (err) => { process.stderr.write(`${(err as Error).stack ?? String(err)}\n`); process.exitCode = 2; });
