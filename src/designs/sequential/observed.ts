/**
 * `trialsim analyse` for a sequential (STAR*D-style) trial: each
 * participant's path through the levels as `trialsim export` writes it, per
 * level `<L>_eligible` (the options acceptable and available, joined by
 * "|"), `<L>_option` (the option randomised), `<L>_result` (remitted,
 * dropped out, intolerant, not remitted; empty where the level was not
 * reached) and `<L>_score` when the design has an exit score; then
 * `declined_next` and `relapsed` (0/1), and the subgroup columns the
 * analysis names (a biomarker, or `profile`). The randomisation
 * probabilities are the design's weights among the options acceptable and
 * available, multiplied level by level exactly as the simulation does, and
 * the paths go through the simulated trial's own analyser (analyse.ts).
 * Potential outcomes and `<L>_probability` are not read. A path the design
 * cannot produce (a level after a remission, an option not acceptable, an
 * option not available after the previous one) is refused by line and column.
 */
import type { ReplicateRecord } from '../types.js';
import { ObservedReader, type ObservedTable } from '../../scenario/observed.js';
import { Cohort } from '../../population/cohort.js';
import type { SequentialScenario } from './schema.js';
import { sequentialSetup, type SequentialSetup, type LevelSetup } from './setup.js';
import { sequentialLayout } from './layout.js';
import { buildAnalyser, type AnalysedTrial } from './analyse.js';
import { RESULT } from './trial.js';
import { RESULT_WORDS } from './export.js';

export function analyseSequential(s: SequentialScenario, table: ObservedTable, out: ReplicateRecord): Record<string, unknown> {
  const setup = sequentialSetup(s);
  const r = new ObservedReader(table);
  const trial = readPaths(s, setup, r);
  r.done();
  buildAnalyser(setup, sequentialLayout(setup), Math.max(1, trial.n)).analyse(trial, out);
  return { participants: trial.n };
}

/** The columns of one level. */
interface LevelColumns { eligible: number; option: number; result: number; score: number }

function readPaths(s: SequentialScenario, setup: SequentialSetup, r: ObservedReader): AnalysedTrial {
  const L = setup.levels.length;
  const columns: LevelColumns[] = setup.levels.map((l) => ({
    eligible: r.column(`${l.id}_eligible`, `the options of level ${l.id} acceptable and available, joined by "|"`),
    option: r.column(`${l.id}_option`, `the option of level ${l.id} randomised`),
    result: r.column(`${l.id}_result`, `what happened at level ${l.id}: ${RESULT_WORDS.filter(Boolean).join(', ')}, or empty`),
    score: setup.design.score ? r.column(`${l.id}_score`, `the ${setup.design.score.label ?? 'exit score'} at the end of level ${l.id}`) : -1,
  }));
  const declinedColumn = r.column('declined_next', '1 if the participant left instead of entering the next level');
  const relapsedColumn = r.column('relapsed', '1 if the participant relapsed after remission');
  const remissionColumn = r.optional('remission_level');
  const groups = subgroupReaders(s, setup, r);
  const n = r.table.rows.length;
  const cap = Math.max(1, n);
  const t: AnalysedTrial = {
    n, L, cohort: new Cohort(cap, s.population.biomarkers.length),
    reached: new Int32Array(cap), option: new Int32Array(cap * L), eligible: new Int32Array(cap * L),
    result: new Uint8Array(cap * L), score: new Float64Array(cap * L).fill(NaN), inverseProbability: new Float64Array(cap * L),
    remitLevel: new Int32Array(cap).fill(-1), declined: new Uint8Array(cap), relapsed: new Uint8Array(cap),
  };
  if (!r.ok) return t;
  if (n === 0) r.note('expected at least one participant row, found none');
  for (let i = 0; i < n; i++) {
    for (const read of groups) read(t.cohort, i);
    readPath(setup, columns, r, t, i);
    t.declined[i] = r.integer(i, declinedColumn, 0, 1);
    t.relapsed[i] = r.integer(i, relapsedColumn, 0, 1);
    checkEnding(setup, r, t, i, declinedColumn, relapsedColumn, remissionColumn);
  }
  return t;
}

/** Participant i's levels: the path stops at the first empty result; a level after the end of the path is refused. */
function readPath(setup: SequentialSetup, columns: LevelColumns[], r: ObservedReader, t: AnalysedTrial, i: number): void {
  const row = r.table.rows[i];
  let previous = 0, inverse = 1, ended = '', bad = false;
  t.reached[i] = 0;
  setup.levels.forEach((level, k) => {
    const c = columns[k];
    if (bad) return;
    const at = i * t.L + k;
    t.result[at] = RESULT.notReached; t.option[at] = -1;
    if (row[c.result] === '') {
      if (k === 0) r.problem(i, c.result, `every participant enters level ${level.id}: expected ${RESULT_WORDS.filter(Boolean).join(', ')}, found ""`);
      else if (!ended) ended = `did not enter level ${level.id}`;
      for (const j of [c.option, c.eligible]) if (row[j] !== '') r.problem(i, j, `level ${level.id} has no result, so expected an empty cell, found ${JSON.stringify(row[j])}`);
      return;
    }
    if (ended) { r.problem(i, c.result, `the participant ${ended}, so expected an empty cell, found ${JSON.stringify(row[c.result])}`); return; }
    const result = r.level(i, c.result, RESULT_WORDS.slice(1), `what happened at level ${level.id}`) + 1;
    const mask = acceptedMask(level, r, i, c.eligible, level.availableAfter[previous], k === 0 ? '' : setup.levels[k - 1].optionIds[previous]);
    const o = r.level(i, c.option, level.optionIds, `an option of level ${level.id}`);
    if (result <= 0 || mask < 0 || o < 0) { bad = true; return; }
    if (!((mask >>> o) & 1)) r.problem(i, c.option, `expected one of the options acceptable and available in column "${level.id}_eligible" (${r.table.rows[i][c.eligible]}), found ${JSON.stringify(level.optionIds[o])}`);
    // The inverse randomisation probability, accumulated as the simulation does (trial.ts randomise).
    let total = 0;
    for (let j = 0; mask >>> j; j++) if ((mask >>> j) & 1) total += level.weight[j];
    inverse *= total / level.weight[o];
    t.reached[i] = k + 1; t.option[at] = o; t.eligible[at] = mask; t.result[at] = result; t.inverseProbability[at] = inverse;
    if (c.score >= 0 && row[c.score] !== '') t.score[at] = r.number(i, c.score);
    if (result === RESULT.remitted) { t.remitLevel[i] = k; ended = `remitted at level ${level.id}`; }
    if (result === RESULT.droppedOut) ended = `dropped out at level ${level.id}`;
    previous = o;
  });
}

/** The options named in a `<L>_eligible` cell as a mask over the level's options (-1 after a problem); each must be available after the previous option. */
function acceptedMask(level: LevelSetup, r: ObservedReader, i: number, j: number, available: number, after: string): number {
  const text = r.table.rows[i][j];
  let mask = 0;
  for (const name of text.split('|')) {
    const o = level.optionIds.indexOf(name);
    if (o < 0) { r.problem(i, j, `expected options of level ${level.id} (${level.optionIds.map((x) => JSON.stringify(x)).join(', ')}) joined by "|", found ${JSON.stringify(name)}`); return -1; }
    if (!((available >>> o) & 1)) { r.problem(i, j, `option ${JSON.stringify(name)} of level ${level.id} is not available after option ${JSON.stringify(after)} (see its "after" list)`); return -1; }
    mask |= 1 << o;
  }
  return mask;
}

/** Declining, relapse and remission level must agree with the path. */
function checkEnding(setup: SequentialSetup, r: ObservedReader, t: AnalysedTrial, i: number, declined: number, relapsed: number, remission: number): void {
  if (!r.ok) return;
  const last = t.reached[i] - 1, result = t.result[i * t.L + last];
  const movesOn = (result === RESULT.notRemitted || result === RESULT.intolerant) && last < t.L - 1;
  if (t.declined[i] && !movesOn) r.problem(i, declined, `only a participant who did not remit at a level before the last can decline the next; expected 0, found 1`);
  if (!t.declined[i] && movesOn) r.problem(i, declined, `the participant did not remit at level ${setup.levels[last].id} and has no result at level ${setup.levels[last + 1].id}: expected 1 (declined the next level), found 0`);
  if (t.relapsed[i] && t.remitLevel[i] < 0) r.problem(i, relapsed, 'only a participant who remitted can relapse; expected 0, found 1');
  const derived = t.remitLevel[i] >= 0 ? setup.levels[t.remitLevel[i]].id : '';
  if (remission >= 0 && r.table.rows[i][remission] !== derived) r.problem(i, remission, `the results say ${derived ? `remission at level ${derived}` : 'no remission'}: expected ${JSON.stringify(derived)}, found ${JSON.stringify(r.table.rows[i][remission])}`);
}

/** Readers of the columns the analysis' subgroups use, each writing a participant's value into the cohort. */
function subgroupReaders(s: SequentialScenario, setup: SequentialSetup, r: ObservedReader): ((c: Cohort, i: number) => void)[] {
  return setup.subgroups.map((g) => {
    if (g.name === 'profile') {
      const j = r.column('profile', `the latent profile of each participant (the analysis has subgroups by profile): ${setup.profileIds.join(', ')}`);
      return (c, i) => { c.profile[i] = r.level(i, j, setup.profileIds, 'a profile of the population'); };
    }
    const m = s.population.biomarkers.findIndex((b) => b.id === g.name);
    const marker = s.population.biomarkers[m];
    const j = r.column(marker.id, `biomarker ${marker.id} (the analysis has subgroups by it)`);
    return (c, i) => { c.markers[m][i] = r.biomarker(i, j, marker); };
  });
}
