/**
 * Runtime helpers shared by the generated validators: issue construction and the
 * JSON Schema formats the Smart Data Models use. Written to match the RFC 3339 /
 * RFC 3986 rules that ajv-formats applies (see the README's disagreement list).
 */
import type { ModelIssue } from './types.js';

/** Builds an issue at a copy of the current path (plus an optional last key). */
export function issue(
  path: ReadonlyArray<string | number>,
  message: string,
  key?: string,
): ModelIssue {
  return { path: key === undefined ? path.slice() : [...path, key], message };
}

/** Length in Unicode code points, as JSON Schema counts `minLength`/`maxLength`. */
export function codePointLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // A high surrogate followed by a low one is a single code point.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every(
    (k) =>
      Object.hasOwn(b, k) &&
      deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}

/** JSON Schema `uniqueItems`: no two items are deeply equal. */
export function hasUniqueItems(items: readonly unknown[]): boolean {
  for (let i = 1; i < items.length; i++) {
    for (let j = 0; j < i; j++) if (deepEqual(items[i], items[j])) return false;
  }
  return true;
}

const DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function validDate(y: number, m: number, d: number): boolean {
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return m >= 1 && m <= 12 && d >= 1 && d <= (m === 2 && leap ? 29 : (DAYS[m] ?? 0));
}

// The date and time checks match a regular expression without capture groups, then read the
// numbers at fixed places: no match array, no slice, no string-to-number conversion.

/** The two ASCII digits at `i` as a number (the caller has matched them as digits). */
function digits2(s: string, i: number): number {
  return s.charCodeAt(i) * 10 + s.charCodeAt(i + 1) - 528;
}

const DATE = /^\d{4}-\d\d-\d\d$/;
const TIME = /^\d\d:\d\d:\d\d(?:\.\d+)?(?:z|[+-]\d\d:?\d\d)$/i;
const DATE_TIME = /^\d{4}-\d\d-\d\d[t ]\d\d:\d\d:\d\d(?:\.\d+)?(?:z|[+-]\d\d:?\d\d)$/i;

/** Whether the full-date at `o` of a matched string is a day of the calendar. */
function dateAt(s: string, o: number): boolean {
  return validDate(digits2(s, o) * 100 + digits2(s, o + 2), digits2(s, o + 5), digits2(s, o + 8));
}

/**
 * The ranges of the full-time at `o` of a matched string, and of its offset at the end; a leap
 * second only at 23:59:60 UTC.
 */
function timeAt(s: string, o: number): boolean {
  const hr = digits2(s, o);
  const min = digits2(s, o + 3);
  const sec = digits2(s, o + 6);
  const n = s.length;
  // `Z`, or `+hh:mm` / `-hh:mm` with or without the colon.
  const zulu = (s.charCodeAt(n - 1) | 32) === 122;
  const at = s.charCodeAt(n - 3) === 58 ? n - 6 : n - 5;
  const sign = zulu || s.charCodeAt(at) === 43 ? 1 : -1;
  const tzH = zulu ? 0 : digits2(s, at + 1);
  const tzM = zulu ? 0 : digits2(s, n - 2);
  if (tzH > 23 || tzM > 59) return false;
  if (hr <= 23 && min <= 59 && sec < 60) return true;
  const utcMin = min - tzM * sign;
  const utcHr = hr - tzH * sign - (utcMin < 0 ? 1 : 0);
  return (utcHr === 23 || utcHr === -1) && (utcMin === 59 || utcMin === -1) && sec < 61;
}

/** RFC 3339 full-date (`2024-02-29`). */
export function isDate(s: string): boolean {
  return DATE.test(s) && dateAt(s, 0);
}

/** RFC 3339 full-time with a mandatory offset (`12:00:00Z`, `12:00:00.5+01:00`). */
export function isTime(s: string): boolean {
  return TIME.test(s) && timeAt(s, 0);
}

/** RFC 3339 date-time with a mandatory offset; `T` or a space between date and time. */
export function isDateTime(s: string): boolean {
  return DATE_TIME.test(s) && dateAt(s, 0) && timeAt(s, 11);
}

const URI = /^[A-Za-z][A-Za-z0-9+.-]*:(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})+$/;

/** An absolute URI (RFC 3986): a scheme, a colon and only URI characters after it. */
export function isUri(s: string): boolean {
  return URI.test(s);
}

/** A plausible e-mail address: one `@`, no whitespace, something on both sides. */
export function isEmail(s: string): boolean {
  return /^[^\s@]+@[^\s@]+$/u.test(s);
}

/** Dotted-quad IPv4 address without leading zeros. */
export function isIpv4(s: string): boolean {
  return /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/.test(
    s,
  );
}

/** IPv6 address (RFC 4291 text forms, including `::` compression and an embedded IPv4 tail). */
export function isIpv6(s: string): boolean {
  let text = s;
  let groupsNeeded = 8;
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.')) {
    if (!isIpv4(text.slice(lastColon + 1))) return false;
    text = `${text.slice(0, lastColon + 1)}0`;
    groupsNeeded = 7;
  }
  const halves = text.split('::');
  if (halves.length > 2) return false;
  const hex = /^[0-9A-Fa-f]{1,4}$/;
  const parts = (h: string): string[] | undefined => {
    if (h === '') return [];
    const g = h.split(':');
    return g.every((x) => hex.test(x)) ? g : undefined;
  };
  const left = parts(halves[0] ?? '');
  if (!left) return false;
  if (halves.length === 1) return left.length === groupsNeeded;
  const right = parts(halves[1] ?? '');
  return right !== undefined && left.length + right.length < groupsNeeded;
}
