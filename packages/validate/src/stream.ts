import { BatchTracker } from './consistency.js';
import { RecordSplitter } from './internal/splitter.js';
import { type ModelLoader, modelLoaderFor } from './load-model.js';
import type { QualityReport, RuleId } from './report.js';
import { createTrackingValidator, type ValidateOptions } from './validator.js';

/** What `validateStream` reads: a Node stream, a web `ReadableStream`, or any (async) iterable of text, bytes or parsed values. */
export type StreamSource =
  | AsyncIterable<string | Uint8Array | unknown>
  | Iterable<string | Uint8Array | unknown>
  | ReadableStream<string | Uint8Array>;

/** Options of {@link validateStream}. */
export interface StreamOptions extends ValidateOptions {
  /**
   * Loads the model for a type the first time it is met. Defaults to the shipped Smart Data
   * Models; pass your own loader for private types, or `false` for generic checks only.
   */
  readonly loadModel?: ModelLoader;
  /** Largest record accepted, in characters; larger ones are reported and skipped. Default 16 MiB. */
  readonly maxEntityBytes?: number;
  /** How many recent (id, observation time) keys the duplicate check remembers. Default 100,000. */
  readonly duplicateWindow?: number;
  /** Keep only this many issues per report in the yielded results (all are counted). Default: all. */
  readonly maxIssuesPerEntity?: number;
}

/** A per-entity result of {@link validateStream}. */
export interface StreamEntityResult {
  readonly kind: 'entity';
  /** Position of the record in the input, from 0. */
  readonly index: number;
  /** Line where the record starts (text input only). */
  readonly line: number | undefined;
  /** The quality report of the entity. */
  readonly report: QualityReport;
}

/** A record that could not be read as JSON at all. */
export interface StreamRecordError {
  readonly kind: 'unreadable';
  /** Position of the record in the input, from 0. */
  readonly index: number;
  /** Line where the record starts (text input only). */
  readonly line: number | undefined;
  /** What is wrong, in English. */
  readonly message: string;
  /** What is wrong, in Swedish. */
  readonly messageSv: string;
}

/** The final result of {@link validateStream}. */
export interface StreamSummary {
  readonly kind: 'summary';
  /** Records read, including unreadable ones. */
  readonly total: number;
  /** Entities without error-level issues. */
  readonly valid: number;
  /** Entities with at least one error-level issue. */
  readonly invalid: number;
  /** Records that were not JSON, were truncated or too large. */
  readonly unreadable: number;
  /** Mean quality score of the entities that could be read (0 to 1). */
  readonly meanScore: number;
  /** How often each rule found something. */
  readonly issuesByRule: Readonly<Partial<Record<RuleId, number>>>;
  /** Problems with the stream as a whole (e.g. an unterminated JSON array). */
  readonly streamIssues: readonly string[];
}

/** Everything {@link validateStream} yields. */
export type StreamResult = StreamEntityResult | StreamRecordError | StreamSummary;

/**
 * Validates NDJSON, a JSON array, or a sequence of already-parsed entities, one record at a time
 * in constant memory, yielding a result per record and a final summary. Bad records (not JSON,
 * truncated, too large, too deep) are reported and counted; the stream goes on with the next one.
 *
 * @example
 * ```ts
 * import { createReadStream } from 'node:fs';
 * import { validateStream } from '@smartcitylab/validate';
 * for await (const r of validateStream(createReadStream('delivery.ndjson'))) {
 *   if (r.kind === 'summary') console.log(`${r.valid}/${r.total} valid`);
 * }
 * ```
 */
export async function* validateStream(
  source: StreamSource,
  options: StreamOptions = {},
): AsyncGenerator<StreamResult, void, undefined> {
  const validator = createTrackingValidator(options, new BatchTracker(options.duplicateWindow));
  const splitter = new RecordSplitter(options.maxEntityBytes ?? 16 * 1024 * 1024);
  const decoder = new TextDecoder('utf-8', { fatal: false });
  const issuesByRule: Partial<Record<RuleId, number>> = {};
  const streamIssues: string[] = [];
  let index = 0;
  let valid = 0;
  let invalid = 0;
  let unreadable = 0;
  let scoreSum = 0;

  const ensureModel = modelLoaderFor(options.loadModel, validator);
  await validator.ready();

  const entityResult = (entity: unknown, line: number | undefined): StreamEntityResult => {
    let report = validator.checkAt(entity, index);
    if (report.valid) valid++;
    else invalid++;
    scoreSum += report.score;
    for (const i of report.issues) issuesByRule[i.rule] = (issuesByRule[i.rule] ?? 0) + 1;
    if (
      options.maxIssuesPerEntity !== undefined &&
      report.issues.length > options.maxIssuesPerEntity
    ) {
      report = { ...report, issues: report.issues.slice(0, options.maxIssuesPerEntity) };
    }
    return { kind: 'entity', index: index++, line, report };
  };

  const unreadableResult = (line: number, en: string, sv: string): StreamRecordError => {
    unreadable++;
    return { kind: 'unreadable', index: index++, line, message: en, messageSv: sv };
  };

  async function* pieces(chunk: string): AsyncGenerator<StreamResult> {
    for (const p of splitter.push(chunk)) yield* fromPiece(p);
  }

  async function* fromPiece(
    p: ReturnType<RecordSplitter['push']>[number],
  ): AsyncGenerator<StreamResult> {
    if ('error' in p) {
      if (p.error === 'truncated' && p.bytes === 0) {
        streamIssues.push(
          `The JSON array opened at the start is never closed (input ends at line ${p.line}).`,
        );
        return;
      }
      yield p.error === 'too-large'
        ? unreadableResult(
            p.line,
            `Line ${p.line}: record of ${p.bytes} characters exceeds maxEntityBytes; split it or raise the limit.`,
            `Rad ${p.line}: posten på ${p.bytes} tecken överskrider maxEntityBytes; dela upp den eller höj gränsen.`,
          )
        : unreadableResult(
            p.line,
            `Line ${p.line}: the input ends in the middle of this record (truncated upload?).`,
            `Rad ${p.line}: indata tar slut mitt i posten (avbruten uppladdning?).`,
          );
      return;
    }
    let entity: unknown;
    try {
      entity = JSON.parse(p.text);
    } catch (e) {
      const why = e instanceof Error ? e.message : 'invalid JSON';
      yield unreadableResult(
        p.line,
        `Line ${p.line}: not valid JSON (${why}).`,
        `Rad ${p.line}: inte giltig JSON (${why}).`,
      );
      return;
    }
    await ensureModel(entity);
    yield entityResult(entity, p.line);
  }

  for await (const chunk of iterate(source)) {
    if (typeof chunk === 'string') yield* pieces(chunk);
    else if (chunk instanceof Uint8Array) yield* pieces(decoder.decode(chunk, { stream: true }));
    else {
      await ensureModel(chunk);
      yield entityResult(chunk, undefined);
    }
  }
  const tail = decoder.decode();
  if (tail) yield* pieces(tail);
  for (const p of splitter.end()) yield* fromPiece(p);

  const read = valid + invalid;
  yield {
    kind: 'summary',
    total: index,
    valid,
    invalid,
    unreadable,
    meanScore: read === 0 ? 0 : Math.round((scoreSum / read) * 1000) / 1000,
    issuesByRule,
    streamIssues,
  };
}

async function* iterate(source: StreamSource): AsyncGenerator<unknown> {
  if (typeof (source as ReadableStream).getReader === 'function') {
    const reader = (source as ReadableStream<unknown>).getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        yield value;
      }
    } finally {
      reader.releaseLock();
    }
  }
  yield* source as AsyncIterable<unknown>;
}
