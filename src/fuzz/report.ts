/** The summary of a fuzz run: counts by verdict, the slowest case, and every failing case with what was done to it. */
import { FAILURES, type CaseOutcome, type Verdict } from './case.js';
import type { FuzzCase } from './mutate.js';

export interface FuzzFigures {
  cases: number;
  counts: Record<Verdict, number>;
  nonFiniteTruth: number;
  maxMs: number;
  slowest: number;
  failures: CaseOutcome[];
  /** Cases by the kinds of mutation they contain (a case with two kinds counts under both). */
  byKind: Record<string, { cases: number; accepted: number; refused: number; failing: number }>;
}

export function fuzzFigures(outcomes: CaseOutcome[]): FuzzFigures {
  const counts = { accepted: 0, refused: 0, unlocated: 0, 'late-refusal': 0, crash: 0, pollution: 0, hang: 0, 'out-of-memory': 0 } satisfies Record<Verdict, number>;
  let maxMs = 0, slowest = -1, nonFiniteTruth = 0;
  const byKind: FuzzFigures['byKind'] = {};
  for (const o of outcomes) {
    counts[o.verdict]++;
    for (const kind of new Set(o.kinds ?? [])) {
      const k = (byKind[kind] ??= { cases: 0, accepted: 0, refused: 0, failing: 0 });
      k.cases++;
      if (o.verdict === 'accepted') k.accepted++;
      else if (o.verdict === 'refused') k.refused++;
      else k.failing++;
    }
    if (o.nonFiniteTruth) nonFiniteTruth++;
    if (o.ms > maxMs) { maxMs = o.ms; slowest = o.index; }
  }
  return { cases: outcomes.length, counts, nonFiniteTruth, maxMs, slowest, failures: outcomes.filter((o) => FAILURES.includes(o.verdict)), byKind };
}

/** The printed summary; `describe` rebuilds a failing case to show its mutations. */
export function formatFigures(f: FuzzFigures, describe: (index: number) => FuzzCase): string {
  const c = f.counts;
  const lines = [
    `cases                        ${f.cases}`,
    `accepted (ran)               ${c.accepted}${f.nonFiniteTruth ? ` (${f.nonFiniteTruth} with a true value that is not finite)` : ''}`,
    `refused, located             ${c.refused}`,
    `refusals naming no field     ${c.unlocated}`,
    `refused only when run        ${c['late-refusal']}`,
    `crashes                      ${c.crash}`,
    `prototype pollution          ${c.pollution}`,
    `hangs (over the budget)      ${c.hang}`,
    `out of memory                ${c['out-of-memory']}`,
    `max case time                ${(f.maxMs / 1000).toFixed(2)} s (case ${f.slowest})`,
  ];
  lines.push('', 'by mutation kind             cases  accepted   refused  failing');
  for (const [kind, k] of Object.entries(f.byKind).sort()) {
    lines.push(`  ${kind.padEnd(26)} ${String(k.cases).padStart(6)} ${String(k.accepted).padStart(9)} ${String(k.refused).padStart(9)} ${String(k.failing).padStart(8)}`);
  }
  if (f.failures.length > 0) lines.push('', 'failing cases:');
  for (const o of f.failures) {
    const k = describe(o.index);
    lines.push(`  #${o.index} ${o.verdict} at ${o.stage} (${(o.ms / 1000).toFixed(2)} s), from ${k.from} as ${k.format}:`);
    for (const m of k.mutations) lines.push(`      - ${m}`);
    lines.push(`      ${o.message.split('\n')[0].slice(0, 400)}`);
  }
  return lines.join('\n');
}
