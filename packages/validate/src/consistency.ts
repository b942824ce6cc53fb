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
    const keys = hash.of(entity);
    const printHi = hash.hi;
    const printLo = hash.lo;
    const time = observationKey(entity, keys);
    hash.key(entityId, time);
    const keyHi = hash.hi;
    const keyLo = hash.lo;
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

/** The observation time that identifies one reading of an entity (`keys`: its own keys). */
function observationKey(entity: Record<string, unknown>, keys: readonly string[]): string {
  const d = entity.dateObserved;
  if (typeof d === 'string') return d;
  if (d && typeof d === 'object') {
    const v = (d as { value?: unknown }).value;
    if (typeof v === 'string') return v;
    if (v && typeof v === 'object' && typeof (v as { '@value'?: unknown })['@value'] === 'string')
      return (v as { '@value': string })['@value'];
  }
  let latest = '';
  for (let i = 0; i < keys.length; i++) {
    const a = entity[keys[i] as string];
    if (a && typeof a === 'object' && !Array.isArray(a)) {
      const o = (a as { observedAt?: unknown }).observedAt;
      if (typeof o === 'string' && o > latest) latest = o;
    }
  }
  return latest;
}

/**
 * A 64-bit hash of the entity's content with its attributes in sorted order, so the same reading
 * sent with its attributes in another order still counts as a duplicate, and the window holds 8
 * bytes per entity. Members inside an attribute are hashed in the order they came: one
 * producer writes them the same way every time. It walks the values instead of hashing their JSON
 * text: two values hash alike exactly when `JSON.stringify` writes them alike (numbers by value,
 * `toJSON` honoured, `undefined` members skipped), without building and scanning that text, which
 * cost more than many of the quality rules on long streams.
 */
class Fingerprinter {
  #a = 0;
  #b = 0;
  readonly #f64 = new Float64Array(1);
  readonly #i32 = new Int32Array(this.#f64.buffer);

  /** High 32 bits of the last fingerprint. */
  get hi(): number {
    return this.#a;
  }

  /** Low 32 bits of the last fingerprint. */
  get lo(): number {
    return this.#b;
  }

  /** Hashes the key of one reading (entity id and observation time); read it from `hi` and `lo`. */
  key(entityId: string, time: string): void {
    this.#a = 0x2f6b1a3d;
    this.#b = 0x7a3c0e59;
    this.#text(entityId);
    this.#text(time);
  }

  /**
   * Fingerprints an entity that passed the structure check; read it from `hi` and `lo`. Returns
   * the entity's own keys (sorted), so the caller need not list them again.
   */
  of(entity: Record<string, unknown>): readonly string[] {
    this.#a = 0x811c9dc5;
    this.#b = 0x5bd1e995;
    const keys = this.#sorted(Object.keys(entity));
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i] as string;
      const v = entity[k];
      if (skipped(v)) continue;
      this.#text(k);
      this.#value(v, 0);
    }
    return keys;
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

  #mix(c: number): void {
    const a = this.#a;
    const b = this.#b;
    this.#a = Math.imul(a ^ c, 0x01000193) ^ (a >>> 17);
    this.#b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }

  // Two UTF-16 units per step: the text of an entity is most of what a fingerprint reads, and
  // each lane feeds its high bits back down, so the second unit of a pair is mixed as well.
  #text(s: string): void {
    let a = this.#a;
    let b = this.#b;
    const n = s.length;
    a = Math.imul(a ^ n, 0x01000193) ^ (a >>> 17);
    b = Math.imul(b ^ n, 0x5bd1e995) ^ (b >>> 15);
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
    this.#a = a;
    this.#b = b;
  }

  #value(v: unknown, depth: number): void {
    if (typeof v === 'string') {
      this.#mix(1);
      this.#text(v);
    } else if (typeof v === 'number') {
      if (!Number.isFinite(v))
        this.#mix(3); // JSON writes null
      else if ((v | 0) === v) {
        this.#mix(2);
        this.#mix(v); // -0 and 0 alike, as in JSON
      } else {
        this.#mix(9);
        this.#f64[0] = v;
        this.#mix(this.#i32[0] ?? 0);
        this.#mix(this.#i32[1] ?? 0);
      }
    } else if (typeof v === 'boolean') this.#mix(v ? 4 : 5);
    else if (v === null || typeof v !== 'object' || depth > 256) this.#mix(3);
    else if (typeof (v as { toJSON?: unknown }).toJSON === 'function')
      this.#value((v as { toJSON(): unknown }).toJSON(), depth + 1);
    else if (Array.isArray(v)) {
      this.#mix(6);
      this.#mix(v.length);
      for (let i = 0; i < v.length; i++) {
        const x = v[i];
        if (skipped(x)) this.#mix(3);
        else this.#value(x, depth + 1);
      }
    } else {
      this.#mix(7);
      const keys = Object.keys(v);
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i] as string;
        const x = (v as Record<string, unknown>)[k];
        if (skipped(x)) continue;
        this.#text(k);
        this.#value(x, depth + 1);
      }
      this.#mix(8);
    }
  }
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
