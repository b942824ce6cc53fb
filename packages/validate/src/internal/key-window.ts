/**
 * The last `window` distinct keys (64-bit hashes), each with a number and a 64-bit fingerprint,
 * oldest forgotten first, held entirely in typed arrays: no object or string per key, so a stream
 * of millions of entities leaves nothing behind for the garbage collector and the memory stays
 * what the window needs (about 40 bytes per key). Two keys are taken as equal when their 64-bit
 * hashes are: with 100,000 keys remembered, a false match has a chance of about 1 in 10^14.
 */
export class KeyWindow {
  readonly #window: number;
  // Open addressing with linear probing; a cell holds a key and its ring slot + 1 (0 = empty).
  #mask = 0;
  #cellHi = new Int32Array(0);
  #cellLo = new Int32Array(0);
  #cellSlot = new Int32Array(0);
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
    for (let c = bucket(hi, lo) & this.#mask; ; c = (c + 1) & this.#mask) {
      const s = this.#cellSlot[c] ?? 0;
      if (s === 0) return -1;
      if (this.#cellHi[c] === hi && this.#cellLo[c] === lo) return s - 1;
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
      if (at < this.#used) this.#remove(this.#ringHi[at] ?? 0, this.#ringLo[at] ?? 0);
      else {
        if (at >= this.#number.length) this.#growRing();
        if ((this.#used + 1) * 2 > this.#mask + 1) this.#growCells();
        this.#used++;
      }
      this.#ringHi[at] = hi;
      this.#ringLo[at] = lo;
      this.#insert(hi, lo, at);
      this.#next = (at + 1) % this.#window;
    }
    this.#number[at] = number;
    this.#printHi[at] = printHi;
    this.#printLo[at] = printLo;
  }

  #insert(hi: number, lo: number, slot: number): void {
    let c = bucket(hi, lo) & this.#mask;
    while ((this.#cellSlot[c] ?? 0) !== 0) c = (c + 1) & this.#mask;
    this.#cellHi[c] = hi;
    this.#cellLo[c] = lo;
    this.#cellSlot[c] = slot + 1;
  }

  /** Deletes a key, shifting later cells of its probe run back (no tombstones to pile up). */
  #remove(hi: number, lo: number): void {
    const mask = this.#mask;
    let c = bucket(hi, lo) & mask;
    for (;;) {
      if ((this.#cellSlot[c] ?? 0) === 0) return;
      if (this.#cellHi[c] === hi && this.#cellLo[c] === lo) break;
      c = (c + 1) & mask;
    }
    let hole = c;
    for (let n = (c + 1) & mask; (this.#cellSlot[n] ?? 0) !== 0; n = (n + 1) & mask) {
      const home = bucket(this.#cellHi[n] ?? 0, this.#cellLo[n] ?? 0) & mask;
      // Move the cell into the hole unless its home lies cyclically after the hole.
      if (((n - home) & mask) >= ((n - hole) & mask)) {
        this.#cellHi[hole] = this.#cellHi[n] ?? 0;
        this.#cellLo[hole] = this.#cellLo[n] ?? 0;
        this.#cellSlot[hole] = this.#cellSlot[n] ?? 0;
        hole = n;
      }
    }
    this.#cellSlot[hole] = 0;
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
    this.#cellHi = new Int32Array(size);
    this.#cellLo = new Int32Array(size);
    this.#cellSlot = new Int32Array(size);
    for (let s = 0; s < this.#used; s++)
      this.#insert(this.#ringHi[s] ?? 0, this.#ringLo[s] ?? 0, s);
  }
}

/** Mixes a 64-bit hash into a well-spread 32-bit table index (murmur3's finaliser). */
function bucket(hi: number, lo: number): number {
  let h = hi ^ Math.imul(lo, 0x9e3779b1);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
