/**
 * Cross-reference checks of the parallel-group design against the arms,
 * endpoint and biomarkers.
 */
import type { ScenarioIssue } from '../errors.js';
import type { Scenario } from '../schema.js';
import type { ParallelDesignSpec } from './parallel.js';

const TESTS_BY_ENDPOINT: Record<string, readonly string[]> = {
  binary: ['z-pooled', 'z-unpooled', 'chi-square', 'fisher'],
  continuous: ['welch-t', 't'],
  'time-to-event': ['log-rank'],
};

/** The control arm: named in the design, else "control", else the first arm. */
export function controlArm(design: { control?: string }, arms: string[]): string {
  return design.control ?? (arms.includes('control') ? 'control' : arms[0]);
}

export function checkParallelDesign(s: Scenario, d: ParallelDesignSpec): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const arms = Object.keys(s.arms ?? {});
  const at = (...p: (string | number)[]) => ['design', ...p];
  if (arms.length < 2) issues.push({ path: ['arms'], message: `a ${d.type} design needs at least 2 arms, found ${arms.length}` });
  if (d.type === 'two-arm' && arms.length > 2) issues.push({ path: at('type'), message: `"two-arm" takes exactly 2 arms, found ${arms.length}; use type "parallel" for more` });
  const control = controlArm(d, arms);
  if (!arms.includes(control)) issues.push({ path: at('control'), message: `expected an arm (${arms.join(', ')}), found "${control}"` });
  const allocation = d.allocation ?? Object.fromEntries(arms.map((a) => [a, 1]));
  for (const a of Object.keys(allocation)) {
    if (!arms.includes(a)) issues.push({ path: at('allocation', a), message: `allocation to an arm that does not exist: expected one of ${arms.join(', ')}, found "${a}"` });
  }
  for (const a of arms) if (!(a in allocation)) issues.push({ path: at('allocation'), message: `expected a ratio for arm "${a}", found none` });
  const r = d.randomisation;
  if (r.method === 'permuted-block') {
    const ratios = Object.values(allocation);
    if (ratios.some((x) => !Number.isInteger(x))) {
      issues.push({ path: at('allocation'), message: 'permuted blocks need whole-number allocation ratios (e.g. 2:1), found fractions' });
    } else if (r.blockSize !== undefined) {
      const total = ratios.reduce((a, b) => a + b, 0);
      if (r.blockSize % total !== 0) issues.push({ path: at('randomisation', 'blockSize'), message: `expected a multiple of the allocation total ${total}, found ${r.blockSize}` });
    }
  } else if (r.blockSize !== undefined || r.strata.length > 0) {
    issues.push({ path: at('randomisation'), message: 'blockSize and strata apply to permuted-block randomisation only' });
  }
  r.strata.forEach((id, i) => {
    const m = s.population.biomarkers.find((b) => b.id === id);
    if (!m || m.type === 'continuous') issues.push({ path: at('randomisation', 'strata', i), message: `expected a binary or categorical biomarker, found "${id}"` });
  });
  if (s.endpoint) {
    const ok = TESTS_BY_ENDPOINT[s.endpoint.type];
    if (!ok.includes(d.analysis.primary.test)) {
      issues.push({ path: at('analysis', 'primary', 'test'), message: `expected a test for a ${s.endpoint.type} endpoint (${ok.join(', ')}), found "${d.analysis.primary.test}"` });
    }
  }
  if (d.analysis.primary.correct && d.analysis.primary.test !== 'chi-square') {
    issues.push({ path: at('analysis', 'primary', 'correct'), message: 'the continuity correction applies to the chi-square test only' });
  }
  d.analysis.subgroups.forEach((g, i) => {
    const id = typeof g === 'string' ? g : g.biomarker;
    const m = s.population.biomarkers.find((b) => b.id === id);
    const where = at('analysis', 'subgroups', i);
    if (!m) issues.push({ path: where, message: `expected a biomarker (${s.population.biomarkers.map((b) => b.id).join(', ') || 'none defined'}), found "${id}"` });
    else if (m.type === 'continuous' && typeof g === 'string') issues.push({ path: where, message: `continuous biomarker "${id}" needs a cutpoint: { biomarker: ${id}, cutpoint: ... }` });
    else if (m.type !== 'continuous' && typeof g !== 'string') issues.push({ path: where, message: `a cutpoint applies to continuous biomarkers only; "${id}" is ${m.type}` });
  });
  if (d.sampleSize < arms.length) issues.push({ path: at('sampleSize'), message: `expected at least one patient per arm (${arms.length}), found ${d.sampleSize}` });
  return issues;
}
