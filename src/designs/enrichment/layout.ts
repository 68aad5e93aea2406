/**
 * What each replicate of an enrichment trial reports: whether each
 * population's hypothesis was rejected by the closed combination test, the
 * naive final estimates in each population (pooled over the stages,
 * ignoring the selection), what was selected at the first interim (the
 * selection tree, with rejections given each choice), the patients in each
 * population and, with more than two stages, early stops or re-estimated
 * sizes, how the trial went on stage by stage.
 */
import type { ReplicateLayout } from '../types.js';
import { namedWarnings } from '../types.js';

export const enrichmentWarnings = namedWarnings({
  empty: { id: 'empty-cell', label: 'A stage had an arm with no patient in a population: its test could not be done (no rejection)' },
});

/** What the layout is built from: population names and words, and which stage-wise outputs the design needs. */
export interface LayoutParts {
  populations: string[];
  labels: string[];
  scale: string;
  alpha: number;
  better: 'higher' | 'lower';
  compareFixed: boolean;
  stages: number;
  /** Whether to report the trial's course stage by stage (more than two stages, early efficacy stops or re-estimation). */
  perStage: boolean;
  /** How the stages combine (population-tests.ts reports each population's test on its scale). */
  combination: 'inverse-normal' | 'fisher';
}

/**
 * The choices an interim can make, as ids: each non-empty set of populations
 * (with two populations: both, F, S), none (a futility stop or nothing
 * selected) and, with early efficacy stops, efficacy.
 */
export function selectionIds(populations: readonly string[], efficacy: boolean): string[] {
  const G = populations.length;
  const masks = Array.from({ length: (1 << G) - 1 }, (_, j) => j + 1);
  const size = (mask: number) => populations.filter((_, g) => mask & (1 << g)).length;
  // Larger sets first, then by the populations' order (two populations: both, F, S).
  const first = (mask: number) => populations.findIndex((_, g) => mask & (1 << g));
  masks.sort((a, b) => size(b) - size(a) || first(a) - first(b) || a - b);
  return [...masks.map((mask) => selectionId(populations, mask)), 'none', ...(efficacy ? ['efficacy'] : [])];
}

/** The id of a set of populations (bit g: population g): "both" for F and S together, else the names joined by +. */
export function selectionId(populations: readonly string[], mask: number): string {
  if (populations.length === 2 && mask === 3) return 'both';
  return populations.filter((_, g) => mask & (1 << g)).join('+');
}

/** A set of populations in words: F and S, "S only", or the names listed. */
export function selectionPhrase(id: string): string {
  return id === 'both' ? 'F and S' : id.includes('+') ? id.split('+').join(', ') : `${id} only`;
}

function selectionWords(id: string, interim: string): string {
  if (id === 'none') return `Stopped at ${interim} for futility or with no population selected (share of trials)`;
  if (id === 'efficacy') return `Stopped at ${interim} for efficacy (share of trials)`;
  return `Went on in ${selectionPhrase(id)} (share of trials)`;
}

export function enrichmentLayout(p: LayoutParts, efficacy: boolean): ReplicateLayout {
  const { populations, labels, better, alpha } = p;
  const subs = populations.slice(1);
  const choices = selectionIds(populations, efficacy);
  const taken = choices.filter((x) => x !== 'none' && x !== 'efficacy');
  const pooled = p.stages === 2 ? 'both stages pooled' : 'all stages pooled';
  const test = p.combination === 'fisher'
    ? { statistic: "Fisher's combination -2 sum log p of the population's stage-wise p-values", sided: 'one' as const, adjusted: 'closed test of the Fisher combination p-values' }
    : { statistic: "inverse normal combination z of the population's stage-wise statistics", sided: 'one' as const, adjusted: 'closed test of stage-wise ordering p-values' };
  return {
    hypotheses: [
      ...populations.map((h, g) => ({ id: h, label: g === 0 ? 'Full population: treatment better than control (closed combination test)' : `Subpopulation ${labels[g]}: treatment better than control (closed combination test)`, family: 'populations', estimand: `effect:${h}`, better, oneSided: true, level: alpha, test })),
      ...(p.compareFixed ? [
        { id: 'fixed-F', label: 'A fixed full-population trial of the same size rejects H_F', family: 'fixed-full', estimand: 'effect:F', better, oneSided: true, level: alpha },
        ...subs.map((h, k) => ({ id: `fixed-${h}`, label: `A fixed trial enrolling only ${labels[k + 1]}, of the same size, rejects H_${h}`, family: 'fixed-enriched', estimand: `effect:${h}`, better, oneSided: true, level: alpha })),
      ] : []),
    ],
    estimates: populations.map((h, g) => ({ id: `effect:${h}`, label: g === 0 ? `Effect in the full population, naive (${pooled}, ignoring the selection)` : `Effect in ${labels[g]}, naive (${pooled}, ignoring the selection)`, scale: p.scale })),
    metrics: [
      ...choices.map((x) => ({ id: `selected:${x}`, label: selectionWords(x, p.stages === 2 ? 'the interim' : 'the first interim') })),
      { id: 'patients', label: 'Patients randomised', unit: 'patients' },
      ...subs.map((h, k) => ({ id: `patients:${h}`, label: `Patients in ${labels[k + 1]}`, unit: 'patients' })),
      { id: 'patients:R', label: subs.length === 1 ? `Patients outside ${labels[1]}` : 'Patients outside every subpopulation', unit: 'patients' },
      { id: 'screened', label: 'Patients screened (including those turned away by quotas or enrichment)', unit: 'patients' },
      // Joint counts for the selection tree: rejected after each choice at the first interim (share of all trials).
      ...taken.flatMap((x) => populations.map((h) => ({ id: `rejected-${h}:${x}`, label: `${h} rejected after going on in ${selectionPhrase(x)} (share of all trials)` }))),
      ...(p.perStage ? stageMetrics(populations, p.stages) : []),
    ],
    warnings: enrichmentWarnings.warnings,
  };
}

/** The trial's course by stage: populations still in, stops at each interim, first rejections, patients per stage. */
function stageMetrics(populations: readonly string[], K: number) {
  const stages = Array.from({ length: K }, (_, k) => k + 1);
  return [
    { id: 'stages', label: 'Stages run', unit: 'stages' },
    ...stages.slice(1).flatMap((k) => populations.map((h) => ({ id: `in:${h}:stage${k}`, label: `${h} still in at stage ${k} (share of trials)` }))),
    ...stages.slice(0, -1).flatMap((k) => [
      { id: `stop-efficacy:stage${k}`, label: `Stopped for efficacy at stage ${k} (share of trials)` },
      { id: `stop-futility:stage${k}`, label: `Stopped at the interim after stage ${k}: futility or nothing selected (share of trials)` },
    ]),
    ...stages.flatMap((k) => populations.map((h) => ({ id: `rejected:${h}:stage${k}`, label: `${h} first rejected at stage ${k} (share of trials)` }))),
    ...stages.map((k) => ({ id: `patients:stage${k}`, label: `Patients randomised at stage ${k}`, unit: 'patients' })),
  ];
}
