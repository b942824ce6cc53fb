/**
 * Plain-JSON helpers shared by the validators and converters. Internal: not exported
 * from the package entry.
 */

/** Deepest JSON value nesting accepted inside an attribute value. */
export const MAX_VALUE_DEPTH = 1000;

/** Whether `v` is a plain JSON object (not null, not an array, Object or null prototype). */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/**
 * Own-property assignment that can never reach a prototype: a `__proto__` key from
 * parsed JSON becomes an ordinary own property instead of replacing the prototype.
 */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else {
    target[key] = value;
  }
}

/**
 * Whether `obj` has `key` as an own property (never consults the prototype chain). Also the
 * filter of `for (const key in obj) if (hasOwn(obj, key))`, in which V8 reads `obj[key]` straight
 * from the enum cache, several times faster than `Object.keys(obj)` and a keyed load. The builtin
 * is named here, not kept in a module variable: the optimizing compiler drops the check in such a
 * loop only when it sees the builtin itself, and bundlers turn a module `const` into a `var` it
 * cannot see through (`Object.hasOwn` defeats the fast path too).
 */
export function hasOwn(obj: object, key: string): boolean {
  // biome-ignore lint/suspicious/noPrototypeBuiltins: Object.hasOwn defeats the for-in fast path
  return Object.prototype.hasOwnProperty.call(obj, key);
}

/** Why a value is not plain JSON, with the relative path to the offending part. */
export interface JsonProblem {
  path: (string | number)[];
  message: string;
  code: 'not_json' | 'too_deep';
}

function describeNonJson(v: unknown): string {
  if (typeof v === 'object' && v !== null) {
    const name = (v as { constructor?: { name?: unknown } }).constructor?.name;
    return `A ${typeof name === 'string' ? name : 'non-plain object'} is not a JSON value`;
  }
  if (typeof v === 'number') return `${String(v)} is not a JSON number`;
  return `A ${typeof v} is not a JSON value`;
}

/**
 * Checks that `value` is plain JSON (strings, finite numbers, booleans, null, arrays and
 * plain objects). Recursion is bounded by `maxDepth` (1,000 frames is far below any
 * engine's stack limit), so a 10,000-deep value gives a `too_deep` problem instead of a
 * stack overflow. Returns the first problem found (path relative to `value`), or undefined.
 */
export function findJsonProblem(
  value: unknown,
  maxDepth = MAX_VALUE_DEPTH,
): JsonProblem | undefined {
  const problem = walk(value, 0, maxDepth);
  if (problem === undefined) return undefined;
  problem.path.reverse();
  // A too_deep path is up to maxDepth keys long: keep the start, which locates it.
  if (problem.code === 'too_deep') problem.path.length = Math.min(problem.path.length, 8);
  return problem;
}

// Paths are built in reverse while unwinding, then reversed once.
function walk(v: unknown, depth: number, maxDepth: number): JsonProblem | undefined {
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return undefined;
    case 'number':
      return Number.isFinite(v)
        ? undefined
        : { path: [], message: describeNonJson(v), code: 'not_json' };
    case 'object':
      break;
    default:
      return { path: [], message: describeNonJson(v), code: 'not_json' };
  }
  if (v === null) return undefined;
  if (depth >= maxDepth) {
    return {
      path: [],
      message: `Value is nested deeper than ${maxDepth} levels; flatten it before sending`,
      code: 'too_deep',
    };
  }
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const p = walk(v[i], depth + 1, maxDepth);
      if (p !== undefined) {
        p.path.push(i);
        return p;
      }
    }
    return undefined;
  }
  if (!isPlainObject(v)) return { path: [], message: describeNonJson(v), code: 'not_json' };
  for (const key in v) {
    if (!hasOwn(v, key)) continue;
    const p = walk(v[key], depth + 1, maxDepth);
    if (p !== undefined) {
      p.path.push(key);
      return p;
    }
  }
  return undefined;
}
