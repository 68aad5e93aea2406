/**
 * One Mendelian randomisation study. Each person: a standard normal
 * confounder U, allele counts G_k ~ Binomial(2, f_k) (two uniform draws),
 * exposure X = Σ γ_k G_k + c_X U + σ_X ε, outcome Y = β X + Σ θ_k G_k +
 * c_Y U + σ_Y ε' (patients stream). The variant-exposure associations come
 * from the first sample, the variant-outcome ones from the second (or the
 * same people with one sample), each a simple linear regression on the
 * allele count; then the summary-data estimators, the weighted median's
 * bootstrap drawing from the analysis stream.
 */
import type { SimulationPlan, ReplicateRecord } from '../types.js';
import { ObservedReader, type ObservedTable } from '../../scenario/observed.js';
import { ReplicateStreams } from '../../random/stream.js';
import { writeEstimateOf, writeTest } from '../types.js';
import type { RandomSource } from '../../random/stream.js';
import { normalSampler } from '../../random/samplers.js';
import { normalQuantile, normalCdf, tCdf, tQuantile } from '../../stats/distributions.js';
import { ivw, egger, weightedMedian, type AssociationData, type MrEstimate } from '../../stats/mendelian-randomisation.js';
import type { MendelianScenario, MrEstimator } from './schema.js';
import { mendelianLayout } from './layout.js';

/** Running simple regressions of one response on each variant's allele count (co-moments, Welford). */
class Regressions {
  n = 0; meanY = 0; m2Y = 0;
  readonly meanG: Float64Array; readonly m2G: Float64Array; readonly co: Float64Array;
  constructor(readonly k: number) { this.meanG = new Float64Array(k); this.m2G = new Float64Array(k); this.co = new Float64Array(k); }
  clear(): void { this.n = 0; this.meanY = 0; this.m2Y = 0; this.meanG.fill(0); this.m2G.fill(0); this.co.fill(0); }
  add(g: Float64Array, y: number): void {
    const n = ++this.n;
    const dy = y - this.meanY;
    this.meanY += dy / n;
    this.m2Y += dy * (y - this.meanY);
    for (let j = 0; j < this.k; j++) {
      const dg = g[j] - this.meanG[j];
      this.meanG[j] += dg / n;
      this.m2G[j] += dg * (g[j] - this.meanG[j]);
      this.co[j] += dg * (y - this.meanY);
    }
  }
  /** Slope and standard error of the response on variant j, written into slot j of b and s. */
  slope(j: number, b: Float64Array, s: Float64Array): void {
    const slope = this.co[j] / this.m2G[j];
    const residual = (this.m2Y - slope * this.co[j]) / (this.n - 2);
    b[j] = slope; s[j] = Math.sqrt(residual / this.m2G[j]);
  }
}

/** Which association a person's data enter: the variant-exposure one, the variant-outcome one, or both (one sample). */
export type MrSample = 'exposure' | 'outcome' | 'both';
const SAMPLES: readonly MrSample[] = ['exposure', 'outcome', 'both'];

/** A simulated person, as `trialsim export` writes them. */
export type PersonSink = (sample: MrSample, g: Float64Array, confounder: number, exposure: number, outcome: number) => void;

export type MendelianPlan = SimulationPlan & { analyseObserved(table: ObservedTable, out: ReplicateRecord): Record<string, unknown> };

/**
 * @param onPerson receives every simulated person (the export); the analysis
 *   of observed data reads them back in the same order, so an exported
 *   replicate gives its simulated row again.
 */
export function planMendelian(s: MendelianScenario, onPerson?: PersonSink): MendelianPlan {
  const d = s.design;
  const K = d.variants.length;
  const layout = mendelianLayout(d.estimators, d.alpha, d.variants.some((v) => v.pleiotropy !== 0));
  const gamma = Float64Array.from(d.variants, (v) => v.exposure), theta = Float64Array.from(d.variants, (v) => v.pleiotropy);
  const freq = Float64Array.from(d.variants, (v) => v.frequency);
  const g = new Float64Array(K);
  const onExposure = new Regressions(K), onOutcome = new Regressions(K);
  // The observational regression of outcome on exposure, in the outcome sample.
  const observational = new Regressions(1);
  const xOnly = new Float64Array(1);
  const observed = { b: new Float64Array(1), s: new Float64Array(1) };
  const data: AssociationData = { k: K, bx: new Float64Array(K), sx: new Float64Array(K), by: new Float64Array(K), sy: new Float64Array(K) };
  let current: RandomSource = () => 0, analysis: RandomSource = () => 0;
  const source: RandomSource = () => current();
  const normal = normalSampler(source);
  const bootNormal = normalSampler(() => analysis());
  const z975 = -normalQuantile(0.025);

  return { layout, simulate, analyseObserved };

  function person(sampleX: boolean, sampleY: boolean): void {
    const u = normal();
    let x = d.confounder.exposure * u + d.exposureSd * normal();
    let direct = 0;
    for (let j = 0; j < K; j++) {
      g[j] = (source() < freq[j] ? 1 : 0) + (source() < freq[j] ? 1 : 0);
      x += gamma[j] * g[j];
      direct += theta[j] * g[j];
    }
    const y = d.effect * x + direct + d.confounder.outcome * u + d.outcomeSd * normal();
    enter(sampleX, sampleY, x, y);
    onPerson?.(sampleX && sampleY ? 'both' : sampleX ? 'exposure' : 'outcome', g, u, x, y);
  }

  /** One person's allele counts (in g) and measurements into the associations they belong to. */
  function enter(sampleX: boolean, sampleY: boolean, x: number, y: number): void {
    if (sampleX) onExposure.add(g, x);
    if (sampleY) { onOutcome.add(g, y); xOnly[0] = x; observational.add(xOnly, y); }
  }

  function simulate(streams: ReplicateStreams, out: ReplicateRecord): void {
    current = streams.patients; analysis = streams.analysis;
    normal.reset(); bootNormal.reset();
    onExposure.clear(); onOutcome.clear(); observational.clear();
    out.rejected.fill(0); out.metric.fill(0);
    const two = d.samples === 'two';
    for (let i = 0; i < d.sampleSize; i++) person(true, !two);
    if (two) for (let i = 0; i < d.sampleSize; i++) person(false, true);
    for (let j = 0; j < K; j++) {
      onExposure.slope(j, data.bx, data.sx);
      onOutcome.slope(j, data.by, data.sy);
    }
    conclude(out, true);
  }

  /**
   * The mean F and every estimator from the associations in `data` (the
   * observational regression from the outcome sample, when it was seen).
   */
  function conclude(out: ReplicateRecord, individual: boolean): void {
    // A variant no sampled person carries has no slope and no F: it adds 0 (no strength), keeping the mean finite.
    let fSum = 0;
    for (let j = 0; j < K; j++) { const f = (data.bx[j] / data.sx[j]) ** 2; if (Number.isFinite(f)) fSum += f; }
    out.metric[0] = fSum / K;
    let slot = 0;
    for (const e of d.estimators) {
      if (e === 'egger') {
        const r = egger(data);
        record(out, slot++, r);
        record(out, slot++, { estimate: r.intercept, se: r.interceptSe, df: r.df });
        continue;
      }
      record(out, slot++, estimate(e));
    }
    function estimate(e: Exclude<MrEstimator, 'egger'>): MrEstimate {
      if (e === 'ivw') return ivw(data);
      if (e === 'weighted-median') return weightedMedian(data, d.bootstraps, bootNormal);
      if (!individual) return { estimate: NaN, se: NaN, df: NaN };
      // Observational: the outcome's regression on the exposure (t on n - 2 df).
      observational.slope(0, observed.b, observed.s);
      return { estimate: observed.b[0], se: observed.s[0], df: observational.n - 2 };
    }
  }

  /**
   * An observed study: either people as `trialsim export` writes them
   * (sample, g_<variant> allele counts, exposure, outcome; the associations
   * built in the same order as simulated) or summary statistics per variant
   * (variant, beta_exposure, se_exposure, beta_outcome, se_outcome: the
   * two-sample summary-data form of published GWAS, without which the
   * observational regression is missing). The weighted median's bootstrap
   * draws from the analysis stream of replicate 1 of the scenario's seed.
   */
  function analyseObserved(table: ObservedTable, out: ReplicateRecord): Record<string, unknown> {
    const r = new ObservedReader(table);
    current = () => 0; analysis = new ReplicateStreams(s.seed, 1).analysis;
    normal.reset(); bootNormal.reset();
    onExposure.clear(); onOutcome.clear(); observational.clear();
    out.rejected.fill(0); out.metric.fill(0);
    const summary = table.columns.includes('beta_exposure');
    if (summary) readSummaryStatistics(r, table); else readPeople(r, table);
    r.done();
    conclude(out, !summary);
    return summary ? { form: 'summary statistics', variants: K, omitted: ['observational'] } : { form: 'individual data', exposureSample: onExposure.n, outcomeSample: onOutcome.n };
  }

  function readSummaryStatistics(r: ObservedReader, table: ObservedTable): void {
    const ids = d.variants.map((v) => v.id);
    const col = {
      variant: r.column('variant', `the variant: ${ids.join(', ')}`),
      bx: r.column('beta_exposure', 'the variant-exposure association (per allele)'), sx: r.column('se_exposure', 'its standard error'),
      by: r.column('beta_outcome', 'the variant-outcome association (per allele)'), sy: r.column('se_outcome', 'its standard error'),
    };
    const seen = new Set<number>();
    for (let i = 0; i < table.rows.length && r.ok; i++) {
      const j = r.level(i, col.variant, ids, 'a variant of the design');
      if (j < 0) continue;
      if (seen.has(j)) r.problem(i, col.variant, `variant "${ids[j]}" appears twice`);
      seen.add(j);
      data.bx[j] = r.number(i, col.bx); data.sx[j] = r.number(i, col.sx); data.by[j] = r.number(i, col.by); data.sy[j] = r.number(i, col.sy);
      if (!(data.sx[j] > 0)) r.problem(i, col.sx, `expected a standard error above 0, found ${table.rows[i][col.sx]}`);
      if (!(data.sy[j] > 0)) r.problem(i, col.sy, `expected a standard error above 0, found ${table.rows[i][col.sy]}`);
    }
    if (r.ok && seen.size !== K) r.note(`expected one row per variant of the design (${ids.join(', ')}), missing ${ids.filter((_, j) => !seen.has(j)).join(', ')}`);
  }

  function readPeople(r: ObservedReader, table: ObservedTable): void {
    const col = {
      sample: r.column('sample', 'which association the person enters: exposure, outcome or both'),
      g: d.variants.map((v) => r.column(`g_${v.id}`, `allele count of ${v.id} (0, 1 or 2)`)),
      x: r.column('exposure', 'the measured exposure'), y: r.column('outcome', 'the measured outcome'),
    };
    for (let i = 0; i < table.rows.length && r.ok; i++) {
      const which = SAMPLES[r.level(i, col.sample, SAMPLES, 'a sample')];
      for (let j = 0; j < K; j++) g[j] = r.integer(i, col.g[j], 0, 2);
      const x = which === 'exposure' || which === 'both' || d.estimators.includes('observational') ? r.number(i, col.x) : NaN;
      const y = which === 'outcome' || which === 'both' ? r.number(i, col.y) : NaN;
      if (r.ok) enter(which !== 'outcome', which !== 'exposure', x, y);
    }
    if (r.ok && (onExposure.n < 3 || onOutcome.n < 3)) r.note(`expected at least 3 people in each association, found ${onExposure.n} with the exposure and ${onOutcome.n} with the outcome`);
    if (r.ok) for (let j = 0; j < K; j++) { onExposure.slope(j, data.bx, data.sx); onOutcome.slope(j, data.by, data.sy); }
  }

  /** Estimate k with its interval, and the two-sided test of zero at alpha. */
  function record(out: ReplicateRecord, k: number, r: MrEstimate): void {
    if (!Number.isFinite(r.estimate) || !(r.se > 0)) { writeEstimateOf(out, k, NaN, NaN, NaN, NaN); return; }
    const q = Number.isFinite(r.df) ? tQuantile(0.975, r.df) : z975;
    writeEstimateOf(out, k, r.estimate, r.se, r.estimate - q * r.se, r.estimate + q * r.se);
    const t = r.estimate / r.se;
    const p = 2 * (Number.isFinite(r.df) ? tCdf(-Math.abs(t), r.df) : normalCdf(-Math.abs(t)));
    out.rejected[k] = p <= d.alpha ? 1 : 0;
    writeTest(out, k, t, p, NaN, 1);
  }
}
