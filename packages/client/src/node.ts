import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ProblemDetails, Representation } from '@smartcitylab/ngsi-ld';
import { problemDetails } from '@smartcitylab/ngsi-ld';
import {
  type Notification,
  type NotificationEntity,
  type ParseNotificationOptions,
  parseNotification,
} from './notification.js';

export { createNodeFetch, type NodeFetchOptions } from './internal/node-fetch.js';

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
