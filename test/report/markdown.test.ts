/**
 * The Markdown summary for a protocol or SAP: the scenario, design,
 * replicates and seed, a table of operating characteristics with MCSEs, and
 * the cancellation statements, as GitHub pipe tables.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { simulate } from '../../src/run/simulate.js';
import { runCompare } from '../../src/compare/compare.js';
import { summaryMarkdown, compareMarkdown } from '../../src/report/markdown.js';
import { readWrittenSummary, type ReportSummary } from '../../src/run/summary-schema.js';
import { binaryScenario, cancellationScenario } from './sample-reports.js';

let summary: ReportSummary;
beforeAll(async () => {
  summary = readWrittenSummary((await simulate(cancellationScenario(200, 100), { workers: 0 })).summary);
});

describe('summary markdown', () => {
  it('names the scenario, design, replicates and seed', () => {
    const md = summaryMarkdown(summary);
    expect(md).toMatch(/^## Predictive biomarker that cancels on average\n/);
    expect(md).toContain('two-arm design: 100 simulated trials, seed 2026');
  });

  it('has one table row per hypothesis with its rate, MCSE and interval', () => {
    const md = summaryMarkdown(summary);
    const h = summary.hypotheses[1];
    const row = md.split('\n').find((l) => l.includes(`\`${h.id.replace('|', '\\|')}\``))!;
    expect(row).toContain(`| ${(100 * h.rate).toFixed(1)}% | ${(100 * h.mcse).toFixed(2)}% | ${(100 * h.ci95[0]).toFixed(1)}% – ${(100 * h.ci95[1]).toFixed(1)}% |`);
    const table = md.split('### Power and type I error')[1].split('###')[0].trim().split('\n');
    expect(table).toHaveLength(2 + summary.hypotheses.length);
    expect(table[1]).toBe('|:---|---:|:---|---:|---:|---:|');
  });

  it('states the cancellation on the risk-difference scale only', () => {
    const md = summaryMarkdown(summary);
    const statements = md.split('### Cancellation of averaged effects')[1].split('###')[0].trim().split('\n');
    expect(statements).toHaveLength(2);
    expect(statements[0]).toMatch(/^- drug-vs-control: the average effect \(risk difference/);
  });

  it('escapes pipes inside cells', () => {
    expect(summaryMarkdown(summary)).toContain('drug-vs-control\\|mplus=0');
  });
});

describe('compare markdown', () => {
  it('gives each design, each rate, and each difference with both SEs', async () => {
    const c = await runCompare([binaryScenario(0.3, 0.5, 100, 200), binaryScenario(0.3, 0.5, 140, 200)], { workers: 0 });
    const md = compareMarkdown(c);
    const d = c.hypotheses[0].differences[1]!;
    expect(md).toContain(`${(100 * d.difference).toFixed(2)}% (${(100 * d.pairedSe).toFixed(2)}%; ${(100 * d.independentSe).toFixed(2)}%)`);
    expect(md).toContain('| B | Two proportions 0.3 vs 0.5 | two-arm | yes |');
    expect(md).toContain('| expected sample size (patients) | 100.0 | 140.0 | 40.00 (0.00) |');
  });
});
