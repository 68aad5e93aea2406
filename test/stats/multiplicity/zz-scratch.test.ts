import { readFileSync } from 'node:fs';
import { test } from 'vitest';
import { dunnettCriticalValue, dunnettLambdas, dunnettAdjust } from '../../../src/stats/multiplicity/index.js';
test('diffs', () => {
  const fx = JSON.parse(readFileSync('test/fixtures/dunnett.json', 'utf8'));
  let me = 0;
  for (const c of fx.normal) {
    const cv = dunnettCriticalValue(dunnettLambdas(c.control, c.arms), c.alpha, { sided: c.sided });
    me = Math.max(me, Math.abs(cv - c.exact));
  }
  let ma = 0, mr = 0;
  for (const a of fx.adjusted) {
    const l = dunnettLambdas(a.control, a.arms);
    const s = dunnettAdjust(a.z, l, { sided: a.sided });
    s.forEach((x: number, i: number) => { ma = Math.max(ma, Math.abs(x - a.singleStep[i])); mr = Math.max(mr, Math.abs(x / a.singleStep[i] - 1)); });
  }
  // self-consistency at extreme values vs a very fine rule is done separately
  console.log('RESULT', process.env.GL_ORDER, process.env.GL_DIV, { me, ma, mr });
});
