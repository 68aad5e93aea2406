import { it } from 'vitest';
// @ts-ignore
import gammainc from '@stdlib/math-base-special-gammainc';
it('probe', () => {
  for (const x of [1, 10, 40, 66.2, 100, 640]) console.log(x, gammainc(x / 2, 0.5, true, true));
});
