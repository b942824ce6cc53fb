/**
 * Evaluation of a parsed `q` against one entity, following ETSI GS CIM 009 V1.8 §4.9:
 * a term matches when the attribute exists and any of its values (every instance of a
 * multi-attribute, every element of an array value) satisfies it. Values are compared
 * only with values of the same kind (numbers with numbers, strings with strings);
 * date, time and dateTime literals compare chronologically with string values.
 */
import { NgsiLdError } from '../errors.js';
import type { AttributePath, QueryLiteral, QueryNode, QueryValue } from './query-ast.js';
import { compilePattern } from './query-parser.js';

const hasOwn = (o: object, k: string): boolean => Object.hasOwn(o, k);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function member(o: Record<string, unknown>, key: string): unknown {
  return hasOwn(o, key) ? o[key] : undefined;
}

/** The value(s) an attribute object stands for, by its NGSI-LD type. */
function attributeValue(attr: unknown): unknown {
  if (!isRecord(attr)) return attr;
  const type = member(attr, 'type');
  switch (type) {
    case 'Property':
    case 'GeoProperty':
      return member(attr, 'value');
    case 'Relationship':
      return member(attr, 'object');
    case 'LanguageProperty': {
      const map = member(attr, 'languageMap');
      return isRecord(map) ? Object.values(map) : map;
    }
    case 'VocabProperty':
      return member(attr, 'vocab');
    case 'ListProperty':
      return member(attr, 'valueList');
    case 'ListRelationship': {
      const list = member(attr, 'objectList');
      return Array.isArray(list) ? list.map((o) => (isRecord(o) ? member(o, 'object') : o)) : list;
    }
    case 'JsonProperty':
      return member(attr, 'json');
    default:
      break;
  }
  // Concise forms carry no type.
  for (const key of ['value', 'object', 'vocab', 'valueList', 'json']) {
    if (hasOwn(attr, key)) return attr[key];
  }
  if (hasOwn(attr, 'languageMap')) return attributeValue({ ...attr, type: 'LanguageProperty' });
  if (hasOwn(attr, 'objectList')) return attributeValue({ ...attr, type: 'ListRelationship' });
  return attr;
}

function instances(v: unknown): unknown[] {
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [v];
}

/** All values `path` designates in `entity`; empty when the attribute does not exist. */
export function resolvePath(entity: object, path: AttributePath): unknown[] {
  let nodes = instances(member(entity as Record<string, unknown>, path.attribute));
  for (const sub of path.subAttributes) {
    const next: unknown[] = [];
    for (const node of nodes) {
      if (isRecord(node)) next.push(...instances(member(node, sub)));
    }
    nodes = next;
  }
  let values: unknown[] = [];
  for (const node of nodes) {
    const v = attributeValue(node);
    if (v !== undefined) values.push(v);
  }
  for (const key of path.compound) {
    const next: unknown[] = [];
    for (const v of values) {
      for (const item of Array.isArray(v) ? v : [v]) {
        if (isRecord(item) && hasOwn(item, key)) next.push(item[key]);
      }
    }
    values = next;
  }
  const flat: unknown[] = [];
  for (const v of values) {
    if (Array.isArray(v)) {
      for (const item of v) flat.push(unwrapTyped(item));
    } else {
      flat.push(unwrapTyped(v));
    }
  }
  return flat;
}

/** `{ "@type": "DateTime", "@value": "..." }` stands for its `@value`. */
function unwrapTyped(v: unknown): unknown {
  return isRecord(v) && hasOwn(v, '@value') ? v['@value'] : v;
}

function timeKey(s: string): string {
  return s.endsWith('Z') ? s.slice(0, -1) : s;
}

/** Orders `candidate` against `literal`; undefined when they are not comparable. */
function compare(candidate: unknown, literal: QueryLiteral): number | undefined {
  switch (literal.kind) {
    case 'number':
      return typeof candidate === 'number' ? candidate - literal.value : undefined;
    case 'boolean':
      return typeof candidate === 'boolean' ? Number(candidate) - Number(literal.value) : undefined;
    case 'string':
      if (typeof candidate !== 'string') return undefined;
      return candidate < literal.value ? -1 : candidate > literal.value ? 1 : 0;
    case 'dateTime':
    case 'date': {
      if (typeof candidate !== 'string') return undefined;
      const a = Date.parse(candidate);
      const b = Date.parse(literal.value);
      return Number.isNaN(a) || Number.isNaN(b) ? undefined : a - b;
    }
    case 'time': {
      if (typeof candidate !== 'string') return undefined;
      const a = timeKey(candidate);
      const b = timeKey(literal.value);
      return a < b ? -1 : a > b ? 1 : 0;
    }
  }
}

function equalsValue(candidate: unknown, value: QueryValue): boolean {
  if (value.kind === 'range') {
    const lo = compare(candidate, value.min);
    const hi = compare(candidate, value.max);
    return lo !== undefined && hi !== undefined && lo >= 0 && hi <= 0;
  }
  if (value.kind === 'list') return value.values.some((v) => compare(candidate, v) === 0);
  return compare(candidate, value) === 0;
}

function patternError(): never {
  throw new NgsiLdError('Invalid q: the pattern is not a valid regular expression', {
    code: 'BadRequestData',
  });
}

/** Whether `node` holds for `entity`. */
export function evaluateNode(node: QueryNode, entity: object): boolean {
  switch (node.kind) {
    case 'and':
      return node.terms.every((t) => evaluateNode(t, entity));
    case 'or':
      return node.terms.some((t) => evaluateNode(t, entity));
    case 'exists':
      return resolvePath(entity, node.path).length > 0 !== node.negated;
    case 'comparison': {
      const values = resolvePath(entity, node.path);
      if (values.length === 0) return false;
      const { operator, value } = node;
      switch (operator) {
        case '==':
          return values.some((v) => equalsValue(v, value));
        case '!=':
          return !values.some((v) => equalsValue(v, value));
        case '~=':
        case '!~=': {
          const re = compilePattern(value.kind === 'string' ? value.value : '', patternError);
          const hit = values.some((v) => typeof v === 'string' && re.test(v));
          return operator === '~=' ? hit : !hit;
        }
        default: {
          if (value.kind === 'range' || value.kind === 'list') return false;
          return values.some((v) => {
            const c = compare(v, value);
            if (c === undefined) return false;
            if (operator === '>') return c > 0;
            if (operator === '>=') return c >= 0;
            if (operator === '<') return c < 0;
            return c <= 0;
          });
        }
      }
    }
  }
}
