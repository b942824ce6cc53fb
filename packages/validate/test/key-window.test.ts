import { describe, expect, it } from 'vitest';
import { KeyWindow } from '../src/internal/key-window.js';

/** The behaviour KeyWindow must have, written the plain way: a Map and a ring of keys. */
class Reference {
  readonly seen = new Map<string, { slot: number; number: number }>();
  readonly ring: string[] = [];
  next = 0;
  constructor(readonly window: number) {}
  put(key: string, number: number): void {
    const known = this.seen.get(key);
    if (known) {
      known.number = number;
      return;
    }
    const old = this.ring[this.next];
    if (old !== undefined) this.seen.delete(old);
    this.ring[this.next] = key;
    this.seen.set(key, { slot: this.next, number });
    this.next = (this.next + 1) % this.window;
  }
}

describe('KeyWindow remembers exactly the last `window` distinct keys', () => {
  for (const { window, keys, steps } of [
    { window: 1, keys: 5, steps: 2_000 },
    { window: 7, keys: 20, steps: 5_000 },
    { window: 3_000, keys: 5_000, steps: 60_000 },
  ]) {
    it(`window ${window}, ${keys} distinct keys, ${steps} puts`, () => {
      let seed = 12345;
      const random = (n: number): number => {
        seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
        return seed % n;
      };
      const w = new KeyWindow(window);
      const ref = new Reference(window);
      for (let i = 0; i < steps; i++) {
        const k = random(keys);
        // Keys that share their low bits, so probe runs collide and deletions must shift cells.
        const hi = k & 3;
        const lo = k * 2048;
        const key = `${hi}:${lo}`;
        const slot = w.find(hi, lo);
        const want = ref.seen.get(key);
        expect(slot < 0 ? undefined : w.numberAt(slot)).toBe(want?.number);
        if (slot >= 0) expect(w.sameAt(slot, k, -k)).toBe(true);
        w.put(slot, hi, lo, i, k, -k);
        ref.put(key, i);
      }
    });
  }
});
