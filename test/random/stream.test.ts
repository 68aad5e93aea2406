/**
 * Golden values: the first draws of the random streams, recorded once from
 * this code (Alea seeded by the lowbias32 hash of (seed, replicate, purpose))
 * and written here as literals. Every simulated number in trialsim flows from
 * these streams, so any change to the generator, to its seeding or to the
 * normal sampler fails here by name, before it shows up as a moved figure in
 * a scenario's summary. Comparisons are exact: a stream is deterministic.
 * If the generator is changed on purpose, re-record these values and the
 * golden summaries (test/golden) together and say so.
 */
import { describe, it, expect } from 'vitest';
import { mix32, ReplicateStreams, runStreams, stream, type Purpose } from '../../src/random/stream.js';
import { normalSampler } from '../../src/random/samplers.js';

const take = (draw: () => number, n: number) => Array.from({ length: n }, () => draw());

describe('the random streams give the recorded draws', () => {
  it('stream(2026, 1, patients) starts with these ten uniforms', () => {
    expect(take(stream(2026, 1, 'patients'), 10)).toEqual([
      0.5322723458521068, 0.8961241627112031, 0.9288591768126935, 0.5975671007763594, 0.24782831338234246,
      0.0801657356787473, 0.6535531159024686, 0.3658657430205494, 0.7793300510384142, 0.18583216378465295,
    ]);
  });

  it('the polar normal sampler over that stream starts with these ten deviates', () => {
    expect(take(normalSampler(stream(2026, 1, 'patients')), 10)).toEqual([
      0.0778131047148444, 0.955110331749084, 0.6983889215889825, 0.15888614719681202, -0.14823742403331264,
      -0.2467967387562596, 1.4265935025219174, -1.2461815466775108, 0.5534220103607299, -0.6224442907686547,
    ]);
  });

  it.each([
    [2026, 1, 'allocation', 0.0104901313316077],
    [2026, 1, 'analysis', 0.5439513265155256],
    [2026, 2, 'patients', 0.4197456855326891],
    [2026, 0, 'truth', 0.2786160584073514],
    [2026, 0, 'calibration', 0.8305985254701227],
    [0, 0, 'patients', 0.07341757463291287],
    // Seeds and replicate numbers above 2^32 use their high 32-bit word too.
    [2 ** 40 + 7, 1, 'patients', 0.6798108941875398],
    [2026, 2 ** 33 + 1, 'patients', 0.13876278838142753],
    [Number.MAX_SAFE_INTEGER, 1, 'patients', 0.18883520970121026],
  ] as [number, number, Purpose, number][])('stream(%d, %d, %s) starts with %d', (seed, replicate, purpose, first) => {
    expect(stream(seed, replicate, purpose)()).toBe(first);
  });

  it('the seed hash lowbias32 maps 0, 1, 2026 and 2^32 - 1 to the recorded words', () => {
    expect([0, 1, 2026, 0xffffffff].map(mix32)).toEqual([0, 1753845952, 1104140226, 1734902346]);
  });

  it('a replicate\'s named streams and a run\'s truth and calibration streams are those same streams', () => {
    const r = new ReplicateStreams(2026, 1);
    expect(r.patients()).toBe(0.5322723458521068);
    expect(r.allocation()).toBe(0.0104901313316077);
    expect(r.analysis()).toBe(0.5439513265155256);
    expect(r.fresh('patients')()).toBe(0.5322723458521068);
    expect(runStreams(2026).truth()()).toBe(0.2786160584073514);
    expect(runStreams(2026).calibration()()).toBe(0.8305985254701227);
    expect(runStreams(2026).calibration(3)()).toBe(stream(2026, 3, 'calibration')());
  });
});
