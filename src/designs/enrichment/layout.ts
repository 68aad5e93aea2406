/**
 * What each replicate of an enrichment trial reports: whether H_F and H_S
 * were rejected by the closed combination test, the naive final estimates
 * in F and S (pooled over the stages, ignoring the selection), what was
 * selected at the interim, and the patients in each stratum.
 */
import type { ReplicateLayout } from '../types.js';
import { namedWarnings } from '../types.js';

export const SELECTIONS = ['both', 'F', 'S', 'none'] as const;
export type Selected = (typeof SELECTIONS)[number];

export const enrichmentWarnings = namedWarnings({
  empty: { id: 'empty-cell', label: 'A stage had an arm with no patient in a population: its test could not be done (no rejection)' },
});

export function enrichmentLayout(scale: string, alpha: number, better: 'higher' | 'lower', subgroup: string, compareFixed: boolean): ReplicateLayout {
  return {
    hypotheses: [
      { id: 'F', label: 'Full population: treatment better than control (closed combination test)', family: 'populations', estimand: 'effect:F', better, level: alpha },
      { id: 'S', label: `Subpopulation ${subgroup}: treatment better than control (closed combination test)`, family: 'populations', estimand: 'effect:S', better, level: alpha },
      ...(compareFixed ? [
        { id: 'fixed-F', label: 'A fixed full-population trial of the same size rejects H_F', family: 'fixed-full', estimand: 'effect:F', better, level: alpha },
        { id: 'fixed-S', label: `A fixed trial enrolling only ${subgroup}, of the same size, rejects H_S`, family: 'fixed-enriched', estimand: 'effect:S', better, level: alpha },
      ] : []),
    ],
    estimates: [
      { id: 'effect:F', label: 'Effect in the full population, naive (both stages pooled, ignoring the selection)', scale },
      { id: 'effect:S', label: `Effect in ${subgroup}, naive (both stages pooled, ignoring the selection)`, scale },
    ],
    metrics: [
      ...SELECTIONS.map((x) => ({ id: `selected:${x}`, label: x === 'none' ? 'Stopped at the interim for futility (share of trials)' : `Went on in ${x === 'both' ? 'F and S' : `${x} only`} (share of trials)` })),
      { id: 'patients', label: 'Patients randomised', unit: 'patients' },
      { id: 'patients:S', label: `Patients in ${subgroup}`, unit: 'patients' },
      { id: 'patients:R', label: `Patients outside ${subgroup}`, unit: 'patients' },
      { id: 'screened', label: 'Patients screened (including those turned away by quotas or enrichment)', unit: 'patients' },
      // Joint counts for the selection tree: rejected after each selection (share of all trials).
      ...SELECTIONS.filter((x) => x !== 'none').flatMap((x) => (['F', 'S'] as const).map((h) => ({ id: `rejected-${h}:${x}`, label: `${h} rejected after going on in ${x === 'both' ? 'F and S' : `${x} only`} (share of all trials)` }))),
    ],
    warnings: enrichmentWarnings.warnings,
  };
}
