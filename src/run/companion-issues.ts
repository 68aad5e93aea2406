/**
 * Validate-time checks of a companion-diagnostic decision, each naming its
 * key path, what was expected and what was found: the effects must be the
 * design's estimates; the test is a single one or a table of cut-offs
 * whose sensitivity does not rise and specificity does not fall as the
 * cut-off rises (a higher cut-off calls fewer patients positive); a cost
 * that follows the outcome needs effects on a difference scale; the value
 * of information needs the decision without the trial.
 */
import type { ReplicateLayout } from '../designs/types.js';
import type { CompanionDecisionSpec } from '../scenario/decision.js';
import type { ScenarioIssue } from '../scenario/errors.js';
import { didYouMean } from '../scenario/zod-issues.js';
import { companionStrategyIds } from '../stats/decision/cost-effectiveness.js';
import { companion } from './companion.js';

const listed = (ids: readonly string[]) => `${ids.slice(0, 12).join(', ')}${ids.length > 12 ? ', ...' : ''}`;

function testIssues(d: CompanionDecisionSpec): ScenarioIssue[] {
  const t = d.test, at = ['decision', 'test'];
  const single = t.sensitivity !== undefined || t.specificity !== undefined;
  if (t.cutoffs === undefined) {
    return t.sensitivity !== undefined && t.specificity !== undefined ? [] : [{ path: at, message: `expected sensitivity and specificity (a single test) or cutoffs, found ${single ? 'only one of sensitivity and specificity' : 'neither'}` }];
  }
  if (single) return [{ path: at, message: 'expected either sensitivity and specificity (a single test) or cutoffs (a table), found both' }];
  return t.cutoffs.flatMap((c, k): ScenarioIssue[] => {
    if (k === 0) return [];
    const prev = t.cutoffs![k - 1], here = [...at, 'cutoffs', k];
    if (!(c.cutoff > prev.cutoff)) return [{ path: [...here, 'cutoff'], message: `expected cut-offs in increasing order (above ${prev.cutoff}), found ${c.cutoff}` }];
    return [
      ...(c.sensitivity > prev.sensitivity ? [{ path: [...here, 'sensitivity'], message: `expected sensitivity not to rise as the cut-off rises (at most ${prev.sensitivity}, the sensitivity at cut-off ${prev.cutoff}), found ${c.sensitivity}` }] : []),
      ...(c.specificity < prev.specificity ? [{ path: [...here, 'specificity'], message: `expected specificity not to fall as the cut-off rises (at least ${prev.specificity}, the specificity at cut-off ${prev.cutoff}), found ${c.specificity}` }] : []),
    ];
  });
}

function outcomeCostIssues(d: CompanionDecisionSpec, layout: ReplicateLayout): ScenarioIssue[] {
  if (!d.outcomeCost) return [];
  const scales = (['positive', 'negative'] as const).map((k) => layout.estimates.find((e) => e.id === d.effects[k])?.scale ?? '');
  const bad = scales.find((s) => /ratio|log/i.test(s) || (d.outcomeCost!.per === 'no-outcome' && !/risk difference/i.test(s)));
  if (bad === undefined) return [];
  const want = d.outcomeCost.per === 'no-outcome' ? 'risk differences' : 'differences in the outcome (risk or mean differences)';
  return [{ path: ['decision', 'outcomeCost'], message: `a cost per ${d.outcomeCost.per === 'no-outcome' ? 'patient without the outcome' : 'unit of the outcome'} needs effects that are ${want}, found effects on the scale "${bad}"` }];
}

function valueIssues(d: CompanionDecisionSpec): ScenarioIssue[] {
  const v = d.valueOfInformation;
  if (!v) return [];
  const at = ['decision', 'valueOfInformation'];
  if ((v.current === undefined) === (v.prior === undefined)) return [{ path: at, message: `expected the decision without the trial: current (a strategy) or prior (means of the effects), found ${v.current === undefined ? 'neither' : 'both'}` }];
  const ids = companionStrategyIds(companion(d));
  if (v.current !== undefined && !ids.includes(v.current)) return [{ path: [...at, 'current'], message: `expected one of the strategies (${ids.join(', ')}), found "${v.current}"${didYouMean(v.current, ids)}` }];
  return [];
}

export function companionIssues(d: CompanionDecisionSpec, layout: ReplicateLayout): ScenarioIssue[] {
  const ids = layout.estimates.map((e) => e.id);
  const effects = (['positive', 'negative'] as const).flatMap((k) => (ids.includes(d.effects[k]) ? [] : [{
    path: ['decision', 'effects', k],
    message: `expected one of the design's estimates (${listed(ids)}), found "${d.effects[k]}"${didYouMean(d.effects[k], ids)}`,
  }]));
  // The effects are gains per patient treated, turned into health by value: differences, not ratios.
  const scaleIssues = effects.length > 0 ? [] : (['positive', 'negative'] as const).flatMap((k) => {
    const scale = layout.estimates.find((e) => e.id === d.effects[k])!.scale;
    return /ratio|log|hazard/i.test(scale) ? [{ path: ['decision', 'effects', k], message: `expected an estimate that is a difference (a risk or mean difference: gain per patient treated), found "${d.effects[k]}" on the scale "${scale}"` }] : [];
  });
  effects.push(...scaleIssues);
  const test = testIssues(d);
  // The strategies need a valid test before the value of information can name them.
  return [...effects, ...test, ...rangeIssues(d), ...(effects.length === 0 ? outcomeCostIssues(d, layout) : []), ...(test.length === 0 ? valueIssues(d) : [])];
}

/** The acceptability curve's willingness-to-pay range must run from a lower to a higher value. */
function rangeIssues(d: CompanionDecisionSpec): ScenarioIssue[] {
  if (!d.range || d.range[0] < d.range[1]) return [];
  return [{ path: ['decision', 'range'], message: `expected a willingness-to-pay range [from, to] with from below to, found [${d.range[0]}, ${d.range[1]}]: the acceptability curve would be empty` }];
}
