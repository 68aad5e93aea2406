/**
 * Tidy outputs beside the wide replicates.csv (whose column names, such as
 * `reject:independent-exact:a`, R's read.csv mangles): one row per replicate
 * and hypothesis (`hypotheses.csv`: replicate, hypothesis, family,
 * rejected, statistic, p, adjustedP, look: the test as the design made it,
 * NA where the design reports none), one per replicate and estimate (`estimates.csv`: replicate,
 * estimate, scale, value, se, lower, upper, truth), and the summary as one
 * row per quantity (`summary.csv`: kind, id, family, scale, quantity, value,
 * mcse, truth). R's read.csv and pandas.read_csv read them with their
 * defaults; test/fixtures/tidy-outputs.R recomputes power and bias from
 * them.
 */
import { reportedTests, type ReplicateLayout, type TruthTable } from '../designs/types.js';
import type { Summary } from '../summary/summarise.js';
import { csvCell, toCsv } from '../util/csv.js';

/** A place rows are written to (an atomic file stream). */
export interface Sink { write(text: string): void; commit(): void; abandon(): void }

/**
 * Writes the wide rows to replicates.csv and, line by line, their long
 * forms to hypotheses.csv and estimates.csv. The wide row's first fields
 * are the replicate, one 0/1 per hypothesis, four numbers per estimate, the
 * metrics, the warnings and four numbers per reported test (none holds a
 * comma: chunk.ts puts the selections, which may be quoted, after them), so
 * they are split without a CSV parser.
 */
export class TidyRows {
  private pending = '';
  private headerSeen = false;
  /** Per hypothesis, the wide column of its test's statistic (then p, adjusted p, look), or -1 when none is reported. */
  private readonly testAt: Int32Array;
  private readonly fields: number;

  constructor(private readonly layout: ReplicateLayout, private readonly truth: TruthTable, private readonly wide: Sink, private readonly hypotheses: Sink, private readonly estimates: Sink) {
    hypotheses.write('replicate,hypothesis,family,rejected,statistic,p,adjustedP,look\n');
    const { hypotheses: H, estimates: E, metrics: M, warnings: W } = layout;
    const first = 1 + H.length + 4 * E.length + M.length + W.length;
    const tested = reportedTests(layout);
    this.testAt = new Int32Array(H.length).fill(-1);
    tested.forEach((k, j) => { this.testAt[k] = first + 4 * j; });
    this.fields = first + 4 * tested.length;
    estimates.write('replicate,estimate,scale,value,se,lower,upper,truth\n');
  }

  /** A piece of replicates.csv text (header first), cut anywhere. */
  write(text: string): void {
    this.wide.write(text);
    const lines = (this.pending + text).split('\n');
    this.pending = lines.pop()!;
    for (const line of lines) this.line(line);
  }

  private line(line: string): void {
    if (!this.headerSeen) { this.headerSeen = true; return; }
    if (line === '') return;
    const { hypotheses: H, estimates: E } = this.layout;
    const f = line.split(',', this.fields);
    const r = f[0];
    let h = '';
    H.forEach((x, k) => {
      const t = this.testAt[k];
      const test = t < 0 ? 'NA,NA,NA,NA' : `${f[t]},${f[t + 1]},${f[t + 2]},${f[t + 3]}`;
      h += `${r},${csvCell(x.id)},${csvCell(x.family)},${f[1 + k]},${test}\n`;
    });
    this.hypotheses.write(h);
    let e = '';
    E.forEach((x, k) => {
      const at = 1 + H.length + 4 * k;
      e += `${r},${csvCell(x.id)},${csvCell(x.scale)},${f[at]},${f[at + 1]},${f[at + 2]},${f[at + 3]},${csvCell(this.truth[x.id]?.value ?? null)}\n`;
    });
    this.estimates.write(e);
  }

  commit(): void {
    if (this.pending !== '') this.line(this.pending);
    this.wide.commit();
    this.hypotheses.commit();
    this.estimates.commit();
  }

  abandon(): void {
    this.wide.abandon();
    this.hypotheses.abandon();
    this.estimates.abandon();
  }
}

type Cell = string | number | null;

/** The summary as tidy rows: every rate, mean and error with its Monte Carlo SE (0 in an exact summary). */
export function summaryCsv(s: Summary): string {
  const rows: Cell[][] = [];
  const add = (kind: string, id: string, family: string | null, scale: string | null, quantity: string, value: number | null, mcse: number | null, truth: number | null) =>
    rows.push([kind, id, family, scale, quantity, value, mcse, truth]);
  for (const h of s.hypotheses) {
    add('hypothesis', h.id, h.family, h.scale, h.meaning, h.rate, h.mcse, h.trueEffect);
    if (h.wrongDirection) add('hypothesis', h.id, h.family, h.scale, 'rejected, wrong direction', h.wrongDirection.rate, null, h.trueEffect);
  }
  for (const e of s.estimates) {
    add('estimate', e.id, null, e.scale, 'mean', e.mean, e.biasMcse, e.truth);
    add('estimate', e.id, null, e.scale, 'bias', e.bias, e.biasMcse, e.truth);
    add('estimate', e.id, null, e.scale, 'empirical SE', e.empiricalSe, e.empiricalSeMcse, e.truth);
    add('estimate', e.id, null, e.scale, 'model SE', e.modelSe, null, e.truth);
    add('estimate', e.id, null, e.scale, 'coverage', e.coverage, e.coverageMcse, e.truth);
  }
  const exact = s.method === 'exact';
  for (const m of s.metrics) {
    add('metric', m.id, null, m.unit ?? null, 'mean', m.mean, exact ? 0 : m.sd / Math.sqrt(s.replicates), null);
    add('metric', m.id, null, m.unit ?? null, 'sd', m.sd, null, null);
  }
  for (const f of s.families ?? []) {
    const rate = (q: string, r: { rate: number; mcse: number } | null) => { if (r) add('family', f.id, f.id, null, q, r.rate, r.mcse, null); };
    rate('any rejected', f.anyRejected);
    rate('family-wise error', f.familywiseError);
    rate('disjunctive power', f.disjunctivePower);
    rate('conjunctive power', f.conjunctivePower);
  }
  return toCsv(['kind', 'id', 'family', 'scale', 'quantity', 'value', 'mcse', 'truth'], rows);
}
