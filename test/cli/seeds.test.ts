/**
 * Seeds are whole numbers in [0, 2^53): every such number is exact in a
 * double, so two different seeds never give the same streams. Anything else
 * (2^64, which a double rounds and the streams then wrap to 0; fractions; hex)
 * is refused with the range instead of silently running a neighbour's seed.
 */
import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import { trialsim, tempDir, ROOT } from '../helpers/cli.js';

const FILE = join(ROOT, 'scenarios/flagship/two-arm-binary.yaml');
const exportWith = (seed: string) => trialsim(['export', FILE, '--replicate', '1', `--seed=${seed}`]);

describe('seeds on the command line', () => {
  it.each(['18446744073709551616', '9007199254740992', '9007199254740991.4', '-1', '0x10', '1e3', ''])(
    'export refuses --seed %j with the allowed range',
    (seed) => {
      const r = exportWith(seed);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/--seed: expected a whole number from 0 to 9007199254740991 \(2\^53 - 1\), found/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    },
  );

  it('run refuses --seed 2^64 rather than giving the results of seed 0', () => {
    const r = trialsim(['run', FILE, '--replicates', '5', '--seed', '18446744073709551616', '--out', tempDir(), '--workers', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--seed: expected a whole number from 0 to 9007199254740991/);
  });

  it('the largest seed, 2^53 - 1, and seed 0 are accepted and differ', () => {
    const top = exportWith('9007199254740991'), zero = exportWith('0');
    expect(top.code).toBe(0);
    expect(zero.code).toBe(0);
    expect(top.stdout).not.toBe(zero.stdout);
  });
});
