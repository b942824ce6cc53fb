/** Spaces requests so that at most `rps` start per second. */
export class RateLimiter {
  private next = 0;
  private readonly gapMs: number;

  constructor(rps: number) {
    this.gapMs = rps > 0 && Number.isFinite(rps) ? 1000 / rps : 0;
  }

  /** Resolves when the next request may start. */
  async wait(signal?: AbortSignal): Promise<void> {
    if (this.gapMs === 0) return;
    const now = Date.now();
    const at = Math.max(now, this.next);
    this.next = at + this.gapMs;
    const delay = at - now;
    if (delay <= 0) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, delay);
      function done(): void {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      }
      signal?.addEventListener('abort', done, { once: true });
    });
  }
}
