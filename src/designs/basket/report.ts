/**
 * Basket shrinkage: per basket, the true response rate and each method's
 * mean estimate (independent analysis, hierarchical or EXNEX borrowing, ...)
 * with its interval where given, so the pull of borrowing toward the other
 * baskets, and the bias it brings, read off directly. Reads the summary key
 * `baskets`: rows (a list, or a mapping keyed by basket) with a name
 * (`basket` | `id` | `name`), a truth (`truth` | `trueRate` | `true` | `rate`)
 * and estimates under `methods` | `estimates` (a mapping method -> number or
 * { mean | estimate, lower, upper }, or a list of { method, mean, lower, upper }).
 * A method given as { estimate: "<estimate id>" } (the basket design's form)
 * is read from the summary's estimates: the mean over replicates, with the
 * range in which 95% of single trials' estimates fall (their empirical
 * quantiles; ±1.96 SD within [0, 1] in an exact summary).
 */
import type { SummaryView } from '../types.js';
import { dotPlot, type DotPoint } from '../../draw/dot-plot.js';
import { COLOURS, seriesColour, seriesShape } from '../../draw/palette.js';
import { num } from '../../draw/escape.js';
import { trialRange } from '../../draw/trial-range.js';
import { isObject, numberOf, pickName, pickNumber, rowsOf, type Json } from '../../draw/tolerant.js';

interface MethodEstimate { method: string; value: number; lower?: number; upper?: number }
interface BasketRow { basket: string; truth?: number; estimates: MethodEstimate[] }

function estimate(method: string, v: unknown, s: SummaryView): MethodEstimate | undefined {
  if (isObject(v) && typeof v.estimate === 'string') {
    const e = s.estimates.find((x) => x.id === v.estimate);
    if (!e || e.mean === null) return undefined;
    // a response rate's range stays in [0, 1]
    return { method, value: e.mean, ...trialRange(e, [0, 1]) };
  }
  const value = numberOf(v);
  if (value === undefined) return undefined;
  const o = isObject(v) ? v : {};
  return { method, value, lower: pickNumber(o, ['lower', 'low', 'ciLow']), upper: pickNumber(o, ['upper', 'high', 'ciHigh']) };
}

function methodsOf(row: Json, s: SummaryView): MethodEstimate[] {
  const m = row.methods ?? row.estimates ?? row.byMethod;
  if (Array.isArray(m)) {
    return m.filter(isObject).flatMap((e) => {
      const name = pickName(e, ['method', 'id', 'name', 'label']);
      const est = name ? estimate(name, e, s) : undefined;
      return est ? [est] : [];
    });
  }
  if (isObject(m)) return Object.entries(m).flatMap(([k, v]) => { const e = estimate(k, v, s); return e ? [e] : []; });
  return [];
}

export function basketRows(s: SummaryView): BasketRow[] {
  return rowsOf(s.baskets, 'basket', ['baskets', 'rows']).flatMap((r) => {
    const basket = pickName(r, ['basket', 'id', 'name', 'label']);
    const estimates = methodsOf(r, s);
    return basket && estimates.length > 0 ? [{ basket, truth: pickNumber(r, ['truth', 'trueRate', 'true', 'trueEffect', 'rate']), estimates }] : [];
  });
}

export function basketsChart(s: SummaryView): string | null {
  const rows = basketRows(s);
  if (rows.length === 0) return null;
  const methods = [...new Set(rows.flatMap((r) => r.estimates.map((e) => e.method)))];
  const all = rows.flatMap((r) => [r.truth ?? 0.5, ...r.estimates.flatMap((e) => [e.value, e.lower ?? e.value, e.upper ?? e.value])]);
  const rates = all.every((v) => v >= 0 && v <= 1);
  return dotPlot({
    chart: 'baskets',
    title: 'Basket estimates by method against the truth',
    rows: rows.map((r) => ({
      label: r.basket,
      points: [
        ...(r.truth !== undefined ? [{ value: r.truth, colour: COLOURS.black, shape: 'diamond' as const, open: true, tooltip: `${r.basket}: true ${num(r.truth)}` }] : []),
        ...r.estimates.map((e): DotPoint => {
          const k = methods.indexOf(e.method);
          return { value: e.value, lower: e.lower, upper: e.upper, colour: seriesColour(k), shape: seriesShape(k), tooltip: `${r.basket}, ${e.method}: ${num(e.value)}` };
        }),
      ],
    })),
    domain: rates ? [0, 1] : undefined,
    xTitle: rates ? 'Response rate (%)' : 'Estimate',
    xFormat: rates ? (v) => `${Math.round(v * 100)}%` : undefined,
    legend: [{ shape: 'diamond', colour: COLOURS.black, open: true, text: 'true' }, ...methods.map((m, k) => ({ shape: seriesShape(k), colour: seriesColour(k), text: m }))],
    caption: 'Borrowing across baskets shrinks each estimate toward the others: closer together and more precise, but biased where a basket truly differs.',
  });
}
