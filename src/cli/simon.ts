/**
 * `trialsim simon --p0 0.1 --p1 0.3 [--alpha 0.05] [--power 0.8] [--max-n 100] [--json]`:
 * Simon's (1989) optimal and minimax two-stage designs for a single-arm
 * phase II trial, found by exhaustive search (src/stats/basket/simon.ts),
 * with their exact operating characteristics: type I error, power, and the
 * probability of early termination and expected sample size under p0 and
 * under p1.
 */
import type { CommandModule } from 'yargs';
import { simonDesigns, simonOperatingCharacteristics, type SimonDesignSummary } from '../stats/basket/index.js';
import { UserError } from '../scenario/errors.js';
import { wholeNumber } from './options.js';

interface SimonArgs { p0: number; p1: number; alpha: number; power: number; 'max-n': number; json: boolean }

export interface SimonRow {
  r1: number; n1: number; r: number; n: number;
  typeIError: number; power: number;
  pet0: number; en0: number; pet1: number; en1: number;
}

export interface SimonReport {
  p0: number; p1: number; alpha: number; power: number; maxN: number;
  optimal: SimonRow | null;
  minimax: SimonRow | null;
}

function row(d: SimonDesignSummary | null, p1: number): SimonRow | null {
  if (!d) return null;
  const at1 = simonOperatingCharacteristics(d, p1);
  return {
    r1: d.r1, n1: d.n1, r: d.r, n: d.n, typeIError: d.typeIError, power: d.power,
    pet0: d.pet0, en0: d.en0, pet1: at1.probEarlyTermination, en1: at1.expectedSampleSize,
  };
}

export function simonReport(o: { p0: number; p1: number; alpha: number; power: number; maxN: number }): SimonReport {
  const found = simonDesigns(o);
  return { ...o, optimal: row(found.optimal, o.p1), minimax: row(found.minimax, o.p1) };
}

export function formatSimon(r: SimonReport): string {
  const head = ['design', 'r1/n1', 'r/n', 'type I error', 'power', 'PET(p0)', 'EN(p0)', 'PET(p1)', 'EN(p1)'];
  const rows = (['optimal', 'minimax'] as const).flatMap((kind) => {
    const d = r[kind];
    return d ? [[kind, `${d.r1}/${d.n1}`, `${d.r}/${d.n}`, d.typeIError.toFixed(4), d.power.toFixed(4), d.pet0.toFixed(4), d.en0.toFixed(2), d.pet1.toFixed(4), d.en1.toFixed(2)]] : [];
  });
  const widths = head.map((h, j) => Math.max(h.length, ...rows.map((x) => x[j].length)));
  const line = (x: string[]) => x.map((c, j) => (j === 0 ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join('  ');
  return [
    `Simon two-stage designs for p0 = ${r.p0}, p1 = ${r.p1}, alpha = ${r.alpha}, power = ${r.power} (n <= ${r.maxN})`,
    'Treat n1 patients and stop if at most r1 respond; otherwise treat n in all and declare the drug promising if more than r respond.',
    '',
    line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line),
    '',
    'Exact binomial values. PET: probability of early termination; EN: expected sample size.',
  ].join('\n');
}

function rate(name: string, x: number): number {
  if (!(typeof x === 'number' && x > 0 && x < 1)) throw new UserError(`--${name}: expected a number between 0 and 1, found ${Number.isNaN(x) ? 'not a number' : x}`);
  return x;
}

export const simonCommand: Omit<CommandModule<object, SimonArgs>, 'command' | 'describe'> = {
  builder: (y) => y
    .option('p0', { type: 'number', demandOption: true, describe: 'Uninteresting response rate (H0: p <= p0)' })
    .option('p1', { type: 'number', demandOption: true, describe: 'Response rate worth detecting' })
    .option('alpha', { type: 'number', default: 0.05, describe: 'Largest type I error at p0' })
    .option('power', { type: 'number', default: 0.8, describe: 'Smallest power at p1' })
    .option('max-n', { type: 'number', default: 100, describe: 'Largest total sample size searched' })
    .option('json', { type: 'boolean', default: false, describe: 'Print the designs as JSON' }) as never,
  handler: (args) => {
    const p0 = rate('p0', args.p0);
    const p1 = rate('p1', args.p1);
    if (p1 <= p0) throw new UserError(`--p1: expected a rate above p0 = ${p0}, found ${p1}`);
    const alpha = rate('alpha', args.alpha);
    const power = rate('power', args.power);
    const maxN = wholeNumber('max-n', args['max-n'], 2)!;
    if (maxN > 500) throw new UserError(`--max-n: expected at most 500, found ${maxN}`);
    const report = simonReport({ p0, p1, alpha, power, maxN });
    if (!report.optimal) throw new UserError(`no two-stage design with n <= ${maxN} has type I error <= ${alpha} and power >= ${power} for p0 = ${p0}, p1 = ${p1}; raise --max-n`);
    process.stdout.write(args.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatSimon(report)}\n`);
  },
};
