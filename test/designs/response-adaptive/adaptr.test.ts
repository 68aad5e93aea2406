/**
 * Two published adaptr examples, reproduced within 3 Monte Carlo SEs of
 * the difference (ours and adaptr's bootstrap SE combined): the README's
 * and the Overview vignette's three-arm binary trial without a common
 * control (adaptr 1.4.0, INCEPTdk/adaptr main @ 6204a66, README.md lines
 * 397-469 and vignettes/Overview.Rmd lines 307-350, the outputs as rendered
 * on the package site, gh-pages @ 9716122, articles/Overview.html lines
 * 575-609): event rates 0.25, 0.20, 0.30 (lower is better), outcome data at
 * 300, 400, ..., 2000 patients with 100 more randomised (a lag), minimum
 * allocation 0.2, superiority 0.9814318 and inferiority 0.0185682 (README,
 * Thompson power 1) or 0.9830921 and 0.0169079 (vignette, power 0.5),
 * stopping for equivalence when P(all active arms within 0.05) > 0.9,
 * 1,000 trials each. adaptr draws 5,000 posterior samples for each
 * probability; trialsim integrates them exactly.
 */
import { describe, it } from 'vitest';
import { simulate } from '../../../src/run/simulate.js';
import { scenario } from '../../helpers/scenarios.js';
import { expectWithinMcse, binomialMcse, meanMcse } from '../../helpers/mcse.js';
import { idealDesignPercentage } from '../../../src/designs/response-adaptive/report.js';
import type { SummaryView } from '../../../src/designs/types.js';

interface Published { superiority: [number, number]; equivalence: [number, number]; size: [number, number]; selectB: [number, number]; idp: [number, number] }

const examples: [string, number, number, Published][] = [
  // [label, Thompson power, superiority threshold, published estimate with its bootstrap SE]
  ['README (power 1)', 1, 0.9814318, { superiority: [0.731, 0.014], equivalence: [0.146, 0.011], size: [1242.3, 16.62], selectB: [0.962, 0.006], idp: [98.1, 0.306] }],
  ['Overview vignette (power 0.5)', 0.5, 0.9830921, { superiority: [0.719, 0.015], equivalence: [0.163, 0.012], size: [1245.1, 16.618], selectB: [0.967, 0.005], idp: [98.35, 0.264] }],
];

describe('adaptr\'s published three-arm examples', () => {
  it.each(examples)('%s', async (_, power, superiority, published) => {
    const R = 2000;
    const looks = Array.from({ length: 17 }, (_, k) => 300 + 100 * k);
    const { summary } = await simulate(scenario({
      name: 'adaptr-example', seed: 2024, replicates: R,
      endpoint: { type: 'binary', model: 'rates', rates: [{ rates: { A: 0.25, B: 0.2, C: 0.3 } }], better: 'lower' },
      arms: { A: {}, B: {}, C: {} },
      design: {
        type: 'response-adaptive', sampleSize: 2000, analyses: looks, delay: 100,
        allocation: { rule: 'thompson', power, min: 0.2 },
        stopping: { superiority, inferiority: +(1 - superiority).toFixed(7), equivalence: 0.9, equivalenceMargin: 0.05 },
      },
    }), { workers: 2 });
        const family = summary.families!.find((f) => f.id === 'arms')!;
    const declared = family.selections!.find((x) => x.id === 'declared-best')!;
    const best = family.selections!.find((x) => x.id === 'most-likely-best')!;
    const superior = 1 - declared.none.rate;
    expectWithinMcse(superior, published.superiority[0], { mcse: Math.hypot(binomialMcse(superior, R), published.superiority[1]), k: 3, what: 'P(superiority)' });
    const equivalence = summary.metrics.find((m) => m.id === 'stopped:equivalence')!.mean;
    expectWithinMcse(equivalence, published.equivalence[0], { mcse: Math.hypot(binomialMcse(equivalence, R), published.equivalence[1]), k: 3, what: 'P(equivalence)' });
    const size = summary.metrics.find((m) => m.id === 'sampleSize')!;
    expectWithinMcse(size.mean, published.size[0], { mcse: Math.hypot(meanMcse(size.sd, R), published.size[1]), k: 3, what: 'expected sample size' });
    const selectB = best.chosen.find((c) => c.id === 'B-best')!.rate;
    expectWithinMcse(selectB, published.selectB[0], { mcse: Math.hypot(binomialMcse(selectB, R), published.selectB[1]), k: 3, what: 'P(select B)' });
    const idp = idealDesignPercentage(summary as unknown as SummaryView)!;
    expectWithinMcse(idp.idp, published.idp[0], { mcse: Math.hypot(idp.mcse, published.idp[1]), k: 3, what: 'ideal design percentage' });
  });
});
