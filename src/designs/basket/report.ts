/**
 * Basket shrinkage: per basket, the true response rate and each method's
 * mean estimate (independent analysis, hierarchical or EXNEX borrowing, ...)
 * with the range in which 95% of single trials' estimates fall (their
 * empirical quantiles; ±1.96 SD within [0, 1] in an exact summary), so the
 * pull of borrowing toward the other baskets, and the bias it brings, read
 * off directly. Reads the summary section `baskets` (sections.ts): each
 * method's estimate by the id the row names.
 */
import type { DesignSummary } from '../types.js';
import type { basketSections } from './sections.js';
import { dotPlot, type DotPoint } from '../../draw/dot-plot.js';
import { COLOURS, seriesColour, seriesShape } from '../../draw/palette.js';
import { num } from '../../draw/escape.js';
import { trialRange } from '../../draw/trial-range.js';

type BasketSummary = DesignSummary<typeof basketSections>;

interface MethodEstimate { method: string; value: number; lower?: number; upper?: number }
interface BasketRow { basket: string; truth?: number; estimates: MethodEstimate[] }

export function basketRows(s: BasketSummary): BasketRow[] {
  return s.baskets.flatMap((b) => {
    const estimates = Object.entries(b.methods).flatMap(([method, m]): MethodEstimate[] => {
      const e = s.estimates.find((x) => x.id === m.estimate);
      // a response rate's range stays in [0, 1]
      return e && e.mean !== null ? [{ method, value: e.mean, ...trialRange(e, [0, 1]) }] : [];
    });
    return estimates.length > 0 ? [{ basket: b.basket, truth: b.trueRate ?? undefined, estimates }] : [];
  });
}

export function basketsChart(s: BasketSummary): string | null {
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
