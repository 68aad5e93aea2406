/**
 * Reports built from small real runs, plus the design-specific summary
 * sections (screening funnel, basket shrinkage, flow through levels) in the
 * shapes their designs document, so every chart the report can draw is drawn.
 */
import { simulate } from '../../src/run/simulate.js';
import { runCompare } from '../../src/compare/compare.js';
import { runSweep } from '../../src/compare/sweep.js';
import { runSolve } from '../../src/compare/solve-run.js';
import { runReportHtml } from '../../src/report/html/run-report.js';
import { compareReportHtml } from '../../src/report/html/compare-report.js';
import { sweepReportHtml } from '../../src/report/html/sweep-report.js';
import { solveReportHtml } from '../../src/report/html/solve-report.js';
import { indexHtml } from '../../src/report/html/index-page.js';
import { logit } from '../../src/stats/distributions.js';
import { readWrittenSummary, type ReportSummary } from '../../src/run/summary-schema.js';
import { scenario, scenarioFile } from '../helpers/scenarios.js';

export interface SampleReport {
  file: string;
  html: string;
  /** data-chart names the page must show, each with at least one mark. */
  charts: string[];
  /** The design's own level (alpha) of hypotheses whose null holds, as the scenario states it: the power chart must draw its line there. */
  alpha?: number;
}

/** The flagship cancellation scenario, small: a binary endpoint with two subgroupings. */
export function cancellationScenario(sampleSize = 300, replicates = 400) {
  return scenario({
    name: 'Predictive biomarker that cancels on average', seed: 2026, replicates, truth: { patients: 20000 },
    population: {
      biomarkers: [
        { id: 'mplus', type: 'binary', prevalence: 0.5, label: 'marker positive' },
        { id: 'site', type: 'categorical', levels: { lung: 0.6, colon: 0.4 } },
      ],
    },
    endpoint: { type: 'binary', model: 'logit', intercept: 0 },
    arms: { control: {}, drug: { effect: -1.2, interactions: { mplus: 2.4 } } },
    design: {
      type: 'two-arm', sampleSize, randomisation: { method: 'permuted-block', blockSize: 4, strata: ['mplus'] },
      analysis: { primary: { test: 'z-pooled', alpha: 0.05, sided: 'two' }, subgroups: ['mplus', 'site'] },
    },
  });
}

export function binaryScenario(p0: number, p1: number, sampleSize: number, replicates: number, seed = 2026) {
  return scenario({
    name: `Two proportions ${p0} vs ${p1}`, seed, replicates, truth: { patients: 1000 },
    endpoint: { type: 'binary', intercept: logit(p0) },
    arms: { control: {}, drug: { effect: logit(p1) - logit(p0) } },
    design: { type: 'two-arm', sampleSize, randomisation: { method: 'permuted-block', blockSize: 4 }, analysis: { primary: { test: 'z-pooled', alpha: 0.05, sided: 'two' } } },
  });
}

/** A small basket trial of two baskets, analysed independently and pooled. */
export function basketScenario(replicates = 200) {
  return scenario({
    name: 'Two baskets', seed: 2026, replicates,
    design: { type: 'basket', p0: 0.2, baskets: [{ id: 'lung', sampleSize: 20, responseRate: 0.35 }, { id: 'colon', sampleSize: 20, responseRate: 0.2 }], analyses: [{ method: 'independent-exact' }, { method: 'pooled' }] },
  });
}

/** A small sequential (STAR*D-style) trial: four levels, one or two options each. */
export function sequentialScenario(replicates = 50) {
  const level = (id: string, options: string[], rate: number) => ({ id, options: options.map((o) => ({ id: o, treatment: o, remission: { rate } })) });
  return scenario({
    name: 'Four levels', seed: 17, replicates,
    design: {
      type: 'sequential', sampleSize: 400, treatments: { A: {}, B: {}, C: {}, D: {}, E: {}, F: {} },
      levels: [level('L1', ['A'], 0.37), level('L2', ['B', 'C'], 0.31), level('L3', ['D', 'E'], 0.14), level('L4', ['F'], 0.13)],
    },
  });
}

/** A run's summary as summary.json holds it, read through its schema as the reports read it. */
export async function readRun(loaded: Parameters<typeof simulate>[0]): Promise<ReportSummary> {
  return readWrittenSummary((await simulate(loaded, { workers: 0 })).summary);
}

/** The shipped platform example, small: four arms entering at staggered times. */
export function platformScenario(replicates = 200) {
  return scenarioFile('scenarios/platform/four-arms-staggered.yaml', { replicates });
}

export async function sampleReports(): Promise<SampleReport[]> {
  const run = await readRun(cancellationScenario());
  const umbrella = await readRun(scenarioFile('scenarios/flagship/umbrella-lung.yaml', { replicates: 100 }));
  const basket = await readRun(basketScenario());
  const sequential = await readRun(sequentialScenario());
  // The STAR*D flagship's long comparison names ("difference in IPW value, CIT>SER>MRT>TCP vs ...") test that labels are measured, not guessed.
  const stard = await readRun(scenarioFile('scenarios/flagship/stard-profiles.yaml', { replicates: 50 }));
  const platform = await readRun(platformScenario());
  const noncompliance = await readRun(scenarioFile('scenarios/noncompliance/selection-on-gains.yaml', { replicates: 200 }));
  const crossover = await readRun(scenarioFile('scenarios/noncompliance/crossover-survival.yaml', { replicates: 50 }));
  const enrichment = await readRun(scenarioFile('scenarios/enrichment/biomarker-subgroup.yaml', { replicates: 400 }));
  const prevention = await readRun(scenarioFile('scenarios/decisions/prevention-skewed-risk.yaml', { replicates: 100 }));
  const equity = await readRun(scenarioFile('scenarios/decisions/equity-digital-licences.yaml', { replicates: 100 }));
  const compared = await runCompare([binaryScenario(0.3, 0.5, 160, 400), binaryScenario(0.3, 0.5, 200, 400)], { workers: 0 });
  const swept = await runSweep(binaryScenario(0.3, 0.5, 100, 200), [
    { key: 'design.sampleSize', values: [80, 120, 160, 200, 240] },
    { key: 'arms.drug.effect', values: [0.6, 0.85] },
  ], { workers: 0 });
  const solved = await runSolve(binaryScenario(0.3, 0.5, 100, 1000), { key: 'design.sampleSize', target: 0.8, range: [40, 800], workers: 0 });
  return [
    // The cancellation scenario tests at alpha 0.05 (two-sided) and its overall effect is null.
    { file: 'run.html', html: runReportHtml(run), charts: ['power', 'forest', 'cancellation'], alpha: 0.05 },
    { file: 'run-umbrella.html', html: runReportHtml(umbrella), charts: ['power', 'forest', 'screening', 'screening-substudies'] },
    { file: 'run-basket.html', html: runReportHtml(basket), charts: ['power', 'forest', 'baskets'] },
    { file: 'run-sequential.html', html: runReportHtml(sequential), charts: ['forest', 'flow'] },
    { file: 'run-stard.html', html: runReportHtml(stard), charts: ['power', 'forest', 'cancellation', 'flow'] },
    { file: 'run-platform.html', html: runReportHtml(platform), charts: ['power', 'forest', 'platform-timeline'] },
    { file: 'run-noncompliance.html', html: runReportHtml(noncompliance), charts: ['power', 'forest', 'noncompliance-estimands'] },
    { file: 'run-crossover.html', html: runReportHtml(crossover), charts: ['power', 'forest', 'noncompliance-estimands'] },
    { file: 'run-enrichment.html', html: runReportHtml(enrichment), charts: ['power', 'forest', 'enrichment-selection'] },
    { file: 'run-prevention.html', html: runReportHtml(prevention), charts: ['power', 'forest', 'prevention'] },
    { file: 'run-equity.html', html: runReportHtml(equity), charts: ['power', 'forest', 'equity-tradeoff', 'equity-aversion'] },
    { file: 'compare.html', html: compareReportHtml(compared), charts: ['compare-power', 'compare-differences'] },
    { file: 'sweep.html', html: sweepReportHtml(swept), charts: ['power-curve'] },
    { file: 'solve.html', html: solveReportHtml(solved), charts: ['solve'] },
    { file: 'index.html', html: indexHtml([{ name: run.scenario.name, file: 'cancellation.yaml', link: 'run', summary: run }]), charts: [] },
  ];
}
