/**
 * Hand-written scanner and recursive-descent parser for NGSI-LD `q`. Every loop advances
 * the cursor, so the parser is linear in the input length; recursion happens only at
 * parentheses and is bounded by `maxDepth`. Regular expressions run only on already
 * delimited tokens and have no nested quantifiers.
 */
import { NgsiLdError } from '../errors.js';
import { isUri } from '../ids.js';
import type {
  AttributePath,
  ComparisonOperator,
  QueryLiteral,
  QueryNode,
  QueryValue,
} from './query-ast.js';

/**
 * A `q` (or attribute path) string could not be parsed. `code` is `'BadRequestData'`;
 * `position` is the 0-based offset of the offending character.
 *
 * @example
 * ```ts
 * try { parseQuery('a==1;(b'); } catch (e) { if (e instanceof QuerySyntaxError) e.position; }
 * ```
 */
export class QuerySyntaxError extends NgsiLdError {
  readonly position: number;

  constructor(message: string, position: number) {
    super(message, { code: 'BadRequestData' });
    this.name = 'QuerySyntaxError';
    this.position = position;
  }
}

/**
 * Limits applied while parsing.
 *
 * @example
 * ```ts
 * parseQuery(text, { maxDepth: 8, maxLength: 4096 });
 * ```
 */
export interface ParseQueryOptions {
  /** Maximum nesting of parentheses (default 32). */
  maxDepth?: number;
  /** Maximum input length in characters (default 262144). */
  maxLength?: number;
}

const NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?Z?$/;

/** Characters allowed in attribute names (NGSI-LD attrName plus compact-IRI punctuation). */
export function isAttrChar(c: number): boolean {
  return (
    (c >= 48 && c <= 57) || // 0-9
    (c >= 65 && c <= 90) || // A-Z
    (c >= 97 && c <= 122) || // a-z
    c === 95 || // _
    c === 58 || // :
    c === 45 || // -
    c === 64 || // @
    c === 35 // #
  );
}

function excerpt(text: string, pos: number): string {
  if (pos >= text.length) return 'end of input';
  const s = text.slice(pos, pos + 16);
  return `"${s}${text.length > pos + 16 ? '…' : ''}"`;
}

/** Decodes the body of a quoted string: JSON escapes, else backslash-escapes literally. */
function unescapeQuoted(body: string): string {
  if (!body.includes('\\')) return body;
  try {
    return JSON.parse(`"${body}"`) as string;
  } catch {
    let out = '';
    for (let i = 0; i < body.length; i++) {
      const ch = body[i] as string;
      if (ch === '\\' && i + 1 < body.length) {
        i++;
        out += body[i] as string;
      } else {
        out += ch;
      }
    }
    return out;
  }
}

/**
 * Interprets an unquoted token as a number, boolean, date, time or dateTime; anything
 * else comes back as an unquoted string, which the grammar allows only for URIs.
 */
export function literalFromToken(token: string): QueryLiteral {
  if (token === 'true' || token === 'false') return { kind: 'boolean', value: token === 'true' };
  if (token.length <= 64) {
    if (NUMBER.test(token)) {
      const n = Number(token);
      if (Number.isFinite(n)) return { kind: 'number', value: n };
    }
    if (DATE_TIME.test(token)) return { kind: 'dateTime', value: token };
    if (DATE.test(token)) return { kind: 'date', value: token };
    if (TIME.test(token)) return { kind: 'time', value: token };
  }
  return { kind: 'string', value: token, unquoted: true };
}

class Parser {
  private pos = 0;

  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
    private readonly what: string,
  ) {}

  fail(message: string, at = this.pos): never {
    throw new QuerySyntaxError(
      `Invalid ${this.what} at position ${at}: ${message}, found ${excerpt(this.text, at)}`,
      at,
    );
  }

  private code(at = this.pos): number {
    return this.text.charCodeAt(at);
  }

  private skipSpaces(): void {
    while (this.pos < this.text.length) {
      const c = this.code();
      if (c !== 32 && c !== 9) return;
      this.pos++;
    }
  }

  atEnd(): boolean {
    this.skipSpaces();
    return this.pos >= this.text.length;
  }

  parseQuery(): QueryNode {
    const node = this.parseOr(0);
    if (!this.atEnd()) {
      this.fail(this.code() === 41 ? 'unbalanced ")"' : 'expected ";", "|" or end of query');
    }
    return node;
  }

  private parseOr(depth: number): QueryNode {
    const terms = [this.parseAnd(depth)];
    while (!this.atEnd() && this.code() === 124) {
      this.pos++;
      terms.push(this.parseAnd(depth));
    }
    return terms.length === 1 ? (terms[0] as QueryNode) : { kind: 'or', terms };
  }

  private parseAnd(depth: number): QueryNode {
    const terms = [this.parseTerm(depth)];
    while (!this.atEnd() && this.code() === 59) {
      this.pos++;
      terms.push(this.parseTerm(depth));
    }
    return terms.length === 1 ? (terms[0] as QueryNode) : { kind: 'and', terms };
  }

  private parseTerm(depth: number): QueryNode {
    this.skipSpaces();
    if (this.pos >= this.text.length) this.fail('expected an attribute or "("');
    const c = this.code();
    if (c === 40) {
      if (depth + 1 > this.maxDepth) this.fail(`parentheses nested deeper than ${this.maxDepth}`);
      const open = this.pos;
      this.pos++;
      const inner = this.parseOr(depth + 1);
      if (this.atEnd() || this.code() !== 41) this.fail(`"(" at position ${open} is not closed`);
      this.pos++;
      return inner;
    }
    if (c === 33 && this.code(this.pos + 1) !== 126) {
      this.pos++;
      this.skipSpaces();
      return { kind: 'exists', path: this.parsePath(), negated: true };
    }
    const path = this.parsePath();
    this.skipSpaces();
    const operator = this.parseOperator();
    if (!operator) {
      if (this.pos >= this.text.length) return { kind: 'exists', path, negated: false };
      const n = this.code();
      if (n === 59 || n === 124 || n === 41) return { kind: 'exists', path, negated: false };
      this.fail('expected an operator (==, !=, >, >=, <, <=, ~=, !~=)');
    }
    this.skipSpaces();
    const valueStart = this.pos;
    const value = this.parseValue(operator === '==' || operator === '!=', valueStart);
    if (operator === '~=' || operator === '!~=') {
      if (value.kind !== 'string') this.fail('a pattern needs a string', valueStart);
      compilePattern(value.value, () => this.fail('invalid regular expression', valueStart));
    }
    return { kind: 'comparison', path, operator, value };
  }

  private parseOperator(): ComparisonOperator | undefined {
    const t = this.text;
    const p = this.pos;
    const a = t[p];
    const b = t[p + 1];
    let op: ComparisonOperator | undefined;
    if (a === '=' && b === '=') op = '==';
    else if (a === '!' && b === '=') op = '!=';
    else if (a === '!' && b === '~' && t[p + 2] === '=') op = '!~=';
    else if (a === '~' && b === '=') op = '~=';
    else if (a === '>') op = b === '=' ? '>=' : '>';
    else if (a === '<') op = b === '=' ? '<=' : '<';
    if (op) this.pos += op.length;
    return op;
  }

  parsePath(): AttributePath {
    const attribute = this.parseName('an attribute name');
    const subAttributes: string[] = [];
    const compound: string[] = [];
    while (this.code() === 46) {
      this.pos++;
      subAttributes.push(this.parseName('a sub-attribute name after "."'));
    }
    while (this.code() === 91) {
      const open = this.pos;
      this.pos++;
      compound.push(this.parseName('a member name after "["'));
      while (this.code() === 46) {
        this.pos++;
        compound.push(this.parseName('a member name after "."'));
      }
      if (this.code() !== 93) this.fail(`"[" at position ${open} is not closed`);
      this.pos++;
    }
    return { attribute, subAttributes, compound };
  }

  private parseName(what: string): string {
    const start = this.pos;
    while (this.pos < this.text.length && isAttrChar(this.code())) this.pos++;
    if (this.pos === start) this.fail(`expected ${what}`);
    return this.text.slice(start, this.pos);
  }

  private parseValue(equality: boolean, start: number): QueryValue {
    const first = this.parseLiteral(equality);
    this.skipSpaces();
    if (this.text.startsWith('..', this.pos)) {
      if (!equality) this.fail('a range is only allowed with == or !=');
      this.pos += 2;
      this.skipSpaces();
      const max = this.parseLiteral(false);
      this.checkUnquoted(first, start, false);
      return { kind: 'range', min: first, max };
    }
    if (this.code() === 44) {
      if (!equality) this.fail('a value list is only allowed with == or !=');
      const values = [first];
      while (this.code() === 44) {
        this.pos++;
        this.skipSpaces();
        values.push(this.parseLiteral(true));
        this.skipSpaces();
      }
      return { kind: 'list', values };
    }
    return first;
  }

  /**
   * Clause 4.9: a bare word is a value only when it is a URI compared with == or !=
   * (`refPark==urn:ngsi-ld:Parking:1`); strings must be quoted (`brandName=="Mercedes"`).
   */
  private checkUnquoted(l: QueryLiteral, at: number, uriAllowed: boolean): void {
    if (l.kind !== 'string' || l.unquoted !== true) return;
    if (uriAllowed && isUri(l.value)) return;
    const shown = l.value.length > 40 ? `${l.value.slice(0, 40)}…` : l.value;
    this.fail(
      uriAllowed
        ? `the unquoted value "${shown}" is neither a number, boolean, date, time nor URI; quote strings, e.g. "${shown.replace(/"/g, '')}" in double quotes`
        : `the unquoted value "${shown}" is not a number, date or time; quote strings in double quotes`,
      at,
    );
  }

  private parseLiteral(uriAllowed: boolean): QueryLiteral {
    const start = this.pos;
    if (this.code() === 34) {
      this.pos++;
      let hasClose = false;
      while (this.pos < this.text.length) {
        const c = this.code();
        if (c === 92) {
          this.pos += 2;
          continue;
        }
        if (c === 34) {
          hasClose = true;
          break;
        }
        this.pos++;
      }
      if (!hasClose || this.pos > this.text.length) this.fail('unterminated string', start);
      const body = this.text.slice(start + 1, this.pos);
      this.pos++;
      return { kind: 'string', value: unescapeQuoted(body) };
    }
    // An unquoted token ends at a logical operator, ")", ",", ".." or whitespace.
    while (this.pos < this.text.length) {
      const c = this.code();
      if (c === 59 || c === 124 || c === 41 || c === 44 || c === 32 || c === 9) break;
      if (c === 46 && this.code(this.pos + 1) === 46) break;
      if (c === 40 || c === 34) this.fail('unexpected character in value');
      this.pos++;
    }
    if (this.pos === start) this.fail('expected a value', start);
    const literal = literalFromToken(this.text.slice(start, this.pos));
    this.checkUnquoted(literal, start, uriAllowed);
    return literal;
  }
}

const PATTERN_CACHE_LIMIT = 256;
const patternCache = new Map<string, RegExp>();

/**
 * Compiles an NGSI-LD pattern to a JavaScript RegExp; a leading `(?i)` means
 * case-insensitive. Calls `onError` when the pattern does not compile.
 */
export function compilePattern(pattern: string, onError: () => never): RegExp {
  const cached = patternCache.get(pattern);
  if (cached) return cached;
  let source = pattern;
  let flags = 'u';
  if (source.startsWith('(?i)')) {
    source = source.slice(4);
    flags = 'iu';
  }
  let re: RegExp;
  try {
    re = new RegExp(source, flags);
  } catch {
    try {
      re = new RegExp(source, flags.replace('u', ''));
    } catch {
      onError();
    }
  }
  if (patternCache.size >= PATTERN_CACHE_LIMIT) patternCache.clear();
  patternCache.set(pattern, re);
  return re;
}

const DEFAULT_MAX_LENGTH = 262_144;

function checkInput(text: unknown, what: string, maxLength: number): string {
  if (typeof text !== 'string') {
    throw new QuerySyntaxError(`Invalid ${what}: expected a string, got ${typeof text}`, 0);
  }
  if (text.length > maxLength) {
    throw new QuerySyntaxError(
      `Invalid ${what}: ${text.length} characters is longer than the limit of ${maxLength}`,
      maxLength,
    );
  }
  return text;
}

/** Parses a full `q` expression. */
export function parseQueryText(text: unknown, options: ParseQueryOptions = {}): QueryNode {
  const input = checkInput(text, 'q', options.maxLength ?? DEFAULT_MAX_LENGTH);
  return new Parser(input, options.maxDepth ?? 32, 'q').parseQuery();
}

/** Parses one attribute path such as `a.b[c.d]`. */
export function parseAttributePath(text: unknown): AttributePath {
  const input = checkInput(text, 'attribute path', 4096);
  const parser = new Parser(input, 0, 'attribute path');
  const path = parser.parsePath();
  if (!parser.atEnd()) parser.fail('unexpected character after the attribute path');
  return path;
}
