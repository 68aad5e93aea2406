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

function describe(t: Token): string {
  return t.kind === 'end' ? 'the end of the rule' : `"${t.text}"`;
}

export function parseRule(text: string): RuleNode {
  const tokens = tokenize(text);
  let at = 0;
  const peek = () => tokens[at];
  const next = () => tokens[at++];
  const fail = (expected: string): never => {
    throw new RuleSyntaxError(peek().column, `expected ${expected}, found ${describe(peek())}`);
  };

  function or(): RuleNode {
    let left = and();
    while (peek().kind === 'or') { next(); left = { kind: 'or', left, right: and() }; }
    return left;
  }

  function and(): RuleNode {
    let left = not();
    while (peek().kind === 'and') { next(); left = { kind: 'and', left, right: not() }; }
    return left;
  }

  function not(): RuleNode {
    if (peek().kind === 'not') { next(); return { kind: 'not', operand: not() }; }
    return primary();
  }

  function primary(): RuleNode {
    const t = peek();
    if (t.kind === '(') {
      next();
      const inner = or();
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
