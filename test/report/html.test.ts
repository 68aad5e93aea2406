/**
 * The HTML reports as text: self-contained (no network, no external
 * scripts, styles or fonts), every chart named by `data-chart`, text
 * escaped, and each design's own sections drawn from its summary sections
 * as their schema reads them; a summary whose sections do not fit its
 * design is refused before any report is drawn.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { runReportHtml, runSections } from '../../src/report/html/run-report.js';
import { screeningChart } from '../../src/designs/umbrella/report.js';
import { flowLevels } from '../../src/designs/sequential/report.js';
import { basketRows } from '../../src/designs/basket/report.js';
import { umbrellaSections } from '../../src/designs/umbrella/sections.js';
import { sequentialSections } from '../../src/designs/sequential/sections.js';
import { basketSections } from '../../src/designs/basket/sections.js';
import { niceTicks } from '../../src/draw/svg.js';
import { simulate } from '../../src/run/simulate.js';
import { readWrittenSummary, type ReportSummary } from '../../src/run/summary-schema.js';
import { writeReport } from '../../src/report/write-report.js';
import type { Summary } from '../../src/summary/summarise.js';
import { scenarioFile } from '../helpers/scenarios.js';
import { tempDir } from '../helpers/cli.js';
import { designView } from '../helpers/summary.js';
import { basketScenario, cancellationScenario } from './sample-reports.js';

let simulated: Summary, summary: ReportSummary, umbrella: Summary;
beforeAll(async () => {
  simulated = (await simulate(cancellationScenario(200, 100), { workers: 0 })).summary;
  summary = readWrittenSummary(simulated);
  umbrella = (await simulate(scenarioFile('scenarios/flagship/umbrella-lung.yaml', { replicates: 50 }), { workers: 0 })).summary;
});

const charts = (html: string) => [...html.matchAll(/data-chart="([^"]+)"/g)].map((m) => m[1]);

describe('run report', () => {
  it('is one self-contained file: no external script, style, font, image or link target', () => {
    const html = runReportHtml(readWrittenSummary(umbrella));
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<script[^>]*src=|<link[^>]*href=|@import|url\(|<img|<iframe/i);
    // The only URL is the SVG namespace name, which is never fetched.
    expect([...html.matchAll(/https?:\/\/[^"'\s)]+/g)].map((m) => m[0]).filter((u) => u !== 'http://www.w3.org/2000/svg')).toEqual([]);
    expect(html).toMatch(/@media print/);
    // Its policy runs no script and loads nothing (defence beside the escaping); the browser test sees no violation.
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">`);
  });

  it("draws the standard charts, and the design's own sections after the power table", () => {
    expect(new Set(charts(runReportHtml(summary)))).toEqual(new Set(['power', 'forest', 'cancellation']));
    const read = readWrittenSummary(umbrella);
    expect(new Set(charts(runReportHtml(read)))).toEqual(new Set(['power', 'forest', 'screening', 'screening-substudies', 'ecdf-patients', 'ecdf-months']));
    expect(runSections(read).map((x) => x.title).slice(0, 3)).toEqual(['Power and type I error', 'Screening', 'Group-sequential looks']);
  });

  it('is refused, with the key path, for a summary whose sections do not fit its design', () => {
    expect(() => writeReport({ ...simulated, screening: { screened: 5 } }, tempDir())).toThrow(/\n {2}screening: unknown key \(not part of the summary format here/);
    expect(() => writeReport({ ...umbrella, screening: 5 }, tempDir())).toThrow(/\n {2}screening: expected a mapping, found 5/);
    expect(() => writeReport({ ...simulated, scenario: { ...simulated.scenario, design: 'no-such-design' } }, tempDir())).toThrow(/scenario\.design: expected one of two-arm, .*, found "no-such-design"/);
  });

  it('escapes text from the scenario', () => {
    const html = runReportHtml(readWrittenSummary({ ...simulated, scenario: { ...simulated.scenario, name: '<script>alert(1)</script> & "x"' } }));
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;');
  });
});

describe('design-specific sections', () => {
  it('screening shows the simulated means with their spread, and the planned figures labelled planned (issue 20, item 1)', () => {
    const view = designView(umbrella, umbrellaSections);
    const metric = (id: string, mean: number, sd: number) => ({ id, label: id, mean, sd, min: 0, max: 0 });
    const html = screeningChart({
      ...view,
      metrics: [metric('screened', 1020, 80), metric('enrolled', 300, 12), metric('enrolled:alk', 200, 10), metric('enrolled:egfr', 100, 9)],
      screening: { ...view.screening, screened: 1331, enrolledBySubstudy: { alk: 240, egfr: 120 } },
    })!;
    expect(html).toContain('Patients, simulated mean per trial');
    expect(html).toContain('1,020 ± 80 (100%)');
    expect(html).toContain('planned 1331.0 (fluid approximation)');
    expect(html).toContain('200 ± 10 (67%)');
    expect(html).not.toMatch(/\(expected\)/);
  });

  it('screening draws the funnel in patients: the steps in order, not the months beside them', () => {
    const html = screeningChart(designView(umbrella, umbrellaSections))!;
    const steps = [...html.slice(0, html.indexOf('data-chart="screening-substudies"')).matchAll(/class="row-label"[^>]*>([^<]+)</g)].map((m) => m[1]);
    expect(steps).toEqual(['screened', 'screen failures', 'not matched', 'turned away', 'enrolled']);
    expect(html).not.toMatch(/duration|screening months/);
  });

  it('the flow keeps the outcomes that partition each level, moving on last', async () => {
    const stard = (await simulate(scenarioFile('scenarios/flagship/stard.yaml', { replicates: 5 }), { workers: 0 })).summary;
    const view = designView(stard, sequentialSections);
    const level = { level: 'L1', startWeek: 0, endWeek: 12, entering: 100, remitting: 30, droppingOut: 10, notRemitting: 60, notRemittingIntolerant: 5, decliningNext: 20, movingOn: 40, endingWithoutRemission: 0, relapsing: 5, options: { A: 100 } };
    expect(flowLevels({ ...view, flow: { ...view.flow, levels: [level] } })).toEqual([{ name: 'L1', entered: 100, parts: [
      { key: 'remitting', value: 30 }, { key: 'droppingOut', value: 10 }, { key: 'decliningNext', value: 20 }, { key: 'endingWithoutRemission', value: 0 }, { key: 'movingOn', value: 40 },
    ] }]);
    // A rounded outcome that would overfill the bar is left out.
    expect(flowLevels({ ...view, flow: { ...view.flow, levels: [{ ...level, movingOn: 40.5 }] } })[0].parts.map((p) => p.key)).not.toContain('movingOn');
  });

  it('basket rows read each method\'s estimate by the id the section names, beside the true rate', async () => {
    const view = designView((await simulate(basketScenario(50), { workers: 0 })).summary, basketSections);
    const rows = basketRows(view);
    expect(rows.map((r) => [r.basket, r.truth, r.estimates.map((e) => e.method)])).toEqual([['lung', 0.35, ['independent-exact', 'pooled']], ['colon', 0.2, ['independent-exact', 'pooled']]]);
    const lung = view.estimates.find((e) => e.id === 'rate:pooled:lung')!;
    expect(rows[0].estimates[1].value).toBe(lung.mean);
    // A method whose estimate the summary lacks is not drawn.
    expect(basketRows({ ...view, estimates: view.estimates.filter((e) => e.id !== 'rate:pooled:lung') })[0].estimates.map((e) => e.method)).toEqual(['independent-exact']);
  });
});

describe('axes', () => {
  it('tick at steps of 1, 2 or 5 times a power of ten, with an exact zero', () => {
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(-0.015, 0.001, 4)).toEqual([-0.015, -0.01, -0.005, 0]);
    expect(niceTicks(83, 517, 5)).toEqual([100, 200, 300, 400, 500]);
  });
});

describe('ranges of single-trial estimates stay inside the parameter (issue 20, item 3)', async () => {
  const { parameterRange } = await import('../../src/report/html/forest.js');
  it('knows the limits of rates and risk differences, and no limits elsewhere', () => {
    expect(parameterRange('response rate')).toEqual([0, 1]);
    expect(parameterRange('risk difference')).toEqual([-1, 1]);
    expect(parameterRange('log odds ratio')).toEqual([-Infinity, Infinity]);
    expect(parameterRange('log rate ratio')).toEqual([-Infinity, Infinity]);
    expect(parameterRange('mean difference')).toEqual([-Infinity, Infinity]);
  });
});

describe('the cancellation panel of a null effect (issue 20, item 4)', async () => {
  const { cancellationCharts } = await import('../../src/report/html/cancellation-chart.js');
  it('is drawn on the meaningful range and says there is nothing to cancel', () => {
    const row = { comparison: 'drug-vs-control', subgrouping: 'mplus', scale: 'risk difference', average: 0.0002, subgroups: [{ level: '0', share: 0.5, effect: -0.0003 }, { level: '1', share: 0.5, effect: 0.0007 }], index: 0.4, oppositeSigns: true, statement: 'x' };
    const html = cancellationCharts({ cancellation: [row] })!;
    expect(html).toContain('no subgroup effect: nothing to cancel');
    // The axis reaches at least 5 percentage points on each side, not the noise's 0.0007.
    expect(html).toMatch(/>-0\.05</);
  });
});

describe('summary.md states the assumptions (issue 20, item 10)', async () => {
  const { assumptionsMarkdown, summaryMarkdown } = await import('../../src/report/markdown.js');
  it('lists every setting of the scenario with the run\'s replicates, seed and version', () => {
    const spec = { name: 'x', seed: 3, replicates: 100, population: { biomarkers: [{ id: 'm', type: 'binary', prevalence: 0.4 }], correlations: [] }, design: { type: 'two-arm', sampleSize: 300, analysis: { primary: { alpha: 0.05 } } } };
    const md = assumptionsMarkdown(spec, summary)!;
    expect(md).toContain('| `population.biomarkers[0].prevalence` | 0.4 |');
    expect(md).toContain('| `population.correlations` | none |');
    expect(md).toContain('| `design.analysis.primary.alpha` | 0.05 |');
    expect(md).toMatch(/\| `computed as` \| \d+ simulated trials, seed \d+ \|/);
    expect(summaryMarkdown(summary, spec).split('\n')[2]).toBe('### Assumptions');
    expect(summaryMarkdown(summary)).not.toContain('### Assumptions');
  });
});
