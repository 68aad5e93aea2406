/**
 * Tokenizer of the eligibility-rule language (e.g. `egfr and not alk`,
 * `pdl1 >= 0.5`, `site == colon`): a hand-written scanner, so a rule is
 * never handed to `eval` and every error can name its column.
 */

export type TokenKind = 'name' | 'number' | 'and' | 'or' | 'not' | 'op' | '(' | ')' | 'end';

export interface Token {
  kind: TokenKind;
  /** The text as written (for `op`: one of == != >= <= > <). */
  text: string;
  /** 1-based column of the token's first character. */
  column: number;
}

/** A rule that cannot be read, with the 1-based column where reading stopped. */
export class RuleSyntaxError extends Error {
  constructor(readonly column: number, readonly detail: string) {
    super(`syntax error at column ${column}: ${detail}`);
    this.name = 'RuleSyntaxError';
  }
}

const KEYWORDS: Record<string, TokenKind> = { and: 'and', or: 'or', not: 'not' };
const OPERATORS = ['==', '!=', '>=', '<=', '>', '<', '='];

const isLetter = (c: string) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
const isDigit = (c: string) => c >= '0' && c <= '9';
const isNameChar = (c: string) => isLetter(c) || isDigit(c) || c === '_' || c === '-';

/** Numbers as in JSON: optional minus, digits, optional fraction and exponent. */
const NUMBER = /^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const column = i + 1;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') { i++; continue; }
    if (c === '(' || c === ')') { tokens.push({ kind: c, text: c, column }); i++; continue; }
    if (isLetter(c)) {
      let j = i + 1;
      while (j < text.length && isNameChar(text[j])) j++;
      const word = text.slice(i, j);
      tokens.push({ kind: KEYWORDS[word] ?? 'name', text: word, column });
      i = j;
      continue;
    }
    const number = NUMBER.exec(text.slice(i));
    if (number && (isDigit(c) || c === '.' || c === '-')) {
      tokens.push({ kind: 'number', text: number[0], column });
      i += number[0].length;
      continue;
    }
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (op) {
      // A single "=" is read as "==", the way trialists write it.
      tokens.push({ kind: 'op', text: op === '=' ? '==' : op, column });
      i += op.length;
      continue;
    }
    if (c === '&' || c === '|' || c === '!') {
      const word = c === '&' ? 'and' : c === '|' ? 'or' : 'not';
      throw new RuleSyntaxError(column, `unexpected "${c}"; write "${word}"`);
    }
    throw new RuleSyntaxError(column, `unexpected character "${c}"`);
  }
  tokens.push({ kind: 'end', text: '', column: text.length + 1 });
  return tokens;
}
