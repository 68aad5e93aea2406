/**
 * Runs the built trialsim command (dist/bin/main.js, the bundle users run) as a user would;
 * test/global-setup.ts builds it from the current src/ before any test.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const CLI = join(ROOT, 'dist/bin/main.js');

export interface CliResult { code: number; stdout: string; stderr: string }

/** The test-only fault hook (see faults.mjs), as `node --import` takes it. */
export const FAULTS = join(ROOT, 'test/helpers/faults.mjs');

/** Runs the CLI; with `fault` ("throw@R", "exit@R", "oom@R") its worker threads fail at replicate R. */
export function trialsim(args: string[], options: { cwd?: string; input?: string; env?: Record<string, string>; fault?: string } = {}): CliResult {
  const node = options.fault ? ['--import', FAULTS] : [];
  const r = spawnSync(process.execPath, [...node, CLI, ...args], {
    cwd: options.cwd ?? ROOT, encoding: 'utf8', input: options.input,
    env: { ...process.env, TZ: 'UTC', LC_ALL: 'C', ...options.env, ...(options.fault ? { TRIALSIM_FAULT: options.fault } : {}) },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function tempDir(prefix = 'trialsim-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Writes a scenario text to a temporary file and returns its path. */
export function scenarioFile(text: string, name = 'scenario.yaml'): string {
  const path = join(tempDir(), name);
  writeFileSync(path, text);
  return path;
}
