/**
 * The bench's yardstick: a hand-written single-core loop doing the same work
 * as the engine on the two-arm binary flagship (seeded patient and
 * allocation streams per replicate; per patient a biomarker, stratified permuted-block
 * randomisation and an outcome; per trial pooled z-tests overall and in each
 * marker subgroup). No abstraction, no layout, no summary: the speed the
 * engine should approach.
 */
import { stream } from '../random/stream.js';

export function handwrittenTwoArmBinary(replicates: number, patients: number, seed: number): { seconds: number; rejections: number } {
  const prevalence = 0.4;
  const logistic = (x: number) => 1 / (1 + Math.exp(-x));
  // P(response) by [marker][arm].
  const p = [[logistic(-0.85), logistic(-0.85 + 0.2)], [logistic(-0.85), logistic(-0.85 + 0.2 + 0.9)]];
  const block = [new Int32Array(4), new Int32Array(4)];
  const pos = new Int32Array(2);
  const n = new Float64Array(8), x = new Float64Array(8);
  let rejections = 0;
  const t0 = performance.now();
  for (let r = 1; r <= replicates; r++) {
    const u = stream(seed, r, 'patients');
    const v = stream(seed, r, 'allocation');
    pos.fill(4); n.fill(0); x.fill(0);
    for (let i = 0; i < patients; i++) {
      const m = u() < prevalence ? 1 : 0;
      if (pos[m] === 4) {
        const b = block[m];
        b[0] = 0; b[1] = 0; b[2] = 1; b[3] = 1;
        for (let j = 3; j > 0; j--) { const k = Math.floor(v() * (j + 1)); const t = b[j]; b[j] = b[k]; b[k] = t; }
        pos[m] = 0;
      }
      const arm = block[m][pos[m]++];
      const y = u() < p[m][arm] ? 1 : 0;
      n[arm]++; x[arm] += y; n[2 + 2 * m + arm]++; x[2 + 2 * m + arm] += y;
    }
    for (let c = 0; c < 3; c++) {
      const n1 = n[2 * c + 1], n0 = n[2 * c], x1 = x[2 * c + 1], x0 = x[2 * c];
      const pp = (x1 + x0) / (n1 + n0);
      const z = (x1 / n1 - x0 / n0) / Math.sqrt(pp * (1 - pp) * (1 / n1 + 1 / n0));
      if (Math.abs(z) > 1.959963984540054) rejections++;
    }
  }
  return { seconds: (performance.now() - t0) / 1000, rejections };
}
