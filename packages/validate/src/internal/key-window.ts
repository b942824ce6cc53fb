/**
 * The last `window` distinct keys (64-bit hashes), each with a number and a 64-bit fingerprint,
 * oldest forgotten first, held entirely in typed arrays: no object or string per key, so a stream
 * of millions of entities leaves nothing behind for the garbage collector and the memory stays
 * what the window needs (about 40 bytes per key). Two keys are taken as equal when their 64-bit
 * hashes are: with 100,000 keys remembered, a false match has a chance of about 1 in 10^14.
 */
export class KeyWindow {
  readonly #window: number;
  // Open addressing with linear probing. A cell is two int32s side by side, the key's low half and
  // its ring slot + 1 (0 = empty), so a probe reads one cache line: the table outgrows the CPU
  // caches on long streams, and three parallel arrays cost three misses per probe. The high half
  // is checked in the ring, only when the low halves match.
  #mask = 0;
  #cells = new Int32Array(0);
  // The ring, in the order keys were first seen: the key, its number and its fingerprint.
  #ringHi = new Int32Array(0);
  #ringLo = new Int32Array(0);
  #number = new Float64Array(0);
  #printHi = new Int32Array(0);
  #printLo = new Int32Array(0);
  #used = 0;
  #next = 0;

  constructor(window: number) {
    this.#window = Math.max(1, Math.floor(window));
  }

  /** The ring slot of a key, or -1. */
  find(hi: number, lo: number): number {
    if (this.#used === 0) return -1;
    const cells = this.#cells;
    const mask = this.#mask;
    for (let c = bucket(lo) & mask; ; c = (c + 1) & mask) {
      const s = cells[2 * c + 1] ?? 0;
      if (s === 0) return -1;
      if (cells[2 * c] === lo && this.#ringHi[s - 1] === hi) return s - 1;
    }
  }

  /** The number stored at a slot. */
  numberAt(slot: number): number {
    return this.#number[slot] ?? -1;
  }

  /** Whether the fingerprint stored at a slot is (hi, lo). */
  sameAt(slot: number, hi: number, lo: number): boolean {
    return this.#printHi[slot] === hi && this.#printLo[slot] === lo;
  }

  /** Stores a number and fingerprint for a key (a known slot, or -1 to add it, forgetting the oldest). */
  put(
    slot: number,
    hi: number,
    lo: number,
    number: number,
    printHi: number,
    printLo: number,
  ): void {
    let at = slot;
    if (at < 0) {
      at = this.#next;
      if (at < this.#used) this.#remove(this.#ringLo[at] ?? 0, at);
      else {
        if (at >= this.#number.length) this.#growRing();
        if ((this.#used + 1) * 2 > this.#mask + 1) this.#growCells();
        this.#used++;
      }
      this.#ringHi[at] = hi;
      this.#ringLo[at] = lo;
      this.#insert(lo, at);
      this.#next = (at + 1) % this.#window;
    }
    this.#number[at] = number;
    this.#printHi[at] = printHi;
    this.#printLo[at] = printLo;
  }

  #insert(lo: number, slot: number): void {
    const cells = this.#cells;
    const mask = this.#mask;
    let c = bucket(lo) & mask;
    while ((cells[2 * c + 1] ?? 0) !== 0) c = (c + 1) & mask;
    cells[2 * c] = lo;
    cells[2 * c + 1] = slot + 1;
  }

  /** Deletes the key at ring slot `slot`, shifting later cells of its probe run back (no tombstones to pile up). */
  #remove(lo: number, slot: number): void {
    const cells = this.#cells;
    const mask = this.#mask;
    let c = bucket(lo) & mask;
    for (;;) {
      const s = cells[2 * c + 1] ?? 0;
      if (s === 0) return;
      if (s === slot + 1) break;
      c = (c + 1) & mask;
    }
    let hole = c;
    for (let n = (c + 1) & mask; (cells[2 * n + 1] ?? 0) !== 0; n = (n + 1) & mask) {
      const home = bucket(cells[2 * n] ?? 0) & mask;
      // Move the cell into the hole unless its home lies cyclically after the hole.
      if (((n - home) & mask) >= ((n - hole) & mask)) {
        cells[2 * hole] = cells[2 * n] ?? 0;
        cells[2 * hole + 1] = cells[2 * n + 1] ?? 0;
        hole = n;
      }
    }
    cells[2 * hole + 1] = 0;
  }

  #growRing(): void {
    const size = Math.min(this.#window, Math.max(1024, this.#number.length * 2));
    const grow = <T extends Int32Array | Float64Array>(old: T, fresh: T): T => {
      fresh.set(old);
      return fresh;
    };
    this.#ringHi = grow(this.#ringHi, new Int32Array(size));
    this.#ringLo = grow(this.#ringLo, new Int32Array(size));
    this.#number = grow(this.#number, new Float64Array(size));
    this.#printHi = grow(this.#printHi, new Int32Array(size));
    this.#printLo = grow(this.#printLo, new Int32Array(size));
  }

  #growCells(): void {
    const size = Math.max(2048, (this.#mask + 1) * 2);
    this.#mask = size - 1;
    this.#cells = new Int32Array(size * 2);
    for (let s = 0; s < this.#used; s++) this.#insert(this.#ringLo[s] ?? 0, s);
  }
}

/** Spreads the low half of a key hash into a 32-bit table index (murmur3's finaliser). */
function bucket(lo: number): number {
  let h = Math.imul(lo, 0x9e3779b1);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
