/**
 * `trialsim analyse` for a basket trial: the observed data, as patient rows
 * (basket, optionally arm and patient number, response 0/1: the layout of
 * `trialsim export`) or as counts per basket (basket, patients, responders,
 * and for randomised baskets control_patients, control_responders), run
 * through the design's own analysers, so the result is what a simulated
 * replicate with these data reports.
 *
 * Patient rows give every running count, so staged analyses (Simon, Bayesian
 * interims) can be replayed, provided each basket has at least the patients
 * the analysis enrolled. Counts give only the final count: then every
 * analysis must be single-stage, and each basket is analysed at its
 * observed size, which may differ from the planned one.
 */
import type { ReplicateRecord } from '../types.js';
import { ObservedReader, type ObservedTable } from '../../scenario/observed.js';
import type { BasketScenario } from './schema.js';
import type { BasketSetup } from './setup.js';
import { basketLayout } from './layout.js';
import { TrialData } from './patients.js';
import { buildAnalyser } from './trial.js';
import { comparator } from './comparison.js';
import { writeAnalysis, writeComparison } from './record.js';
import { STOP_EFFICACY, STOP_FUTILITY } from './analysis.js';

interface Observed {
  /** Responses of each basket's drug patients in enrolment order. */
  drug: number[][];
  /** Control patients and responders per basket. */
  controlN: number[];
  controlY: number[];
  /** Counts only (no running counts). */
  countsOnly: boolean;
}

function readPatients(r: ObservedReader, setup: BasketSetup): Observed {
  const ids = setup.baskets.map((b) => b.id);
  const K = ids.length;
  const basket = r.column('basket', 'the basket of each patient');
  const response = r.column('response', '1 for a responder, 0 otherwise');
  const arm = r.optional('arm');
  const patient = r.optional('patient');
  const out: Observed = { drug: ids.map(() => []), controlN: new Array<number>(K).fill(0), controlY: new Array<number>(K).fill(0), countsOnly: false };
  if (!r.ok) return out;
  const order: { k: number; at: number; y: number }[] = [];
  r.table.rows.forEach((_, i) => {
    const k = r.level(i, basket, ids, 'a basket of the design');
    const y = r.integer(i, response, 0, 1);
    const a = arm >= 0 ? r.level(i, arm, ['drug', 'control'], 'an arm') : 0;
    const at = patient >= 0 ? r.integer(i, patient, 1) : i + 1;
    if (k < 0 || Number.isNaN(y) || a < 0 || Number.isNaN(at)) return;
    if (a === 1) {
      if (!setup.baskets[k].control) r.problem(i, arm, `basket ${ids[k]} is not randomised in the design, so it has no control patients`);
      out.controlN[k]++;
      out.controlY[k] += y;
    } else {
      order.push({ k, at, y });
    }
  });
  // Enrolment order within each basket: by patient number when given.
  order.sort((x, y) => x.k - y.k || x.at - y.at);
  for (const p of order) out.drug[p.k].push(p.y);
  return out;
}

function readCounts(r: ObservedReader, setup: BasketSetup): Observed {
  const ids = setup.baskets.map((b) => b.id);
  const K = ids.length;
  const basket = r.column('basket');
  const patients = r.column('patients', 'drug patients in the basket');
  const responders = r.column('responders', 'responders among them');
  const controlPatients = r.optional('control_patients');
  const controlResponders = r.optional('control_responders');
  const out: Observed = { drug: ids.map(() => []), controlN: new Array<number>(K).fill(0), controlY: new Array<number>(K).fill(0), countsOnly: true };
  if (!r.ok) return out;
  const seen = new Map<number, number>();
  r.table.rows.forEach((_, i) => {
    const k = r.level(i, basket, ids, 'a basket of the design');
    const n = r.integer(i, patients, 0);
    const y = r.integer(i, responders, 0);
    if (k < 0 || Number.isNaN(n) || Number.isNaN(y)) return;
    if (seen.has(k)) { r.problem(i, basket, `basket ${ids[k]} appears again (first on line ${seen.get(k)})`); return; }
    seen.set(k, r.table.lines[i]);
    if (y > n) { r.problem(i, responders, `expected at most the ${n} patients of column "patients", found ${y}`); return; }
    out.drug[k] = Array.from({ length: n }, (_, j) => (j < y ? 1 : 0));
    if (setup.baskets[k].control) {
      if (controlPatients < 0 || controlResponders < 0) { r.problem(i, basket, `basket ${ids[k]} is randomised: expected columns "control_patients" and "control_responders"`); return; }
      const m = r.integer(i, controlPatients, 0);
      const x = r.integer(i, controlResponders, 0);
      if (x > m) r.problem(i, controlResponders, `expected at most the ${m} patients of column "control_patients", found ${x}`);
      out.controlN[k] = m;
      out.controlY[k] = x;
    }
  });
  ids.forEach((id, k) => { if (!seen.has(k)) r.note(`basket ${id} of the design has no row`); });
  return out;
}

/** The setup with each basket at its observed size (single-stage analyses); the shared posterior tables, indexed by the planned sizes, are left out. */
function atObservedSizes(setup: BasketSetup, o: Observed): BasketSetup {
  return {
    ...setup,
    analyses: setup.analyses.map((a) => ({ ...a, shared: undefined })),
    baskets: setup.baskets.map((b, k) => ({
      ...b, n: o.drug[k].length, maxN: o.drug[k].length,
      control: b.control ? { ...b.control, n: o.controlN[k] } : undefined,
    })),
  };
}

export function analyseBasket(_s: BasketScenario, prepared: BasketSetup, table: ObservedTable, out: ReplicateRecord): Record<string, unknown> {
  const r = new ObservedReader(table);
  const observed = r.has('responders') ? readCounts(r, prepared) : readPatients(r, prepared);
  r.done();
  const staged = prepared.analyses.filter((a) => a.staged);
  if (observed.countsOnly && staged.length > 0) {
    r.note(`analysis ${staged[0].id} looks at the data part-way (${staged[0].simon ? 'Simon stage 1' : 'an interim'}): it needs patient rows in enrolment order (columns basket, response and optionally arm, patient), not counts`);
    r.done();
  }
  // Single-stage analyses use the observed sizes; staged ones are replayed at the planned sizes.
  const setup = staged.length === 0 ? atObservedSizes(prepared, observed) : prepared;
  if (setup === prepared) {
    prepared.baskets.forEach((b, k) => {
      if (b.control && observed.controlN[k] !== b.control.n) r.note(`basket ${b.id}: the design randomises ${b.control.n} control patients, the data have ${observed.controlN[k]}`);
    });
  }
  const K = setup.baskets.length;
  const data = new TrialData({ ...setup, baskets: setup.baskets.map((b, k) => ({ ...b, maxN: Math.max(b.maxN, observed.drug[k].length) })) });
  observed.drug.forEach((ys, k) => ys.forEach((y, j) => (data.cum[k][j + 1] = data.cum[k][j] + y)));
  observed.controlY.forEach((x, k) => (data.controlResponders[k] = x));
  const layout = basketLayout(prepared);
  const details: Record<string, unknown>[] = [];
  setup.analyses.forEach((info, j) => {
    const analyser = buildAnalyser(setup, info);
    analyser.analyse(data);
    const res = analyser.result;
    for (let k = 0; k < K; k++) {
      if (res.enrolled[k] > observed.drug[k].length) {
        r.note(`basket ${setup.baskets[k].id}: analysis ${info.id} enrols ${res.enrolled[k]} drug patients, the data have ${observed.drug[k].length}`);
      }
    }
    writeAnalysis(setup.baskets, res, layout.analyses[j], out);
    details.push({
      analysis: info.id, method: info.spec.method,
      baskets: setup.baskets.map((b, k) => ({
        basket: b.id, patients: res.enrolled[k], responders: data.cum[k][res.enrolled[k]],
        ...(Number.isNaN(res.statistic[k]) ? {} : { posteriorProbabilityAboveP0: Number.isFinite(res.statistic[k]) ? res.statistic[k] : null }),
        stopped: res.stop[k] === STOP_FUTILITY ? 'futility' : res.stop[k] === STOP_EFFICACY ? 'efficacy' : null,
        success: res.reject[k] === 1,
      })),
    });
  });
  r.done();
  if (setup.randomised) {
    const compare = comparator(setup);
    compare.compare(data);
    compare.result.baskets.forEach((_, j) => writeComparison(compare.result, j, layout, out));
  }
  return { analyses: details };
}
