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
import { writeEstimateOf } from '../types.js';
import type { RandomSource, ReplicateStreams } from '../../random/stream.js';
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

export function planMendelian(s: MendelianScenario): SimulationPlan {
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

  return { layout, simulate };

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
      // Observational: the outcome's regression on the exposure (t on n - 2 df).
      observational.slope(0, observed.b, observed.s);
      return { estimate: observed.b[0], se: observed.s[0], df: observational.n - 2 };
    }
  }

  /** Estimate k with its interval, and the two-sided test of zero at alpha. */
  function record(out: ReplicateRecord, k: number, r: MrEstimate): void {
    if (!Number.isFinite(r.estimate) || !(r.se > 0)) { writeEstimateOf(out, k, NaN, NaN, NaN, NaN); return; }
    const q = Number.isFinite(r.df) ? tQuantile(0.975, r.df) : z975;
    writeEstimateOf(out, k, r.estimate, r.se, r.estimate - q * r.se, r.estimate + q * r.se);
    const t = Math.abs(r.estimate / r.se);
    const p = 2 * (Number.isFinite(r.df) ? tCdf(-t, r.df) : normalCdf(-t));
    out.rejected[k] = p <= d.alpha ? 1 : 0;
  }
}
