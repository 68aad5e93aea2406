/**
 * Reads a scenario file (YAML or JSON) into a plain object and a locator
 * that maps a key path to its line, so that every error can name the line.
 * Nothing here evaluates the file: YAML is parsed with the `yaml` package's
 * core schema (no custom tags), JSON with JSON.parse.
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parseDocument, LineCounter, isMap, isPair, isScalar, type Document } from 'yaml';
import { ScenarioError, UserError } from './errors.js';
import { prototypeKeyPaths, prototypeKeyMessage } from './safe-keys.js';

export interface LoadedFile {
  file: string;
  text: string;
  data: unknown;
  /** Line (1-based) of the value at `path`, or of the key `key` inside it. */
  lineOf(path: readonly (string | number)[], key?: string): number | undefined;
}

export function readScenarioFile(file: string): LoadedFile {
  const ext = extname(file).toLowerCase();
  if (!['.yaml', '.yml', '.json'].includes(ext)) {
    throw new UserError(`${file}: expected a scenario file ending in .yaml, .yml or .json, found "${ext || 'no extension'}"`);
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (err as Error).message;
    throw new UserError(`${file}: cannot read the scenario file: ${why}`);
  }
  return parseScenarioText(file, text, ext === '.json' ? 'json' : 'yaml');
}

export function parseScenarioText(file: string, text: string, format: 'yaml' | 'json'): LoadedFile {
  const lineCounter = new LineCounter();
  if (format === 'json') checkJsonSyntax(file, text);
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: true, schema: 'core' });
  if (doc.errors.length > 0) {
    throw new ScenarioError(
      file,
      doc.errors.map((e) => ({
        path: [],
        line: e.linePos?.[0].line,
        message: `malformed ${format.toUpperCase()}: ${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`,
      })),
    );
  }
  const data = doc.toJS({ maxAliasCount: 100 });
  const lineOf = (path: readonly (string | number)[], key?: string) => locate(doc, lineCounter, path, key);
  refusePrototypeKeys(file, data, lineOf);
  return { file, text, data, lineOf };
}

/** Prototype keys are refused before the data reaches any code that assigns by key. */
function refusePrototypeKeys(file: string, data: unknown, lineOf: LoadedFile['lineOf']): void {
  const paths = prototypeKeyPaths(data);
  if (paths.length === 0) return;
  throw new ScenarioError(file, paths.map((path) => {
    const key = String(path[path.length - 1]);
    return { path, line: lineOf(path.slice(0, -1), key), message: prototypeKeyMessage(key) };
  }));
}

function checkJsonSyntax(file: string, text: string): void {
  try {
    JSON.parse(text);
  } catch (err) {
    const message = (err as Error).message;
    const at = /position (\d+)/.exec(message);
    const line = at ? text.slice(0, Number(at[1])).split('\n').length : undefined;
    throw new ScenarioError(file, [{ path: [], line, message: `malformed JSON: ${message}` }]);
  }
}

function locate(
  doc: Document, lines: LineCounter, path: readonly (string | number)[], key?: string,
): number | undefined {
  // Walk down as far as the path exists; report the deepest node found.
  let node: unknown = doc.contents;
  let found = node;
  for (const part of path) {
    const next = (node as { get?: (k: unknown, keep: boolean) => unknown })?.get?.(part, true);
    if (next === undefined) break;
    node = next;
    found = next;
  }
  if (key !== undefined && isMap(found)) {
    const pair = found.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key);
    if (pair && isScalar(pair.key) && pair.key.range) return lines.linePos(pair.key.range[0]).line;
  }
  const range = (found as { range?: [number, number, number] })?.range;
  return range ? lines.linePos(range[0]).line : undefined;
}
