/**
 * Summary sections on heterogeneity of treatment effect, computed from the
 * scenario and the true values (plain JSON for summary.json and the HTML
 * report, which joins them to the hypotheses' rejection rates by id):
 *   - `biomarkerRoles`: what the scenario makes each biomarker (prognostic,
 *     predictive, both, neither) and the hypotheses whose rejection rates are
 *     the trial's power to detect that role;
 *   - `conditionalEffects`: per model, the true conditional treatment effect
 *     at each chosen biomarker value (the curve over a continuous biomarker)
 *     beside the estimate id;
 *   - `models`: each fitted model, whether it is correctly specified and, if
 *     not, why, and what its truth then means;
 *   - `heterogeneityPower`: per subgrouping, the true average and subgroup
 *     effects and cancellation indices beside the ids of the overall,
 *     subgroup, interaction and model-based interaction tests.
 */
import type { ParallelScenario } from './schema.js';
import type { TruthTable } from '../types.js';
import { parallelSetup, effectScales, analysisScale, type ParallelSetup } from './setup.js';
import { comparisonId } from './layout.js';
import { armPredictors, biomarkerRoles } from './roles.js';
import { modelSlotsOf, misspecification } from './model-truth.js';
import { cancellation } from '../../stats/cancellation.js';
import type { ModelSlots } from './model-layout.js';
import type { ParallelSections } from './sections.js';

const num = (x: number | undefined) => (x !== undefined && Number.isFinite(x) ? x : null);

function formula(slot: ModelSlots): string {
  const terms = slot.model.terms;
  const inter = terms.filter((t) => t.interacts).map((t) => t.id);
  const main = terms.filter((t) => !t.interacts).map((t) => t.id);
  const lhs = slot.model.type === 'cox' ? 'Surv(time, event)' : 'outcome';
  const rhs = inter.length ? `treatment * (${inter.join(' + ')})` : 'treatment';
  return `${lhs} ~ ${[rhs, ...main].join(' + ')}`;
}

export function modelDescribe(s: ParallelScenario, truth: TruthTable): Omit<ParallelSections, 'cancellation'> {
  const setup = parallelSetup(s);
  const { slots, estimates } = modelSlotsOf(s, setup);
  const predictors = armPredictors(s);
  const comparison = (slot: ModelSlots) => comparisonId(setup, slot.comparison);
  const roles = biomarkerRoles(s, setup.arms, setup.control).map((r, j) => ({
    ...r,
    tests: {
      subgroupInteraction: setup.comparisons.flatMap((_, k) => setup.subgroups.filter((g) => g.column === j).map((g) => `${comparisonId(setup, k)}|interaction:${g.name}`)),
      prognostic: slots.flatMap((sl) => (sl.model.terms.some((t) => t.id === r.biomarker && !t.adjust) ? [`${sl.prefix}|main:${r.biomarker}|wald`] : [])),
      predictive: slots.flatMap((sl) => sl.interactionTests.filter((t) => t.term.id === r.biomarker).flatMap((t) =>
        [t.wald >= 0 ? `${sl.prefix}|interaction:${r.biomarker}|wald` : '', t.lr >= 0 ? `${sl.prefix}|interaction:${r.biomarker}|lr` : ''].filter(Boolean))),
    },
  }));
  const conditionalEffects = slots.flatMap((slot) => slot.points.map((e, j) => {
    const id = estimates[e].id, p = slot.model.points[j];
    return {
      model: slot.model.id, comparison: comparison(slot), biomarker: p.biomarker, value: p.value, estimate: id,
      scale: estimates[e].scale, truth: num(truth[id]?.value), truthMcse: num(truth[id]?.mcse), pseudoTrue: num(truth[`pseudo:${id}`]?.value),
    };
  }));
  const models = slots.map((slot): ParallelSections['models'][number] => {
    const reasons = misspecification(s, slot.model, predictors, slot.arm, setup.control);
    return {
      model: slot.model.id, comparison: comparison(slot), type: slot.model.type, formula: formula(slot), columns: [...slot.model.columnNames],
      test: slot.model.test, alpha: slot.model.alpha,
      specification: reasons.length ? 'misspecified' : 'correct',
      reasons,
      truth: !predictors ? 'pseudo-true: the value the fit converges to (no linear predictor in the scenario)'
        : reasons.length ? 'scenario conditional coefficients; the fit converges to the pseudo-true values instead, so bias and coverage measure the misspecification'
        : 'scenario conditional coefficients, which the correctly specified fit converges to',
      pseudoTrue: reasons.length ? Object.fromEntries(slot.coefficients.map((k) => [estimates[k.estimate].id, num(truth[`pseudo:${estimates[k.estimate].id}`]?.value)])) : null,
    };
  });
  return { biomarkerRoles: roles, conditionalEffects, models, heterogeneityPower: heterogeneityPower(setup, truth, slots) };
}

function heterogeneityPower(setup: ParallelSetup, truth: TruthTable, slots: ModelSlots[]): ParallelSections['heterogeneityPower'] {
  const scales = effectScales(setup.endpointType);
  const main = analysisScale(setup.endpointType);
  return setup.comparisons.flatMap((_, k) => {
    const cid = comparisonId(setup, k);
    return setup.subgroups.map((g) => {
      const effect = (prefix: string, suffix: string) => num(truth[`${prefix}:${suffix}`]?.value);
      const index = (prefix: string) => {
        const average = truth[`${prefix}:${cid}`], levels = g.levels.map((l) => truth[`${prefix}:${cid}|${l}`]);
        if (!average || levels.some((t) => !t)) return null;
        return num(cancellation({ comparison: cid, subgrouping: g.name, scale: prefix, average: average.value,
          subgroups: g.levels.map((level, l) => ({ level, share: truth[`share:${level}`]?.value ?? NaN, effect: levels[l].value })) }).index);
      };
      return {
        comparison: cid, subgrouping: g.name,
        averageEffect: Object.fromEntries(scales.map(([p]) => [p, effect(p, cid)])),
        subgroupEffects: g.levels.map((level) => ({ level, share: num(truth[`share:${level}`]?.value), ...Object.fromEntries(scales.map(([p]) => [p, effect(p, `${cid}|${level}`)])) })),
        cancellationIndex: { riskDifference: scales[0][0] === 'rd' ? index('rd') : null, analysisScale: index(main) },
        hypotheses: {
          overall: cid,
          subgroups: g.levels.map((level) => `${cid}|${level}`),
          interaction: `${cid}|interaction:${g.name}`,
          modelInteraction: slots.filter((sl) => sl.comparison === k).flatMap((sl) => sl.interactionTests.filter((t) => t.term.marker === g.column)
            .flatMap((t) => [t.wald >= 0 ? `${sl.prefix}|interaction:${t.term.id}|wald` : '', t.lr >= 0 ? `${sl.prefix}|interaction:${t.term.id}|lr` : ''].filter(Boolean))),
        },
      };
    });
  });
}
