/** The kit's own notification receiver: a node:http server on 127.0.0.1 that keeps what arrives. */
import { createServer, type Server } from 'node:http';

/** One notification as received. */
export interface ReceivedNotification {
  readonly path: string;
  readonly body: unknown;
}

interface Waiter {
  readonly match: (n: ReceivedNotification) => boolean;
  readonly resolve: (n: ReceivedNotification | undefined) => void;
  readonly timer: NodeJS.Timeout;
}

const MAX_KEPT = 1000;
const MAX_BODY = 1024 * 1024;

/** Receives notifications; bounded (keeps the last 1 000, bodies up to 1 MiB). */
export class NotificationReceiver {
  private readonly received: ReceivedNotification[] = [];
  private readonly waiters = new Set<Waiter>();
  private server: Server | undefined;
  /** `http://127.0.0.1:<port>` once started. */
  url = '';

  /** Starts listening on 127.0.0.1 (`port` 0 picks a free one). */
  async start(port = 0): Promise<void> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size <= MAX_BODY) chunks.push(c);
      });
      req.on('end', () => {
        let body: unknown;
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          body = undefined;
        }
        res.writeHead(200).end();
        this.add({ path: req.url ?? '/', body });
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    const addr = server.address();
    this.url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : port}`;
    this.server = server;
  }

  private add(n: ReceivedNotification): void {
    this.received.push(n);
    if (this.received.length > MAX_KEPT) this.received.shift();
    for (const w of this.waiters) {
      if (w.match(n)) {
        clearTimeout(w.timer);
        this.waiters.delete(w);
        w.resolve(n);
      }
    }
  }

  /** Resolves with the first notification (already received or arriving) that matches, or undefined after `timeoutMs`. */
  waitFor(
    match: (n: ReceivedNotification) => boolean,
    timeoutMs: number,
  ): Promise<ReceivedNotification | undefined> {
    const seen = this.received.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => {
      const waiter: Waiter = {
        match,
        resolve,
        timer: setTimeout(() => {
          this.waiters.delete(waiter);
          resolve(undefined);
        }, timeoutMs),
      };
      this.waiters.add(waiter);
    });
  }

  /** Stops listening and releases pending waits. */
  async close(): Promise<void> {
    for (const w of this.waiters) {
      clearTimeout(w.timer);
      w.resolve(undefined);
    }
    this.waiters.clear();
    const s = this.server;
    if (!s) return;
    this.server = undefined;
    await new Promise<void>((resolve) => {
      s.close(() => resolve());
      s.closeAllConnections();
    });
  }
}
