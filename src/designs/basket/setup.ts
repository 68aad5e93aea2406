/**
 * What the basket design needs to know about a scenario, resolved once: each
 * basket's size, null and target rates, true rates (given, or from the
 * population model), accrual and control arm; each analysis' name, its
 * Simon stages or interim sizes; and how many patients each basket must
 * draw so that every analysis sees the same patients (common random
 * numbers across analyses: an analysis that enrols fewer patients sees the
 * first ones).
 */
import type { BasketScenario, BasketDesignSpec, BasketAnalysisSpec } from './schema.js';
import type { RunStreams } from '../../random/stream.js';
import { analysisId } from './check.js';
import type { TrueValue } from '../types.js';
import type { SimonDesign } from '../../stats/basket/index.js';
import { findSimonDesign } from './simon-designs.js';
import { populationRates } from './population.js';
import type { SharedHash } from './shared-hash.js';
import type { SharedBasketTables } from '../../stats/basket/basket-tables.js';

/** A posterior table shared by every worker thread (made by shared-table.ts). */
export interface SharedTable {
  /** One Int32 flag per slot: 1 when filled. */
  ready: SharedArrayBuffer;
  /** ENTRY x K doubles per slot. */
  values: SharedArrayBuffer;
}

export interface BasketInfo {
  id: string;
  label: string;
  /** Planned drug patients. */
  n: number;
  p0: number;
  p1?: number;
  /** True drug response rate (Monte Carlo error when derived from the population). */
  rate: TrueValue;
  accrualPerMonth?: number;
  control?: { n: number; rate: TrueValue };
  /** Whether H0: rate <= p0 holds (a rate within 4 Monte Carlo SEs of p0 counts as p0). */
  isNull: boolean;
  /** Drug patients drawn per replicate: the most any analysis enrols. */
  maxN: number;
}

export type BayesSpec = Extract<BasketAnalysisSpec, { method: 'hierarchical' | 'exnex' | 'fujikawa' }>;

/** The Bayesian analyses (a posterior fitted from every basket's counts). */
export const BAYESIAN_METHODS: ReadonlySet<string> = new Set<BayesSpec['method']>(['hierarchical', 'exnex', 'fujikawa']);

export interface AnalysisInfo {
  id: string;
  spec: BasketAnalysisSpec;
  /** Simon stages per basket (simon only). */
  simon?: SimonDesign[];
  /** Drug patients per basket at the interim (Bayesian analyses with an interim). */
  interimSizes?: Int32Array;
  /** Whether a basket can stop early (so per-basket sizes and early stops are reported). */
  staged: boolean;
  /** Bayesian analyses: a posterior table shared by every worker thread (shared-table.ts), when it fits its memory budget. */
  shared?: SharedTable;
  /** Bayesian analyses whose table would not fit: a posterior hash table shared by the threads instead (shared-hash.ts). */
  sharedHash?: SharedHash;
  /** Hierarchical and EXNEX analyses: their basket tables, built once per run and shared by the threads (stats/basket/basket-tables.ts). */
  tables?: SharedBasketTables;
}

export interface BasketSetup {
  design: BasketDesignSpec;
  baskets: BasketInfo[];
  analyses: AnalysisInfo[];
  fromPopulation: boolean;
  /** Share of the virtual population in each basket (population model only). */
  populationShare: number[] | null;
  randomised: boolean;
  hasAccrual: boolean;
}

/** Tolerance of "rate <= p0" for rates known to Monte Carlo error. */
function atMostNull(rate: TrueValue, p0: number): boolean {
  return rate.value - p0 <= Math.max(1e-9, 4 * rate.mcse);
}

function simonStages(d: BasketDesignSpec, a: Extract<BasketAnalysisSpec, { method: 'simon' }>, b: BasketDesignSpec['baskets'][number]): SimonDesign {
  if (typeof a.design === 'object') return a.design;
  const found = findSimonDesign({ p0: b.p0 ?? d.p0!, p1: b.p1 ?? d.p1!, alpha: a.alpha, power: a.power, maxN: a.maxN }, a.design);
  if (!found) throw new Error(`no Simon design for basket ${b.id} (the scenario checks should have said so)`);
  return { r1: found.r1, n1: found.n1, r: found.r, n: found.n };
}

/**
 * Drug patients per basket at an interim held when `fraction` of all
 * planned drug patients have enrolled. With accrual rates r_k the interim is
 * at the month t where sum_k min(n_k, r_k t) reaches that fraction, and
 * basket k has round(min(n_k, r_k t)) patients; without them every basket
 * has round(fraction n_k) (equal relative progress).
 */
export function interimSizes(baskets: readonly BasketInfo[], fraction: number): Int32Array {
  const total = baskets.reduce((a, b) => a + b.n, 0);
  if (baskets.some((b) => b.accrualPerMonth === undefined)) return Int32Array.from(baskets, (b) => Math.round(fraction * b.n));
  const enrolled = (t: number) => baskets.reduce((a, b) => a + Math.min(b.n, b.accrualPerMonth! * t), 0);
  let lo = 0;
  let hi = Math.max(...baskets.map((b) => b.n / b.accrualPerMonth!));
  for (let i = 0; i < 200; i++) {
    const mid = 0.5 * (lo + hi);
    if (enrolled(mid) < fraction * total) lo = mid;
    else hi = mid;
  }
  return Int32Array.from(baskets, (b) => Math.round(Math.min(b.n, b.accrualPerMonth! * hi)));
}

/**
 * The whole setup is plain data: it is the basket design's prepared data,
 * computed once in the main thread and sent to the workers.
 */
export function basketSetup(s: BasketScenario, streams: RunStreams): BasketSetup {
  const d = s.design;
  const fromPopulation = d.population !== undefined;
  const rates = fromPopulation ? populationRates(s, streams) : null;
  const baskets: BasketInfo[] = d.baskets.map((b, k) => {
    const rate = rates ? rates.drug[k] : { value: b.responseRate!, mcse: 0 };
    const p0 = b.p0 ?? d.p0!;
    return {
      id: b.id, label: b.label ?? b.id, n: b.sampleSize, p0, p1: b.p1 ?? d.p1, rate,
      accrualPerMonth: b.accrualPerMonth,
      control: b.control ? { n: b.control.sampleSize, rate: rates ? rates.control[k] : { value: b.control.responseRate!, mcse: 0 } } : undefined,
      isNull: atMostNull(rate, p0),
      maxN: b.sampleSize,
    };
  });
  const analyses: AnalysisInfo[] = d.analyses.map((a) => {
    const info: AnalysisInfo = { id: analysisId(a), spec: a, staged: false };
    if (a.method === 'simon') {
      info.simon = d.baskets.map((b) => simonStages(d, a, b));
      info.staged = true;
      info.simon.forEach((st, k) => (baskets[k].maxN = Math.max(baskets[k].maxN, st.n)));
    } else if ((a.method === 'hierarchical' || a.method === 'exnex' || a.method === 'fujikawa') && a.interim) {
      info.interimSizes = interimSizes(baskets, a.interim.fraction);
      info.staged = true;
    }
    return info;
  });
  return {
    design: d, baskets, analyses, fromPopulation, populationShare: rates?.share ?? null,
    randomised: baskets.some((b) => b.control),
    hasAccrual: baskets.every((b) => b.accrualPerMonth !== undefined),
  };
}
