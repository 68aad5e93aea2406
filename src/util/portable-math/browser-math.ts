/**
 * Injected into the explorer's browser bundles (scripts/explorer-bundle.mjs):
 * esbuild replaces each global `Math.<f>` named here, in our sources and in
 * bundled dependencies alike, with the portable function, so the page
 * computes Node 20's doubles whatever the browser's Math gives.
 */
import { exp, expm1, log, log1p, log2, log10, cosh, sinh, tanh, acosh, asinh, atanh, sin, cos, tan, asin, acos, atan, atan2, cbrt, pow } from './index.js';

export {
  exp as 'Math.exp', expm1 as 'Math.expm1', log as 'Math.log', log1p as 'Math.log1p', log2 as 'Math.log2', log10 as 'Math.log10',
  cosh as 'Math.cosh', sinh as 'Math.sinh', tanh as 'Math.tanh', acosh as 'Math.acosh', asinh as 'Math.asinh', atanh as 'Math.atanh',
  sin as 'Math.sin', cos as 'Math.cos', tan as 'Math.tan', asin as 'Math.asin', acos as 'Math.acos', atan as 'Math.atan',
  atan2 as 'Math.atan2', cbrt as 'Math.cbrt', pow as 'Math.pow',
};
