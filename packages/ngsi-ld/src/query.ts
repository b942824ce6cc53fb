/**
 * The NGSI-LD query language `q` (ETSI GS CIM 009 V1.8 §4.9): a typed builder whose
 * output can never be bent by user-supplied values, a linear-time parser, and an
 * evaluator for normalized entities.
 */
import { NgsiLdError } from './errors.js';
import type {
  AttributePath,
  ComparisonOperator,
  QueryLiteral,
  QueryNode,
  QueryValue,
} from './internal/query-ast.js';
import { evaluateNode } from './internal/query-evaluate.js';
import {
  compilePattern,
  type ParseQueryOptions,
  parseAttributePath,
  parseQueryText,
  QuerySyntaxError,
} from './internal/query-parser.js';

export type {
  AttributePath,
  ComparisonOperator,
  ParseQueryOptions,
  QueryLiteral,
  QueryNode,
  QueryValue,
};
export { QuerySyntaxError };

/**
 * Parses a `q` string into its AST. AND (`;`) binds tighter than OR (`|`); parentheses
 * group. Runs in linear time; nesting is limited by `options.maxDepth` (default 32).
 *
 * @example
 * ```ts
 * parseQuery('(A==1;B==1)|A==3');
 * // { kind: 'or', terms: [{ kind: 'and', terms: [...] }, { kind: 'comparison', ... }] }
 * ```
 * @throws {QuerySyntaxError} (an `NgsiLdError` with code `'BadRequestData'` and the
 * 0-based `position`) when the string is not a valid query.
 */
export function parseQuery(q: string, options?: ParseQueryOptions): QueryNode {
  return parseQueryText(q, options);
}

/**
 * Parses an attribute path such as `temperature`, `a.observedAt` or `address[addressLocality]`.
 *
 * @example
 * ```ts
 * parseAttribute('address[addressLocality]');
 * // { attribute: 'address', subAttributes: [], compound: ['addressLocality'] }
 * ```
 * @throws {QuerySyntaxError} when the path is invalid.
 */
export function parseAttribute(path: string): AttributePath {
  return parseAttributePath(path);
}

function formatPath(p: AttributePath): string {
  let out = [p.attribute, ...p.subAttributes].join('.');
  if (p.compound.length > 0) out += `[${p.compound.join('.')}]`;
  return out;
}

function formatLiteral(l: QueryLiteral): string {
  switch (l.kind) {
    case 'number':
      return String(l.value);
    case 'boolean':
      return l.value ? 'true' : 'false';
    case 'string':
      // Always quote: a quoted string is one token whatever it contains.
      return JSON.stringify(l.value);
    default:
      return l.value;
  }
}

function formatValue(v: QueryValue): string {
  if (v.kind === 'range') return `${formatLiteral(v.min)}..${formatLiteral(v.max)}`;
  if (v.kind === 'list') return v.values.map(formatLiteral).join(',');
  return formatLiteral(v);
}

/**
 * Serialises a query AST back to `q` text. Strings are always double-quoted with JSON
 * escaping, and nested AND/OR groups are parenthesised, so `parseQuery(formatQuery(n))`
 * gives back `n` (up to flattening of redundant groups).
 *
 * @example
 * ```ts
 * formatQuery(parseQuery('A==1;B=="x"')); // 'A==1;B=="x"'
 * ```
 */
export function formatQuery(node: QueryNode): string {
  switch (node.kind) {
    case 'exists':
      return `${node.negated ? '!' : ''}${formatPath(node.path)}`;
    case 'comparison':
      return `${formatPath(node.path)}${node.operator}${formatValue(node.value)}`;
    default: {
      const sep = node.kind === 'and' ? ';' : '|';
      return node.terms
        .map((t) => (t.kind === 'and' || t.kind === 'or' ? `(${formatQuery(t)})` : formatQuery(t)))
        .join(sep);
    }
  }
}

/**
 * Whether a normalized entity matches a query (a `q` string or a parsed AST): the
 * attribute must exist, and any value (any instance, any array element) satisfying the
 * term is enough; `!=` and `!~=` hold when no value matches. Numbers compare with
 * numbers, strings with strings, and date/time literals chronologically.
 *
 * @example
 * ```ts
 * const e = { id: 'urn:ngsi-ld:T:1', type: 'T', A: { type: 'Property', value: 3 } };
 * evaluateQuery('A>2', e); // true
 * ```
 * @throws {QuerySyntaxError} when `query` is a string that does not parse.
 */
export function evaluateQuery(
  query: QueryNode | QueryExpression | string,
  entity: object,
): boolean {
  const node =
    typeof query === 'string'
      ? parseQueryText(query)
      : query instanceof QueryExpression
        ? query.node
        : query;
  return evaluateNode(node, entity);
}

/**
 * A value accepted by the builder: strings are quoted and escaped, `Date`s become
 * dateTime literals, numbers must be finite.
 *
 * @example
 * ```ts
 * const v: QueryScalar = new Date('2024-01-01T00:00:00Z');
 * ```
 */
export type QueryScalar = string | number | boolean | Date;

/**
 * A built or parsed query. `toString()` gives the `q` parameter text.
 *
 * @example
 * ```ts
 * const expr = q.and(q.eq('type', 'Parking'), q.gt('availableSpotNumber', 0));
 * url.searchParams.set('q', expr.toString());
 * ```
 */
export class QueryExpression {
  constructor(readonly node: QueryNode) {}

  /**
   * This expression AND the others.
   *
   * @example
   * ```ts
   * q.eq('a', 1).and(q.exists('b')).toString(); // 'a==1;b'
   * ```
   */
  and(...others: QueryExpression[]): QueryExpression {
    return q.and(this, ...others);
  }

  /**
   * This expression OR the others.
   *
   * @example
   * ```ts
   * q.eq('a', 1).or(q.eq('a', 2)).toString(); // 'a==1|a==2'
   * ```
   */
  or(...others: QueryExpression[]): QueryExpression {
    return q.or(this, ...others);
  }

  /**
   * Whether `entity` matches; see {@link evaluateQuery}.
   *
   * @example
   * ```ts
   * q.gt('A', 2).matches({ id: 'urn:x', type: 'T', A: { type: 'Property', value: 3 } }); // true
   * ```
   */
  matches(entity: object): boolean {
    return evaluateNode(this.node, entity);
  }

  /** The `q` text. */
  toString(): string {
    return formatQuery(this.node);
  }

  /** The `q` text, so the expression serialises as a string. */
  toJSON(): string {
    return formatQuery(this.node);
  }
}

function badInput(message: string): never {
  throw new NgsiLdError(message, { code: 'BadRequestData' });
}

function toPath(attr: string | AttributePath): AttributePath {
  if (typeof attr === 'string') return parseAttributePath(attr);
  return parseAttributePath(formatPath(attr));
}

function toLiteral(value: QueryScalar, attr: string | AttributePath): QueryLiteral {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      badInput(
        `q value for ${String(typeof attr === 'string' ? attr : attr.attribute)} must be a finite number, got ${value}`,
      );
    }
    return { kind: 'number', value };
  }
  if (typeof value === 'boolean') return { kind: 'boolean', value };
  if (typeof value === 'string') return { kind: 'string', value };
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) badInput('q value is an invalid Date');
    return { kind: 'dateTime', value: value.toISOString() };
  }
  return badInput(
    `q value has unsupported type ${typeof value}; use a string, number, boolean or Date`,
  );
}

function comparison(
  attr: string | AttributePath,
  operator: ComparisonOperator,
  value: QueryValue,
): QueryExpression {
  return new QueryExpression({ kind: 'comparison', path: toPath(attr), operator, value });
}

function logical(kind: 'and' | 'or', parts: readonly QueryExpression[]): QueryExpression {
  if (parts.length === 0) badInput(`q.${kind}() needs at least one expression`);
  const terms: QueryNode[] = [];
  for (const part of parts) {
    if (!(part instanceof QueryExpression)) badInput(`q.${kind}() takes QueryExpression arguments`);
    // Flatten same-kind children: (a;b);c is a;b;c.
    if (part.node.kind === kind) terms.push(...part.node.terms);
    else terms.push(part.node);
  }
  return new QueryExpression(terms.length === 1 ? (terms[0] as QueryNode) : { kind, terms });
}

function patternSource(pattern: string | RegExp): string {
  const source =
    typeof pattern === 'string'
      ? pattern
      : pattern.flags.includes('i')
        ? `(?i)${pattern.source}`
        : pattern.source;
  compilePattern(source, () =>
    badInput(`q pattern ${JSON.stringify(source)} is not a valid regular expression`),
  );
  return source;
}

function listOf(attr: string | AttributePath, values: readonly QueryScalar[]): QueryValue {
  if (values.length === 0) badInput('q value list must not be empty');
  const literals = values.map((v) => toLiteral(v, attr));
  return literals.length === 1 ? (literals[0] as QueryLiteral) : { kind: 'list', values: literals };
}

/**
 * Builder for NGSI-LD `q` expressions. Attribute paths are validated; values are typed
 * and escaped, so user input can never add an operator or a term.
 *
 * @example
 * ```ts
 * q.and(q.eq('category', 'street'), q.or(q.gt('speed', 50), q.range('occupancy', 0.8, 1))).toString();
 * // 'category=="street";(speed>50|occupancy==0.8..1)'
 * ```
 * @throws {NgsiLdError} code `'BadRequestData'` for an invalid attribute path or value.
 */
export const q = {
  /** `attr==value`. */
  eq: (attr: string | AttributePath, value: QueryScalar): QueryExpression =>
    comparison(attr, '==', toLiteral(value, attr)),
  /** `attr!=value`. */
  ne: (attr: string | AttributePath, value: QueryScalar): QueryExpression =>
    comparison(attr, '!=', toLiteral(value, attr)),
  /** `attr>value`. */
  gt: (attr: string | AttributePath, value: QueryScalar): QueryExpression =>
    comparison(attr, '>', toLiteral(value, attr)),
  /** `attr>=value`. */
  ge: (attr: string | AttributePath, value: QueryScalar): QueryExpression =>
    comparison(attr, '>=', toLiteral(value, attr)),
  /** `attr<value`. */
  lt: (attr: string | AttributePath, value: QueryScalar): QueryExpression =>
    comparison(attr, '<', toLiteral(value, attr)),
  /** `attr<=value`. */
  le: (attr: string | AttributePath, value: QueryScalar): QueryExpression =>
    comparison(attr, '<=', toLiteral(value, attr)),
  /** `attr==min..max` (inclusive). */
  range: (attr: string | AttributePath, min: QueryScalar, max: QueryScalar): QueryExpression =>
    comparison(attr, '==', { kind: 'range', min: toLiteral(min, attr), max: toLiteral(max, attr) }),
  /** `attr!=min..max`: outside the inclusive range. */
  notInRange: (attr: string | AttributePath, min: QueryScalar, max: QueryScalar): QueryExpression =>
    comparison(attr, '!=', { kind: 'range', min: toLiteral(min, attr), max: toLiteral(max, attr) }),
  /** `attr==v1,v2,...`: equal to any of the values. */
  in: (attr: string | AttributePath, values: readonly QueryScalar[]): QueryExpression =>
    comparison(attr, '==', listOf(attr, values)),
  /** `attr!=v1,v2,...`: equal to none of the values. */
  notIn: (attr: string | AttributePath, values: readonly QueryScalar[]): QueryExpression =>
    comparison(attr, '!=', listOf(attr, values)),
  /** `attr~="regex"`; a RegExp's `i` flag becomes the `(?i)` prefix. */
  pattern: (attr: string | AttributePath, pattern: string | RegExp): QueryExpression =>
    comparison(attr, '~=', { kind: 'string', value: patternSource(pattern) }),
  /** `attr!~="regex"`. */
  notPattern: (attr: string | AttributePath, pattern: string | RegExp): QueryExpression =>
    comparison(attr, '!~=', { kind: 'string', value: patternSource(pattern) }),
  /** `attr`: the attribute exists. */
  exists: (attr: string | AttributePath): QueryExpression =>
    new QueryExpression({ kind: 'exists', path: toPath(attr), negated: false }),
  /** `!attr`: the attribute does not exist. */
  notExists: (attr: string | AttributePath): QueryExpression =>
    new QueryExpression({ kind: 'exists', path: toPath(attr), negated: true }),
  /** All of the expressions (`;`). */
  and: (...parts: QueryExpression[]): QueryExpression => logical('and', parts),
  /** Any of the expressions (`|`). */
  or: (...parts: QueryExpression[]): QueryExpression => logical('or', parts),
  /** Wraps a `q` string (validated by parsing) as an expression. */
  parse: (text: string, options?: ParseQueryOptions): QueryExpression =>
    new QueryExpression(parseQueryText(text, options)),
} as const;
