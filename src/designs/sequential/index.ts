/**
 * The sequential design (placeholder: being written).
 */
import type { Design } from '../types.js';
import { UserError } from '../../scenario/errors.js';

export const sequentialDesign: Design = {
  types: ['sequential'],
  plan() {
    throw new UserError('the sequential design is not implemented yet');
  },
  truth() {
    return {};
  },
};
