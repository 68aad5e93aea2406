/**
 * The non-compliance design with a time-to-event endpoint: cross-over at a
 * time, informative loss to follow-up, and the ITT, as-treated,
 * per-protocol and RPSFTM estimators.
 *
 * Exact checks: the event time with a switch solves H(T) = E for the
 * piecewise Weibull cumulative hazard; with a common (proportional) effect
 * and an exponential baseline the RPSFTM's structural assumption holds and
 * its estimate is centred on the true log hazard ratio, known exactly, as
 * are the virtual population's ATE and the effect in compliers; without
 * switching or non-compliance every estimator is the ITT estimate. Then the
 * simulated estimators' means lie within MCSE of the limits the estimands'
 * virtual population gives.
 */
import { describe, it, expect } from 'vitest';
import { noncomplianceDesign } from '../../../src/designs/noncompliance/index.js';
import { newRecord } from '../../../src/designs/types.js';
import { ReplicateStreams } from '../../../src/random/stream.js';
import { eventTime } from '../../../src/designs/noncompliance/switching.js';
import { scenario, refusalOf } from '../../helpers/scenarios.js';
import { expectWithinMcse } from '../../helpers/mcse.js';
import { estimateMeans } from './estimate-means.js';

const logHr = -0.5;
function trial(design: Record<string, unknown>, replicates = 10, extra: Record<string, unknown> = {}) {
  return scenario({
    name: 'tte', seed: 21, replicates, truth: { patients: 100_000 },
    population: { biomarkers: [{ id: 'fit', type: 'binary', prevalence: 0.5 }] },
    endpoint: { type: 'time-to-event', baselineHazard: 0.08, accrualDuration: 12, followUp: 24, ...extra },
    arms: { control: {}, drug: { effect: logHr } },
    design: { type: 'noncompliance', sampleSize: 500, compliance: {}, ...design },
  });
}

/** Means and MCSEs of each estimate over R replicates (streams of seed 21). */
const simulate = (loaded: ReturnType<typeof trial>, R: number) => estimateMeans(loaded, 21, R);
const truthOf = (loaded: ReturnType<typeof trial>) => (loaded.prepared.data as { values: Record<string, { value: number; mcse: number }> }).values;

describe('the event time of a patient who switches arm', () => {
  it.each([[1, 3], [1.6, 5], [0.7, 2]])('solves H(T) = E for the piecewise Weibull hazard (shape %s, switch at %s)', (k, s) => {
    const a = 0.1, b = 0.04;
    for (const e of [0.05, 0.3, 1, 2.5]) {
      const t = eventTime(e, a, b, s, k);
      const H = t <= s ? a * t ** k : a * s ** k + b * (t ** k - s ** k);
      expect(H).toBeCloseTo(e, 12);
      expect(eventTime(e, a, b, Infinity, k)).toBeCloseTo((e / a) ** (1 / k), 12);
    }
  });
});

describe('cross-over with a common effect on an exponential baseline', () => {
  // 60% of control patients start the drug at an exponential time (rate 0.15/month); the fit switch more.
  const loaded = trial({ crossover: { share: 0.6, hazard: 0.15, biomarkers: { fit: 1 } } }, 10);
  const truth = truthOf(loaded);

  it('the virtual population gives the exact ATE and effect in compliers (proportional hazards: log HR -0.5)', () => {
    expectWithinMcse(truth.ate.value, logHr, { mcse: truth.ate.mcse, what: 'ATE' });
    expectWithinMcse(truth.late.value, logHr, { mcse: truth.late.mcse, what: 'LATE' });
    // switching dilutes the ITT effect toward 0
    expect(truth.itt.value - logHr).toBeGreaterThan(10 * truth.itt.mcse);
  });

  const mean = simulate(loaded, 800);
  it('the RPSFTM estimate is centred on the true log hazard ratio; ITT on the diluted ITT effect', () => {
    expectWithinMcse(mean('rpsft').m, logHr, { mcse: mean('rpsft').mcse, what: 'RPSFTM' });
    expectWithinMcse(mean('itt').m, truth.itt.value, { mcse: Math.hypot(mean('itt').mcse, truth.itt.mcse), what: 'ITT' });
  });

  it('as-treated and per-protocol are centred on their limits from the virtual population', () => {
    for (const [id, limit] of [['as-treated', 'as-treated-limit'], ['per-protocol', 'per-protocol-limit']] as const) {
      expectWithinMcse(mean(id).m, truth[limit].value, { mcse: Math.hypot(mean(id).mcse, truth[limit].mcse), what: id });
    }
  });
});

/**
 * The fit (better prognosis, larger benefit: log HR -0.8 against -0.2) switch from control far more; never-takers
 * gain less; `design` adds the sample size and, per test, dropout or the allocation.
 */
function fitSwitch(name: string, seed: number, design: Record<string, unknown>) {
  return scenario({
    name, seed, replicates: 10, truth: { patients: 100_000 },
    population: { biomarkers: [{ id: 'fit', type: 'binary', prevalence: 0.5 }] },
    endpoint: { type: 'time-to-event', baselineHazard: 0.12, prognostic: { fit: -1 }, accrualDuration: 12, followUp: 24 },
    arms: { control: {}, drug: { effect: -0.2, interactions: { fit: -0.6 } } },
    design: { type: 'noncompliance', compliance: { 'never-taker': { share: 0.1, benefit: -2 } }, crossover: { share: 0.2, after: 4, biomarkers: { fit: 2.5 } }, ...design },
  });
}

describe('selection on gains and prognosis', () => {
  // The fit (better prognosis, larger benefit) switch far more; never-takers gain less; the frail are lost to follow-up more.
  const loaded = fitSwitch('tte-selection', 22, { sampleSize: 500, dropout: { hazard: 0.02, outcome: 1 } });
  const truth = truthOf(loaded);
  const mean = simulate(loaded, 600);
  it('every estimator is centred on its limit from the virtual population', () => {
    // (ITT's truth is the effect of assignment without the dropout, so it is not the ITT estimator's limit here.)
    for (const [id, limit] of [['as-treated', 'as-treated-limit'], ['per-protocol', 'per-protocol-limit'], ['rpsft', 'rpsft-limit']] as const) {
      expectWithinMcse(mean(id).m, truth[limit].value, { mcse: Math.hypot(mean(id).mcse, truth[limit].mcse), what: id });
    }
  });
  it('per protocol, which censors the fit controls when they switch, overstates the benefit', () => {
    expect(truth.ate.value - truth['per-protocol-limit'].value).toBeGreaterThan(4 * Math.hypot(truth.ate.mcse, truth['per-protocol-limit'].mcse));
  });
});

describe('unequal allocation (4:1)', () => {
  // The Cox limits depend on the allocation when hazards are not proportional: the truth follows each virtual
  // patient under one assignment drawn 4:1 (a 1:1 truth put as treated and per protocol about 9 SE off).
  const loaded = fitSwitch('tte-allocation', 23, { sampleSize: 800, allocation: { drug: 4, control: 1 } });
  const truth = truthOf(loaded);
  const mean = simulate(loaded, 400);
  it('as treated, per protocol and the RPSFTM are centred on their limits under the design\'s allocation', () => {
    for (const [id, limit] of [['itt', 'itt'], ['as-treated', 'as-treated-limit'], ['per-protocol', 'per-protocol-limit'], ['rpsft', 'rpsft-limit']] as const) {
      expectWithinMcse(mean(id).m, truth[limit].value, { mcse: Math.hypot(mean(id).mcse, truth[limit].mcse), what: id });
    }
  });
});

describe('no switching and full compliance', () => {
  it('as treated and per protocol give the ITT estimate in every replicate; the RPSFTM the ITT test', () => {
    const loaded = trial({}, 10);
    const plan = noncomplianceDesign.plan(loaded.spec, loaded.prepared.data);
    const record = newRecord(plan.layout);
    for (let r = 1; r <= 30; r++) {
      plan.simulate(new ReplicateStreams(21, r), record);
      expect(Math.abs(record.estimate[1] - record.estimate[0])).toBeLessThan(1e-12);
      expect(Math.abs(record.estimate[2] - record.estimate[0])).toBeLessThan(1e-12);
      // The RPSFTM's estimate differs (recensoring at e^ψ C shortens one arm's follow-up), its test is ITT's log-rank test.
      expect(record.rejected[3]).toBe(record.rejected[0]);
    }
  });
});

describe('time-to-event non-compliance: bad input', () => {
  const text = (endpoint: string, design: string) => `name: x\nseed: 1\npopulation: { biomarkers: [{ id: fit, type: binary, prevalence: 0.4 }] }\nendpoint: ${endpoint}\narms: { control: {}, drug: { effect: -0.5 } }\ndesign: { type: noncompliance, sampleSize: 100, compliance: {}, ${design} }\n`;
  const tte = '{ type: time-to-event, baselineHazard: 0.1, accrualDuration: 12, followUp: 12 }';
  it('refuses cross-over with a continuous endpoint, and the IV estimators with a time-to-event one', () => {
    expect(refusalOf(text('{ type: continuous, sd: 1 }', 'crossover: { share: 0.5, after: 3 }'))).toMatch(/design\.crossover.*needs a time-to-event endpoint/s);
    expect(refusalOf(text(tte, 'analysis: { estimators: [itt, iv-wald] }'))).toMatch(/design\.analysis\.estimators\[1\].*use rpsft/s);
    expect(refusalOf(text('{ type: continuous, sd: 1 }', 'analysis: { estimators: [itt, rpsft] }'))).toMatch(/design\.analysis\.estimators\[1\].*iv-wald/s);
  });
  it('refuses a switch time given twice or not at all, and a share of missing outcomes for a time-to-event endpoint', () => {
    expect(refusalOf(text(tte, 'crossover: { share: 0.5, after: 3, hazard: 0.1 }'))).toMatch(/design\.crossover.*found both/s);
    expect(refusalOf(text(tte, 'crossover: { share: 0.5 }'))).toMatch(/design\.crossover.*found neither/s);
    expect(refusalOf(text(tte, 'dropout: { share: 0.2 }'))).toMatch(/design\.dropout\.share.*dropout\.hazard/s);
  });
});

describe('analysing observed time-to-event data: bad input', () => {
  it('refuses a negative switch time, a time beyond follow-up and missing patients, naming line and column', () => {
    const loaded = trial({ crossover: { share: 0.6, hazard: 0.15 } }, 10);
    const people = noncomplianceDesign.patients!(loaded.spec, loaded.prepared.data, new ReplicateStreams(21, 1));
    const table = (rows: (string | number)[][]) => ({ file: 'trial.csv', columns: people.columns, rows: rows.map((r) => r.map(String)), lines: rows.map((_, k) => k + 2) });
    const at = (name: string) => people.columns.indexOf(name);
    const plan = noncomplianceDesign.plan(loaded.spec, loaded.prepared.data);
    const analyse = (rows: (string | number)[][]) => noncomplianceDesign.analyse!(loaded.spec, loaded.prepared.data, table(rows), newRecord(plan.layout));
    expect(() => analyse(people.rows)).not.toThrow();
    const edited = (k: number, column: string, value: string) => people.rows.map((r, j) => (j === k ? r.map((x, c) => (c === at(column) ? value : x)) : r));
    expect(() => analyse(edited(2, 'switched_at', '-1'))).toThrow(/line 4, column "switched_at": expected months after entry/);
    expect(() => analyse(edited(3, 'time', '999'))).toThrow(/line 5, column "time": expected at most .* months \(follow-up ends at month 36\)/);
    expect(() => analyse(people.rows.slice(1))).toThrow(/expected the 500 patients the design randomises/);
  });
});
