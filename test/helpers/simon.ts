/** Checks a Simon two-stage design (from the library or the CLI) against the R enumeration fixture. */
import { expect } from 'vitest';

export interface SimonFields { r1: number; n1: number; r: number; n: number; typeIError: number; power: number; pet0: number; en0: number }

export function expectSimonDesign(got: SimonFields, want: SimonFields): void {
  expect([got.r1, got.n1, got.r, got.n]).toEqual([want.r1, want.n1, want.r, want.n]);
  expect(got.typeIError).toBeCloseTo(want.typeIError, 12);
  expect(got.power).toBeCloseTo(want.power, 12);
  expect(got.pet0).toBeCloseTo(want.pet0, 12);
  expect(got.en0).toBeCloseTo(want.en0, 10);
}
