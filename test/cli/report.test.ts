/**
 * `trialsim report` (built CLI): report.html and summary.md again from a
 * run's summary.json, read through its schema: the same report the run
 * wrote (summary.md with the assumptions when given the scenario), and a
 * summary that does not fit (a mistyped section, another version's
 * section, another scenario, a decision naming what it does not hold)
 * refused with the key path and exit code 2.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { trialsim, tempDir } from '../helpers/cli.js';

const FILE = 'scenarios/flagship/cancellation.yaml';

let run: string;
beforeAll(() => { run = ran(FILE); });

/** The folder of a short run of a scenario. */
function ran(file: string): string {
  const out = tempDir();
  expect(trialsim(['run', file, '--replicates', '20', '--out', out, '--quiet']).code).toBe(0);
  const scenario = join(out, readdirSync(out)[0]);
  return join(scenario, readdirSync(scenario)[0]);
}

/** A run's summary.json (the cancellation flagship's by default), edited, in a folder of its own. */
function edited(edit: (summary: Record<string, unknown>) => void, from = run): string {
  const summary = JSON.parse(readFileSync(join(from, 'summary.json'), 'utf8'));
  edit(summary);
  const file = join(tempDir(), 'summary.json');
  writeFileSync(file, JSON.stringify(summary));
  return file;
}

describe('trialsim report', () => {
  it('writes the report the run wrote, from its folder', () => {
    const out = tempDir();
    const r = trialsim(['report', run, '--out', out, '--scenario', FILE]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual([join(out, 'report.html'), join(out, 'summary.md')]);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toBe(readFileSync(join(run, 'report.html'), 'utf8'));
    expect(readFileSync(join(out, 'summary.md'), 'utf8')).toBe(readFileSync(join(run, 'summary.md'), 'utf8'));
  });

  it('writes beside the summary.json it is given, without the assumptions when not given the scenario', () => {
    const file = edited(() => {});
    expect(trialsim(['report', file]).code).toBe(0);
    const md = readFileSync(join(file, '..', 'summary.md'), 'utf8');
    expect(md).not.toContain('### Assumptions');
    expect(md).toContain('### Power and type I error');
  });

  it('refuses a summary with a mistyped section, naming the file and the key path, with exit code 2', () => {
    const file = edited((s) => { (s.cancellation as { average: unknown }[])[1].average = 'large'; });
    const r = trialsim(['report', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`trialsim: ${file}: not a summary this version of trialsim (${r.stderr.match(/trialsim \(([^)]+)\)/)![1]}) reads\n  cancellation[1].average: expected a number, found "large"\n`);
  });

  it('refuses a section this version does not know, and a summary of no known design', () => {
    const renamed = trialsim(['report', edited((s) => { s.cancelation = s.cancellation; delete s.cancellation; })]);
    expect(renamed.code).toBe(2);
    expect(renamed.stderr).toMatch(/\n {2}cancellation: required: expected a list, found nothing\n {2}cancelation: unknown key \(not part of the summary format here: expected one of .*\); did you mean "cancellation"\?\n$/);
    const other = trialsim(['report', edited((s) => { s.scenario = { ...(s.scenario as object), design: 'bucket' }; })]);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/\n {2}scenario\.design: expected one of two-arm, .*, found "bucket"\n$/);
  });

  it('refuses a file that is not JSON, and a scenario the summary is not of', () => {
    const bad = join(tempDir(), 'summary.json');
    writeFileSync(bad, '{ not json');
    expect(trialsim(['report', bad])).toMatchObject({ code: 2, stderr: expect.stringContaining(`trialsim: ${bad}: not JSON`) });
    const wrong = trialsim(['report', run, '--out', tempDir(), '--scenario', 'scenarios/flagship/two-arm-binary.yaml']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/two-arm-binary\.yaml: not the scenario of this summary/);
  });

  it('refuses a decision naming a strategy or an allocation it does not hold (an edited summary), rather than failing in the drawing', () => {
    const companion = ran('scenarios/decisions/companion-diagnostic.yaml');
    const best = trialsim(['report', edited((s) => { (s.decision as { best: string }).best = 'treat-some'; }, companion)]);
    expect(best.code).toBe(2);
    expect(best.stderr).toMatch(/\n {2}decision\.best: expected one of the strategies \(treat-none, .*\), found "treat-some"\n$/);
    const equity = ran('scenarios/decisions/equity-digital-licences.yaml');
    const order = trialsim(['report', edited((s) => { (s.decision as { allocations: unknown[] }).allocations.reverse(); }, equity)]);
    expect(order.code).toBe(2);
    expect(order.stderr).toMatch(/\n {2}decision\.allocations: expected the allocations efficiency, equal, constrained in that order \(found constrained, equal, efficiency\), found a list of 3\n$/);
    const units = trialsim(['report', edited((s) => { (s.decision as { allocations: { units: number[] }[] }).allocations[1].units.push(1); }, equity)]);
    expect(units.code).toBe(2);
    expect(units.stderr).toMatch(/\n {2}decision\.allocations\[1\]\.units: expected one value per group \(\d+\), found a list of \d+\n$/);
    for (const r of [best, order, units]) expect(r.stderr).not.toMatch(/TypeError|\n\s+at /);
  });
});
