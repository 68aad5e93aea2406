/**
 * A shared suite for invalid-scenario tests (see invalidScenarioSuite).
 */
import { it, expect } from 'vitest';
import { trialsim, scenarioFile } from './cli.js';
import { refusalOf } from './scenarios.js';

/**
 * The suite every design's invalid-scenario tests share: the valid example
 * loads; each case is refused with its key path; and the built
 * `trialsim validate` exits 2 on one of them with the message, the file and
 * no stack trace.
 */
export function invalidScenarioSuite(valid: string, cases: { kind: string; text: string; expect: RegExp }[], shown = 2): void {
  it('the valid example loads', () => {
    expect(refusalOf(valid)).toBe('');
  });

  it.each(cases)('$kind: a clear error with the key path', (c) => {
    expect(refusalOf(c.text)).toMatch(c.expect);
  });

  it('trialsim validate exits 2 with the message and no stack trace', () => {
    const file = scenarioFile(cases[shown].text);
    const r = trialsim(['validate', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(cases[shown].expect);
    expect(r.stderr).toContain(file);
    expect(r.stderr).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/);
  });
}
