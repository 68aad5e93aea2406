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
import type { Summary } from '../../src/summary/summarise.js';
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

/** Design-specific sections as the umbrella, basket and sequential designs describe them. */
/** The summary with every design's own sections, labelled as a run of `design` (whose sections the report draws). */
export function withDesignSections(s: Summary, design = s.scenario.design): Summary {
  return {
    ...s,
    scenario: { ...s.scenario, design },
    screening: { screened: 1000, screenFailures: 80, notMatched: 320, enrolled: 600, enrolledBySubstudy: { egfr: 260, alk: 140, pdl1: 200 } },
    baskets: [
      { basket: 'lung', truth: 0.35, methods: { independent: { mean: 0.36, lower: 0.2, upper: 0.52 }, hierarchical: { mean: 0.31, lower: 0.2, upper: 0.43 }, exnex: { mean: 0.33, lower: 0.21, upper: 0.46 } } },
      { basket: 'colon', truth: 0.15, methods: { independent: { mean: 0.15, lower: 0.05, upper: 0.3 }, hierarchical: { mean: 0.22, lower: 0.12, upper: 0.33 }, exnex: { mean: 0.18, lower: 0.08, upper: 0.31 } } },
      { basket: 'breast', truth: 0.3, methods: { independent: { mean: 0.3, lower: 0.16, upper: 0.46 }, hierarchical: { mean: 0.29, lower: 0.19, upper: 0.4 }, exnex: { mean: 0.3, lower: 0.18, upper: 0.42 } } },
    ],
    flow: [
      { level: 'Level 1: citalopram', entered: 1000, remitted: 330, droppedOut: 180, movedOn: 490 },
      { level: 'Level 2: switch or augment', entered: 490, remitted: 150, droppedOut: 110, movedOn: 230 },
      { level: 'Level 3', entered: 230, remitted: 35, droppedOut: 60, movedOn: 135 },
      { level: 'Level 4', entered: 135, remitted: 18, droppedOut: 40, movedOn: 0 },
    ],
  };
}

/** The shipped platform example, small: four arms entering at staggered times. */
export function platformScenario(replicates = 200) {
  return scenarioFile('scenarios/platform/four-arms-staggered.yaml', { replicates });
}

export async function sampleReports(): Promise<SampleReport[]> {
  const base = (await simulate(cancellationScenario(), { workers: 0 })).summary;
  const platform = (await simulate(platformScenario(), { workers: 0 })).summary;
  const noncompliance = (await simulate(scenarioFile('scenarios/noncompliance/selection-on-gains.yaml', { replicates: 200 }), { workers: 0 })).summary;
  const crossover = (await simulate(scenarioFile('scenarios/noncompliance/crossover-survival.yaml', { replicates: 50 }), { workers: 0 })).summary;
  const enrichment = (await simulate(scenarioFile('scenarios/enrichment/biomarker-subgroup.yaml', { replicates: 400 }), { workers: 0 })).summary;
  const prevention = (await simulate(scenarioFile('scenarios/decisions/prevention-skewed-risk.yaml', { replicates: 100 }), { workers: 0 })).summary;
  const equity = (await simulate(scenarioFile('scenarios/decisions/equity-digital-licences.yaml', { replicates: 100 }), { workers: 0 })).summary;
  const run = withDesignSections(base, 'umbrella');
  const compared = await runCompare([binaryScenario(0.3, 0.5, 160, 400), binaryScenario(0.3, 0.5, 200, 400)], { workers: 0 });
  const swept = await runSweep(binaryScenario(0.3, 0.5, 100, 200), [
    { key: 'design.sampleSize', values: [80, 120, 160, 200, 240] },
    { key: 'arms.drug.effect', values: [0.6, 0.85] },
  ], { workers: 0 });
  const solved = await runSolve(binaryScenario(0.3, 0.5, 100, 1000), { key: 'design.sampleSize', target: 0.8, range: [40, 800], workers: 0 });
  return [
    // The cancellation scenario tests at alpha 0.05 (two-sided) and its overall effect is null.
    { file: 'run.html', html: runReportHtml(run), charts: ['power', 'forest', 'cancellation', 'screening', 'screening-substudies'], alpha: 0.05 },
    { file: 'run-basket.html', html: runReportHtml(withDesignSections(base, 'basket')), charts: ['power', 'forest', 'cancellation', 'baskets'] },
    { file: 'run-sequential.html', html: runReportHtml(withDesignSections(base, 'sequential')), charts: ['power', 'forest', 'cancellation', 'flow'] },
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
