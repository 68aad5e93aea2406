/**
 * Atomic file output: write to a temporary name in the same folder, then
 * rename, so a reader (or an interrupted run) never sees half a file.
 */
import { writeFileSync, renameSync, openSync, writeSync, closeSync, fsyncSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { writingTo } from './output-errors.js';
import { makeFolder } from './make-folder.js';

export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  writingTo(path, () => {
    makeFolder(dirname(path));
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  });
}

/** A file written in pieces and renamed into place by `commit()`. */
export class AtomicStream {
  private fd: number;
  private tmp: string;
  constructor(private path: string) {
    this.tmp = `${path}.${process.pid}.tmp`;
    this.fd = writingTo(path, () => {
      makeFolder(dirname(path));
      return openSync(this.tmp, 'w');
    });
  }
  write(text: string): void {
    writeSync(this.fd, text);
  }
  commit(): void {
    fsyncSync(this.fd);
    closeSync(this.fd);
    renameSync(this.tmp, this.path);
  }
  /** Closes and deletes the temporary file: nothing appears at the path. */
  abandon(): void {
    closeSync(this.fd);
    rmSync(this.tmp, { force: true });
  }
}
