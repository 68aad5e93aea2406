/**
 * The response-adaptive design's report section: the ideal design
 * percentage (Viele et al. 2020, as adaptr reports it), the expected true
 * value of the arm the trial ends up selecting, on a scale from the worst
 * arm (0%) to the best (100%):
 *   IDP = 100 (sum_a P(select a) v_a - v_worst) / (v_best - v_worst),
 * with v_a each arm's true effect against control (the control's is 0),
 * oriented by the family's truly best arm so that higher is better (a log
 * hazard ratio or a lower-is-better risk difference below 0 is a gain) and a trial that declares no arm best counted as
 * selecting the control (adaptr's default "control" selection strategy). It
 * is linear in the selection probabilities, so its Monte Carlo SE is
 * 100 sd(v_selected) / sqrt(R) / (v_best - v_worst). Read from the summary's
 * `declared-best` selection and the hypotheses' true effects.
 */
import type { SummaryView } from '../types.js';
import { esc, num } from '../../draw/escape.js';

export interface IdealDesign { idp: number; mcse: number; best: string; worst: string; withoutControl: boolean }

/** Each arm's true value, oriented so that higher is better (the control's is 0 when there is one); null when one is unknown. */
function armValues(s: SummaryView, withoutControl: boolean, own: SummaryView['estimates']): Map<string, number> | null {
  const values = new Map<string, number>(withoutControl ? [] : [['control', 0]]);
  if (withoutControl) {
    const sign = orientation(s.hypotheses, own);
    s.hypotheses.forEach((h, k) => {
      const t = own[k].truth;
      if (typeof t === 'number' && Number.isFinite(t)) values.set(h.id, sign * t);
    });
    return values.size === s.hypotheses.length ? values : null;
  }
  // Effects against control, oriented so that higher is better: a hazard ratio (or a lower-is-better rate) below 0 is a gain.
  const best = (s.families ?? []).map((f) => f.best?.id).find((id) => typeof id === 'string');
  const bestEffect = s.hypotheses.find((h) => h.id === best)?.trueEffect;
  const sign = typeof bestEffect === 'number' && bestEffect < 0 ? -1 : 1;
  for (const h of s.hypotheses) {
    if (typeof h.trueEffect !== 'number' || !Number.isFinite(h.trueEffect)) return null;
    values.set(h.id, sign * h.trueEffect);
  }
  return values;
}

export function idealDesignPercentage(s: SummaryView): IdealDesign | null {
  const selections = (s.families ?? []).flatMap((f) => f.selections);
  // Without a control every arm competes: values are the arms' own true values (rate:, mean: or loghazard:), oriented so higher is better.
  const own = s.estimates.filter((e) => /^(rate|mean|loghazard):/.test(e.id));
  const withoutControl = own.length > 0 && own.length === s.hypotheses.length;
  const selection = selections.find((x) => x.id === (withoutControl ? 'most-likely-best' : 'declared-best'));
  if (!selection) return null;
  const values = armValues(s, withoutControl, own);
  if (!values) return null;
  const all = [...values.entries()];
  const [worst, best] = [all.reduce((a, b) => (b[1] < a[1] ? b : a)), all.reduce((a, b) => (b[1] > a[1] ? b : a))];
  const range = best[1] - worst[1];
  if (!(range > 0)) return null;
  // Without a control, trials that select no arm are left out (adaptr's IDP is over trials that select one).
  const share = withoutControl ? 1 - selection.none.rate : 1;
  if (!(share > 0)) return null;
  let mean = 0, square = 0;
  for (const c of selection.chosen) {
    const v = values.get(c.id) ?? 0;
    mean += (c.rate / share) * v;
    square += (c.rate / share) * v * v;
  }
  const replicates = s.replicates * share;
  const exact = s.method === 'exact';
  const sd = Math.sqrt(Math.max(0, square - mean * mean));
  return { idp: (100 * (mean - worst[1])) / range, mcse: exact ? 0 : (100 * sd) / Math.sqrt(replicates) / range, best: best[0], worst: worst[0], withoutControl };
}

/**
 * +1 when a higher own value is better, -1 when lower is: the arm with the
 * largest true advantage (the hypotheses' oriented estimand) is the best, so
 * its own value is the highest or the lowest.
 */
function orientation(hypotheses: SummaryView['hypotheses'], own: SummaryView['estimates']): number {
  let top = 0;
  hypotheses.forEach((h, k) => { if ((h.trueEffect ?? -Infinity) > (hypotheses[top].trueEffect ?? -Infinity)) top = k; });
  const best = own[top].truth ?? NaN;
  return own.every((e) => (e.truth ?? NaN) <= best) ? 1 : -1;
}

function sentence(d: IdealDesign): string {
  const rule = d.withoutControl
    ? 'the arm selected is the one declared best, else the most likely best at the last analysis, over the trials that select one (Viele et al. 2020; adaptr\'s "best" selection strategy)'
    : 'a trial that declares no arm best counts as selecting the control (Viele et al. 2020; adaptr\'s "control" selection strategy)';
  return `Ideal design percentage ${num(d.idp, 1)}% (Monte Carlo SE ${num(d.mcse, 1)}): the arm a trial selects is, on average, ${num(d.idp, 1)}% of the way from the worst arm (${d.worst}) to the best (${d.best}) in its true value; ${rule}.`;
}

export function idealDesignSection(s: SummaryView): string | null {
  const d = idealDesignPercentage(s);
  return d ? `<p>${esc(sentence(d))}</p>` : null;
}

export function idealDesignMarkdown(s: SummaryView): string | null {
  const d = idealDesignPercentage(s);
  return d ? sentence(d) : null;
}


/**
 * The naive estimates' root mean squared error about their truth,
 * √(bias² + empirical SE²) with both read from the estimates table (where
 * each has its Monte Carlo error): what adaptive allocation and stopping
 * cost the final estimate.
 */
function rmseRows(s: SummaryView): string[][] {
  return s.estimates
    .filter((e) => typeof e.bias === 'number' && typeof e.empiricalSe === 'number')
    .map((e) => [e.label, num(e.truth ?? null), num(e.bias!, 4), num(e.empiricalSe!, 4), num(Math.hypot(e.bias!, e.empiricalSe!), 4)]);
}

const RMSE_HEAD = ['Estimate', 'Truth', 'Bias', 'Empirical SE', 'RMSE'];
const RMSE_NOTE = 'Root mean squared error of each naive estimate about its truth, √(bias² + empirical SE²); bias and empirical SE with their Monte Carlo errors are in the estimates table.';

export function rmseSection(s: SummaryView): string | null {
  const rows = rmseRows(s);
  if (rows.length === 0) return null;
  const cells = (r: string[], tag: string) => r.map((c) => `<${tag}>${esc(c)}</${tag}>`).join('');
  return `<p>${esc(RMSE_NOTE)}</p><table><thead><tr>${cells(RMSE_HEAD, 'th')}</tr></thead><tbody>${rows.map((r) => `<tr>${cells(r, 'td')}</tr>`).join('')}</tbody></table>`;
}

export function rmseMarkdown(s: SummaryView): string | null {
  const rows = rmseRows(s);
  if (rows.length === 0) return null;
  return [RMSE_NOTE, '', `| ${RMSE_HEAD.join(' | ')} |`, `|---|${RMSE_HEAD.slice(1).map(() => '---:').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}
