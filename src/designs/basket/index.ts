/**
 * The basket design (placeholder: being written).
 */
import type { Design } from '../types.js';
import { UserError } from '../../scenario/errors.js';

export const basketDesign: Design = {
  types: ['basket'],
  plan() {
    throw new UserError('the basket design is not implemented yet');
  },
  truth() {
    return {};
  },
};
