/**
 * File-system failures while writing results, in words: a user who names an
 * existing file as --out, or a path through /dev/null, gets the path and
 * what is in the way (exit 2), not an internal error with a stack.
 */
import { statSync, type Stats } from 'node:fs';
import { dirname } from 'node:path';
import { UserError } from '../scenario/errors.js';
import { kindOf } from '../scenario/read-file.js';

/** Failures the user can fix by choosing another path; anything else stays a bug. */
const USER_CODES = new Set(['ENOENT', 'ENOTDIR', 'EEXIST', 'EISDIR', 'EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'EDQUOT', 'ENAMETOOLONG', 'ELOOP']);


/** The nearest existing ancestor of `path` that is not a folder, if one blocks it. */
function blocker(path: string): { path: string; stats: Stats } | undefined {
  for (let at = dirname(path); ; at = dirname(at)) {
    let stats: Stats | undefined;
    try { stats = statSync(at); } catch { /* not there: look further up */ }
    if (stats) return stats.isDirectory() ? undefined : { path: at, stats };
    if (dirname(at) === at) return undefined;
  }
}

const REASONS: Record<string, string> = {
  EACCES: 'permission denied', EPERM: 'permission denied', EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device', EDQUOT: 'the disk quota is used up', EISDIR: 'it is a folder',
  ENAMETOOLONG: 'the name is too long', ELOOP: 'too many symbolic links',
  // A folder whose parent exists but will not hold it (/proc, /sys).
  ENOENT: 'this file system does not allow a folder to be made there',
};

/** A UserError for a failed write of `path`, or the original error if it is not the user's to fix. */
export function outputError(path: string, err: unknown): unknown {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (err instanceof UserError || !code || !USER_CODES.has(code)) return err;
  const b = blocker(path);
  const why = b ? `${b.path} is ${kindOf(b.stats)}, not a folder` : REASONS[code] ?? (err as Error).message;
  return new UserError(`cannot write ${path}: ${why}`);
}

/** Runs a write of `path`, turning the user's file-system mistakes into messages. */
export function writingTo<T>(path: string, write: () => T): T {
  try {
    return write();
  } catch (err) {
    throw outputError(path, err);
  }
}
