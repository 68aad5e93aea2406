/**
 * `trialsim analyse` as a trial statistician runs it (built CLI): an
 * exported replicate's patients, analysed as observed data, give exactly that
 * replicate's row of replicates.csv, for basket designs (staged analyses
 * replayed from patient rows; single-stage ones from counts) and
 * parallel-group designs (binary, time-to-event analysed at a number of
 * events, counts with exposure, several doses under Dunnett), umbrella
 * designs (time-to-event: the event-driven looks replayed at the calendar
 * times their events are reached, shared concurrent controls included),
 * platform designs (entries, interims and exits replayed from the rows in
 * order of entry; biomarker-driven arms; time-to-event arms cut by the
 * platform's end), sequential designs (each participant's path through the
 * levels), MAMS designs (stages replayed from each patient's stage),
 * non-compliance and response-adaptive designs (analyses replayed on the
 * rows in enrolment order; binary, continuous and time-to-event, whose
 * follow-up is read at each analysis' calendar time) and adaptive enrichment (the interim selection
 * replayed from the stage-1 rows; time-to-event: each analysis at the calendar time its events are
 * reached); an export's potential outcome under the
 * arm a patient took is the outcome observed; bad data is
 * refused in one message naming line and column, with exit code 2.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { trialsim, tempDir, scenarioFile } from '../helpers/cli.js';

const rows = (text: string) => {
  const [head, ...lines] = text.trim().split('\n');
  const cols = head.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, j) => [cols[j], v])));
};

/** Exports replicate k, analyses it, and returns [the analysis row, the simulated row]. */
function roundTrip(file: string, k: number): [Record<string, string>, Record<string, string>] {
  const dir = tempDir();
  expect(trialsim(['export', file, '--replicate', String(k), '--out', join(dir, 'patients.csv')]).code).toBe(0);
  const a = trialsim(['analyse', file, join(dir, 'patients.csv'), '--out', join(dir, 'row.csv'), '--quiet']);
  expect(a.stderr).toBe('');
  expect(trialsim(['run', file, '--replicates', String(k), '--out', join(dir, 'run'), '--quiet']).code).toBe(0);
  const scenarioDir = join(dir, 'run', readdirSync(join(dir, 'run'))[0]);
  const run = rows(readFileSync(join(scenarioDir, readdirSync(scenarioDir)[0], 'replicates.csv'), 'utf8'));
  const [row] = rows(readFileSync(join(dir, 'row.csv'), 'utf8'));
  return [row, run[k - 1]];
}

/** A sequential trial with dropout, intolerance, an option available only after another, weights, permuted blocks, an exit score and biomarker subgroups. */
const sequentialText = `name: Observed sequential trial
seed: 31
replicates: 10
population:
  biomarkers:
    - { id: anxious, type: binary, prevalence: 0.4 }
design:
  type: sequential
  sampleSize: 300
  followUpWeeks: 26
  score: { threshold: 5, sd: 4 }
  randomisation: { method: permuted-block, blocks: 2 }
  treatments: { CIT: {}, SER: {}, BUP: {}, LI: {} }
  levels:
    - id: L1
      dropout: 0.1
      declineNext: 0.2
      relapse: 0.3
      options:
        - { id: CIT, treatment: CIT, remission: { rate: 0.35, effects: { anxious: -0.4 } } }
    - id: L2
      dropout: 0.05
      acceptance:
        - { accepts: [switch, augment], probability: 0.6 }
        - { accepts: [switch], probability: 0.4 }
      options:
        - { id: SER, treatment: SER, weight: 2, intolerance: 0.1, remission: { rate: 0.3 } }
        - { id: BUP, treatment: BUP, remission: { rate: 0.25 } }
        - { id: CIT-LI, treatment: LI, strategy: augment, after: [CIT], remission: { rate: 0.2 } }
  analysis:
    comparisons:
      - { level: L2, compare: [switch, augment] }
    sequenceComparisons:
      - [CIT > SER, CIT > BUP]
    subgroups: [anxious]
`;
const sequentialFile = scenarioFile(sequentialText, 'sequential.yaml');

/** A time-to-event umbrella whose substudies share their concurrent controls, with event-driven interims and a screening cap that most trials reach. */
const umbrellaSurvivalFile = scenarioFile(`name: Observed time-to-event umbrella, shared concurrent controls
seed: 5
replicates: 10
population:
  biomarkers:
    - { id: egfr, type: binary, prevalence: 0.3 }
    - { id: kras, type: binary, prevalence: 0.3 }
endpoint:
  type: time-to-event
  median: 6
  accrualDuration: 12
  followUp: 6
  dropoutHazard: 0.02
arms:
  control: {}
  egfr-inhibitor: { interactions: { egfr: -0.6 } }
  kras-inhibitor: {}
design:
  type: umbrella
  screening: { ratePerMonth: 30, testFailure: 0.05, cap: { months: 9 } }
  control: { sharing: shared, compareWith: all-concurrent }
  substudies:
    - { id: egfr, eligibility: egfr, drug: egfr-inhibitor, sampleSize: 120 }
    - { id: kras, eligibility: kras and not egfr, drug: kras-inhibitor, sampleSize: 160 }
  interims:
    informationFractions: [0.5, 1]
    events: 60
    efficacy: { spending: obrien-fleming }
    futility: { type: conditional-power, threshold: 0.1 }
  analysis: { test: log-rank, alpha: 0.025, sided: one, multiplicity: holm }
`, 'umbrella-survival.yaml');

/** A time-to-event platform: a third arm opening after 120 platform patients, interims on z, a stepwise trend, the calendar-time spline, and an end at month 24 that cuts arms short. */
const platformSurvivalFile = scenarioFile(`name: Observed platform trial, time to event
seed: 23
replicates: 10
endpoint: { type: time-to-event, median: 12, accrualDuration: 1, followUp: 6, dropoutHazard: 0.01, better: higher }
arms:
  control: {}
  drugA: { effect: -0.7 }
  drugB: { effect: 0.4 }
  drugC: { effect: -0.2 }
design:
  type: platform
  arms:
    drugA: { entry: { time: 0 }, sampleSize: 80 }
    drugB: { entry: { time: 0 }, sampleSize: 80 }
    drugC: { entry: { patients: 120 }, sampleSize: 80 }
  recruitment: { rate: 12 }
  duration: 24
  trend: { shape: stepwise, strength: -0.2 }
  analysis: { compare: [pooled, period-adjusted, calendar-spline] }
  interim: { at: [40], efficacy: 2.2, futility: 0 }
`, 'platform-survival.yaml');

/** A binary platform with biomarker-driven arms (patients eligible for no open arm turned away), simple randomisation with a square-root control share, evenly spaced arrivals at two rates, and interims on the posterior scale. */
const platformBiomarkerFile = scenarioFile(`name: Observed platform trial, biomarker-driven arms
seed: 4
replicates: 10
population:
  biomarkers:
    - { id: mutation, type: categorical, levels: { egfr: 0.3, alk: 0.2, other: 0.5 } }
endpoint: { type: binary, intercept: -0.4 }
arms:
  control: {}
  A: { effect: 0, interactions: { mutation=egfr: 0.8 } }
  B: {}
  C: { effect: 0.3 }
design:
  type: platform
  eligibility: mutation
  arms:
    A: { entry: { time: 0 }, sampleSize: 60, eligible: [egfr] }
    B: { entry: { time: 0 }, sampleSize: 50, eligible: [alk] }
    C: { entry: { time: 5 }, sampleSize: 80 }
  controlRatio: sqrt-arms
  randomisation: { method: simple }
  recruitment: { rate: [{ from: 0, rate: 20 }, { from: 4, rate: 30 }], arrivals: uniform }
  trend: { shape: linear, strength: 0.5 }
  analysis: { decision: period-adjusted, compare: [concurrent, pooled, calendar-spline] }
  interim: { at: [30], scale: posterior, efficacy: 0.995, futility: 0.3 }
`, 'platform-biomarker.yaml');

describe('trialsim analyse reproduces an exported replicate exactly', () => {
  for (const [file, k] of [
    ['scenarios/basket/mixed-2-active.yaml', 7],
    ['scenarios/flagship/two-arm-binary.yaml', 5],
    ['scenarios/parallel/event-driven-two-arm.yaml', 3],
    ['scenarios/parallel/exacerbations-count.yaml', 2],
    ['scenarios/parallel/three-doses-dunnett.yaml', 4],
    ['scenarios/umbrella/separate-controls.yaml', 6],
    ['scenarios/flagship/umbrella-lung.yaml', 3],
    ['scenarios/mams/triangular-4-arms.yaml', 5],
    ['scenarios/mams/triangular-4-arms.yaml', 11],
    ['scenarios/noncompliance/selection-on-gains.yaml', 4],
    ['scenarios/noncompliance/partial-adherence.yaml', 6], // the fraction of the dose taken read back
    ['scenarios/noncompliance/crossover-survival.yaml', 3], // time-to-event: the switch time read back
    ['scenarios/mendelian/ldl-heart-disease.yaml', 1], // individual data; the weighted median's bootstrap reads replicate 1's analysis stream
    ['scenarios/response-adaptive/three-arm-thompson.yaml', 2], // stopped early, after 200 patients
    ['scenarios/response-adaptive/three-arm-thompson.yaml', 8],
    ['scenarios/response-adaptive/adaptr-three-arms.yaml', 3], // no control, equivalence
    ['scenarios/response-adaptive/continuous-drift.yaml', 5], // continuous, period-stratified estimates
    ['scenarios/response-adaptive/survival-three-arms.yaml', 4], // time-to-event: follow-up read at each analysis' calendar time
    ['scenarios/enrichment/biomarker-subgroup.yaml', 3], // the subpopulation alone at stage 2
    ['scenarios/enrichment/biomarker-subgroup.yaml', 4],
    ['scenarios/enrichment/two-biomarkers.yaml', 2], // two subpopulations, three stages, early stops, re-estimated stage sizes
    ['scenarios/enrichment/two-biomarkers.yaml', 5],
    ['scenarios/enrichment/nested-expression.yaml', 1], // nested subpopulations, a rule table
    ['scenarios/enrichment/nested-expression.yaml', 6],
    ['scenarios/enrichment/survival-biomarker.yaml', 1], // time-to-event: S alone after the interim; each analysis at its events, from the rows' entries and times
    ['scenarios/enrichment/survival-biomarker.yaml', 2], // F alone after the interim
    ['scenarios/platform/four-arms-staggered.yaml', 1], // arms entering at months 0, 10 and 20; drugA and drugB stop for futility at the interim on their 75th patient
    ['scenarios/platform/four-arms-staggered.yaml', 2], // every arm to its 150 patients
    ['scenarios/platform/ncc-vignette.yaml', 1], // arms entering after 0, 250, 500, 750 platform patients; period-adjusted decisions
    [platformSurvivalFile, 1], // drugB stops for futility at its interim; drugC is cut short by the platform's end
    [platformSurvivalFile, 4], // every arm leaves before the end, drugC for futility
    [platformBiomarkerFile, 4], // A graduates at its interim
    [platformBiomarkerFile, 5], // A stops for futility at its interim
    ['scenarios/umbrella/lung-pfs-interims.yaml', 2], // time-to-event: egfr stops for efficacy at the interim, kras for futility, each at the calendar time its events reach the look
    ['scenarios/umbrella/lung-pfs-interims.yaml', 3], // both to the final analysis at 160 events
    ['scenarios/umbrella/lung-pfs-interims.yaml', 4], // both stop for futility
    ['scenarios/umbrella/lung-pfs-non-match.yaml', 2], // time-to-event, no interims: each substudy analysed at its close plus the follow-up
    [umbrellaSurvivalFile, 1], // shared concurrent controls: a control counts for every substudy open when they entered; capped at 9 months
    [umbrellaSurvivalFile, 2],
    ['scenarios/flagship/stard.yaml', 2], // each participant's path through four levels; IPW values of the embedded sequences
    ['scenarios/flagship/stard-profiles.yaml', 3], // subgroups by the latent profile (read from its column)
    [sequentialFile, 3],
    [sequentialFile, 7],
  ] as const) {
    it(`${file.replace(/^.*\/trialsim-test-[^/]+\//, '(in this file) ')}, replicate ${k}`, () => {
      const [row, simulated] = roundTrip(file, k);
      const { replicate: _r, ...analysed } = row;
      expect(Object.keys(analysed).length).toBeGreaterThan(5);
      // Only what observed data cannot tell is missing: an umbrella's screening funnel and its side-by-side separate trials, compliance types, patients screened.
      // Also an enrichment trial's fixed comparators (simulated beside it, not part of it).
      const unobserved = /^(reject:)?(separate:|(se:|lower:|upper:)?[A-Za-z]+:separate:|screened$|screen-failures$|not-matched$|turned-away$|screening-months$|capped$|patients-saved$|months-saved$|type:|fixed-[A-Za-z0-9_]+$)/;
      for (const [column, value] of Object.entries(analysed)) {
        if (value === 'NA' && simulated[column] !== 'NA') expect(column).toMatch(unobserved);
        else expect({ column, value }).toEqual({ column, value: simulated[column] });
      }
    });
  }
});

describe('trialsim export gives each patient\'s outcome under every arm', () => {
  for (const file of ['scenarios/mams/triangular-4-arms.yaml', 'scenarios/enrichment/biomarker-subgroup.yaml', 'scenarios/response-adaptive/three-arm-thompson.yaml', 'scenarios/flagship/two-arm-binary.yaml']) {
    it(`${file}: the potential outcome under the arm taken is the one observed`, () => {
      const out = join(tempDir(), 'patients.csv');
      expect(trialsim(['export', file, '--replicate', '2', '--out', out]).code).toBe(0);
      const patients = rows(readFileSync(out, 'utf8'));
      expect(patients.length).toBeGreaterThan(10);
      for (const p of patients) expect(Number(p[`outcome_${p.arm}`])).toBe(Number(p.outcome));
    });
  }
});

const basket = `name: Observed basket trial
design:
  type: basket
  p0: 0.2
  baskets:
    - { id: lung, sampleSize: 12, responseRate: 0.2 }
    - { id: colon, sampleSize: 12, responseRate: 0.4 }
  analyses:
    - { method: independent-exact }
    - { method: fujikawa, threshold: 0.95 }
`;

describe('trialsim analyse on counts per basket', () => {
  const file = scenarioFile(basket);
  const data = (text: string) => { const p = join(tempDir(), 'data.csv'); writeFileSync(p, text); return p; };

  it('analyses each basket at its observed size, with the posterior probability per basket', () => {
    const r = trialsim(['analyse', file, data('basket,patients,responders\nlung,10,2\ncolon,14,8\n'), '--json']);
    expect(r.code).toBe(0);
    const a = JSON.parse(r.stdout) as { estimates: { id: string; estimate: number }[]; hypotheses: { id: string; rejected: boolean }[]; details: { analyses: { analysis: string; baskets: { basket: string; patients: number; posteriorProbabilityAboveP0?: number }[] }[] } };
    expect(a.estimates.find((e) => e.id === 'rate:independent-exact:lung')!.estimate).toBe(0.2);
    expect(a.estimates.find((e) => e.id === 'rate:independent-exact:colon')!.estimate).toBe(8 / 14);
    // 8 of 14 against p0 = 0.2: P(Y >= 8 | 14, 0.2) = 0.00239 <= 0.05.
    expect(a.hypotheses.find((h) => h.id === 'independent-exact:colon')!.rejected).toBe(true);
    // Its test as hypotheses.csv reports it: the responders and the exact one-sided p-value; the Bayesian analysis has none.
    const colon = (a.hypotheses as unknown as Record<string, unknown>[]).find((h) => h.id === 'independent-exact:colon')!;
    // R: pbinom(7, 14, 0.2, lower.tail = FALSE) = 0.0023972087398400005.
    expect({ ...colon, p: Math.abs((colon.p as number) / 0.0023972087398400005 - 1) < 1e-12 }).toEqual({
      id: 'independent-exact:colon', label: expect.any(String), family: 'independent-exact', rejected: true,
      test: { statistic: expect.stringMatching(/responders/), sided: 'one' }, statistic: 8, p: true, adjustedP: null, look: 1,
    });
    expect(Object.keys((a.hypotheses as unknown as Record<string, unknown>[]).find((h) => h.id === 'fujikawa:colon')!)).toEqual(['id', 'label', 'family', 'rejected']);
    const text = trialsim(['analyse', file, data('basket,patients,responders\nlung,10,2\ncolon,14,8\n')]).stdout;
    expect(text).toMatch(/hypothesis\s+decision\s+statistic\s+p\s+adjusted p\s+look/);
    expect(text).toMatch(/independent-exact:colon\s+rejected\s+8\.000\s+0\.0024 \(one-sided\)\s+-\s+1/);
    const fuji = a.details.analyses.find((d) => d.analysis === 'fujikawa')!;
    expect(fuji.baskets.map((b) => b.patients)).toEqual([10, 14]);
    expect(fuji.baskets[1].posteriorProbabilityAboveP0).toBeGreaterThan(0.99);
  });

  it('refuses bad data in one message naming each line and column, exit 2', () => {
    const r = trialsim(['analyse', file, data('basket,patients,responders\nlungs,10,2\ncolon,-3,1\ncolon,5,7\n')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/4 problems in the observed data/);
    expect(r.stderr).toMatch(/basket lung of the design has no row/);
    expect(r.stderr).toMatch(/line 2, column "basket": expected a basket of the design \("lung", "colon"\), found "lungs"; did you mean "lung"\?/);
    expect(r.stderr).toMatch(/line 3, column "patients": expected a whole number >= 0, found "-3"/);
    expect(r.stderr).toMatch(/line 4, column "responders": expected at most the 5 patients of column "patients", found 7/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('names a missing column and a basket without a row', () => {
    const missing = trialsim(['analyse', file, data('basket,n,responders\nlung,10,2\n')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/missing column "patients" \(drug patients in the basket\); found columns "basket", "n", "responders"/);
    const absent = trialsim(['analyse', file, data('basket,patients,responders\nlung,10,2\n')]);
    expect(absent.stderr).toMatch(/basket colon of the design has no row/);
  });

  it('asks for patient rows when an analysis looks part-way', () => {
    const staged = scenarioFile(basket.replace('{ method: fujikawa, threshold: 0.95 }', '{ method: fujikawa, threshold: 0.95, interim: { fraction: 0.5, futility: 0.1 } }'));
    const r = trialsim(['analyse', staged, data('basket,patients,responders\nlung,12,2\ncolon,12,8\n')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/analysis fujikawa looks at the data part-way \(an interim\): it needs patient rows/);
  });
});

/** An exported replicate as a header and rows of cells (the exports hold no quoted cells). */
function exported(file: string, k: number): { columns: string[]; rows: string[][] } {
  const out = join(tempDir(), 'patients.csv');
  expect(trialsim(['export', file, '--replicate', String(k), '--out', out]).code).toBe(0);
  const [head, ...lines] = readFileSync(out, 'utf8').trim().split('\n');
  return { columns: head.split(','), rows: lines.map((l) => l.split(',')) };
}

/** Writes a table as observed data and analyses it; returns the CLI result. */
function analyseTable(file: string, columns: string[], rows: string[][]) {
  const p = join(tempDir(), 'data.csv');
  writeFileSync(p, `${[columns, ...rows].map((r) => r.join(',')).join('\n')}\n`);
  return trialsim(['analyse', file, p]);
}

describe('trialsim analyse on a sequential trial\'s paths', () => {
  const { columns, rows } = exported(sequentialFile, 3);
  const col = (name: string) => columns.indexOf(name);
  const line = (i: number) => i + 2;

  it('refuses paths the design cannot produce, in one message naming each line and column, exit 2', () => {
    const bad = rows.map((r) => [...r]);
    const switchOnly = bad.findIndex((r) => r[col('L2_eligible')] === 'SER|BUP');
    const remittedFirst = bad.findIndex((r) => r[col('L1_result')] === 'remitted');
    const reachedL2 = bad.findIndex((r, i) => i !== switchOnly && r[col('L2_result')] !== '');
    bad[switchOnly][col('L2_option')] = 'CIT-LI';
    bad[remittedFirst][col('L2_result')] = 'remitted';
    bad[reachedL2][col('L2_eligible')] = 'SER|BUPP';
    bad[0][col('declined_next')] = '2';
    const r = analyseTable(sequentialFile, columns, bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/4 problems in the observed data/);
    expect(r.stderr).toContain(`line ${line(switchOnly)}, column "L2_option": expected one of the options acceptable and available in column "L2_eligible" (SER|BUP), found "CIT-LI"`);
    expect(r.stderr).toContain(`line ${line(remittedFirst)}, column "L2_result": the participant remitted at level L1, so expected an empty cell, found "remitted"`);
    expect(r.stderr).toContain(`line ${line(reachedL2)}, column "L2_eligible": expected options of level L2 ("SER", "BUP", "CIT-LI") joined by "|", found "BUPP"`);
    expect(r.stderr).toContain('line 2, column "declined_next": expected a whole number from 0 to 1, found "2"');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses a non-remitter with no next level who did not decline it, and names a missing column', () => {
    const bad = rows.map((r) => [...r]);
    const movedOn = bad.findIndex((r) => r[col('L1_result')] === 'not remitted' && r[col('L2_result')] !== '');
    for (const c of ['L2_eligible', 'L2_option', 'L2_probability', 'L2_result', 'L2_score']) bad[movedOn][col(c)] = '';
    const r = analyseTable(sequentialFile, columns, bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`line ${line(movedOn)}, column "declined_next": the participant did not remit at level L1 and has no result at level L2: expected 1 (declined the next level), found 0`);
    const keep = columns.map((_, j) => j).filter((j) => columns[j] !== 'L1_result');
    const missing = analyseTable(sequentialFile, keep.map((j) => columns[j]), rows.map((row) => keep.map((j) => row[j])));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/missing column "L1_result" \(what happened at level L1: remitted, dropped out, intolerant, not remitted, or empty\)/);
  });
});

describe('trialsim analyse on a time-to-event umbrella', () => {
  const file = 'scenarios/umbrella/lung-pfs-interims.yaml';
  const { columns, rows } = exported(file, 3);
  const col = (name: string) => columns.indexOf(name);

  it('refuses impossible follow-up and patients outside their substudy, naming each line and column, exit 2', () => {
    const bad = rows.map((r) => [...r]);
    const kras = bad.findIndex((r) => r[col('substudy')] === 'kras');
    bad[0][col('time')] = '-2';
    bad[1][col('event')] = '2';
    bad[2][col('substudy')] = 'alk';
    bad[kras][col('arm')] = 'egfr-inhibitor';
    const r = analyseTable(file, columns, bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/4 problems in the observed data/);
    expect(r.stderr).toContain('line 2, column "time": expected a follow-up time >= 0, found -2');
    expect(r.stderr).toContain('line 3, column "event": expected a whole number from 0 to 1, found "2"');
    expect(r.stderr).toContain('line 4, column "substudy": expected a substudy of the design ("egfr", "kras"), found "alk"');
    expect(r.stderr).toContain(`line ${kras + 2}, column "arm": substudy kras randomises kras-inhibitor and control, found "egfr-inhibitor"`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('names the missing event column', () => {
    const keep = columns.map((_, j) => j).filter((j) => columns[j] !== 'event');
    const r = analyseTable(file, keep.map((j) => columns[j]), rows.map((row) => keep.map((j) => row[j])));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/missing column "event" \(1 for an event, 0 for censoring\)/);
  });

  it('refuses a patient who entered a substudy after its interim stopped it', () => {
    const stopped = exported(file, 4);
    const late = stopped.rows.map((r) => [...r]);
    // A kras patient entering at month 200, long after kras stopped for futility.
    const kras = late.find((r) => r[col('substudy')] === 'kras')!;
    late.push([...kras.slice(0, col('entry')), '200', ...kras.slice(col('entry') + 1)]);
    const r = analyseTable(file, stopped.columns, late);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`line ${late.length + 1}, column "substudy": substudy kras had concluded (target reached or stopped at a look) before this patient entered`);
  });
});

describe('trialsim analyse on a platform trial', () => {
  const file = 'scenarios/platform/four-arms-staggered.yaml';
  const { columns, rows } = exported(file, 1);
  const col = (name: string) => columns.indexOf(name);
  const lastOn = (arm: string) => rows.map((r) => r[col('arm')]).lastIndexOf(arm);

  it('refuses cells the rows cannot hold, in one message naming each line and column, exit 2', () => {
    const bad = rows.map((r) => [...r]);
    bad[0][col('arm')] = 'drugE';
    bad[1][col('outcome')] = 'high';
    bad[3][col('time')] = '0';
    bad[4][col('period')] = '0';
    const r = analyseTable(file, columns, bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/4 problems in the observed data/);
    expect(r.stderr).toContain('line 2, column "arm": expected an arm of the scenario ("control", "drugA", "drugB", "drugC", "drugD"), found "drugE"');
    expect(r.stderr).toContain('line 3, column "outcome": expected a number, found "high"');
    expect(r.stderr).toContain(`line 5, column "time": expected rows in order of entry: a time >= ${rows[2][col('time')]} (the row before), found 0`);
    expect(r.stderr).toContain('line 6, column "period": expected a whole number >= 1, found "0"');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  /** The problems the rows give with one edit (each edit alone: a refused row changes the course after it). */
  const problems = (edit: (bad: string[][]) => void) => {
    const bad = rows.map((r) => [...r]);
    edit(bad);
    const r = analyseTable(file, columns, bad);
    expect(r.code).toBe(2);
    return r.stderr;
  };

  it('refuses a patient on an arm not yet open or already gone, a period the entries and exits do not cut, and rows after every arm left', () => {
    const early = rows.findIndex((r) => Number(r[col('time')]) > 1);
    expect(problems((bad) => { bad[early][col('arm')] = 'drugD'; }))
      .toContain(`line ${early + 2}, column "arm": arm drugD had not opened by time ${rows[early][col('time')]} (it opens at time 20)`);
    const gone = lastOn('drugA') + 1;
    expect(problems((bad) => { bad[gone][col('arm')] = 'drugA'; }))
      .toMatch(new RegExp(`line ${gone + 2}, column "arm": arm drugA had left the platform at time [0-9.]+ \\((its 150 patients reached|stopped for futility at an interim)\\) before this patient entered at time`));
    expect(problems((bad) => { bad[gone][col('period')] = '9'; }))
      .toContain(`line ${gone + 2}, column "period": expected period ${rows[gone][col('period')]} (a new period begins with the first patient after each entry and exit), found 9`);
    const after = [...rows[rows.length - 1]];
    after[col('time')] = String(Number(after[col('time')]) + 1);
    expect(problems((bad) => { bad.push(after); }))
      .toMatch(new RegExp(`line ${rows.length + 2}, column "time": every arm had left the platform by time [0-9.]+: rows ${rows.length + 1} to ${rows.length + 1} follow its end`));
  });

  it('analyses rows that end with arms still open as they stand (a data lock), when the design has no end', () => {
    const ncc = 'scenarios/platform/ncc-vignette.yaml';
    const all = exported(ncc, 1);
    const lock = all.rows.slice(0, 400);
    const p = join(tempDir(), 'data.csv');
    writeFileSync(p, `${[all.columns, ...lock].map((r) => r.join(',')).join('\n')}\n`);
    const r = trialsim(['analyse', ncc, p, '--json']);
    expect(r.code).toBe(0);
    const metric = (id: string) => (JSON.parse(r.stdout) as { metrics: { id: string; value: number }[] }).metrics.find((m) => m.id === id)!.value;
    const lastTime = Number(lock[lock.length - 1][all.columns.indexOf('time')]);
    // arm1 (open from the start) and arm2 (after 250 platform patients) are cut at the last row, short of 250; arm3 had not opened.
    expect([metric('cut:arm1'), metric('cut:arm2'), metric('opened:arm3'), metric('opened:arm2')]).toEqual([1, 1, 0, 1]);
    expect(metric('patients:arm1')).toBeLessThan(250);
    expect([metric('exit:arm2'), metric('duration'), metric('patients')]).toEqual([lastTime, lastTime, 400]);
  });

  it('refuses a patient on a biomarker-driven arm that does not enrol their value', () => {
    const platform = exported(platformBiomarkerFile, 2);
    const at = (name: string) => platform.columns.indexOf(name);
    const bad = platform.rows.map((r) => [...r]);
    const i = bad.findIndex((r) => r[at('arm')] === 'A');
    bad[i][at('mutation')] = 'other';
    const r = analyseTable(platformBiomarkerFile, platform.columns, bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`line ${i + 2}, column "arm": arm A does not enrol a patient with mutation = other (design.arms.A.eligible)`);
  });

  it('time-to-event: refuses a negative follow-up time and a patient with neither an event nor the end of follow-up', () => {
    const platform = exported(platformSurvivalFile, 1);
    const at = (name: string) => platform.columns.indexOf(name);
    const bad = platform.rows.map((r) => [...r]);
    bad[0][at('outcome')] = '-1';
    bad[1][at('outcome')] = '';
    bad[1][at('dropout')] = 'Inf';
    const r = analyseTable(platformSurvivalFile, platform.columns, bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('line 2, column "outcome": expected a time >= 0, or an empty cell or Inf for none, found "-1"');
    expect(r.stderr).toContain('line 3, column "dropout": a patient with no event needs the time their follow-up ended: expected a time >= 0, found none');
  });
});
