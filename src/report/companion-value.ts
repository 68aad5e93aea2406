/**
 * Parts of the companion-diagnostic section beyond the strategies: the
 * subgroups' own ICERs (each subgroup treated against not treated, the
 * subgroup known without a test), the test's cut-offs, and the value of
 * the trial's information given the truth (Monte Carlo means of the
 * replicates' voi:* metrics with their MCSEs; a full EVSI averages it over a
 * prior on the truth: Ades, Lu & Claxton 2004; Strong et al. 2015).
 */
import type { ReportSummary } from '../run/summary-schema.js';
import type { CompanionSection } from '../run/companion.js';
import type { SubgroupIcer } from '../stats/decision/subgroup-icer.js';
import { num, pct, count, short } from '../draw/escape.js';

const icerWords = (s: SubgroupIcer): string =>
  (s.status === 'ratio' ? `${count(s.icer)} per unit of health effect` : s.status === 'dominant' ? 'dominant (it gains health and saves money)' : 'dominated (it gains no health)');

export function subgroupSentence(d: CompanionSection): string {
  if (!d.subgroups) return '';
  return `Treating biomarker-positive patients, against not treating them, costs ${icerWords(d.subgroups.positive)}; treating biomarker-negative patients ${icerWords(d.subgroups.negative)} (each subgroup known without a test).`;
}

export const SUBGROUP_HEAD = ['Subgroup treated (against not treated)', 'Incremental cost per patient', 'Incremental effect per patient', 'ICER'];

export function subgroupRows(d: CompanionSection): string[][] {
  if (!d.subgroups) return [];
  return (['positive', 'negative'] as const).map((k) => {
    const s = d.subgroups[k];
    return [`biomarker-${k}`, num(s.cost, 0), num(s.effect, 4), s.status === 'ratio' ? num(s.icer, 0) : s.status];
  });
}

export const CUTOFF_HEAD = ['Strategy', 'Cut-off', 'Sensitivity', 'Specificity'];

export function cutoffRows(d: CompanionSection): string[][] {
  return (d.cutoffs ?? []).map((c) => [c.id, `${c.biomarker ? `${c.biomarker} ≥ ` : '≥ '}${short(c.cutoff)}`, pct(c.sensitivity), pct(c.specificity)]);
}

/** Mean and MCSE of a replicate metric (0 MCSE for an exact run). */
function meanOf(s: ReportSummary, id: string): { mean: number; mcse: number } | null {
  const m = s.metrics.find((x) => x.id === id);
  return m ? { mean: m.mean, mcse: s.method === 'exact' ? 0 : m.sd / Math.sqrt(s.replicates) } : null;
}

export function valueSentence(s: ReportSummary, d: CompanionSection): string {
  const v = d.valueOfInformation, value = meanOf(s, 'voi:value'), loss = meanOf(s, 'voi:loss');
  if (!v || !value || !loss) return '';
  const total = v.patients === null ? '' : ` (${count(Math.round(value.mean * v.patients))} over ${count(Math.round(v.patients))} patients, discounted; MCSE ${count(Math.round(value.mcse * v.patients))})`;
  return `Without the trial the decision would be ${v.prior}. Given these true effects, a trial of this design is worth ${num(value.mean, 1)} of net monetary benefit per patient (MCSE ${num(value.mcse, 1)})${total}, `
    + `of the ${num(v.perfect, 1)} that knowing the truth would be worth; wrong decisions lose ${num(loss.mean, 1)} per patient on average (MCSE ${num(loss.mcse, 1)}). `
    + 'This is the value of the trial\'s information given this truth; the expected value of sample information averages it over a prior on the truth.';
}
