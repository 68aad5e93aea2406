/**
 * Invalid time-to-event enrichment designs are refused at validate time
 * with the key path: event targets not increasing, more than the patients
 * recruited by then (also at the most re-estimation may give), one per
 * stage, missing for a time-to-event endpoint, or given (with accrual) for
 * another endpoint; a screening rate too slow to recruit within 10^4 months.
 */
import { describe } from 'vitest';
import { editorOf } from '../../helpers/scenarios.js';
import { invalidScenarioSuite } from '../../helpers/invalid-suite.js';

const VALID = `name: Enrichment survival
replicates: 10
population:
  biomarkers:
    - { id: positive, type: binary, prevalence: 0.4 }
endpoint: { type: time-to-event, median: 12, accrualDuration: 20, followUp: 12 }
arms:
  control: {}
  drug: { effect: -0.1, interactions: { positive: -0.4 } }
design:
  type: enrichment
  subpopulation: { biomarker: positive, value: 1 }
  stages: [100, 100]
  events: [60, 120]
`;

const edit = editorOf(VALID);
const continuous = edit('endpoint: { type: time-to-event, median: 12, accrualDuration: 20, followUp: 12 }', 'endpoint: { type: continuous, sd: 1 }');

const cases: { kind: string; text: string; expect: RegExp }[] = [
  { kind: 'events not increasing', text: edit('events: [60, 120]', 'events: [60, 60]'), expect: /design\.events\[1\]: expected cumulative events increasing from stage to stage: more than 60 \(stage 1\), found 60/ },
  { kind: 'more events than patients recruited by then', text: edit('events: [60, 120]', 'events: [120, 150]'), expect: /design\.events\[0\]: stage 1's analysis needs 120 events but only 100 patients are recruited by then: expected at most 100/ },
  { kind: 'more events than patients at the last stage', text: edit('events: [60, 120]', 'events: [60, 201]'), expect: /design\.events\[1\]: stage 2's analysis needs 201 events but only 200 patients are recruited by then/ },
  { kind: 'missing events for a time-to-event endpoint', text: edit('  events: [60, 120]\n', ''), expect: /design\.events: a time-to-event endpoint needs the cumulative events that trigger each stage's analysis: expected events with one number per stage \(2\)/ },
  { kind: 'an event target per stage missing', text: edit('events: [60, 120]', 'events: [60, 120, 150]'), expect: /design\.events: expected one event target per stage \(2\), found 3/ },
  { kind: 'events for a continuous endpoint', text: continuous, expect: /design\.events: events trigger the analyses of a time-to-event endpoint only: remove events, or use a time-to-event endpoint \(found continuous\)/ },
  { kind: 'accrual for a continuous endpoint', text: continuous.replace('  events: [60, 120]\n', '  accrual: 10\n'), expect: /design\.accrual: accrual times the stages of a time-to-event endpoint only/ },
  { kind: 're-estimated events that could outnumber the patients', text: edit('events: [60, 120]', 'events: [60, 120]\n  reestimate: { conditionalPower: 0.8, max: 150 }'), expect: /design\.reestimate\.max: with the most events re-estimation may give, stage 2's analysis could need 210 events but only 200 patients are recruited by then/ },
  { kind: 'a re-estimation cap below the planned new events', text: edit('events: [60, 120]', 'events: [60, 120]\n  reestimate: { conditionalPower: 0.8, max: 50 }'), expect: /design\.reestimate\.max: stage 2: expected max at least min \(60, the planned size\), found 50/ },
  { kind: 'a screening rate too slow to recruit', text: edit('events: [60, 120]', 'events: [60, 120]\n  accrual: 0.01'), expect: /design\.accrual: screening 200 patients at 0\.01 per month would take 20000 months: expected at most 10000 \(at least 0\.02 per month\)/ },
  { kind: 'a known variance', text: edit('events: [60, 120]', 'events: [60, 120]\n  variance: known'), expect: /design\.variance: a known variance applies to continuous endpoints only/ },
  { kind: 'a count endpoint', text: edit('endpoint: { type: time-to-event, median: 12, accrualDuration: 20, followUp: 12 }', 'endpoint: { type: count, rate: 1 }'), expect: /endpoint\.type: an enrichment design compares means, proportions or survival: expected a continuous, binary or time-to-event endpoint, found count/ },
];

describe('invalid time-to-event enrichment designs', () => {
  invalidScenarioSuite(VALID, cases, 0);
});
