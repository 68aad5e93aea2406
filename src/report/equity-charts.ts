/**
 * The equity section's charts, drawn with the shared line chart:
 * - the equity trade-off curve: total health gain against the gain in
 *   Atkinson equally-distributed equivalent (EDE) health at the decision's
 *   epsilon, along the path from efficiency only to equal shares, with the
 *   three allocations marked (the constrained one usually off the path);
 * - each allocation's EDE against efficiency only's across inequality
 *   aversion, crossing zero where the preferred allocation flips.
 */
import type { EquitySection } from '../run/equity.js';
import { num, count } from '../draw/escape.js';
import { lineChart } from './html/line-chart.js';
import { SERIES, SHAPES } from '../draw/palette.js';

export const ALLOCATION_WORDS: Record<string, string> = { efficiency: 'efficiency only', equal: 'equal shares', constrained: 'minimum shares' };

/** EDE at the decision's epsilon with no unit given: the zero of the trade-off chart's x axis. */
function edeBefore(d: EquitySection): number {
  return d.before.atkinson.find((a) => a.epsilon === d.epsilon)?.ede ?? NaN;
}

export function tradeOffChart(d: EquitySection): string {
  const per = (x: number) => x * d.per;
  const e0 = edeBefore(d);
  const atEpsilon = (a: EquitySection['allocations'][number]) => a.atkinson.find((x) => x.epsilon === d.epsilon)?.ede ?? NaN;
  return lineChart({
    chart: 'equity-tradeoff', title: 'Equity trade-off: total health gain against equity-weighted gain',
    xTitle: `Gain in EDE health at epsilon ${d.epsilon} (${d.health} per ${count(d.per)} people)`, yTitle: `Total gain (${d.health} per ${count(d.per)} people)`,
    curves: [
      {
        label: 'from efficiency only to equal shares', colour: SERIES[6], shape: 'circle',
        points: d.path.map((p) => ({ x: per(p.ede - e0), y: per(p.totalGain), tooltip: `${Math.round(100 * p.lambda)}% of the way to equal shares: total gain ${num(per(p.totalGain), 2)}, EDE gain ${num(per(p.ede - e0), 2)}` })),
      },
      ...d.allocations.map((a, k) => ({
        label: ALLOCATION_WORDS[a.id] + (a.id === d.preferred ? ' (preferred)' : ''), colour: SERIES[k], shape: SHAPES[k + 1], line: false,
        points: [{ x: per(atEpsilon(a) - e0), y: per(a.totalGain), tooltip: `${ALLOCATION_WORDS[a.id]}: total gain ${num(per(a.totalGain), 2)}, EDE gain ${num(per(atEpsilon(a) - e0), 2)} ${d.health} per ${count(d.per)}` }],
      })),
    ],
    xFormat: (x) => num(x, 1), yFormat: (y) => num(y, 1),
    caption: `On the ${d.fromEstimates ? 'true effects' : 'stated benefits'}. Higher: more health in total; further right: more health once inequality between the groups is weighed at Atkinson epsilon ${d.epsilon}. The EDE gain is the rise in equally-distributed equivalent health over the distribution before any ${d.unit} is given.`,
  });
}

export function aversionChart(d: EquitySection): string | null {
  if (d.aversion.length < 2) return null;
  const others = d.allocations.map((a, k) => ({ a, k })).filter(({ a }) => a.id !== 'efficiency');
  return lineChart({
    chart: 'equity-aversion', title: 'Which allocation equity weighting prefers, by inequality aversion',
    xTitle: 'Atkinson inequality aversion epsilon', yTitle: `EDE minus efficiency only's (${d.health} per ${count(d.per)})`,
    curves: others.map(({ a, k }) => ({
      label: ALLOCATION_WORDS[a.id], colour: SERIES[k], shape: SHAPES[k + 1],
      points: d.aversion.map((p) => ({ x: p.epsilon, y: (p.ede[k] - p.ede[0]) * d.per, tooltip: `epsilon ${num(p.epsilon, 2)}: ${ALLOCATION_WORDS[a.id]} ${num((p.ede[k] - p.ede[0]) * d.per, 2)} against efficiency only` })),
    })),
    refs: [{ y: 0, label: 'efficiency only' }, { x: d.epsilon, label: `epsilon ${d.epsilon}` }, ...(d.flip.epsilon === null ? [] : [{ x: d.flip.epsilon, label: `flip ${num(d.flip.epsilon, 2)}` }])],
    xFormat: (x) => num(x, 1), yFormat: (y) => num(y, 1),
    caption: 'Above zero, an allocation beats efficiency only once inequality is weighed at that epsilon (0: total health alone).',
  });
}
