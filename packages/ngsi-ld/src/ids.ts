/**
 * NGSI-LD entity ids: `urn:ngsi-ld:<Type>:<localId>` URNs (RFC 8141) and the URI check
 * every entity id must pass.
 */
import { NgsiLdError } from './errors.js';

const URN_PREFIX = 'urn:ngsi-ld:';
// ASCII characters RFC 3986 never allows unescaped in a URI: controls, space, <>"{}|\^`.
const URI_FORBIDDEN = new Uint8Array(128);
for (let c = 0; c <= 0x20; c++) URI_FORBIDDEN[c] = 1;
URI_FORBIDDEN[0x7f] = 1;
for (const ch of '<>"{}|\\^`') URI_FORBIDDEN[ch.charCodeAt(0)] = 1;
// pchar of RFC 3986 minus '%' (always escaped so decoding is exact), plus '/' (allowed
// in an RFC 8141 NSS after its first character).
const NSS_SAFE = /[A-Za-z0-9\-._~!$&'()*+,;=:@/]/;
const NSS_SAFE_ALL = new RegExp(`^${NSS_SAFE.source}*$`);

/**
 * Whether `s` is an absolute URI (`scheme:rest`, RFC 3986), as NGSI-LD requires for entity
 * ids, datasetIds and Relationship objects. Non-ASCII characters (IRIs) are accepted;
 * spaces, control characters and `<>"{}|\^` backtick are not.
 *
 * @example
 * ```ts
 * isUri('urn:ngsi-ld:Streetlight:sl-42'); // true
 * isUri('sl-42'); // false
 * ```
 */
export function isUri(s: unknown): boolean {
  if (typeof s !== 'string') return false;
  const start = schemeLength(s);
  if (start === 0 || start === s.length) return false;
  for (let i = start; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 128 && URI_FORBIDDEN[c] === 1) return false;
  }
  return true;
}

/**
 * The length of the scheme and its colon at the start of `s` (`/^[A-Za-z][A-Za-z0-9+.-]*:/`),
 * or 0 when there is none: read without a regular expression, since every entity id and
 * relationship is tested.
 */
function schemeLength(s: string): number {
  const first = s.charCodeAt(0) | 0x20;
  if (first < 0x61 || first > 0x7a) return 0; // a letter, either case
  for (let i = 1; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x3a) return i + 1; // ':'
    const lower = c | 0x20;
    const alnum = (lower >= 0x61 && lower <= 0x7a) || (c >= 0x30 && c <= 0x39);
    if (!alnum && c !== 0x2b && c !== 0x2e && c !== 0x2d) return 0; // not + . -
  }
  return 0;
}

function encodePart(part: string, keepColon: boolean): string {
  // Most parts need no encoding: hand them back as they are rather than rebuilding them one
  // character at a time (a string per character, which adds up over a stream of entities).
  if (NSS_SAFE_ALL.test(part) && (keepColon || !part.includes(':'))) return part;
  let out = '';
  for (const ch of part) {
    if (NSS_SAFE.test(ch) && (keepColon || ch !== ':')) {
      out += ch;
    } else {
      out += encodeURIComponent(ch).replace(
        /[!'()*]/g,
        (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
      );
    }
  }
  return out;
}

/**
 * Builds an NGSI-LD entity id `urn:ngsi-ld:<type>:<localId>`. Characters an RFC 8141
 * namespace-specific string cannot hold (spaces, `%`, `?`, `#`, non-ASCII, ...) are
 * percent-encoded as UTF-8, and `:` is also encoded inside `type`, so
 * {@link parseEntityId} gives back exactly the same `type` and `localId`.
 *
 * @example
 * ```ts
 * buildEntityId('WasteContainer', 'Växjö 12'); // 'urn:ngsi-ld:WasteContainer:V%C3%A4xj%C3%B6%2012'
 * ```
 * @throws {NgsiLdError} code `'BadRequestData'` when `type` or `localId` is empty or holds
 * an unpaired UTF-16 surrogate.
 */
export function buildEntityId(type: string, localId: string): string {
  if (typeof type !== 'string' || type.length === 0) {
    throw new NgsiLdError('buildEntityId: type must be a non-empty string', {
      code: 'BadRequestData',
    });
  }
  if (typeof localId !== 'string' || localId.length === 0) {
    throw new NgsiLdError(`buildEntityId: localId for type "${type}" must be a non-empty string`, {
      code: 'BadRequestData',
    });
  }
  try {
    return `${URN_PREFIX}${encodePart(type, false)}:${encodePart(localId, true)}`;
  } catch (cause) {
    throw new NgsiLdError(
      'buildEntityId: type or localId holds an unpaired surrogate and cannot be encoded',
      { code: 'BadRequestData', cause },
    );
  }
}

// Without a '%' there is nothing to decode: most ids are read without calling the decoder.
const decodePart = (s: string): string => (s.includes('%') ? decodeURIComponent(s) : s);

/**
 * Splits an `urn:ngsi-ld:<Type>:<localId>` id into its decoded parts; the local id may
 * itself contain `:`. Returns undefined for any other id (an `http://` URI, a URN of
 * another namespace, a missing type or local id, or broken percent-encoding).
 *
 * @example
 * ```ts
 * parseEntityId('urn:ngsi-ld:Streetlight:sl-42'); // { type: 'Streetlight', localId: 'sl-42' }
 * parseEntityId('https://example.org/sl-42'); // undefined
 * ```
 */
export function parseEntityId(id: string): { type: string; localId: string } | undefined {
  if (typeof id !== 'string' || id.length <= URN_PREFIX.length) return undefined;
  if (!id.startsWith(URN_PREFIX) && id.slice(0, URN_PREFIX.length).toLowerCase() !== URN_PREFIX)
    return undefined;
  if (!isUri(id)) return undefined;
  const rest = id.slice(URN_PREFIX.length);
  const colon = rest.indexOf(':');
  if (colon <= 0 || colon === rest.length - 1) return undefined;
  try {
    return { type: decodePart(rest.slice(0, colon)), localId: decodePart(rest.slice(colon + 1)) };
  } catch {
    return undefined;
  }
}
