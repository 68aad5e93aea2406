import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);
import { it } from 'vitest';
import { buildDesignMatrix, fitLogistic, fitCox } from '../../../src/stats/regression/index.js';
import seedrandom from 'seedrandom';
it('explore', () => {
  const rng = seedrandom('x1');
  const norm = () => { let u = 0, v = 0; while (u === 0) u = rng(); v = rng(); return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v); };
  const counts: Record<string, number> = {}; const flagged: any[] = []; const flaggedL: any[] = [];
  const cc: Record<string, number> = {};
  let maxShiftOk = 0;
  for (let rep = 0; rep < 20000; rep++) {
    const n = [40, 80, 200, 400][rep % 4]!;
    const trt = new Float64Array(n), bm = new Float64Array(n), y = new Float64Array(n), time = new Float64Array(n); const ev = new Uint8Array(n);
    const base = -2.5 + 2 * rng();
    for (let i = 0; i < n; i++) {
      trt[i] = i % 2; bm[i] = rng() < 0.3 ? 1 : 0;
      const lp = base + 0.5 * trt[i]! + 0.5 * bm[i]! + 1 * trt[i]! * bm[i]!;
      y[i] = rng() < 1 / (1 + Math.exp(-lp)) ? 1 : 0;
      time[i] = Math.round(10 * -Math.log(rng()) / Math.exp(lp + 2)) / 10; ev[i] = rng() < 0.15 ? 1 : 0;
    }
    const d = buildDesignMatrix({ treatment: trt, terms: [{ name: 'bm', kind: 'binary', values: bm, interactsWithTreatment: true }] });
    const f = fitLogistic(d, y);
    const key = f.ok ? 'ok' : f.status;
    counts[key] = (counts[key] ?? 0) + 1;
    // subgroup has all-0 or all-1 outcomes?
    let sep = false;
    for (const [tv, bv] of [[0,0],[0,1],[1,0],[1,1]]) { let s=0,c=0; for (let i=0;i<n;i++) if (trt[i]===tv&&bm[i]===bv){c++;s+=y[i]!;} if (c>0&&(s===0||s===c)) sep = true; }
    const k2 = `${key}/${sep ? 'cellSep' : 'noCellSep'}`; counts[k2] = (counts[k2] ?? 0) + 1;
    const dc = buildDesignMatrix({ treatment: trt, intercept: false, terms: [{ name: 'bm', kind: 'binary', values: bm, interactsWithTreatment: true }] });
    const fc = fitCox(dc, time, ev);
    let csep=false; for (const [tv, bv] of [[0,0],[0,1],[1,0],[1,1]]) { let s=0,c=0; for (let i=0;i<n;i++) if (trt[i]===tv&&bm[i]===bv){c++;s+=ev[i]!;} if (c>0&&s===0) csep = true; }
    const kc = `${fc.ok ? 'ok' : fc.status}/${csep ? 'cellNoEvents' : 'events'}`; cc[kc] = (cc[kc] ?? 0) + 1;
    if ((fc.ok && (csep || rep % 40 === 0)) || (!fc.ok && fc.status !== 'separation')) flagged.push({n, trt: [...trt], bm: [...bm], time: [...time], ev: [...ev], status: fc.status, csep, reason: fc.ok ? '' : fc.reason});
    if (f.ok !== true && !sep && flaggedL.length < 50) flaggedL.push({n, trt: [...trt], bm: [...bm], y: [...y], status: f.status});
  }
  console.log(counts, cc, flagged.length, flagged.map(f=>f.n).join(',')); require('fs').writeFileSync('/tmp/scratch/flagged.json', JSON.stringify({cox: flagged, logit: flaggedL}));
});
