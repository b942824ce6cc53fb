import { ownKey } from './internal/attributes.js';
import { KeyWindow } from './internal/key-window.js';
import type { ReportBuilder } from './report.js';

/**
 * Finds duplicates and conflicting updates across a batch: the same entity id at the same
 * observation time sent twice with the same content (a duplicate) or with different content (a
 * conflict: which value is true?). Remembers at most `window` keys, oldest forgotten first, so a
 * stream of millions of entities runs in constant memory.
 */
/** Internal to the package: `validateBatch` and `validateStream` own one each. */
export class BatchTracker {
  // Keys, entity numbers and fingerprints live in typed arrays (KeyWindow): an object and a key
  // string per remembered entity, promoted and then dropped, made the heap grow far past what was
  // live on streams of a million entities.
  readonly #seen: KeyWindow;
  readonly #hash = new Fingerprinter();
  /**
   * Set by `validateStream` for an entity it got from `JSON.parse`: plain data (no getters,
   * proxies, `toJSON` or skipped values), which the fingerprint walks in a faster way that hashes
   * alike. Anything else is walked the careful way, reading each property once, in sorted order.
   */
  fromJson = false;

  constructor(window = 100_000) {
    this.#seen = new KeyWindow(window);
  }

  /**
   * Checks entity number `index` against those seen before and records the result in the
   * report being built for it.
   */
  observe(
    index: number,
    entity: Record<string, unknown>,
    entityId: string,
    r: ReportBuilder,
  ): void {
    const hash = this.#hash;
    let time: string;
    if (this.fromJson && !prototypesTouched()) time = hash.ofJson(entity);
    else {
      time = observationKey(entity, hash.of(entity));
      hash.key(entityId, time);
    }
    const printHi = hash.hi;
    const printLo = hash.lo;
    const keyHi = hash.keyHi;
    const keyLo = hash.keyLo;
    const slot = this.#seen.find(keyHi, keyLo);
    const previous = slot < 0 ? undefined : this.#seen.numberAt(slot);
    const same = slot >= 0 && this.#seen.sameAt(slot, printHi, printLo);
    this.#seen.put(slot, keyHi, keyLo, index, printHi, printLo);
    if (previous === undefined) {
      r.pass('consistency.duplicate');
      return;
    }
    const at = time === '' ? '' : ` at ${time}`;
    const atSv = time === '' ? '' : ` vid ${time}`;
    if (time === '' && !same) {
      // A static entity (a parking site, a container) has no observation time: two versions of it
      // in one delivery are a duplicate in which the later one wins, not a conflicting reading.
      r.fail('consistency.duplicate', 'warning', '$', {
        en: `Entity ${entityId} appears again (first as entity #${previous}) with other values and no observation time; send one version per delivery, the later one replaces the earlier.`,
        sv: `Entiteten ${entityId} förekommer igen (först som entitet #${previous}) med andra värden och utan observationstid; skicka en version per leverans, den senare ersätter den tidigare.`,
      });
    } else if (same) {
      r.fail('consistency.duplicate', 'warning', '$', {
        en: `Entity ${entityId}${at} repeats entity #${previous} exactly.`,
        sv: `Entiteten ${entityId}${atSv} upprepar entitet #${previous} exakt.`,
      });
    } else {
      r.fail('consistency.conflict', 'error', '$', {
        en: `Entity ${entityId}${at} conflicts with entity #${previous}: same id and time, different values.`,
        sv: `Entiteten ${entityId}${atSv} strider mot entitet #${previous}: samma id och tid, olika värden.`,
      });
    }
  }
}

/**
 * Whether a `toJSON` on the shared prototypes would change what `JSON.stringify` writes for plain
 * data; then even parsed entities take the careful walk, which honours it.
 */
function prototypesTouched(): boolean {
  return (
    typeof (Object.prototype as { toJSON?: unknown }).toJSON === 'function' ||
    typeof (Array.prototype as { toJSON?: unknown }).toJSON === 'function'
  );
}

/**
 * The observation time that identifies one reading of an entity (`keys`: its own keys in the order
 * the fingerprint read them).
 */
function observationKey(entity: Record<string, unknown>, keys: readonly string[]): string {
  const declared = declaredTime(entity);
  if (declared !== undefined) return declared;
  let latest = '';
  for (let i = 0; i < keys.length; i++) {
    const o = observedAt(entity[keys[i] as string]);
    if (o > latest) latest = o;
  }
  return latest;
}

/** The entity's `dateObserved` as text, if it has one; else its latest `observedAt` counts. */
function declaredTime(entity: Record<string, unknown>): string | undefined {
  const d = entity.dateObserved;
  if (typeof d === 'string') return d;
  if (d && typeof d === 'object') {
    const v = (d as { value?: unknown }).value;
    if (typeof v === 'string') return v;
    if (v && typeof v === 'object' && typeof (v as { '@value'?: unknown })['@value'] === 'string')
      return (v as { '@value': string })['@value'];
  }
  return undefined;
}

function observedAt(a: unknown): string {
  if (a && typeof a === 'object' && !Array.isArray(a)) {
    const o = (a as { observedAt?: unknown }).observedAt;
    if (typeof o === 'string') return o;
  }
  return '';
}

// The hash of a string starts from these; an empty string's hash is just them.
const TEXT_SEED_HI = 0x2f6b1a3d;
const TEXT_SEED_LO = 0x7a3c0e59;

/** Attribute positions whose names {@link Fingerprinter.ofJson} remembers. */
const NAME_POSITIONS = 64;

/** Slots of the cache of string hashes (a power of two). */
const STRING_SLOTS = 512;

/** Strings met once that stay at hand (a power of two). */
const RECENT = 4;

/**
 * A 64-bit hash of the entity's content, its attributes in any order, so the same reading sent
 * with its attributes in another order still counts as a duplicate, and the window holds 8 bytes
 * per entity. Members inside an attribute are hashed in the order they came: one producer writes
 * them the same way every time. Two values hash alike exactly when `JSON.stringify` writes them
 * alike (numbers by value, `toJSON` honoured, `undefined` members skipped), without building that
 * text. Each attribute is hashed on its own and the entity's hash is their sum, so no sorting is
 * needed; each string is hashed into 64 bits, and one met again is remembered in a small cache,
 * since most strings of a delivery (names, units, addresses, contexts) repeat from entity to
 * entity while ids and times do not.
 */
class Fingerprinter {
  // The two 32-bit lanes of the hash being built.
  #a = 0;
  #b = 0;
  #hi = 0;
  #lo = 0;
  readonly #f64 = new Float64Array(1);
  readonly #i32 = new Int32Array(this.#f64.buffer);
  // The caches start out holding the empty string, with its true hash.
  readonly #cached: string[] = new Array<string>(STRING_SLOTS).fill('');
  // After the slots, the hashes of the last few strings hashed but not cached (below).
  readonly #cachedHash = emptyHashes(STRING_SLOTS + RECENT);
  // Strings met once, kept for a moment: the id and time of a value not parsed here are looked up
  // again for its key.
  readonly #recent: string[] = new Array<string>(RECENT).fill('');
  #recentNext = 0;
  // Per slot, the hash of the last string hashed there: a string is cached when met twice in a row.
  readonly #candidate = new Int32Array(STRING_SLOTS * 2);
  readonly #names: string[] = new Array<string>(NAME_POSITIONS * 2).fill('');
  readonly #nameHash = emptyHashes(NAME_POSITIONS * 2);

  /** High 32 bits of the last fingerprint. */
  get hi(): number {
    return this.#hi;
  }

  /** Low 32 bits of the last fingerprint. */
  get lo(): number {
    return this.#lo;
  }

  #keyHi = 0;
  #keyLo = 0;

  /** High 32 bits of the last key (see {@link key}). */
  get keyHi(): number {
    return this.#keyHi;
  }

  /** Low 32 bits of the last key. */
  get keyLo(): number {
    return this.#keyLo;
  }

  /** Hashes the key of one reading (entity id and observation time); read it from `keyHi` and `keyLo`. */
  key(entityId: string, time: string): void {
    let slot = this.#slot(entityId);
    const idHi = this.#cachedHash[2 * slot] ?? 0;
    const idLo = this.#cachedHash[2 * slot + 1] ?? 0;
    slot = this.#slot(time);
    this.#keyOf(idHi, idLo, this.#cachedHash[2 * slot] ?? 0, this.#cachedHash[2 * slot + 1] ?? 0);
  }

  /** The key from the hashes of the id and of the time. */
  #keyOf(idHi: number, idLo: number, timeHi: number, timeLo: number): void {
    this.#a = TEXT_SEED_HI;
    this.#b = TEXT_SEED_LO;
    this.#mix(idHi, idLo);
    this.#mix(timeHi, timeLo);
    this.#finish();
    this.#keyHi = this.#a;
    this.#keyLo = this.#b;
  }

  /**
   * Fingerprints an entity that passed the structure check, reading each attribute once in sorted
   * order; read it from `hi` and `lo`. Returns the entity's own keys (sorted), so the caller need
   * not list them again.
   */
  of(entity: Record<string, unknown>): readonly string[] {
    const keys = this.#sorted(Object.keys(entity));
    let hi = 0;
    let lo = 0;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i] as string;
      const v = entity[k];
      if (skipped(v)) continue;
      this.#start(k);
      this.#value(v, 0);
      this.#finish();
      hi = (hi + this.#a) | 0;
      lo = (lo + this.#b) | 0;
    }
    this.#hi = hi;
    this.#lo = lo;
    return keys;
  }

  /**
   * {@link of} and {@link key} at once for an entity parsed from JSON text, walked with for-in:
   * the same hashes, in one pass that also finds the observation time (returned) and hashes the id
   * and a `dateObserved` text only once, for the fingerprint and the key alike.
   */
  ofJson(entity: Record<string, unknown>): string {
    const declared = declaredTime(entity);
    // Without a dateObserved, the latest observedAt of an attribute is the time.
    const scan = declared === undefined;
    let latest = '';
    let hi = 0;
    let lo = 0;
    let at = 0;
    let idHi = 0;
    let idLo = 0;
    let idSeen = false;
    let timeHi = 0;
    let timeLo = 0;
    let timeSeen = false;
    const names = this.#names;
    const nameHash = this.#nameHash;
    const hashes = this.#cachedHash;
    for (const k in entity) {
      if (!ownKey(entity, k)) continue;
      // Entities of a delivery list their attributes in the same order: the name met at this
      // position last time (two ways, for deliveries that alternate two types) is checked first.
      if (at < NAME_POSITIONS) {
        const w = 2 * at;
        if (names[w] === k) {
          this.#a = nameHash[2 * w] ?? 0;
          this.#b = nameHash[2 * w + 1] ?? 0;
        } else if (names[w + 1] === k) {
          this.#a = nameHash[2 * w + 2] ?? 0;
          this.#b = nameHash[2 * w + 3] ?? 0;
        } else {
          this.#start(k);
          names[w + 1] = names[w] as string;
          nameHash[2 * w + 2] = nameHash[2 * w] ?? 0;
          nameHash[2 * w + 3] = nameHash[2 * w + 1] ?? 0;
          names[w] = k;
          nameHash[2 * w] = this.#a;
          nameHash[2 * w + 1] = this.#b;
        }
        at++;
      } else this.#start(k);
      const v = entity[k];
      if (typeof v === 'string') {
        const slot = this.#slot(v);
        const h0 = hashes[2 * slot] ?? 0;
        const h1 = hashes[2 * slot + 1] ?? 0;
        this.#mix(h0, h1);
        // The key's parts, kept before the cache moves on (the caller's id is this very value).
        if (k === 'id') {
          idHi = h0;
          idLo = h1;
          idSeen = true;
        } else if (k === 'dateObserved') {
          timeHi = h0;
          timeLo = h1;
          timeSeen = true;
        }
      } else if (typeof v === 'number') this.#number(v);
      else {
        if (scan) {
          const o = observedAt(v);
          if (o > latest) latest = o;
        }
        this.#json(v, 0);
      }
      this.#finish();
      hi = (hi + this.#a) | 0;
      lo = (lo + this.#b) | 0;
    }
    this.#hi = hi;
    this.#lo = lo;
    const time = scan ? latest : declared;
    let slot: number;
    if (!idSeen) {
      slot = this.#slot(typeof entity.id === 'string' ? entity.id : '');
      idHi = hashes[2 * slot] ?? 0;
      idLo = hashes[2 * slot + 1] ?? 0;
    }
    if (!timeSeen) {
      slot = this.#slot(time);
      timeHi = hashes[2 * slot] ?? 0;
      timeLo = hashes[2 * slot + 1] ?? 0;
    }
    this.#keyOf(idHi, idLo, timeHi, timeLo);
    return time;
  }

  // Entities of one delivery repeat a few key lists: each list is sorted once, not per entity.
  readonly #lists: { keys: string[]; sorted: string[] }[] = [];

  #sorted(keys: string[]): string[] {
    const lists = this.#lists;
    for (let i = 0; i < lists.length; i++) {
      const known = lists[i] as { keys: string[]; sorted: string[] };
      if (sameList(known.keys, keys)) return known.sorted;
    }
    const sorted = [...keys].sort();
    if (lists.length >= 8) lists.pop();
    lists.unshift({ keys, sorted });
    return sorted;
  }

  /** Takes two 32-bit words in, one per lane (each step a bijection of its lane, so none is lost). */
  #mix(x: number, y: number): void {
    let a = Math.imul(this.#a ^ x, 0x01000193);
    let b = Math.imul(this.#b ^ y, 0x5bd1e995);
    a ^= a >>> 15;
    b ^= b >>> 13;
    this.#a = a;
    this.#b = b;
  }

  /** Spreads every bit of both lanes over both (murmur3's finaliser, crossed). */
  #finish(): void {
    let a = this.#a ^ Math.imul(this.#b, 0x9e3779b1);
    let b = this.#b ^ (a >>> 7);
    a = Math.imul(a ^ (a >>> 16), 0x85ebca6b);
    a = Math.imul(a ^ (a >>> 13), 0xc2b2ae35);
    a ^= a >>> 16;
    b = Math.imul(b ^ (b >>> 16), 0x7feb352d);
    b = Math.imul(b ^ (b >>> 15), 0x846ca68b);
    b ^= (b >>> 16) ^ a;
    this.#a = a;
    this.#b = b;
  }

  /** Starts the hash of one attribute from the hash of its name. */
  #start(name: string): void {
    const slot = this.#slot(name);
    this.#a = this.#cachedHash[2 * slot] ?? 0;
    this.#b = this.#cachedHash[2 * slot + 1] ?? 0;
  }

  /** Takes a string in as its 64-bit hash. */
  #text(s: string): void {
    const slot = this.#slot(s);
    this.#mix(this.#cachedHash[2 * slot] ?? 0, this.#cachedHash[2 * slot + 1] ?? 0);
  }

  /**
   * Where the hash of `s` is in the cache, hashing it if neither slot of its pair holds it. Two
   * slots per pair, so two repeating strings that fall on one pair (one type's attribute name,
   * another type's value, in a delivery that alternates them) do not push each other out.
   */
  #slot(s: string): number {
    const n = s.length;
    const slot =
      n === 0
        ? 0
        : ((n ^
            (s.charCodeAt(n - 1) << 3) ^
            (s.charCodeAt(n >>> 1) << 5) ^
            (s.charCodeAt(0) << 1)) &
            (STRING_SLOTS / 2 - 1)) <<
          1;
    return this.#cached[slot] === s ? slot : this.#recentSlot(s, slot);
  }

  #recentSlot(s: string, slot: number): number {
    if (this.#cached[slot + 1] === s) return slot + 1;
    const recent = this.#recent;
    for (let j = 0; j < RECENT; j++) if (recent[j] === s) return STRING_SLOTS + j;
    return this.#hashText(s, slot);
  }

  // Apart from #slot so that the cache check stays small enough to be inlined where it is used.
  #hashText(s: string, slot: number): number {
    // Two UTF-16 units per step, in two lanes that each feed their high bits back down.
    const n = s.length;
    let a = TEXT_SEED_HI ^ n;
    let b = TEXT_SEED_LO ^ n;
    let i = 0;
    for (; i + 1 < n; i += 2) {
      const c = s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16);
      a = Math.imul(a ^ c, 0x01000193) ^ (a >>> 17);
      b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
    }
    if (i < n) {
      const c = s.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193) ^ (a >>> 17);
      b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
    }
    const hashes = this.#cachedHash;
    const candidate = this.#candidate;
    // A string met once (an id, a time) is not kept: held by the cache it would outlive the
    // entity, be promoted and pile up in the old generation until a full collection.
    const c = 2 * (a & (STRING_SLOTS - 1));
    if (candidate[c] === a && candidate[c + 1] === b) {
      // The pair's first slot takes it; the string there moves to the second.
      const cached = this.#cached;
      cached[slot + 1] = cached[slot] as string;
      hashes[2 * slot + 2] = hashes[2 * slot] ?? 0;
      hashes[2 * slot + 3] = hashes[2 * slot + 1] ?? 0;
      cached[slot] = s;
      hashes[2 * slot] = a;
      hashes[2 * slot + 1] = b;
      return slot;
    }
    candidate[c] = a;
    candidate[c + 1] = b;
    const j = this.#recentNext;
    this.#recentNext = (j + 1) & (RECENT - 1);
    this.#recent[j] = s;
    hashes[2 * (STRING_SLOTS + j)] = a;
    hashes[2 * (STRING_SLOTS + j) + 1] = b;
    return STRING_SLOTS + j;
  }

  // Tags keep values of different kinds apart: 2 integer, 3 null, 4 true, 5 false, 6 array,
  // 7 and 8 an object's start and end, 9 other number; a string is its hash alone.
  #number(v: number): void {
    if (!Number.isFinite(v))
      this.#mix(3, 3); // JSON writes null
    else if ((v | 0) === v)
      this.#mix(2, v); // -0 and 0 alike, as in JSON
    else {
      this.#mix(9, 9);
      this.#f64[0] = v;
      this.#mix(this.#i32[0] ?? 0, this.#i32[1] ?? 0);
    }
  }

  #value(v: unknown, depth: number): void {
    if (typeof v === 'string') this.#text(v);
    else if (typeof v === 'number') this.#number(v);
    else if (typeof v === 'boolean') this.#mix(v ? 4 : 5, v ? 4 : 5);
    else if (v === null || typeof v !== 'object' || depth > 256) this.#mix(3, 3);
    else if (typeof (v as { toJSON?: unknown }).toJSON === 'function')
      this.#value((v as { toJSON(): unknown }).toJSON(), depth + 1);
    else if (Array.isArray(v)) {
      this.#mix(6, v.length);
      for (let i = 0; i < v.length; i++) {
        const x = v[i];
        if (skipped(x)) this.#mix(3, 3);
        else this.#value(x, depth + 1);
      }
    } else {
      this.#mix(7, 7);
      const keys = Object.keys(v);
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i] as string;
        const x = (v as Record<string, unknown>)[k];
        if (skipped(x)) continue;
        this.#text(k);
        this.#value(x, depth + 1);
      }
      this.#mix(8, 8);
    }
  }

  /** {@link #value} for parsed JSON: no `toJSON` or skipped values to look for. */
  #json(v: unknown, depth: number): void {
    if (typeof v === 'string') this.#text(v);
    else if (typeof v === 'number') this.#number(v);
    else if (typeof v === 'boolean') this.#mix(v ? 4 : 5, v ? 4 : 5);
    else if (v === null || typeof v !== 'object' || depth > 256) this.#mix(3, 3);
    else if (Array.isArray(v)) {
      this.#mix(6, v.length);
      // Numbers and strings are taken in here, not by a call per element (coordinates, contexts);
      // the call would hash them the same way at any depth.
      for (let i = 0; i < v.length; i++) {
        const x: unknown = v[i];
        if (typeof x === 'number') this.#number(x);
        else if (typeof x === 'string') this.#text(x);
        else this.#json(x, depth + 1);
      }
    } else {
      this.#mix(7, 7);
      for (const k in v) {
        if (!ownKey(v, k)) continue;
        this.#text(k);
        const x = (v as Record<string, unknown>)[k];
        if (typeof x === 'string') this.#text(x);
        else if (typeof x === 'number') this.#number(x);
        else this.#json(x, depth + 1);
      }
      this.#mix(8, 8);
    }
  }
}

/** `count` (hi, lo) pairs, each the hash of the empty string. */
function emptyHashes(count: number): Int32Array {
  const hashes = new Int32Array(count * 2);
  for (let i = 0; i < count; i++) {
    hashes[2 * i] = TEXT_SEED_HI;
    hashes[2 * i + 1] = TEXT_SEED_LO;
  }
  return hashes;
}

/** Values JSON leaves out of an object (and writes as null in an array). */
function skipped(v: unknown): boolean {
  return v === undefined || typeof v === 'function' || typeof v === 'symbol';
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
