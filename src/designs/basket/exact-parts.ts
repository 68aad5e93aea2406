/**
 * The basket design's exact computation (Design.exact): one part per
 * analysis, enumerating its outcomes (enumerate.ts) and writing its slots of
 * the record, and one part per randomised basket (drug and control
 * responders, Fisher's test and the risk difference). The parts' joint
 * distribution is not enumerated, so the family that spans analyses
 * ("family-wise") and the one spanning randomised baskets have no joint
 * patterns in an exact summary; each analysis' own family has them.
 */
import { EXACT_SHARES, type ExactComputation, type ExactPart, type ExactSlots } from '../types.js';
import type { BasketAnalyser } from './analysis.js';
import { binomialPmfVector } from '../../stats/basket/index.js';
import type { BasketScenario } from './schema.js';
import { BAYESIAN_METHODS, type BasketSetup } from './setup.js';
import { basketLayout, type AnalysisSlots, type BasketLayout } from './layout.js';
import { TrialData } from './patients.js';
import { buildAnalyser } from './trial.js';
import { enumerateAnalysis, outcomeCount } from './enumerate.js';
import { writeAnalysis, writeComparison } from './record.js';
import { comparator } from './comparison.js';

/** Memory for an exact computation's posterior cache: every distinct (sorted) count vector is fitted once. */
const EXACT_CACHE_BYTES = 512 * 1024 * 1024;

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

function analysisSlots(K: number, s: AnalysisSlots, efficacyStops: boolean): ExactSlots {
  return {
    hypotheses: [...range(s.hypotheses, K), ...[s.fwer, s.anySuccess].filter((h) => h >= 0)],
    estimates: range(s.estimates, K),
    metrics: [s.total, ...(s.perBasket >= 0 ? range(s.perBasket, 2 * K) : []), ...(efficacyStops ? range(s.efficacyStops, K) : []), ...(s.months >= 0 ? [s.months] : [])],
  };
}

function comparisonParts(setup: BasketSetup, layout: BasketLayout): ExactPart[] {
  if (!setup.randomised) return [];
  const data = new TrialData(setup);
  const compare = comparator(setup);
  return compare.result.baskets.map((k, j): ExactPart => {
    const b = setup.baskets[k];
    const drug = binomialPmfVector(b.n, b.rate.value);
    const control = binomialPmfVector(b.control!.n, b.control!.rate.value);
    return {
      label: `randomised basket ${b.id}`, size: drug.length * control.length,
      hypotheses: [layout.comparisonHypotheses + j], estimates: [layout.comparisonEstimates + j], metrics: [],
      enumerate(out, visit, wanted = () => true) {
        for (let y = 0; y < drug.length; y++) {
          // a share per drug count (the control counts of one drug count go together)
          const share = y % EXACT_SHARES;
          if (drug[y] === 0 || !wanted(share)) continue;
          data.cum[k][b.n] = y;
          for (let x = 0; x < control.length; x++) {
            if (control[x] === 0) continue;
            data.controlResponders[k] = x;
            compare.compare(data);
            writeComparison(compare.result, j, layout, out);
            visit(drug[y] * control[x], share);
          }
        }
      },
    };
  });
}

export function basketExact(_s: BasketScenario, setup: BasketSetup): ExactComputation {
  if (setup.fromPopulation) {
    return { unavailable: 'the response rates come from the population model (design.population), known only to Monte Carlo error; give each basket its responseRate for an exact computation' };
  }
  if ((setup.design.comparison.borrowing ?? []).length > 0) {
    return { unavailable: 'borrowing across randomised baskets (comparison.borrowing) couples every randomised basket\'s drug and control outcomes, too many to enumerate' };
  }
  const layout = basketLayout(setup);
  const K = setup.baskets.length;
  const data = new TrialData(setup);
  const rates = setup.baskets.map((b) => b.rate.value);
  const analyses = setup.analyses.map((info, j): ExactPart => {
    const slots = layout.analyses[j];
    let analyser: BasketAnalyser | undefined;
    return {
      label: `analysis ${info.id}`, size: outcomeCount(setup.baskets, info), split: BAYESIAN_METHODS.has(info.spec.method),
      ...analysisSlots(K, slots, slots.efficacyStops >= 0),
      enumerate(out, visit, wanted) {
        // built once per part: a thread of an exact run enumerates its shares in several calls, and keeps its fits
        analyser ??= buildAnalyser(setup, info, { cacheBytes: EXACT_CACHE_BYTES, exact: { truths: rates } });
        const fitted = analyser;
        enumerateAnalysis(setup.baskets, rates, fitted, data, (p, share) => {
          writeAnalysis(setup.baskets, fitted.result, slots, out);
          visit(p, share);
        }, wanted);
      },
    };
  });
  return { parts: [...analyses, ...comparisonParts(setup, layout)] };
}
