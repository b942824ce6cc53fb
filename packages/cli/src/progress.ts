import cliProgress from 'cli-progress';
import type { CliIo } from './io.js';

/** A progress display for long work; silent when stderr is not a terminal. */
export interface Progress {
  /** Advances by `n` items. */
  tick(n?: number): void;
  /** Sets the known total (or leaves it open). */
  setTotal(total: number): void;
  /** Removes the bar. */
  stop(): void;
}

/**
 * Draws a progress bar with rate and ETA on stderr when it is a TTY (`cli-progress`), and does
 * nothing otherwise so logs and pipes stay clean.
 */
export function createProgress(io: CliIo, label: string, total = 0): Progress {
  if (!io.interactive) {
    return { tick: () => {}, setTotal: () => {}, stop: () => {} };
  }
  const bar = new cliProgress.SingleBar(
    {
      stream: io.stderr as NodeJS.WritableStream,
      format: `${label} [{bar}] {percentage}% | {value}/{total} | {rate}/s | ETA {eta_formatted}`,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 50,
      fps: 10,
      // The caller already decided this is a terminal; draw even on streams that do not say so.
      noTTYOutput: true,
      notTTYSchedule: 100,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = Date.now();
  let value = 0;
  bar.start(total, 0, { rate: '0' });
  return {
    tick(n = 1) {
      value += n;
      const secs = (Date.now() - started) / 1000;
      if (value > bar.getTotal()) bar.setTotal(value);
      bar.update(value, { rate: secs > 0 ? Math.round(value / secs).toString() : '0' });
    },
    setTotal(t) {
      bar.setTotal(t);
    },
    stop() {
      bar.stop();
    },
  };
}
