/**
 * Progress in logs (stderr not a terminal): a plain line at each new tenth
 * of the replicates once the run has taken 2 s; nothing for short runs. The
 * clock is injected, so no test waits.
 */
import { describe, it, expect } from 'vitest';
import { plainProgress } from '../../src/cli/run.js';

describe('plain progress lines', () => {
  it('print each new tenth after 2 s, and nothing before', () => {
    let t = 0;
    const lines: string[] = [];
    const progress = plainProgress('trial', (line) => lines.push(line), () => t);
    progress(150, 1000);
    t = 1500; progress(300, 1000);
    expect(lines).toEqual([]);
    t = 2500; progress(350, 1000);
    t = 2600; progress(390, 1000);
    t = 4000; progress(1000, 1000);
    expect(lines).toEqual(['trial: 30% (350/1000 replicates, 3 s)\n', 'trial: 100% (1000/1000 replicates, 4 s)\n']);
  });
});
