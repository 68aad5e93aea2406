/**
 * Every design, by the `design.type` values it handles. Adding a design means
 * adding its module here and its schema to the scenario schema; the engine
 * looks designs up by type and needs no change.
 */
import type { Design } from './types.js';
import { parallelDesign } from './parallel/index.js';
import { umbrellaDesign } from './umbrella/index.js';
import { basketDesign } from './basket/index.js';
import { sequentialDesign } from './sequential/index.js';
import { UserError } from '../scenario/errors.js';

const designs: Design[] = [parallelDesign, umbrellaDesign, basketDesign, sequentialDesign];

export function designFor(type: string): Design {
  const d = designs.find((x) => x.types.includes(type));
  if (!d) throw new UserError(`no design handles type "${type}"`);
  return d;
}
