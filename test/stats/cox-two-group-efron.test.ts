/**
 * Double programming: the two-group Cox fit on sorted rows against R's
 * coxph (Efron ties) on tied times (test/fixtures/enrichment-survival-logrank.R)
 * and against the project's general Cox regression (stats/regression/cox.ts,
 * itself checked against coxph, to its convergence tolerance) on continuous
 * times with a subset left out;
 * no estimate when every event is in one group.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { twoGroupCoxEfron } from '../../src/stats/cox-two-group-efron.js';
import { fitCox } from '../../src/stats/regression/cox.js';
import { argsort } from '../../src/stats/regression/argsort.js';
import { mulberry32 } from '../helpers/mulberry32.js';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/enrichment-survival-logrank.json', import.meta.url), 'utf8')) as {
  patients: { treated: number[] };
  ties: { time: number[]; event: number[]; cox: { logHazardRatio: number; se: number } };
};

describe('two-group Cox model with Efron ties', () => {
  it('equals coxph (Efron) on times tied within and across arms, to 1e-9', () => {
    const { time, event, cox } = fixture.ties;
    const n = time.length;
    const r = twoGroupCoxEfron(time, event, fixture.patients.treated, new Int32Array(n), [1], argsort(time), n);
    expect(Math.abs(r.logHazardRatio - cox.logHazardRatio)).toBeLessThan(1e-9);
    expect(Math.abs(r.se - cox.se)).toBeLessThan(1e-9);
  });

  it('equals the general Cox regression on the rows it includes', () => {
    const random = mulberry32(17);
    const n = 300;
    const time = new Float64Array(n), event = new Uint8Array(n), treated = new Uint8Array(n), code = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      treated[i] = i % 2; code[i] = i % 3;
      const t = -Math.log(random()) / (treated[i] ? 0.6 : 1), c = 2 * random();
      time[i] = Math.min(t, c); event[i] = t <= c ? 1 : 0;
    }
    const r = twoGroupCoxEfron(time, event, treated, code, [1, 0, 1], argsort(time), n);
    const rows = Array.from({ length: n }, (_, i) => i).filter((i) => code[i] !== 1);
    const fit = fitCox({ X: Float64Array.from(rows, (i) => treated[i]), n: rows.length, p: 1, columnNames: ['treated'] }, rows.map((i) => time[i]), rows.map((i) => event[i]));
    if (!fit.ok) throw new Error(fit.reason);
    // cox.ts stops at a relative change of the log partial likelihood of 1e-9 (as coxph): agreement to 1e-8.
    expect(Math.abs(r.logHazardRatio - fit.coefficients[0])).toBeLessThan(1e-8);
    expect(Math.abs(r.se - fit.standardErrors[0])).toBeLessThan(1e-8);
  });

  it('gives no estimate when every event is in one arm', () => {
    const r = twoGroupCoxEfron([1, 2, 3, 4], [1, 0, 1, 0], [1, 0, 1, 0], [0, 0, 0, 0], [1], [0, 1, 2, 3], 4);
    expect(r.logHazardRatio).toBeNaN();
  });
});
