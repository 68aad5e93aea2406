/**
 * The bench's yardstick for the MAMS design: a hand-written single-core loop
 * doing the engine's work on scenarios/mams/triangular-4-arms.yaml (per
 * replicate a seeded patient stream; per stage normal outcomes for the
 * control and every arm still in; z statistics with known variance against
 * the solved bounds; simultaneous stopping). No layout, no summary, no
 * population model: the speed the engine should approach.
 */
import { stream } from '../random/stream.js';
import { normalSampler } from '../random/samplers.js';

export interface MamsLoopSpec {
  /** Effects of the experimental arms (control 0), sd 1. */
  effects: number[];
  /** New patients per arm and on control per stage. */
  perStage: number[];
  upper: number[];
  lower: number[];
}

export function handwrittenMams(spec: MamsLoopSpec, replicates: number, seed: number): { seconds: number; rejections: number } {
  const K = spec.effects.length, J = spec.perStage.length;
  const sum = new Float64Array(K + 1), n = new Float64Array(K + 1);
  const active = new Uint8Array(K);
  let rejections = 0;
  const t0 = performance.now();
  for (let r = 1; r <= replicates; r++) {
    const normal = normalSampler(stream(seed, r, 'patients'));
    sum.fill(0); n.fill(0); active.fill(1);
    let remaining = K;
    for (let j = 0; j < J && remaining > 0; j++) {
      for (let a = 0; a <= K; a++) {
        if (a > 0 && !active[a - 1]) continue;
        const mu = a === 0 ? 0 : spec.effects[a - 1];
        for (let i = 0; i < spec.perStage[j]; i++) sum[a] += mu + normal();
        n[a] += spec.perStage[j];
      }
      let crossed = false;
      for (let k = 0; k < K; k++) {
        if (!active[k]) continue;
        const z = (sum[k + 1] / n[k + 1] - sum[0] / n[0]) / Math.sqrt(1 / n[k + 1] + 1 / n[0]);
        if (z >= spec.upper[j]) { rejections++; crossed = true; }
        if (z >= spec.upper[j] || z <= spec.lower[j] || j === J - 1) { active[k] = 0; remaining--; }
      }
      if (crossed) remaining = 0;
    }
  }
  return { seconds: (performance.now() - t0) / 1000, rejections };
}
