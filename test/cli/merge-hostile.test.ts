/**
 * `trialsim merge` trusts nothing in a shard: its metadata is checked by a
 * schema (a missing or mistyped key is named, with the shard), output paths
 * stay inside --out whatever the shard says, and a checksum over the state,
 * the rows and the scenario, plus the scenario hash recomputed from the
 * stored scenario, catch any edit or swap, naming the shard.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync, writeFileSync, readdirSync, cpSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { trialsim, tempDir, ROOT, type CliResult } from '../helpers/cli.js';

const FILE = join(ROOT, 'scenarios/flagship/two-arm-binary.yaml');
const SHARD1 = 'shard-0001-of-0002.json', SHARD2 = 'shard-0002-of-0002.json';

/** Two shards of a small run, written once; each test edits a copy. */
const original = tempDir('trialsim-shards-');
for (const shard of ['1/2', '2/2']) trialsim(['run', FILE, '--replicates', '60', '--shard', shard, '--out', original, '--workers', '0', '--quiet']);

function copyShards(): string {
  const dir = join(tempDir(), 'shards');
  cpSync(original, dir, { recursive: true });
  return dir;
}

function editJson(path: string, edit: (shard: Record<string, any>) => void): void {
  const shard = JSON.parse(readFileSync(path, 'utf8'));
  edit(shard);
  writeFileSync(path, JSON.stringify(shard));
}

function expectRefusal(r: CliResult, message: RegExp): void {
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/internal error|\n\s+at .*:\d+:\d+/);
  expect(r.code).toBe(2);
}

describe('merge of untrusted shards', () => {
  it('untouched shards still merge', () => {
    expect(readdirSync(original).sort()).toEqual(['shard-0001-of-0002.csv', SHARD1, 'shard-0002-of-0002.csv', SHARD2]);
    const r = trialsim(['merge', copyShards(), '--out', tempDir(), '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('merge refuses a shard whose seed would write outside --out', () => {
    const base = tempDir();
    const shards = copyShards();
    const out = join(base, 'deep', 'out');
    mkdirSync(out, { recursive: true });
    for (const f of [SHARD1, SHARD2]) editJson(join(shards, f), (s) => { s.seed = '/../../../escaped'; });
    expectRefusal(trialsim(['merge', shards, '--out', out]), new RegExp(`${SHARD1}: not a valid trialsim shard: seed: expected a number, found "/\\.\\./\\.\\./\\.\\./escaped"`));
    expect(existsSync(join(base, 'escaped'))).toBe(false);
    expect(readdirSync(base)).toEqual(['deep']);
  });

  it('merge refuses a shard without fields, naming the shard and the missing key', () => {
    const shards = copyShards();
    writeFileSync(join(shards, SHARD2), '{}');
    expectRefusal(trialsim(['merge', shards, '--out', tempDir()]), new RegExp(`${SHARD2}: not a valid trialsim shard: missing keys schema, trialsim, scenario, seed, replicates, range, spec, state, rows, checksum\n`));
    editJson(join(shards, SHARD2), (s) => { Object.assign(s, JSON.parse(readFileSync(join(original, SHARD2), 'utf8'))); delete s.state; });
    expectRefusal(trialsim(['merge', shards, '--out', tempDir()]), new RegExp(`${SHARD2}: not a valid trialsim shard: missing key state\n`));
  });

  it('merge refuses a quantile sketch bucket no double can fall in (it would size the buckets past memory)', () => {
    const shards = copyShards();
    editJson(join(shards, SHARD1), (s) => { s.state.estimates[0].distribution = { zero: 0, positive: [[1e12, 1]], negative: [] }; });
    expectRefusal(trialsim(['merge', shards, '--out', tempDir()]), new RegExp(`${SHARD1}: not a valid trialsim shard: state\\.estimates\\[0\\]\\.distribution\\.positive\\[0\\]\\[0\\]: .*70`));
  });

  it('merge refuses a shard whose state was edited, naming the shard', () => {
    const shards = copyShards();
    editJson(join(shards, SHARD1), (s) => { s.state.rejections[0] += 1; });
    expectRefusal(trialsim(['merge', shards, '--out', tempDir()]), new RegExp(`${SHARD1}: checksum mismatch: the shard was changed after it was written`));
  });

  it('merge refuses shards whose stored scenario was edited, by recomputing its hash', () => {
    const shards = copyShards();
    for (const f of [SHARD1, SHARD2]) editJson(join(shards, f), (s) => { s.spec.arms.drug.effect = 2; });
    expectRefusal(trialsim(['merge', shards, '--out', tempDir()]), new RegExp(`${SHARD1}: the stored scenario does not match its hash`));
  });

  it("merge refuses a shard whose rows were swapped for another shard's", () => {
    const shards = copyShards();
    cpSync(join(shards, 'shard-0002-of-0002.csv'), join(shards, 'shard-0001-of-0002.csv'));
    expectRefusal(trialsim(['merge', shards, '--out', tempDir()]), new RegExp(`shard-0001-of-0002\\.csv: checksum mismatch: these rows are not the ones .*${SHARD1} was written with`));
  });
});
