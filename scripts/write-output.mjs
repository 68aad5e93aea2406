// Writes a build's files into a folder so that a process reading the folder
// meanwhile (a test spawning the command line while `npm run bench` builds
// beside it) never finds a file missing or half-written: each changed file
// is written under a temporary name and renamed into place, an unchanged
// file is not touched, and only then are files the build no longer makes
// removed. (Deleting the folder first, as the bundles did, left a moment
// with no dist/bin/main.js at all.)
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/** files: [path inside outdir, contents] pairs. */
export function replaceFolder(outdir, files) {
  const keep = new Set();
  for (const [name, contents] of files) {
    const path = join(outdir, name);
    keep.add(path);
    const bytes = Buffer.from(contents);
    if (existsSync(path) && readFileSync(path).equals(bytes)) continue;
    mkdirSync(dirname(path), { recursive: true });
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, bytes);
    renameSync(tmp, path);
  }
  for (const path of walk(outdir)) if (!keep.has(path)) rmSync(path, { force: true });
}

/** esbuild's output files (write: false) as [path inside outdir, contents] pairs. */
export function outputs(result, outdir) {
  return result.outputFiles.map((f) => [relative(outdir, f.path), f.contents]);
}

function walk(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}
