/**
 * The decision section's cost-effectiveness plane (src/report/decision.ts):
 * from the recorded golden summary of the companion-diagnostic scenario,
 * one point per strategy at its true effect and cost, and the frontier line
 * through exactly the strategies the summary marks as on the frontier, in
 * order of effect.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { decisionHtml } from '../../src/report/decision.js';
import { readSummary, type ReportSummary } from '../../src/run/summary-schema.js';

const recorded: unknown = JSON.parse(readFileSync(new URL('../golden/summaries/decisions--companion-diagnostic.json', import.meta.url), 'utf8')).summary;
const summary = readSummary(recorded);
const strategies = summary.decision?.type === 'companion-diagnostic' ? summary.decision.strategies : [];

describe('cost-effectiveness plane', () => {
  const html = decisionHtml(summary)!;
  const chart = html.slice(html.indexOf('data-chart="frontier"'));

  it('is drawn with a title, both axes named and every strategy in the legend with its status', () => {
    expect(html).toContain('Cost-effectiveness plane: strategies and the efficiency frontier');
    expect(chart).toContain('Expected health effect per patient');
    expect(chart).toContain('Expected cost per patient');
    for (const x of strategies) expect(chart).toContain(`${x.id} (${x.status})`);
  });

  it('joins the frontier strategies, and only them, in order of effect', () => {
    const line = (sum: ReportSummary) => {
      const h = decisionHtml(sum)!;
      const d = /<path class="mark line" d="([^"]*)"/.exec(h.slice(h.indexOf('data-chart="frontier"')))![1];
      return [...d.matchAll(/[ML]([\d.]+),([\d.]+)/g)].map((m) => Number(m[1]));
    };
    // the recorded strategies are all on the frontier: three vertices, left to right
    expect(strategies.map((x) => x.status)).toEqual(['frontier', 'frontier', 'frontier']);
    const all = line(summary);
    expect(all).toHaveLength(3);
    expect(all).toEqual([...all].sort((a, b) => a - b));
    // mark one extendedly dominated: the line skips it
    const edited = structuredClone(recorded) as { decision: { strategies: { id: string; status: string }[] } };
    edited.decision.strategies.find((x) => x.id === 'test-and-treat')!.status = 'extendedly dominated';
    const two = line(readSummary(edited));
    expect(two).toEqual([all[0], all[2]]);
    expect(decisionHtml(readSummary(edited))).toContain('test-and-treat (extendedly dominated)');
  });
});
