/**
 * Event-driven looks of a log-rank comparison: information is proportional
 * to events (Schoenfeld 1981), so look j of a design with information
 * fractions t_j and D events at the final analysis comes at ⌈t_j D⌉ events
 * (at least 1; the last is D).
 */
export function eventTargets(fractions: readonly number[], events: number): Int32Array {
  return Int32Array.from(fractions, (f) => Math.max(1, Math.ceil(f * events - 1e-9)));
}
