/** AST of the NGSI-LD query language (`q`, ETSI GS CIM 009 V1.8 §4.9). */

/**
 * An attribute reference: `attribute.sub.sub[compound.member]`.
 * `subAttributes` walks sub-attributes (properties of properties); `compound` walks into
 * the attribute's value (a JSON object).
 *
 * @example
 * ```ts
 * parseAttribute('a.b[c]'); // { attribute: 'a', subAttributes: ['b'], compound: ['c'] }
 * ```
 */
export interface AttributePath {
  attribute: string;
  subAttributes: string[];
  compound: string[];
}

/**
 * A single value in a query term.
 *
 * @example
 * ```ts
 * const v: QueryLiteral = { kind: 'dateTime', value: '2024-01-01T00:00:00Z' };
 * ```
 */
export type QueryLiteral =
  | { kind: 'number'; value: number }
  | { kind: 'string'; value: string; unquoted?: true }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'dateTime'; value: string }
  | { kind: 'date'; value: string }
  | { kind: 'time'; value: string };

/**
 * The right-hand side of a comparison: one value, a range `min..max`, or a list `a,b,c`.
 *
 * @example
 * ```ts
 * const v: QueryValue = { kind: 'range', min: { kind: 'number', value: 1 }, max: { kind: 'number', value: 5 } };
 * ```
 */
export type QueryValue =
  | QueryLiteral
  | { kind: 'range'; min: QueryLiteral; max: QueryLiteral }
  | { kind: 'list'; values: QueryLiteral[] };

/**
 * Comparison operators; `~=` and `!~=` take a regular expression string.
 *
 * @example
 * ```ts
 * const op: ComparisonOperator = '>=';
 * ```
 */
export type ComparisonOperator = '==' | '!=' | '>' | '>=' | '<' | '<=' | '~=' | '!~=';

/**
 * `attr<op>value`.
 *
 * @example
 * ```ts
 * parseQuery('a>=1'); // { kind: 'comparison', operator: '>=', ... }
 * ```
 */
export interface QueryComparison {
  kind: 'comparison';
  path: AttributePath;
  operator: ComparisonOperator;
  value: QueryValue;
}

/**
 * `attr` (exists) or `!attr` (does not exist).
 *
 * @example
 * ```ts
 * parseQuery('!a'); // { kind: 'exists', negated: true, ... }
 * ```
 */
export interface QueryExistence {
  kind: 'exists';
  path: AttributePath;
  negated: boolean;
}

/**
 * `a;b` (and) or `a|b` (or), with at least two terms.
 *
 * @example
 * ```ts
 * parseQuery('a|b'); // { kind: 'or', terms: [...] }
 * ```
 */
export interface QueryLogical {
  kind: 'and' | 'or';
  terms: QueryNode[];
}

/**
 * Any node of a parsed `q` expression.
 *
 * @example
 * ```ts
 * const node: QueryNode = parseQuery('(A==1;B==1)|A==3');
 * ```
 */
export type QueryNode = QueryComparison | QueryExistence | QueryLogical;
