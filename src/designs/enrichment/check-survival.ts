/**
 * Checks of the enrichment design's event-driven stages: a time-to-event
 * endpoint needs its cumulative event targets, one per stage, increasing,
 * each no more than the patients recruited by then (and so, with
 * re-estimation, the most events the later stages may be given); a
 * screening rate that recruits the planned patients within the project's
 * time bound (10^4 months); events and accrual belong to time-to-event
 * endpoints only.
 */
import type { ScenarioIssue } from '../../scenario/errors.js';
import { TIME_LIMIT } from '../../scenario/common.js';
import type { EnrichmentScenario } from './schema.js';
import { perStage } from './setup.js';

type Path = (string | number)[];
const at = (...p: Path): Path => ['design', ...p];

export function checkSurvival(s: EnrichmentScenario): ScenarioIssue[] {
  const d = s.design, tte = s.endpoint?.type === 'time-to-event';
  if (!tte) {
    const issues: ScenarioIssue[] = [];
    if (d.events) issues.push({ path: at('events'), message: `events trigger the analyses of a time-to-event endpoint only: remove events, or use a time-to-event endpoint (found ${s.endpoint?.type ?? 'none'})` });
    if (d.accrual !== undefined) issues.push({ path: at('accrual'), message: `accrual times the stages of a time-to-event endpoint only: remove accrual, or use a time-to-event endpoint (found ${s.endpoint?.type ?? 'none'})` });
    return issues;
  }
  const K = d.stages.length, events = d.events;
  if (!events) return [{ path: at('events'), message: `a time-to-event endpoint needs the cumulative events that trigger each stage's analysis: expected events with one number per stage (${K}), e.g. [${d.stages.map((_, k) => 50 * (k + 1)).join(', ')}]` }];
  if (events.length !== K) return [{ path: at('events'), message: `expected one event target per stage (${K}), found ${events.length}` }];
  const issues: ScenarioIssue[] = [];
  const planned = d.stages.reduce((a, n) => a + n, 0);
  if (d.accrual !== undefined && planned / d.accrual > TIME_LIMIT) issues.push({ path: at('accrual'), message: `screening ${planned} patients at ${d.accrual} per month would take ${+(planned / d.accrual).toPrecision(4)} months: expected at most ${TIME_LIMIT} (at least ${+(planned / TIME_LIMIT).toPrecision(4)} per month)` });
  let patients = 0;
  events.forEach((e, k) => {
    patients += d.stages[k];
    if (k > 0 && e <= events[k - 1]) issues.push({ path: at('events', k), message: `expected cumulative events increasing from stage to stage: more than ${events[k - 1]} (stage ${k}), found ${e}` });
    else if (e > patients) issues.push({ path: at('events', k), message: `stage ${k + 1}'s analysis needs ${e} events but only ${patients} patients are recruited by then: expected at most ${patients}` });
  });
  if (issues.length === 0 && d.reestimate) issues.push(...checkEventCaps(s, events));
  return issues;
}

/** With re-estimated events: the most events the stages may be given never outnumber the patients recruited by then. */
function checkEventCaps(s: EnrichmentScenario, events: number[]): ScenarioIssue[] {
  const d = s.design, max = d.reestimate!.max;
  let target = events[0], patients = d.stages[0];
  for (let k = 1; k < d.stages.length; k++) {
    target += perStage(max, k);
    patients += d.stages[k];
    if (target > patients) return [{ path: at('reestimate', 'max'), message: `with the most events re-estimation may give, stage ${k + 1}'s analysis could need ${target} events but only ${patients} patients are recruited by then: expected a smaller max (events per stage)` }];
  }
  return [];
}
