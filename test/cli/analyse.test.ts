/**
 * `trialsim analyse` as a trial statistician runs it (built CLI): an
 * exported replicate's patients, analysed as observed data, give exactly that
 * replicate's row of replicates.csv, for basket designs (staged analyses
 * replayed from patient rows; single-stage ones from counts) and
 * parallel-group designs (binary, time-to-event analysed at a number of
 * events, counts with exposure, several doses under Dunnett), umbrella
 * designs, MAMS designs (stages replayed from each patient's stage),
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
import { binomialUpperTail } from '../../src/stats/basket/index.js';

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
  ] as const) {
    it(`${file}, replicate ${k}`, () => {
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
    expect({ ...colon, p: Math.abs((colon.p as number) - binomialUpperTail(8, 14, 0.2)) < 1e-15 }).toEqual({
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
