/**
 * Checks a parsed eligibility rule against the scenario's biomarkers and
 * compiles it into a predicate over a cohort row. Checking happens once, at
 * setup; the predicate is a small tree of closures over typed columns.
 */
import type { BiomarkerSpec } from '../population.js';

/** The biomarker columns of a cohort (a population Cohort has them), structural so this layer imports nothing above it. */
export interface MarkerColumns {
  readonly markers: readonly ArrayLike<number>[];
}
import { parseRule, type RuleNode } from './parse.js';
import { RuleSyntaxError } from './tokens.js';

/** Whether patient i of the cohort satisfies the rule. */
export type Eligibility = (c: MarkerColumns, i: number) => boolean;

export interface RuleProblem {
  column: number;
  message: string;
}

export type CompiledRule = { ok: true; eligible: Eligibility; biomarkers: string[] } | { ok: false; problems: RuleProblem[] };

interface Context {
  biomarkers: readonly BiomarkerSpec[];
  profiles: readonly string[];
  problems: RuleProblem[];
  used: Set<string>;
}

const NEVER: Eligibility = () => false;

function lookup(ctx: Context, name: string, column: number): { index: number; marker: BiomarkerSpec } | null {
  const index = ctx.biomarkers.findIndex((b) => b.id === name);
  if (index >= 0) { ctx.used.add(name); return { index, marker: ctx.biomarkers[index] }; }
  const known = ctx.biomarkers.map((b) => b.id).join(', ') || 'none defined';
  ctx.problems.push({
    column,
    message: ctx.profiles.includes(name)
      ? `"${name}" is a latent profile, which is never observed, so it cannot decide eligibility; expected a biomarker (${known})`
      : `unknown biomarker: expected one of ${known}, found "${name}"`,
  });
  return null;
}

function compare(op: string, x: number, v: number): boolean {
  switch (op) {
    case '==': return x === v;
    case '!=': return x !== v;
    case '>=': return x >= v;
    case '<=': return x <= v;
    case '>': return x > v;
    default: return x < v;
  }
}

function build(node: RuleNode, ctx: Context): Eligibility {
  switch (node.kind) {
    case 'and': { const a = build(node.left, ctx), b = build(node.right, ctx); return (c, i) => a(c, i) && b(c, i); }
    case 'or': { const a = build(node.left, ctx), b = build(node.right, ctx); return (c, i) => a(c, i) || b(c, i); }
    case 'not': { const a = build(node.operand, ctx); return (c, i) => !a(c, i); }
    case 'present': {
      const m = lookup(ctx, node.name, node.column);
      if (!m) return NEVER;
      if (m.marker.type !== 'binary') {
        const example = m.marker.type === 'continuous' ? `"${node.name} >= ${m.marker.mean}"` : `"${node.name} == ${Object.keys(m.marker.levels)[0]}"`;
        ctx.problems.push({ column: node.column, message: `${m.marker.type} biomarker "${node.name}" needs a comparison, e.g. ${example}` });
        return NEVER;
      }
      const col = m.index;
      return (c, i) => c.markers[col][i] === 1;
    }
    case 'compare': {
      const m = lookup(ctx, node.name, node.column);
      if (!m) return NEVER;
      const col = m.index, op = node.op;
      if (m.marker.type === 'categorical') {
        const levels = Object.keys(m.marker.levels);
        const level = levels.indexOf(String(node.value));
        if (op !== '==' && op !== '!=') {
          ctx.problems.push({ column: node.column, message: `categorical biomarker "${node.name}" takes == or != a level, found "${op}"` });
          return NEVER;
        }
        if (level < 0) {
          ctx.problems.push({ column: node.valueColumn, message: `expected a level of "${node.name}" (${levels.join(', ')}), found "${node.value}"` });
          return NEVER;
        }
        return op === '==' ? (c, i) => c.markers[col][i] === level : (c, i) => c.markers[col][i] !== level;
      }
      if (typeof node.value !== 'number') {
        ctx.problems.push({ column: node.valueColumn, message: `${m.marker.type} biomarker "${node.name}" is compared with a number, found "${node.value}"` });
        return NEVER;
      }
      const v = node.value;
      if (m.marker.type === 'binary' && v !== 0 && v !== 1) {
        ctx.problems.push({ column: node.valueColumn, message: `binary biomarker "${node.name}" is 0 or 1, found ${v}` });
        return NEVER;
      }
      return (c, i) => compare(op, c.markers[col][i], v);
    }
  }
}

/** Parses, checks and compiles a rule; never throws on bad input. */
export function compileRule(text: string, biomarkers: readonly BiomarkerSpec[], profiles: readonly string[] = []): CompiledRule {
  let tree: RuleNode;
  try {
    tree = parseRule(text);
  } catch (err) {
    if (err instanceof RuleSyntaxError) return { ok: false, problems: [{ column: err.column, message: `syntax error: ${err.detail}` }] };
    throw err;
  }
  const ctx: Context = { biomarkers, profiles, problems: [], used: new Set() };
  const eligible = build(tree, ctx);
  return ctx.problems.length > 0 ? { ok: false, problems: ctx.problems } : { ok: true, eligible, biomarkers: [...ctx.used] };
}

/** A problem as one message, e.g. `in rule "kras or egfr" at column 1: unknown biomarker: ...`; a long rule is shortened, the column locates the place. */
export function ruleMessage(text: string, p: RuleProblem): string {
  const shown = text.length > 80 ? `${text.slice(0, 77)}...` : text;
  return `in rule "${shown}" at column ${p.column}: ${p.message}`;
}
