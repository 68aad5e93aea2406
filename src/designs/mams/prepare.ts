/**
 * Prepared once, at validate time: the boundaries, solved so that the
 * family-wise error under the global null is alpha (or, for listed bounds,
 * that error evaluated). Integration over the stages takes from milliseconds
 * (2 stages) to seconds (4 stages), so workers receive the numbers.
 */
import { ScenarioRefusal } from '../../scenario/errors.js';
import { mamsBoundaries, type MamsBoundaries } from '../../stats/mams/boundaries.js';
import type { MamsScenario } from './schema.js';
import { mamsSetup } from './setup.js';

export type MamsPrepared = MamsBoundaries;

/** -0 (a triangular futility bound at r_j = r_J/3) reads as 0. */
const tidy = (x: number): number => (x === 0 ? 0 : x);

export function prepareMams(s: MamsScenario): MamsPrepared {
  const setup = mamsSetup(s);
  let b: MamsBoundaries;
  try {
    b = mamsBoundaries(setup.geometry, setup.efficacy, setup.futility, s.design.alpha);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    throw new ScenarioRefusal([{ path: ['design', 'efficacy'], message: `no boundary of this shape holds the family-wise error at alpha = ${s.design.alpha} (scaling constants 0.1 to 20 tried); check the futility bound and alpha` }]);
  }
  return { ...b, upper: b.upper.map(tidy), lower: b.lower.map(tidy) };
}
