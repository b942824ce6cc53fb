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

/** Whether `obj` has `key` as an own property (never consults the prototype chain). */
export function hasOwn(obj: object, key: string): boolean {
  return Object.hasOwn(obj, key);
}

/** Why a value is not plain JSON, with the relative path to the offending part. */
export interface JsonProblem {
  path: (string | number)[];
  message: string;
  code: 'not_json' | 'too_deep';
}

interface Frame {
  v: object;
  key: string | number;
  parent: Frame | undefined;
  depth: number;
}

function framePath(frame: Frame | undefined, extra?: string | number): (string | number)[] {
  const path: (string | number)[] = extra === undefined ? [] : [extra];
  for (let f = frame; f?.parent !== undefined; f = f.parent) path.push(f.key);
  return path.reverse();
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
 * plain objects) without recursion, so a 10,000-deep value cannot overflow the stack.
 * Returns the first problem found (path relative to `value`), or undefined.
 */
export function findJsonProblem(value: unknown, maxDepth = MAX_VALUE_DEPTH): JsonProblem | undefined {
  const t = typeof value;
  if (t === 'string' || t === 'boolean' || value === null) return undefined;
  if (t === 'number' && Number.isFinite(value)) return undefined;
  if (!Array.isArray(value) && !isPlainObject(value)) {
    return { path: [], message: describeNonJson(value), code: 'not_json' };
  }
  const stack: Frame[] = [{ v: value, key: '', parent: undefined, depth: 0 }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    if (frame.depth >= maxDepth) {
      return {
        path: framePath(frame).slice(0, 8),
        message: `Value is nested deeper than ${maxDepth} levels; flatten it before sending`,
        code: 'too_deep',
      };
    }
    const node = frame.v;
    const keys: (string | number)[] = Array.isArray(node)
      ? Array.from({ length: node.length }, (_, i) => i)
      : Object.keys(node);
    for (const key of keys) {
      const child: unknown = (node as Record<string | number, unknown>)[key];
      const ct = typeof child;
      if (ct === 'string' || ct === 'boolean' || child === null) continue;
      if (ct === 'number' && Number.isFinite(child)) continue;
      if (Array.isArray(child) || isPlainObject(child)) {
        stack.push({ v: child, key, parent: frame, depth: frame.depth + 1 });
        continue;
      }
      return { path: framePath(frame, key), message: describeNonJson(child), code: 'not_json' };
    }
  }
  return undefined;
}
