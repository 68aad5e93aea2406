/**
 * What the platform design needs to know, resolved once: the arms (control
 * first among equals), their entries, sizes and weights, and the planned
 * timeline: the expected course of the platform when every arm runs to its
 * sample size and patients arrive at exactly the expected rate (a fluid
 * approximation). The plan cuts the calendar into periods at every entry and
 * exit, gives the duration the linear trends are scaled to, the true
 * concurrent windows, and the checks of entries that come too late.
 */
import type { PlatformScenario, AnalysisMethod } from './schema.js';
import { controlArm } from '../../scenario/design-parts.js';
import { recruitmentOf, rateAt, type Recruitment } from './recruitment.js';
import { levelProbabilities } from '../../scenario/check-model.js';

export interface PlatformArmSetup {
  name: string;
  /** Per eligibility class (see PlatformSetup.classes), whether the arm enrols it. */
  eligibleIn: boolean[];
  /** Index among the scenario's arms. */
  index: number;
  entryTime: number | null;
  entryPatients: number | null;
  sampleSize: number;
  weight: number;
}

export interface PlannedArm {
  name: string;
  /** Null when the arm never opens in the plan (it enters after the platform ends or when nothing is open). */
  entry: number | null;
  exit: number | null;
  patients: number;
  /** Control patients randomised while the arm is open, and from the start to its exit. */
  concurrentControls: number;
  pooledControls: number;
  /** Why the plan could not open it. */
  problem: 'after-end' | 'no-control' | null;
}

export interface PlannedPeriod {
  start: number;
  end: number;
  open: string[];
  /** The share of arriving patients randomised to each open arm (control first); with biomarker-driven arms they may sum to less than 1 (the rest are eligible for no open arm). */
  shares: number[];
}

export interface PlannedTimeline {
  arms: PlannedArm[];
  periods: PlannedPeriod[];
  duration: number;
  patients: number;
  controlPatients: number;
}

/** The patients' eligibility classes: the levels of design.eligibility (one class of everyone without it). */
export interface EligibilityClasses {
  /** Cohort column of the biomarker, or -1. */
  column: number;
  /** Stored value (0/1 or level index) of each class, and its probability in the population. */
  values: number[];
  probabilities: number[];
  labels: string[];
}

export interface PlatformSetup {
  classes: EligibilityClasses;
  armNames: string[];
  control: number;
  experimental: PlatformArmSetup[];
  recruitment: Recruitment;
  /** The analyses reported: the decision analysis first, then the others asked for. */
  methods: AnalysisMethod[];
  timeline: PlannedTimeline;
}

/** The classes of design.eligibility: a binary biomarker's 0 and 1, a categorical one's levels. */
export function eligibilityClasses(s: PlatformScenario): EligibilityClasses {
  const id = s.design.eligibility;
  const column = id === undefined ? -1 : s.population.biomarkers.findIndex((b) => b.id === id);
  const b = s.population.biomarkers[column];
  if (!b || b.type === 'continuous') return { column: -1, values: [0], probabilities: [1], labels: ['all'] };
  const probs = levelProbabilities(s, b.id)!;
  const labels = b.type === 'binary' ? ['0', '1'] : Object.keys(b.levels);
  return { column, values: labels.map((_, j) => j), probabilities: labels.map((l) => probs[l] ?? 0), labels };
}

/** The class indices an arm's `eligible` list names (every class when it has none); -1 for a value not among them. */
export function eligibleClasses(classes: EligibilityClasses, eligible: (number | string)[] | undefined): number[] {
  if (!eligible || classes.column < 0) return classes.values.map((_, g) => g);
  return eligible.map((v) => classes.labels.indexOf(String(v)));
}

export function platformSetup(s: PlatformScenario): PlatformSetup {
  const armNames = Object.keys(s.arms ?? {});
  const controlName = controlArm(s.design, armNames);
  const classes = eligibilityClasses(s);
  const experimental = Object.entries(s.design.arms).map(([name, a]) => ({
    name, index: armNames.indexOf(name),
    eligibleIn: classes.values.map((_, g) => eligibleClasses(classes, a.eligible).includes(g)),
    entryTime: 'time' in a.entry ? a.entry.time : null,
    entryPatients: 'patients' in a.entry ? a.entry.patients : null,
    sampleSize: a.sampleSize, weight: a.ratio,
  }));
  const recruitment = recruitmentOf(s.design.recruitment);
  const { decision, compare } = s.design.analysis;
  const methods = [decision, ...compare.filter((m) => m !== decision)];
  return { classes, armNames, control: armNames.indexOf(controlName), experimental, recruitment, methods, timeline: plannedTimeline(s, experimental, recruitment, classes) };
}

/** The control's allocation weight when `open` experimental arms are open. */
export function controlWeight(ratio: number | 'sqrt-arms', open: number): number {
  return ratio === 'sqrt-arms' ? Math.sqrt(open) : ratio;
}

const EPS = 1e-9;

/**
 * The share of arrivals each open arm (control first) receives: within each eligibility class, the arms open
 * to it share its patients by their weights, the control by its weight against the number of them.
 */
function arrivalShares(s: PlatformScenario, arms: PlatformArmSetup[], open: number[], classes: EligibilityClasses): number[] {
  const shares = new Array<number>(open.length + 1).fill(0);
  classes.probabilities.forEach((pi, g) => {
    const here = open.filter((k) => arms[k].eligibleIn[g]);
    if (here.length === 0 || pi === 0) return;
    const wc = controlWeight(s.design.controlRatio, here.length);
    const total = wc + here.reduce((sum, k) => sum + arms[k].weight, 0);
    shares[0] += (pi * wc) / total;
    open.forEach((k, j) => { if (arms[k].eligibleIn[g]) shares[j + 1] += (pi * arms[k].weight) / total; });
  });
  return shares;
}

/** The fluid course of the platform: expected arrivals shared by the open arms' weights within each eligibility class. */
function plannedTimeline(s: PlatformScenario, arms: PlatformArmSetup[], r: Recruitment, classes: EligibilityClasses): PlannedTimeline {
  const end = s.design.duration ?? Infinity;
  const K = arms.length;
  const n = new Float64Array(K), status = new Uint8Array(K); // 0 waiting, 1 open, 2 done, 3 never
  const planned: PlannedArm[] = arms.map((a) => ({ name: a.name, entry: null, exit: null, patients: 0, concurrentControls: 0, pooledControls: 0, problem: null }));
  const periods: PlannedPeriod[] = [];
  let t = 0, enrolled = 0, control = 0, started = false, lastExit = 0;
  const isOpen = () => arms.map((_, k) => k).filter((k) => status[k] === 1);
  const ready = (k: number) => status[k] === 0 && (arms[k].entryTime !== null ? arms[k].entryTime! <= t + EPS : enrolled >= arms[k].entryPatients! - EPS);
  const openPeriod = () => {
    const open = isOpen();
    if (periods.length > 0) periods[periods.length - 1].end = t;
    if (open.length === 0) return;
    periods.push({ start: t, end: t, open: [controlArm(s.design, Object.keys(s.arms ?? {})), ...open.map((k) => arms[k].name)], shares: arrivalShares(s, arms, open, classes) });
  };
  for (let guard = 0; guard < 10 * K + 1000; guard++) {
    let changed = false;
    for (let k = 0; k < K; k++) {
      if (!ready(k)) continue;
      if (t >= end - EPS) { status[k] = 3; planned[k].problem = 'after-end'; continue; }
      if (started && isOpen().length === 0 && t > lastExit + EPS) { status[k] = 3; planned[k].problem = 'no-control'; continue; }
      status[k] = 1; started = true; changed = true;
      planned[k].entry = t;
      planned[k].pooledControls = control;
    }
    if (changed) openPeriod();
    const open = isOpen();
    const waiting = arms.map((_, k) => k).filter((k) => status[k] === 0);
    if (open.length === 0) {
      const times = waiting.filter((k) => arms[k].entryTime !== null).map((k) => arms[k].entryTime!);
      if (!started && times.length > 0) { t = Math.min(...times); continue; }
      for (const k of waiting) { status[k] = 3; planned[k].problem = arms[k].entryTime !== null && arms[k].entryTime! >= end ? 'after-end' : 'no-control'; }
      break;
    }
    const period = periods[periods.length - 1];
    const rate = rateAt(r, t);
    const nextPiece = [...r.from].find((f) => f > t + EPS) ?? Infinity;
    let step = Math.min(nextPiece - t, end - t);
    const enrolling = period.shares.reduce((a, x) => a + x, 0);
    for (const k of waiting) {
      step = Math.min(step, arms[k].entryTime !== null ? arms[k].entryTime! - t : (arms[k].entryPatients! - enrolled) / (rate * enrolling));
    }
    open.forEach((k, j) => { if (period.shares[j + 1] > 0) step = Math.min(step, (arms[k].sampleSize - n[k]) / (rate * period.shares[j + 1])); });
    step = Math.max(0, step);
    t += step;
    enrolled += rate * enrolling * step;
    control += rate * period.shares[0] * step;
    open.forEach((k, j) => { n[k] += rate * period.shares[j + 1] * step; });
    for (const k of open) planned[k].concurrentControls += rate * period.shares[0] * step;
    let closed = false;
    for (const k of open) {
      if (n[k] >= arms[k].sampleSize - EPS || t >= end - EPS) {
        status[k] = 2; closed = true; lastExit = t;
        planned[k].exit = t;
        planned[k].patients = Math.min(n[k], arms[k].sampleSize);
        planned[k].pooledControls = control;
      }
    }
    if (closed) openPeriod();
  }
  return { arms: planned, periods: periods.filter((p) => p.end > p.start + EPS), duration: t, patients: enrolled, controlPatients: control };
}
