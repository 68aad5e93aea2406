import { it } from 'vitest';
import seedrandom from 'seedrandom';
import { buildDesignMatrix, fitLogistic, fitCox, fitLinear, dropColumns } from '../../../src/stats/regression/index.js';
it('bench', () => {
  const rng = seedrandom('b');
  const n = 400;
  const trt = new Float64Array(n), bm = new Float64Array(n), y = new Float64Array(n), t = new Float64Array(n); const ev = new Uint8Array(n);
  for (let i = 0; i < n; i++) { trt[i] = i % 2; bm[i] = rng() < 0.4 ? 1 : 0; const lp = -0.3 + 0.4 * trt[i]! + 0.3 * bm[i]! + 0.5 * trt[i]! * bm[i]!; y[i] = rng() < 1 / (1 + Math.exp(-lp)) ? 1 : 0; t[i] = Math.round(-Math.log(rng()) / Math.exp(lp) * 10) / 10; ev[i] = rng() < 0.7 ? 1 : 0; }
  const d = buildDesignMatrix({ treatment: trt, terms: [{ name: 'bm', kind: 'binary', values: bm, interactsWithTreatment: true }] });
  const dc = buildDesignMatrix({ treatment: trt, intercept: false, terms: [{ name: 'bm', kind: 'binary', values: bm, interactsWithTreatment: true }] });
  const time = (label: string, f: () => unknown) => {
    for (let k = 0; k < 2000; k++) f();
    const reps = 20000; const t0 = process.hrtime.bigint();
    for (let k = 0; k < reps; k++) f();
    const us = Number(process.hrtime.bigint() - t0) / 1e3 / reps;
    console.log(`${label}: ${us.toFixed(1)} µs/fit, ${(1e6 / us).toFixed(0)} fits/s`);
  };
  time('logistic n=400 p=4', () => fitLogistic(d, y));
  time('linear n=400 p=4', () => fitLinear(d, y));
  time('cox efron n=400 p=3', () => fitCox(dc, t, ev));
  time('cox breslow n=400 p=3', () => fitCox(dc, t, ev, { ties: 'breslow' }));
  time('build design n=400', () => buildDesignMatrix({ treatment: trt, terms: [{ name: 'bm', kind: 'binary', values: bm, interactsWithTreatment: true }] }));
  time('dropColumns', () => dropColumns(d, [3]));
  console.log((fitLogistic(d, y) as any).iterations);
});
