/**
 * One run per checkpoint folder. Two runs of the same scenario and seed on
 * the same --out share a folder; without a lock the second wipes the first's
 * chunks mid-run. The lock is a file `lock` in the folder, created
 * exclusively (`wx`) and holding the pid and host of its run. It is removed
 * with the folder, or when the process exits; a lock left by a run killed
 * with -9 is taken over when its pid is dead on this host. A lock from
 * another host (a shared file system) is never taken over: its pid means
 * nothing here.
 */
import { writeFileSync, readFileSync, rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../scenario/errors.js';
import { outputError } from '../util/output-errors.js';

interface Holder { pid: number; host: string; since?: string }

/** Locks held by this process, removed when it exits however it exits short of a kill. */
const held = new Set<string>();
let cleanupInstalled = false;

function removeHeldOnExit(): void {
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  process.on('exit', () => { for (const path of held) rmSync(path, { force: true }); });
}

function readHolder(path: string): Holder | undefined {
  try {
    const h = JSON.parse(readFileSync(path, 'utf8')) as Holder;
    return Number.isInteger(h.pid) && typeof h.host === 'string' ? h : undefined;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function tryCreate(path: string): boolean {
  try {
    writeFileSync(path, `${JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() })}\n`, { flag: 'wx' });
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw outputError(path, err);
  }
}

function refusal(dir: string, path: string, holder: Holder | undefined): UserError {
  const who = holder ? `pid ${holder.pid} on ${holder.host}${holder.since ? `, since ${holder.since}` : ''}` : 'its lock file cannot be read';
  return new UserError(`${dir}: another run is using this checkpoint (${who}); let it finish or use another --out. If no such run exists, delete ${path}`);
}

/** Takes the folder's lock for this process, or refuses naming the holder. Returns the lock file's path. */
export function lockCheckpoint(dir: string): string {
  const path = join(dir, 'lock');
  if (held.has(path)) return path;
  if (!tryCreate(path)) {
    const holder = readHolder(path);
    const stale = holder !== undefined && holder.host === hostname() && holder.pid !== process.pid && !alive(holder.pid);
    if (!stale) throw refusal(dir, path, holder);
    rmSync(path, { force: true });
    // Another run may take the stale lock at the same moment: exactly one `wx` wins.
    if (!tryCreate(path)) throw refusal(dir, path, readHolder(path));
  }
  held.add(path);
  removeHeldOnExit();
  return path;
}

/** Forgets a lock that was removed with its folder. */
export function forgetLock(path: string): void {
  held.delete(path);
}
