/**
 * User errors: bad input a person can fix. They print one clear block (the
 * place, what was expected, what was found) and exit with code 2; bugs are
 * ordinary exceptions and keep their stack.
 */

/**
 * What kind of problem an error is, for whoever presents it (the CLI maps
 * kinds to exit codes): bad input a person can fix, or a run stopped on
 * request (Ctrl-C, SIGTERM, an abort signal) with its work saved.
 */
export type ErrorKind = 'input' | 'interrupted';

export class UserError extends Error {
  constructor(message: string, readonly kind: ErrorKind = 'input') {
    super(message);
    this.name = 'UserError';
  }
}

/** One problem in a scenario, located by its key path (and line, for YAML and JSON files). */
export interface ScenarioIssue {
  path: (string | number)[];
  message: string;
  line?: number;
}

/**
 * A design's refusal of a checked scenario while preparing it (a substudy no
 * patient can enter, a basket nobody falls in): the issues carry key paths;
 * the loader adds the file and lines.
 */
export class ScenarioRefusal extends Error {
  constructor(readonly issues: ScenarioIssue[]) {
    super(issues.map((i) => `${formatPath(i.path)}: ${i.message}`).join('; '));
    this.name = 'ScenarioRefusal';
  }
}

/** Renders a key path as `design.analysis.subgroups[1]`. */
export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(part)) out += out ? `.${part}` : part;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out || '(top level)';
}

/** Describes a value found in a file, briefly, for "found ..." messages. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
  return String(value);
}

/** Problems listed in full; a file with more (a list pasted 2,000 times) gets the count of the rest. */
const MAX_SHOWN = 20;

export class ScenarioError extends UserError {
  constructor(readonly file: string, readonly issues: ScenarioIssue[]) {
    super(ScenarioError.render(file, issues));
    this.name = 'ScenarioError';
  }

  static render(file: string, issues: ScenarioIssue[]): string {
    const head = `${file}: ${issues.length === 1 ? 'invalid scenario' : `${issues.length} problems`}`;
    const shown = issues.length > MAX_SHOWN ? issues.slice(0, MAX_SHOWN) : issues;
    const lines = shown.map((issue) => {
      const where = issue.line !== undefined ? `line ${issue.line}, ` : '';
      if (issue.path.length === 0) return `  ${issue.line !== undefined ? `line ${issue.line}` : 'file'}: ${issue.message}`;
      return `  ${where}${formatPath(issue.path)}: ${issue.message}`;
    });
    if (shown.length < issues.length) lines.push(`  ... and ${issues.length - shown.length} more`);
    return [head, ...lines].join('\n');
  }
}
