/** AST of the NGSI-LD query language (`q`, ETSI GS CIM 009 V1.8 §4.9). */

/**
 * An attribute reference: `attribute.sub.sub[compound.member]`.
 * `subAttributes` walks sub-attributes (properties of properties); `compound` walks into
 * the attribute's value (a JSON object).
 */
export interface AttributePath {
  attribute: string;
  subAttributes: string[];
  compound: string[];
}

/** A single value in a query term. */
export type QueryLiteral =
  | { kind: 'number'; value: number }
  | { kind: 'string'; value: string; unquoted?: true }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'dateTime'; value: string }
  | { kind: 'date'; value: string }
  | { kind: 'time'; value: string };

/** The right-hand side of a comparison: one value, a range `min..max`, or a list `a,b,c`. */
export type QueryValue =
  | QueryLiteral
  | { kind: 'range'; min: QueryLiteral; max: QueryLiteral }
  | { kind: 'list'; values: QueryLiteral[] };

/** Comparison operators; `~=` and `!~=` take a regular expression string. */
export type ComparisonOperator = '==' | '!=' | '>' | '>=' | '<' | '<=' | '~=' | '!~=';

/** `attr<op>value`. */
export interface QueryComparison {
  kind: 'comparison';
  path: AttributePath;
  operator: ComparisonOperator;
  value: QueryValue;
}

/** `attr` (exists) or `!attr` (does not exist). */
export interface QueryExistence {
  kind: 'exists';
  path: AttributePath;
  negated: boolean;
}

/** `a;b` (and) or `a|b` (or), with at least two terms. */
export interface QueryLogical {
  kind: 'and' | 'or';
  terms: QueryNode[];
}

/** Any node of a parsed `q` expression. */
export type QueryNode = QueryComparison | QueryExistence | QueryLogical;
