import {
  isHttpError,
  isNgsiLdError,
  type ProblemDetails,
  ProblemType,
} from '@smartcitylab/ngsi-ld';
import type { RequestSpec, Transport, TransportResponse } from './internal/transport.js';
import type { CallOptions } from './options.js';

/**
 * The outcome of a batch operation over any number of entities: every entity id appears
 * exactly once, either in `success` or in `errors` with the broker's (or the client's)
 * reason.
 *
 * @example
 * ```ts
 * const { success, errors } = await client.upsertEntities(entities);
 * for (const { entityId, error } of errors) console.warn(entityId, error.title, error.detail);
 * ```
 */
export interface BatchResult {
  success: string[];
  errors: { entityId: string; error: ProblemDetails }[];
}

/**
 * Options of the batch calls.
 *
 * @example
 * ```ts
 * await client.upsertEntities(entities, { mode: 'replace', batchSize: 500, concurrency: 2 });
 * ```
 */
export interface BatchOptions extends CallOptions {
  /** Entities per request (defaults to the client's `batchSize`). */
  batchSize?: number;
  /** Requests in flight at once (defaults to the client's `batchConcurrency`). */
  concurrency?: number;
}

export type BatchOperation = 'create' | 'upsert' | 'update' | 'merge' | 'delete';

interface Chunk {
  ids: string[];
  body: unknown[];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The ProblemDetails that stands for a whole chunk failing. */
export function chunkProblem(err: unknown): ProblemDetails {
  if (isHttpError(err)) return err.problem;
  const detail = err instanceof Error ? err.message : String(err);
  const title = isNgsiLdError(err) ? err.code : 'NetworkError';
  return {
    type: ProblemType.InternalError,
    title,
    detail: `${detail}; the batch request failed as a whole, so the broker may or may not have applied it`,
  };
}

/** Reads a 201/204/207 batch answer for the ids of one chunk. */
export function readBatchAnswer(
  ids: readonly string[],
  res: TransportResponse,
  into: BatchResult,
): void {
  if (res.status !== 207 || !isRecord(res.body)) {
    for (const id of ids) into.success.push(id);
    return;
  }
  const failed = new Map<string, ProblemDetails>();
  const errors = Array.isArray(res.body.errors) ? res.body.errors : [];
  for (const item of errors) {
    if (!isRecord(item) || typeof item.entityId !== 'string') continue;
    const error = isRecord(item.error)
      ? ({ type: ProblemType.BadRequestData, ...item.error } as ProblemDetails)
      : { type: ProblemType.BadRequestData, detail: 'the broker reported this entity as failed' };
    failed.set(item.entityId, error);
  }
  for (const id of ids) {
    const error = failed.get(id);
    if (error) into.errors.push({ entityId: id, error });
    else into.success.push(id);
  }
}

function entityId(e: unknown, index: number): string {
  if (isRecord(e) && typeof e.id === 'string') return e.id;
  return `#${index}`;
}

/** Runs one batch operation in chunks and folds every chunk's answer into one result. */
export async function runBatch(
  transport: Transport,
  op: BatchOperation,
  items: readonly unknown[],
  query: Record<string, string | undefined>,
  idempotent: boolean,
  size: number,
  concurrency: number,
  call: CallOptions | undefined,
): Promise<BatchResult> {
  const result: BatchResult = { success: [], errors: [] };
  const chunkSize = Math.max(1, Math.floor(size));
  const chunks: Chunk[] = [];
  for (let start = 0; start < items.length; start += chunkSize) {
    const body = items.slice(start, start + chunkSize);
    const ids =
      op === 'delete' ? body.map((id) => String(id)) : body.map((e, i) => entityId(e, start + i));
    chunks.push({ ids, body });
  }
  // Answers are folded in chunk order so the result lists are stable.
  const answers: ((into: BatchResult) => void)[] = new Array(chunks.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < chunks.length) {
      const index = next++;
      const chunk = chunks[index] as Chunk;
      const spec: RequestSpec = {
        method: 'POST',
        path: `/entityOperations/${op}`,
        query,
        body: chunk.body,
        idempotent,
        call,
      };
      try {
        const res = await transport.send(spec);
        answers[index] = (into) => readBatchAnswer(chunk.ids, res, into);
      } catch (err) {
        if (call?.signal?.aborted) throw err;
        const error = chunkProblem(err);
        answers[index] = (into) => {
          for (const id of chunk.ids) into.errors.push({ entityId: id, error });
        };
      }
    }
  };
  const workers = Array.from({ length: Math.max(1, Math.min(concurrency, chunks.length)) }, worker);
  await Promise.all(workers);
  for (const fold of answers) fold(result);
  return result;
}
