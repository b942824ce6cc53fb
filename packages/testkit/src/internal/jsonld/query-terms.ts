/**
 * Names inside query parameters: the attribute paths of a parsed `q` (attribute and
 * sub-attribute names are terms; members inside a compound value `[a.b]` are not), and
 * entity type expressions (`type=(A;B)|C`, clause 4.17: `,` and `|` mean or, `;` and).
 */
import type { QueryNode } from '@smartcitylab/ngsi-ld';
import { badRequest } from '../problems.js';
import type { ActiveContext } from './active-context.js';

/** The q AST with its attribute names in stored (expanded) form. */
export function expandQuery(node: QueryNode, ac: ActiveContext): QueryNode {
  if (ac.passthrough) return node;
  if (node.kind === 'and' || node.kind === 'or') {
    return { kind: node.kind, terms: node.terms.map((t) => expandQuery(t, ac)) };
  }
  if (node.kind !== 'comparison' && node.kind !== 'exists') return node;
  const path = {
    attribute: ac.expand(node.path.attribute),
    subAttributes: node.path.subAttributes.map((s) => ac.expand(s)),
    compound: node.path.compound,
  };
  return { ...node, path };
}

/** A compiled type expression: does an entity with these (stored) types match? */
export type TypeMatcher = (types: readonly string[]) => boolean;

const MAX_TYPE_DEPTH = 16;

/**
 * Parses a type expression and expands each type name with `ac`.
 *
 * @throws RequestProblem 400 BadRequestData when the expression is malformed.
 */
export function compileTypeExpression(text: string, ac: ActiveContext): TypeMatcher {
  let pos = 0;
  const fail = (why: string): never => {
    throw badRequest(
      'Invalid type expression',
      `${why} at position ${pos} of '${text.slice(0, 200)}'`,
    );
  };
  const skip = (): void => {
    while (text[pos] === ' ') pos++;
  };
  const parseOr = (depth: number): TypeMatcher => {
    const terms = [parseAnd(depth)];
    skip();
    while (text[pos] === '|' || text[pos] === ',') {
      pos++;
      terms.push(parseAnd(depth));
      skip();
    }
    return terms.length === 1 ? (terms[0] as TypeMatcher) : (t) => terms.some((m) => m(t));
  };
  const parseAnd = (depth: number): TypeMatcher => {
    const terms = [parseAtom(depth)];
    skip();
    while (text[pos] === ';') {
      pos++;
      terms.push(parseAtom(depth));
      skip();
    }
    return terms.length === 1 ? (terms[0] as TypeMatcher) : (t) => terms.every((m) => m(t));
  };
  const parseAtom = (depth: number): TypeMatcher => {
    skip();
    if (text[pos] === '(') {
      if (depth >= MAX_TYPE_DEPTH) fail('parentheses nested too deeply');
      pos++;
      const inner = parseOr(depth + 1);
      skip();
      if (text[pos] !== ')') fail("expected ')'");
      pos++;
      return inner;
    }
    const start = pos;
    while (pos < text.length && !'|,;() '.includes(text[pos] as string)) pos++;
    if (pos === start) fail('expected a type name');
    const name = ac.expand(text.slice(start, pos));
    return (types) => types.includes(name);
  };
  const matcher = parseOr(0);
  skip();
  if (pos < text.length) fail('unexpected character');
  return matcher;
}
