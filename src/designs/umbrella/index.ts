/**
 * The umbrella design (placeholder: being written).
 */
import type { Design } from '../types.js';
import { UserError } from '../../scenario/errors.js';

export const umbrellaDesign: Design = {
  types: ['umbrella'],
  plan() {
    throw new UserError('the umbrella design is not implemented yet');
  },
  truth() {
    return {};
  },
};
