import { describe, it, expect } from 'vitest';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { sha256Hex } from '../../src/scenario/sha256.js';
import { scenarioHash } from '../../src/scenario/hash.js';
import { loadScenario } from '../../src/run/scenario.js';

const nodeSha = (text: string) => createHash('sha256').update(text).digest('hex');

describe('sha256Hex (the scenario hash without node:crypto)', () => {
  it('gives the FIPS 180-4 test vectors', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
  });

  it('equals node:crypto on every length around the block boundaries and on any text', () => {
    for (let n = 0; n < 200; n++) expect(sha256Hex('x'.repeat(n)), `length ${n}`).toBe(nodeSha('x'.repeat(n)));
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (s) => sha256Hex(s) === nodeSha(s)));
  });

  it('gives a shipped scenario the hash node:crypto gives its canonical JSON', () => {
    const { spec, hash } = loadScenario('scenarios/flagship/two-arm-binary.yaml');
    const { seed: _s, replicates: _r, ...model } = spec;
    expect(hash).toBe(scenarioHash(spec));
    expect(hash).toBe(nodeSha(JSON.stringify(model, (_k, v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v))));
  });
});
