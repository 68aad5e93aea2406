/**
 * Comparison rows: hypotheses and metrics matched by id across designs,
 * kept (with null) where only some designs have them; headline quantities
 * found among the metrics by convention.
 */
import { describe, it, expect } from 'vitest';
import { runCompare, patientSections } from '../../src/compare/compare.js';
import { keyQuantities } from '../../src/compare/quantities.js';
import { binaryScenario, cancellationScenario } from '../report/sample-reports.js';

describe('compare', () => {
  it('matches hypotheses by id and keeps those only one design has', async () => {
    const c = await runCompare([cancellationScenario(300, 100), binaryScenario(0.5, 0.5, 200, 100)], { workers: 0 });
    expect(c.hypotheses.map((h) => h.id)).toEqual([
      'drug-vs-control', 'drug-vs-control|mplus=0', 'drug-vs-control|mplus=1', 'drug-vs-control|interaction:mplus',
      'drug-vs-control|site=lung', 'drug-vs-control|site=colon', 'drug-vs-control|interaction:site',
    ]);
    const overall = c.hypotheses[0];
    expect(overall.results.every((r) => r !== null)).toBe(true);
    expect(overall.differences[0]).toBeNull();
    expect(overall.differences[1]).not.toBeNull();
    const subgroup = c.hypotheses[1];
    expect(subgroup.results[1]).toBeNull();
    expect(subgroup.differences[1]).toBeNull();
    expect(c.scenarios[1].samePatients).toBe(false);
    expect(c.summaries).toHaveLength(2);
  });

  it('gives the expected sample size of each design and their difference', async () => {
    const c = await runCompare([binaryScenario(0.3, 0.5, 200, 50), binaryScenario(0.3, 0.5, 240, 50)], { workers: 0 });
    const n = c.quantities.find((q) => q.id === 'sample-size')!;
    expect(n.results.map((r) => r!.mean)).toEqual([200, 240]);
    expect(n.differences[1]!.difference).toBe(40);
    expect(n.differences[1]!.pairedSe).toBe(0);
    expect(c.metrics.map((m) => m.id)).toEqual(['n:control', 'n:drug', 'responders']);
  });

  it('treats designs as sharing patients when population, endpoint and arms agree', () => {
    expect(patientSections(binaryScenario(0.3, 0.5, 200, 10))).toBe(patientSections(binaryScenario(0.3, 0.5, 400, 99, 7)));
    expect(patientSections(binaryScenario(0.3, 0.5, 200, 10))).not.toBe(patientSections(binaryScenario(0.3, 0.6, 200, 10)));
  });
});

describe('headline quantities', () => {
  const m = (...ids: string[]) => ids.map((id) => ({ id, label: id }));

  it('add per-arm counts for a parallel design, skipping subgroup counts', () => {
    expect(keyQuantities(m('n:control', 'n:drug', 'n:mplus=0', 'responders'), ['control', 'drug'])).toEqual([
      { id: 'sample-size', label: 'expected sample size', unit: 'patients', metrics: [0, 1] },
    ]);
  });

  it('prefer a total metric, and find duration and screening by name', () => {
    const q = keyQuantities(m('enrolled:egfr', 'enrolled', 'screened', 'duration-months', 'screen-failures'), ['control']);
    expect(q.map((x) => [x.id, x.metrics])).toEqual([['sample-size', [1]], ['duration', [3]], ['screened', [2]]]);
  });

  it('sum substudy enrolment when there is no total', () => {
    expect(keyQuantities(m('enrolled:egfr', 'enrolled:alk'), [])[0].metrics).toEqual([0, 1]);
  });
});
