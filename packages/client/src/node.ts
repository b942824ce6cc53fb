import {
  Agent as HttpAgent,
  request as httpRequest,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { ProblemDetails, Representation } from '@smartcitylab/ngsi-ld';
import { problemDetails } from '@smartcitylab/ngsi-ld';
import {
  type Notification,
  type NotificationEntity,
  type ParseNotificationOptions,
  parseNotification,
} from './notification.js';
import type { FetchInit, FetchLike, ResponseLike } from './options.js';

/**
 * Options of {@link createNodeFetch}.
 *
 * @example
 * ```ts
 * createNodeFetch({ maxSockets: 16 });
 * ```
 */
export interface NodeFetchOptions {
  /** Sockets per broker host (default 16). */
  maxSockets?: number;
  /** Idle keep-alive sockets kept open (default 16). */
  maxFreeSockets?: number;
}

class NodeHeaders {
  readonly #raw: IncomingMessage['headers'];
  constructor(raw: IncomingMessage['headers']) {
    this.#raw = raw;
  }
  get(name: string): string | null {
    const v = this.#raw[name.toLowerCase()];
    if (v === undefined) return null;
    return Array.isArray(v) ? v.join(', ') : v;
  }
}

/**
 * A `fetch` for the client built on node:http(s) with keep-alive sockets: the same
 * behaviour as the platform fetch for the client (timeouts, aborts, connection errors
 * with their `code`), at a fraction of undici's CPU per request. Node only.
 *
 * @example
 * ```ts
 * import { createClient } from '@smartcitylab/client';
 * import { createNodeFetch } from '@smartcitylab/client/node';
 * const client = createClient({ baseUrl: 'http://localhost:1026', fetch: createNodeFetch() });
 * ```
 */
export function createNodeFetch(options: NodeFetchOptions = {}): FetchLike {
  const agentOptions = {
    keepAlive: true,
    maxSockets: options.maxSockets ?? 16,
    maxFreeSockets: options.maxFreeSockets ?? 16,
  };
  const httpAgent = new HttpAgent(agentOptions);
  const httpsAgent = new HttpsAgent(agentOptions);
  return (input: string, init: FetchInit): Promise<ResponseLike> =>
    new Promise<ResponseLike>((resolve, reject) => {
      const signal = init.signal;
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const secure = input.startsWith('https:');
      const headers: Record<string, string | number> = { ...init.headers };
      if (init.body !== undefined) headers['content-length'] = Buffer.byteLength(init.body);
      const req = (secure ? httpsRequest : httpRequest)(input, {
        method: init.method,
        headers,
        agent: secure ? httpsAgent : httpAgent,
      });
      const onAbort = (): void => {
        req.destroy(signal?.reason instanceof Error ? signal.reason : undefined);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const done = (): void => signal?.removeEventListener('abort', onAbort);
      req.on('error', (err) => {
        done();
        reject(err);
      });
      req.on('response', (res) => {
        // The body is read eagerly so that a reset mid-body fails this promise, like fetch.
        res.setEncoding('utf8');
        let text = '';
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('error', (err) => {
          done();
          reject(err);
        });
        res.on('aborted', () => {
          done();
          reject(Object.assign(new TypeError('response aborted'), { code: 'ECONNRESET' }));
        });
        res.on('end', () => {
          done();
          const headersView = new NodeHeaders(res.headers);
          resolve({ status: res.statusCode ?? 0, headers: headersView, text: async () => text });
        });
      });
      req.end(init.body);
    });
}

/**
 * Options of {@link createNotificationHandler}.
 *
 * @example
 * ```ts
 * createNotificationHandler(onNotification, { format: 'keyValues', maxBodyBytes: 5_000_000 });
 * ```
 */
export interface NotificationHandlerOptions<F extends Representation = 'normalized'>
  extends ParseNotificationOptions<F> {
  /** Bodies above this size are answered 413 (default 10 MiB). */
  maxBodyBytes?: number;
  /** Told about bodies that were refused and about callbacks that threw. */
  onError?: (error: unknown, problem: ProblemDetails) => void;
}

function answer(res: ServerResponse, status: number, problem?: ProblemDetails): void {
  if (res.headersSent) return;
  if (problem) {
    const text = JSON.stringify(problem);
    res.writeHead(status, {
      'content-type': 'application/problem+json',
      'content-length': Buffer.byteLength(text),
    });
    res.end(text);
  } else {
    res.writeHead(status);
    res.end();
  }
}

/**
 * A node:http request handler for an NGSI-LD subscription endpoint: it reads and validates
 * the notification, awaits `onNotification`, then acknowledges with 204. A bad body gets a
 * 400 ProblemDetails, a too-large one 413, and a callback that throws a 500 (so the broker
 * may retry).
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { createNotificationHandler } from '@smartcitylab/client/node';
 * createServer(createNotificationHandler(async (n) => { for (const e of n.data) await store(e); })).listen(3000);
 * ```
 */
export function createNotificationHandler<F extends Representation = 'normalized'>(
  onNotification: (notification: Notification<NotificationEntity<F>>) => void | Promise<void>,
  options: NotificationHandlerOptions<F> = {},
): (req: IncomingMessage, res: ServerResponse) => void {
  const maxBytes = options.maxBodyBytes ?? 10 * 1024 * 1024;
  const report = (error: unknown, problem: ProblemDetails): void => {
    try {
      options.onError?.(error, problem);
    } catch {
      // The reporter is for observability only.
    }
  };
  return (req, res) => {
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      answer(
        res,
        405,
        problemDetails('OperationNotSupported', `notifications are POSTed, not ${req.method}`),
      );
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > maxBytes) {
        refused = true;
        const problem = problemDetails(
          'InvalidRequest',
          `notification body exceeds ${maxBytes} bytes`,
          { status: 413 },
        );
        report(undefined, problem);
        answer(res, 413, problem);
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', () => {
      refused = true;
    });
    req.on('end', () => {
      if (refused) return;
      const parsed = parseNotification(
        { headers: req.headers, body: Buffer.concat(chunks).toString('utf8') },
        options,
      );
      if (!parsed.success) {
        report(undefined, parsed.problem);
        answer(res, 400, parsed.problem);
        return;
      }
      Promise.resolve()
        .then(() => onNotification(parsed.data))
        .then(
          () => answer(res, 204),
          (err: unknown) => {
            const problem = problemDetails('InternalError', 'the notification callback failed');
            report(err, problem);
            answer(res, 500, problem);
          },
        );
    });
  };
}
