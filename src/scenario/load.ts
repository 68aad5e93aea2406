/**
 * Parses a scenario's text (YAML or JSON) into a plain object and a locator
 * that maps a key path to its line, so that every error can name the line.
 * The text comes from a file (read-file.ts) or from the explorer's editor.
 * Nothing here evaluates the file: YAML is parsed with the `yaml` package's
 * core schema (no custom tags), JSON with JSON.parse.
 */
import { parseDocument, LineCounter, isMap, isPair, isScalar, visit, type Document, type Alias, type Node } from 'yaml';
import { ScenarioError, type ScenarioIssue } from './errors.js';
import { prototypeKeyPaths, prototypeKeyMessage } from './safe-keys.js';

export interface LoadedFile {
  file: string;
  text: string;
  data: unknown;
  /** Line (1-based) of the value at `path`, or of the key `key` inside it. */
  lineOf(path: readonly (string | number)[], key?: string): number | undefined;
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
  const data = toData(file, doc, lineCounter);
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

/** At most this many alias copies: a real scenario repeats a block a few times; a "billion laughs" file needs millions. */
const MAX_ALIAS_COUNT = 100;

/** The document as plain data; aliases that are undefined or that multiply are refused with their line. */
function toData(file: string, doc: Document, lines: LineCounter): unknown {
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    if (!(err instanceof ReferenceError)) throw err;
    throw new ScenarioError(file, [aliasIssue(doc, lines)]);
  }
}

function aliasIssue(doc: Document, lines: LineCounter): ScenarioIssue {
  const aliases: Alias[] = [];
  visit(doc, { Alias: (_key, node) => { aliases.push(node); } });
  const lineOf = (a: Alias | undefined) => (a?.range ? lines.linePos(a.range[0]).line : undefined);
  const unresolved = aliases.find((a) => !a.resolve(doc));
  if (unresolved) {
    return { path: [], line: lineOf(unresolved), message: `malformed YAML: alias *${unresolved.source} refers to no anchor &${unresolved.source} defined before it` };
  }
  // The blow-up starts at the first alias of a block that itself holds aliases.
  const nested = aliases.find((a) => containsAlias(a.resolve(doc))) ?? aliases[0];
  return {
    path: [], line: lineOf(nested),
    message: `malformed YAML: the aliases expand to more than ${MAX_ALIAS_COUNT} copies (aliases of blocks that hold aliases multiply); write the repeated values out`,
  };
}

function containsAlias(node: Node | undefined): boolean {
  let found = false;
  if (node) visit(node, { Alias: () => { found = true; return visit.BREAK; } });
  return found;
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
