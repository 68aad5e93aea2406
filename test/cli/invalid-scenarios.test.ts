/**
 * Bad input: every kind of invalid scenario gives one clear message naming
 * the file, the key path (and line), what was expected and what was found;
 * exit code 2; no stack trace.
 */
import { describe, it, expect } from 'vitest';
import { existsSync } from 'node:fs';
import { trialsim, scenarioFile } from '../helpers/cli.js';
import { VALID_YAML } from '../helpers/scenarios.js';

/** The valid illustrative scenario with one line replaced. */
function edit(from: string, to: string): string {
  expect(VALID_YAML).toContain(from);
  return VALID_YAML.replace(from, to);
}

const cases: { kind: string; text?: string; file?: string; expect: RegExp[] }[] = [
  { kind: 'wrong type', text: edit('sampleSize: 400', 'sampleSize: many'), expect: [/line 20, design\.sampleSize: expected a number, found "many"/] },
  { kind: 'unknown key (typo)', text: edit('prevalence: 0.5 }', 'prevalance: 0.5 }'), expect: [/population\.biomarkers\[0\]\.prevalance: unknown key/, /line 6/] },
  { kind: 'unknown top-level key', text: `${VALID_YAML}replicate: 10\n`, expect: [/line 26, replicate: unknown key/] },
  { kind: 'probability above 1', text: edit('prevalence: 0.5 }', 'prevalence: 1.5 }'), expect: [/population\.biomarkers\[0\]\.prevalence: expected a number <= 1, found 1\.5/] },
  { kind: 'negative probability', text: edit('lung: 0.6, colon: 0.4', 'lung: 1.4, colon: -0.4'), expect: [/levels\.colon: expected a number >= 0, found -0\.4/] },
  { kind: 'level probabilities not summing to 1', text: edit('lung: 0.6, colon: 0.4', 'lung: 0.6, colon: 0.3'), expect: [/levels: expected probabilities summing to 1, found 0\.9/] },
  { kind: 'allocation to a missing arm', text: edit('allocation: { control: 1, drug: 1 }', 'allocation: { control: 1, placebo: 1 }'), expect: [/design\.allocation\.placebo: allocation to an arm that does not exist: expected one of control, drug, found "placebo"/] },
  { kind: 'non-positive-definite correlation', text: edit('correlations: [{ between: [mplus, age], rho: 0.2 }]', 'correlations: [{ between: [mplus, age], rho: 0.9 }, { between: [age, site], rho: 0.9 }, { between: [mplus, site], rho: -0.9 }]'), expect: [/population\.correlations: expected a positive-definite correlation matrix/] },
  { kind: 'correlation with an unknown biomarker', text: edit('between: [mplus, age]', 'between: [mplus, weight]'), expect: [/correlations\[0\]\.between\[1\]: expected a biomarker id .* found "weight"/] },
  { kind: 'empty arms', text: edit("arms:\n  control: {}\n  drug: { effect: 0.0, interactions: { mplus: 1.6 } }", 'arms: {}'), expect: [/arms: required: expected at least one arm, found none/] },
  { kind: 'negative sample size', text: edit('sampleSize: 400', 'sampleSize: -5'), expect: [/design\.sampleSize: expected a number > 0, found -5/] },
  { kind: 'fractional sample size', text: edit('sampleSize: 400', 'sampleSize: 40.5'), expect: [/design\.sampleSize: expected a whole number, found 40\.5/] },
  { kind: 'malformed YAML', text: edit('  type: two-arm', '  type: [two-arm'), expect: [/malformed YAML/, /line \d+/] },
  { kind: 'duplicate key', text: edit('  sampleSize: 400', '  sampleSize: 400\n  sampleSize: 500'), expect: [/malformed YAML: Map keys must be unique/] },
  { kind: 'missing file', file: '/nonexistent/scenario.yaml', expect: [/\/nonexistent\/scenario\.yaml: cannot read the scenario file: no such file/] },
  { kind: 'wrong file type', file: '/etc/hostname', expect: [/expected a scenario file ending in \.yaml, \.yml or \.json/] },
  { kind: 'unknown design type', text: edit('type: two-arm', 'type: crossover'), expect: [/design\.type: expected one of "two-arm", .* found "crossover"/] },
  { kind: 'test that does not fit the endpoint', text: edit('test: z-pooled', 'test: log-rank'), expect: [/design\.analysis\.primary\.test: expected a test for a binary endpoint/] },
  { kind: 'interaction naming an unknown biomarker', text: edit('interactions: { mplus: 1.6 }', 'interactions: { kras: 1.6 }'), expect: [/arms\.drug\.interactions\.kras: expected a biomarker or profile/] },
  { kind: 'categorical term without a level', text: edit('prognostic: { age: 0.02 }', 'prognostic: { site: 0.3 }'), expect: [/endpoint\.prognostic\.site: categorical biomarker "site" needs a level, e.g. "site=colon"/] },
  { kind: 'block size not a multiple of the ratios', text: edit('blockSize: 4', 'blockSize: 5'), expect: [/design\.randomisation\.blockSize: expected a multiple of 2, the smallest block that balances the allocation 1:1, found 5/] },
  { kind: 'stratifying by a continuous biomarker', text: edit('strata: [mplus]', 'strata: [age]'), expect: [/design\.randomisation\.strata\[0\]: expected a binary or categorical biomarker, found "age"/] },
  { kind: 'alpha outside (0, 1)', text: edit('alpha: 0.05', 'alpha: 5'), expect: [/design\.analysis\.primary\.alpha: expected a number < 1, found 5/] },
  { kind: 'empty file', text: '', expect: [/expected a mapping of scenario keys .* found an empty file/] },
  { kind: 'duplicate biomarker id', text: edit("- { id: age, type: continuous", "- { id: mplus, type: continuous"), expect: [/population\.biomarkers\[1\]\.id: duplicate biomarker id "mplus"/] },
];

describe('invalid scenarios', () => {
  it.each(cases)('$kind: exit 2 with the place, the expectation and the finding', (c) => {
    const file = c.file ?? scenarioFile(c.text!);
    const r = trialsim(['validate', file]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    for (const re of c.expect) expect(r.stderr).toMatch(re);
    expect(r.stderr).toContain(file);
    expect(r.stderr).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/); // no stack trace
  });

  it('a run of an invalid scenario writes nothing under results', () => {
    const out = scenarioFile('');
    const dir = `${out}-results`;
    const r = trialsim(['run', out, '--out', dir]);
    expect(r.code).toBe(2);
    expect(() => require('node:fs').readdirSync(dir)).toThrow();
  });

  it('the valid illustrative scenario validates', () => {
    const r = trialsim(['validate', scenarioFile(VALID_YAML)]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('a bad command-line option exits 2 with a message', () => {
    const r = trialsim(['run', scenarioFile(VALID_YAML), '--replicates', '-3']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--replicates: expected a whole number >= 1, found -3/);
  });
});

/** Scenarios the designs used to refuse only when a run prepared them (after validate had passed them). */
const refusedWhenPrepared: { kind: string; text: string; expect: RegExp }[] = [
  {
    kind: 'a basket no virtual patient falls in',
    text: `name: empty basket
population:
  biomarkers:
    - { id: tumour, type: categorical, levels: { nsclc: 0.5, crc: 0.5 } }
    - { id: braf, type: binary, prevalence: 0 }
endpoint: { type: binary, intercept: -1 }
arms: { drug: { interactions: { braf: 1 } } }
truth: { patients: 20000 }
design:
  type: basket
  p0: 0.15
  p1: 0.4
  population: { basketBy: tumour, arm: drug, eligibility: braf == 1 }
  baskets: [{ id: nsclc, sampleSize: 20 }, { id: crc, sampleSize: 20 }]
  analyses: [{ method: independent-exact }]
`,
    expect: /line 14, design\.baskets\[0\]: basket "nsclc": no patient of the 20000/,
  },
  {
    kind: 'an umbrella substudy nobody can enter, with no screening cap',
    text: `name: unreachable substudy
population: { biomarkers: [{ id: score, type: continuous, mean: 0, sd: 1 }] }
endpoint: { type: binary, intercept: -1 }
arms: { control: {}, drug: {} }
design:
  type: umbrella
  screening: { ratePerMonth: 20 }
  substudies: [{ id: A, eligibility: score > 100, drug: drug, sampleSize: 40 }]
  analysis: { test: z-pooled }
`,
    expect: /line 8, design\.substudies\[0\]\.eligibility: substudy "A" can never fill/,
  },
];

describe('validate refuses exactly what run refuses', () => {
  const all = [
    ...cases.filter((c) => c.text !== undefined).map((c) => ({ kind: c.kind, text: c.text! })),
    ...refusedWhenPrepared,
  ];
  it.each(all)('$kind: the same message and exit code from validate and run, and run writes nothing', (c) => {
    const file = scenarioFile(c.text);
    const out = `${file}-results`;
    const validated = trialsim(['validate', file]);
    const ran = trialsim(['run', file, '--out', out, '--replicates', '10', '--workers', '1']);
    expect(validated.code).toBe(2);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toBe(validated.stderr);
    expect(existsSync(out)).toBe(false);
  });

  it.each(refusedWhenPrepared)('$kind: refused at validate time, with the key path and line', (c) => {
    const r = trialsim(['validate', scenarioFile(c.text)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(c.expect);
  });
});
