/**
 * What each regression model reports per replicate and comparison, appended
 * to the parallel-group layout. With model prefix X (the model's name, plus
 * `:<arm>-vs-<control>` when the design has several comparisons):
 *   - estimates `coef:X:treatment`, `coef:X:main:<term>`,
 *     `coef:X:interaction:<term>` (term `age`, or `site=colon` per level) and
 *     the conditional effects `cond:X:<biomarker>=<value>`;
 *   - hypotheses `X|interaction:<biomarker>|wald` and `|lr` (family
 *     `interaction-model`; multi-df for a categorical biomarker),
 *     `X|main:<biomarker>|wald` (family `prognostic-model`), and the
 *     false-claim rates `X|false-claim|unadjusted`, `|bonferroni`, `|holm`
 *     (family `false-claims`): at least one biomarker that is not predictive
 *     has its interaction test reject;
 *   - warnings `X|model-separation`, `X|model-not-converged`, `X|model-singular`.
 */
import type { EstimateInfo, HypothesisInfo, WarningInfo } from '../types.js';
import type { ParallelScenario } from './schema.js';
import type { ParallelSetup } from './setup.js';
import { comparisonId } from './layout.js';
import type { ModelTerm, ResolvedModel } from './model-setup.js';
import { armPredictors, isPredictive } from './roles.js';

export interface TermTest {
  term: ModelTerm;
  /** Hypothesis slots, -1 when that test is not requested. */
  wald: number;
  lr: number;
  /** True when the scenario makes this biomarker not predictive for the comparison (a claim would be false). */
  falseClaim: boolean;
}

export interface ModelSlots {
  model: ResolvedModel;
  comparison: number;
  arm: number;
  prefix: string;
  coefficients: { column: number; estimate: number }[];
  points: number[];
  interactionTests: TermTest[];
  mainTests: { columns: number[]; hypothesis: number }[];
  /** Hypothesis slots of the false-claim rates, or null when every candidate is predictive (or roles are unknown). */
  falseClaims: { unadjusted: number; bonferroni: number; holm: number } | null;
  warnings: { separation: number; notConverged: number; singular: number };
}

/** The statistic of a model's Wald test of q columns (model-analysis.ts: waldTestOf), in words. */
function waldStatistic(model: ResolvedModel, q: number): string {
  if (q > 1) return model.type === 'linear' ? `Wald F (${q} and residual df)` : `Wald chi-square (${q} df)`;
  return model.type === 'linear' ? 'Wald t (coefficient over its SE)' : 'Wald z (coefficient over its SE)';
}

export const MODEL_SCALE = { logistic: 'log odds ratio', linear: 'mean difference', cox: 'log hazard ratio' } as const;

export interface LayoutLists { hypotheses: HypothesisInfo[]; estimates: EstimateInfo[]; warnings: WarningInfo[] }

/** The prefix of every id a model reports for one comparison. */
export function modelPrefix(setup: ParallelSetup, model: ResolvedModel, comparison: number): string {
  return setup.comparisons.length > 1 ? `${model.id}:${comparisonId(setup, comparison)}` : model.id;
}

/** The truth-only key judging a multi-column (categorical) test: the norm of the true coefficients. */
export const normKey = (prefix: string, kind: 'main' | 'interaction', biomarker: string) => `norm:${prefix}:${kind}:${biomarker}`;

export function modelLayout(s: ParallelScenario, setup: ParallelSetup, models: ResolvedModel[], lists: LayoutLists): ModelSlots[] {
  const predictors = armPredictors(s);
  return models.flatMap((model) => setup.comparisons.map((arm, comparison) => {
    const X = modelPrefix(setup, model, comparison);
    const words = `${model.id} model, ${setup.arms[arm]} vs ${setup.arms[setup.control]}`;
    const scale = MODEL_SCALE[model.type];
    const estimate = (id: string, label: string) => { lists.estimates.push({ id, label: `${words}: ${label}`, scale }); return lists.estimates.length - 1; };
    const hypothesis = (h: HypothesisInfo) => { lists.hypotheses.push({ ...h, label: `${words}: ${h.label}` }); return lists.hypotheses.length - 1; };
    const coefficients = [{ column: model.treatmentColumn, estimate: estimate(`coef:${X}:treatment`, 'treatment coefficient (effect at every interacting biomarker 0 or reference level)') }];
    for (const t of model.terms.filter((u) => !u.adjust)) {
      t.main.forEach((column, l) => coefficients.push({ column, estimate: estimate(`coef:${X}:main:${t.names[l]}`, `main effect of ${t.names[l]} (in control)`) }));
    }
    for (const t of model.terms) {
      t.interaction.forEach((column, l) => coefficients.push({ column, estimate: estimate(`coef:${X}:interaction:${t.names[l]}`, `treatment x ${t.names[l]} interaction`) }));
    }
    const points = model.points.map((p) => estimate(`cond:${X}:${p.key}`, `conditional treatment effect at ${p.key}`));
    const estimand = (kind: 'main' | 'interaction', t: ModelTerm) => (t.names.length === 1 ? `coef:${X}:${kind}:${t.names[0]}` : normKey(X, kind, t.id));
    const interactionTests = model.terms.filter((t) => t.interacts).map((t): TermTest => {
      const q = t.interaction.length;
      const test = (kind: 'wald' | 'lr', name: string) => hypothesis({
        id: `${X}|interaction:${t.id}|${kind}`, label: `${name} test of treatment x ${t.id}`, family: 'interaction-model', estimand: estimand('interaction', t),
        test: { statistic: kind === 'wald' ? waldStatistic(model, q) : `likelihood-ratio chi-square (${q} df)`, sided: 'two' },
      });
      return {
        term: t,
        wald: model.test !== 'lr' ? test('wald', 'Wald') : -1,
        lr: model.test !== 'wald' ? test('lr', 'likelihood-ratio') : -1,
        falseClaim: predictors !== null && !isPredictive(s, predictors, setup.control, arm, t.marker),
      };
    });
    const mainTests = model.terms.filter((t) => !t.adjust).map((t) => ({
      columns: t.main,
      hypothesis: hypothesis({
        id: `${X}|main:${t.id}|wald`, label: `Wald test of the main (prognostic) effect of ${t.id}`, family: 'prognostic-model', estimand: estimand('main', t),
        test: { statistic: waldStatistic(model, t.main.length), sided: 'two' },
      }),
    }));
    let falseClaims: ModelSlots['falseClaims'] = null;
    if (interactionTests.some((t) => t.falseClaim)) {
      const names = interactionTests.filter((t) => t.falseClaim).map((t) => t.term.id).join(', ');
      const claim = (method: string, how: string) => hypothesis({
        id: `${X}|false-claim|${method}`, family: 'false-claims', nullIsTrue: true,
        label: `a non-predictive biomarker (${names}) claimed predictive, ${how} over ${interactionTests.length} candidate${interactionTests.length > 1 ? 's' : ''}`,
      });
      falseClaims = { unadjusted: claim('unadjusted', 'unadjusted'), bonferroni: claim('bonferroni', 'Bonferroni'), holm: claim('holm', 'Holm') };
    }
    const warning = (kind: string, label: string) => { lists.warnings.push({ id: `${X}|model-${kind}`, label: `${words}: ${label}` }); return lists.warnings.length - 1; };
    return {
      model, comparison, arm, prefix: X, coefficients, points, interactionTests, mainTests, falseClaims,
      warnings: {
        separation: warning('separation', 'separation (or monotone likelihood): no finite estimates, tests not rejected'),
        notConverged: warning('not-converged', 'the fit did not converge: no estimates, tests not rejected'),
        singular: warning('singular', 'the model matrix was rank deficient (e.g. an empty cell): no estimates, tests not rejected'),
      },
    };
  }));
}
