/**
 * Recursive-descent parser of eligibility rules. Grammar (lowest precedence
 * first; `and` binds tighter than `or`, as in SQL and R):
 *
 *   rule       := or end
 *   or         := and ("or" and)*
 *   and        := not ("and" not)*
 *   not        := "not" not | primary
 *   primary    := "(" or ")" | name [op value]
 *   op         := == | != | >= | <= | > | <      ("=" means "==")
 *   value      := number | name                  (a name is a categorical level)
 *
 * A bare name is a binary biomarker that is present (value 1).
 */
import { tokenize, RuleSyntaxError, type Token } from './tokens.js';

export type Comparison = '==' | '!=' | '>=' | '<=' | '>' | '<';

export type RuleNode =
  | { kind: 'and' | 'or'; left: RuleNode; right: RuleNode }
  | { kind: 'not'; operand: RuleNode }
  /** `egfr`: a binary biomarker present. */
  | { kind: 'present'; name: string; column: number }
  /** `pdl1 >= 0.5`, `site == colon`, `egfr == 0`. */
  | { kind: 'compare'; name: string; column: number; op: Comparison; value: number | string; valueColumn: number };

/**
 * Deepest nesting of parentheses and "not" a rule may have. Real rules nest
 * two or three levels; the bound keeps the parser, the compiled predicate
 * and its evaluation far from the stack limit on any input.
 */
export const MAX_RULE_DEPTH = 64;

/**
 * Most words and symbols a rule may have. A rule is evaluated for every
 * screened patient (10^5 in an umbrella's calibration alone): one of 10,000
 * alternatives would take minutes where a real rule (a few conditions) takes
 * microseconds. 1,000 tokens is some 250 conditions.
 */
export const MAX_RULE_TOKENS = 1000;

/**
 * Joins a flat chain `a or b or c ...` into a balanced tree, keeping the
 * written order: its depth grows with log2 of its length, so a long list of
 * alternatives cannot overflow the stack when the rule is compiled or run.
 */
function balanced(kind: 'and' | 'or', operands: RuleNode[], from = 0, to = operands.length): RuleNode {
  if (to - from === 1) return operands[from];
  const mid = (from + to) >>> 1;
  return { kind, left: balanced(kind, operands, from, mid), right: balanced(kind, operands, mid, to) };
}

function describe(t: Token): string {
  return t.kind === 'end' ? 'the end of the rule' : `"${t.text}"`;
}

export function parseRule(text: string): RuleNode {
  const tokens = tokenize(text);
  if (tokens.length - 1 > MAX_RULE_TOKENS) {
    throw new RuleSyntaxError(tokens[MAX_RULE_TOKENS].column, `the rule has more than ${MAX_RULE_TOKENS} words and symbols (${tokens.length - 1}); simplify it`);
  }
  let at = 0;
  let depth = 0;
  const peek = () => tokens[at];
  const next = () => tokens[at++];
  const fail = (expected: string): never => {
    throw new RuleSyntaxError(peek().column, `expected ${expected}, found ${describe(peek())}`);
  };

  /** Runs `inner` one nesting level down (opened at `column`), refusing to go deeper than MAX_RULE_DEPTH. */
  function nested<T>(column: number, inner: () => T): T {
    if (++depth > MAX_RULE_DEPTH) {
      throw new RuleSyntaxError(column, `the rule is nested more than ${MAX_RULE_DEPTH} deep (parentheses and "not"); simplify it`);
    }
    const node = inner();
    depth--;
    return node;
  }

  function or(): RuleNode {
    const operands = [and()];
    while (peek().kind === 'or') { next(); operands.push(and()); }
    return balanced('or', operands);
  }

  function and(): RuleNode {
    const operands = [not()];
    while (peek().kind === 'and') { next(); operands.push(not()); }
    return balanced('and', operands);
  }

  function not(): RuleNode {
    if (peek().kind === 'not') { const column = next().column; return nested(column, () => ({ kind: 'not', operand: not() })); }
    return primary();
  }

  function primary(): RuleNode {
    const t = peek();
    if (t.kind === '(') {
      next();
      const inner = nested(t.column, or);
      if (peek().kind !== ')') fail('")"');
      next();
      return inner;
    }
    if (t.kind !== 'name') return fail('a biomarker, "not" or "("');
    next();
    if (peek().kind !== 'op') return { kind: 'present', name: t.text, column: t.column };
    const op = next().text as Comparison;
    const v = peek();
    if (v.kind !== 'number' && v.kind !== 'name') return fail(`a number or a level after "${op}"`);
    next();
    return { kind: 'compare', name: t.text, column: t.column, op, value: v.kind === 'number' ? Number(v.text) : v.text, valueColumn: v.column };
  }

  if (peek().kind === 'end') fail('a rule such as "egfr and not alk"');
  const rule = or();
  if (peek().kind !== 'end') fail('"and", "or" or the end of the rule');
  return rule;
}
