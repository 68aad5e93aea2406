/**
 * Builds dist/ from the current src/ (`npm run build`: tsc, then the esbuild
 * bundle of the command line and worker) before any test runs, and again
 * before each rerun in watch mode.
 *
 * Worker threads load dist/ (dist/run/worker.js when run from src/) and
 * the end-to-end CLI tests run dist/bin/main.js, so a stale dist/ would
 * silently test old code. Two ways out were weighed: fail when any src file
 * is newer than its output (cheap, but leaves the build to the person and
 * trusts file times), or build here. Building wins: `npx vitest run
 * test/x.test.ts` is then always right with no step to remember, and it is
 * the same build users get. tsc is incremental (`tsc -b`; the .tsbuildinfo
 * lives inside dist/, so deleting dist/ forces a full build): it re-emits
 * every file whose source changed, and the bundle takes well under a
 * second, so a run with nothing changed pays a second or two. tsc does not
 * notice an output file deleted or edited by hand; delete dist/ to force a
 * full build. A type error in src/ fails here, before any test starts, with
 * tsc's own message.
 */
import { execFileSync } from 'node:child_process';
import type { TestProject } from 'vitest/node';

const ROOT = new URL('..', import.meta.url);

function build(): void {
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
}

export default function setup(project: TestProject): void {
  build();
  project.onTestsRerun(() => build());
}
