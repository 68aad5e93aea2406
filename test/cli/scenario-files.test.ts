/**
 * Every scenario shipped in scenarios/ validates, so no example goes stale
 * when the format changes.
 */
import { describe, it, expect } from 'vitest';
import { join, relative } from 'node:path';
import { trialsim, ROOT } from '../helpers/cli.js';
import { shippedScenarioFiles as scenarioFiles } from '../helpers/scenarios.js';

describe('shipped scenarios', () => {
  it('all validate', () => {
    const files = scenarioFiles(join(ROOT, 'scenarios'));
    expect(files.length).toBeGreaterThan(20);
    const r = trialsim(['validate', ...files.map((f) => relative(ROOT, f))]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});
