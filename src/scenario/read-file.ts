/**
 * Reads a scenario file's text safely: the path is checked with `stat` first,
 * so a FIFO, a device (/dev/zero) or a folder is refused before it is opened,
 * and at most MAX_SCENARIO_BYTES are read, so no file can exhaust memory.
 */
import { statSync, openSync, fstatSync, readSync, closeSync, constants, type Stats } from 'node:fs';
import { extname } from 'node:path';
import { UserError } from './errors.js';
import { parseScenarioText, type LoadedFile } from './load.js';

/** Scenario files are a few kilobytes; 10 MB leaves room for generated ones while keeping memory bounded. */
export const MAX_SCENARIO_BYTES = 10 * 1024 * 1024;

/** What a path is, in words, for messages about a path that is not what was expected. */
export function kindOf(st: Stats): string {
  if (st.isFile()) return 'a file';
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'neither a file nor a folder';
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Refuses anything but a regular file within the size limit, naming what was found. */
function checkRegular(file: string, st: Stats): void {
  const cannot = (why: string) => new UserError(`${file}: cannot read the scenario file: ${why}`);
  if (!st.isFile()) throw cannot(`it is ${kindOf(st)}, not a regular file`);
  if (st.size > MAX_SCENARIO_BYTES) throw cannot(`it is ${megabytes(st.size)}, above the ${MAX_SCENARIO_BYTES / 1024 / 1024} MB limit for a scenario file`);
}

function unreadable(file: string, err: unknown): UserError {
  const code = (err as NodeJS.ErrnoException).code;
  return new UserError(`${file}: cannot read the scenario file: ${code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
}

/** Reads at most MAX_SCENARIO_BYTES + 1 bytes, enough to tell that a file grew past the limit. */
function readCapped(fd: number): Buffer {
  const buffer = Buffer.allocUnsafe(MAX_SCENARIO_BYTES + 1);
  let length = 0;
  while (length < buffer.length) {
    const n = readSync(fd, buffer, length, buffer.length - length, null);
    if (n === 0) break;
    length += n;
  }
  return buffer.subarray(0, length);
}

export function readScenarioText(file: string): string {
  let fd: number;
  try {
    checkRegular(file, statSync(file));
    // O_NONBLOCK: should the path become a FIFO between the stat and the open, opening still does not wait.
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    throw err instanceof UserError ? err : unreadable(file, err);
  }
  try {
    checkRegular(file, fstatSync(fd));
    const bytes = readCapped(fd);
    if (bytes.length > MAX_SCENARIO_BYTES) throw new UserError(`${file}: cannot read the scenario file: it grew above the ${MAX_SCENARIO_BYTES / 1024 / 1024} MB limit while being read`);
    return bytes.toString('utf8');
  } catch (err) {
    throw err instanceof UserError ? err : unreadable(file, err);
  } finally {
    closeSync(fd);
  }
}

/** A scenario file read and parsed (load.ts parses text from anywhere: a file here, an editor in the explorer). */
export function readScenarioFile(file: string): LoadedFile {
  const ext = extname(file).toLowerCase();
  if (!['.yaml', '.yml', '.json'].includes(ext)) {
    throw new UserError(`${file}: expected a scenario file ending in .yaml, .yml or .json, found "${ext || 'no extension'}"`);
  }
  return parseScenarioText(file, readScenarioText(file), ext === '.json' ? 'json' : 'yaml');
}
