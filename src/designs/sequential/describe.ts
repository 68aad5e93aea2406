/**
 * The design-specific sections of the summary, from the truth:
 * - `sequences`: every embedded sequence's true value (overall, if everyone
 *   followed it; among those who would accept it; what the IPW estimate
 *   converges to; per profile), the share accepting it and the expected
 *   number of participants consistent with it; and under `best` the best
 *   sequence for everybody against the best for each profile and the gain
 *   of a profile-matched strategy, in words;
 * - `cancellation`: for each prespecified sequence comparison (and the pair
 *   of profile-best sequences) the per-profile and average differences in
 *   the rows of stats/cancellation (risk-difference scale), with a statement
 *   that begins "Profile-specific differences cancel in the average" when
 *   they do (opposite signs, more than half of the effect cancelling);
 * - `flow`: expected participants per level, with the level's weeks, for the
 *   report's flow diagram: `entering` splits exactly into `remitting`,
 *   `droppingOut`, `decliningNext`, `movingOn` and `endingWithoutRemission`
 *   (last level); `notRemitting` is the subtotal of the last three and
 *   `notRemittingIntolerant` the part of it that stopped for intolerance.
 */
import type { SequentialScenario } from './schema.js';
import type { TruthTable } from '../types.js';
import { cancellation } from '../../stats/cancellation.js';
import { sequentialSetup, describedSequences, type SequentialSetup } from './setup.js';
import type { SequentialSections } from './sections.js';

/** No comparison of profiles without profiles. */
const NO_ROWS: SequentialSections['cancellation'] = [];

/** Sequences whose values are this close count as tied. */
const TIE = 1e-9;

const round = (x: number, digits = 6) => (Number.isFinite(x) ? +x.toFixed(digits) : null);

function sequencesSection(setup: SequentialSetup, truth: TruthTable) {
  const N = setup.sampleSize;
  const rows = describedSequences(setup).map((q) => ({
    sequence: q.id,
    levels: q.options.length,
    analysed: setup.sequences.some((a) => a.id === q.id),
    value: round(truth[`all:${q.id}`].value),
    valueMcse: round(truth[`all:${q.id}`].mcse),
    valueAmongAcceptors: round(truth[`accepted-value:${q.id}`].value),
    ipwTarget: round(truth[`value:${q.id}`].value),
    shareAccepting: round(truth[`accepting:${q.id}`].value),
    expectedConsistent: round(N * truth[`consistent:${q.id}`].value, 2),
    byProfile: Object.fromEntries(setup.profileIds.map((g) => [g, round(truth[`all:${q.id}|profile=${g}`]?.value ?? NaN)])),
  }));
  return {
    definition: 'value: probability of remission at some level if every participant followed the sequence (dropping out or declining the next level count as no remission); valueAmongAcceptors: the same among the participants who would accept the sequence\'s option at every level they reach; ipwTarget: what the IPW estimate converges to (value with acceptance-adjusted weights when acceptance does not depend on the profile, valueAmongAcceptors with randomisation weights); expectedConsistent: expected participants whose treatments match the sequence.',
    rows,
  };
}

function best(ids: string[], value: (id: string) => number) {
  const top = Math.max(...ids.map(value));
  const ties = ids.filter((id) => value(id) >= top - TIE);
  return { sequence: ties[0], value: round(top), tiedWith: ties.slice(1, 11), tiedCount: ties.length - 1 };
}

/**
 * The best sequence for everybody against the best per profile (with the
 * gain of matching), and one cancellation row per prespecified comparison
 * and for the profile-best pair, in the shape of stats/cancellation.
 */
function profileSection(setup: SequentialSetup, s: SequentialScenario, truth: TruthTable) {
  const profiles = s.population.profiles ?? [];
  const L = setup.levels.length;
  const full = describedSequences(setup).filter((q) => q.options.length === L).map((q) => q.id);
  const overall = best(full, (id) => truth[`all:${id}`].value);
  const ties = (n: number) => (n ? `, tied with ${n} other${n > 1 ? 's' : ''}` : '');
  if (profiles.length < 2) {
    return { best: { overall, statement: `The best sequence is ${overall.sequence} (remission ${overall.value}${ties(overall.tiedCount)}). The population has no latent profiles, so sequence effects cannot differ by profile or cancel in the average.` }, rows: NO_ROWS };
  }
  const byProfile = profiles.map((g) => {
    const b = best(full, (id) => truth[`all:${id}|profile=${g.id}`].value);
    return { profile: g.id, prevalence: g.prevalence, best: b.sequence, value: b.value, tiedWith: b.tiedWith, tiedCount: b.tiedCount, valueOfBestOverall: round(truth[`all:${overall.sequence}|profile=${g.id}`].value) };
  });
  const matched = byProfile.reduce((acc, r) => acc + r.prevalence * (r.value ?? NaN), 0);
  const gain = matched - (overall.value ?? NaN);
  const pairs: [string, string][] = setup.sequenceComparisons.map(([a, b]) => [setup.sequences[a].id, setup.sequences[b].id]);
  const distinctBest = [...new Set(byProfile.map((r) => r.best))];
  if (distinctBest.length >= 2 && !pairs.some(([a, b]) => a === distinctBest[0] && b === distinctBest[1])) pairs.push([distinctBest[0], distinctBest[1]]);
  const rows = pairs.map(([a, b]) => {
    const row = cancellation({
      comparison: `${a} vs ${b}`, subgrouping: 'profile', scale: 'risk difference',
      average: truth[`all:${a}`].value - truth[`all:${b}`].value,
      subgroups: profiles.map((g) => ({ level: g.id, share: g.prevalence, effect: truth[`all:${a}|profile=${g.id}`].value - truth[`all:${b}|profile=${g.id}`].value })),
    });
    const cancels = row.oppositeSigns && row.index > 0.5;
    return { ...row, cancels, statement: cancels ? `Profile-specific differences cancel in the average: ${row.statement}` : row.statement };
  });
  const cancelling = rows.filter((r) => r.cancels).map((r) => r.comparison);
  const statement = [
    `The best single sequence for everybody is ${overall.sequence} (remission ${overall.value}${ties(overall.tiedCount)}).`,
    ...byProfile.map((r) => `For profile ${r.profile} the best is ${r.best} (${r.value}${ties(r.tiedCount)}; ${overall.sequence} gives ${r.valueOfBestOverall}).`),
    `Matching each profile to its best sequence gives ${round(matched)}, a gain of ${round(gain)} over the best single sequence.`,
    cancelling.length ? `Profile-specific differences cancel in the average for ${cancelling.join('; ')}.` : 'No compared pair of sequences has profile-specific differences that cancel in the average.',
  ].join(' ');
  return { best: { overall, byProfile, profileMatchedValue: round(matched), gain: round(gain), statement }, rows };
}

function flowSection(setup: SequentialSetup, truth: TruthTable) {
  const N = setup.sampleSize;
  let week = 0;
  const count = (key: string) => round(N * (truth[key]?.value ?? NaN), 2);
  const levels = setup.levels.map((l, k) => {
    const f = (slot: string) => count(`flow:${l.id}:${slot}`);
    const entering = f('enter'), remitting = f('remit'), droppingOut = f('drop'), intolerant = f('intolerant'), decliningNext = f('decline');
    // Those who neither remitted nor dropped out, intolerant ones included; they decline, move on or end.
    const notRemitting = round((entering ?? 0) - (remitting ?? 0) - (droppingOut ?? 0), 2);
    const last = k === setup.levels.length - 1;
    const row = {
      level: l.id, startWeek: week, endWeek: week + l.weeks, entering, remitting, droppingOut,
      notRemitting, notRemittingIntolerant: intolerant,
      decliningNext, movingOn: last ? 0 : round((notRemitting ?? 0) - (decliningNext ?? 0), 2),
      endingWithoutRemission: last ? notRemitting : 0,
      relapsing: f('relapse'),
      options: Object.fromEntries(l.optionIds.map((o) => [o, count(`flow:${l.id}:option:${o}`)])),
    };
    week += l.weeks;
    return row;
  });
  return {
    sampleSize: N,
    followUpWeeks: setup.design.followUpWeeks,
    levels,
    remitted: count('cumulative-remission'),
    cumulativeRemission: round(truth['cumulative-remission'].value),
    cumulativeRemissionIfNoDropout: round(truth['cumulative-remission-if-no-dropout'].value),
    sustainedRemission: round(truth['sustained-remission'].value),
  };
}

export function sequentialDescribe(s: SequentialScenario, truth: TruthTable): SequentialSections {
  const setup = sequentialSetup(s);
  const profiles = profileSection(setup, s, truth);
  return { sequences: { ...sequencesSection(setup, truth), best: profiles.best }, cancellation: profiles.rows, flow: flowSection(setup, truth) };
}
