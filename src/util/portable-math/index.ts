/**
 * Math's transcendental functions in JavaScript, equal bit for bit to Node
 * 20's Math functions (V8 11's ports of fdlibm, src/base/ieee754.cc), so
 * that the explorer's browser bundles compute what the command line does in
 * any JavaScript engine: browsers' newer V8 computes exp, log, pow, the
 * trigonometric functions and the rest with other algorithms that differ
 * in the last bit for a few per cent of arguments.
 *
 * The Node build keeps the native Math functions (faster, and these equal
 * them); scripts/explorer-bundle.mjs replaces every Math.<f> named here in
 * the browser bundles with these (`inject` of ./browser-math.ts).
 * test/util/portable-math.test.ts checks each against Node's Math.<f> on
 * millions of arguments. sqrt, hypot and the exact functions (abs, floor,
 * min, ...) are the same in every engine and stay native.
 */
export { exp, expm1 } from './exp.js';
export { log, log1p, log2, log10 } from './log.js';
export { cosh, sinh, tanh, acosh, asinh, atanh } from './hyperbolic.js';
export { sin, cos, tan } from './trig.js';
export { asin, acos, atan, atan2 } from './inverse-trig.js';
export { cbrt } from './cbrt.js';
export { pow } from './pow.js';

/** The Math functions this folder replaces in the explorer's bundles. */
export const PORTABLE_MATH_FUNCTIONS = [
  'exp', 'expm1', 'log', 'log1p', 'log2', 'log10', 'cosh', 'sinh', 'tanh', 'acosh', 'asinh', 'atanh',
  'sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'atan2', 'cbrt', 'pow',
] as const;
