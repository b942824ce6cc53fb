import { BatchTracker } from './consistency.js';
import { type Piece, RecordSplitter } from './internal/splitter.js';
import { type ModelLoader, modelLoaderFor } from './load-model.js';
import type { QualityIssue, QualityReport, RuleId } from './report.js';
import { createTrackingValidator, type ValidateOptions } from './validator.js';

/** What `validateStream` reads: a Node stream, a web `ReadableStream`, or any (async) iterable of text, bytes or parsed values. */
export type StreamSource =
  | AsyncIterable<string | Uint8Array | unknown>
  | Iterable<string | Uint8Array | unknown>
  | ReadableStream<string | Uint8Array>;

/** Options of {@link validateStream}. */
export interface StreamOptions extends ValidateOptions {
  /**
   * The clock, for timeliness and each report's `checkedAt`. Defaults to the current time, read
   * once per run of at most 256 entities checked without a pause (and again whenever the stream
   * waited for input, a model or the consumer), so the entities of one run share one `checkedAt`.
   */
  readonly now?: () => Date;
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
  /**
   * Which per-record results to yield; every record is checked and counted in the summary either
   * way. `all` (default) yields every entity; `issues` only entities with at least one issue;
   * `invalid` only entities with an error; `none` only the summary. Unreadable records are yielded
   * unless `none`. Yielding fewer results is faster when only the summary or the problems matter.
   */
  readonly emit?: StreamEmit;
}

/** Which per-record results {@link validateStream} yields (see {@link StreamOptions.emit}). */
export type StreamEmit = 'all' | 'issues' | 'invalid' | 'none';

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
export function validateStream(
  source: StreamSource,
  options: StreamOptions = {},
): AsyncGenerator<StreamResult, void, undefined> {
  return new Results(resultBatches(source, options));
}

/** Results handed over at a time: enough to spread the cost of an await, few enough to hold. */
const BATCH = 256;

/**
 * validateStream's work: the results in batches of at most {@link BATCH}, one await per batch
 * instead of one per record (an async generator's yield costs as much as a small check).
 */
async function* resultBatches(
  source: StreamSource,
  options: StreamOptions,
): AsyncGenerator<StreamResult[], void, undefined> {
  const tracker = new BatchTracker(options.duplicateWindow);
  // The default clock is read once per run of entities rather than per entity (a Date per entity
  // costs as much as some checks): again after BATCH entities and after every pause (`clock` is
  // cleared wherever the stream waits), so a slow source or consumer never leaves it stale.
  let clock: Date | undefined;
  let clockUses = 0;
  const batchClock = (): Date => {
    if (clock === undefined || ++clockUses > BATCH) {
      clock = new Date();
      clockUses = 1;
    }
    return clock;
  };
  // The clock goes in on its own: a copy of `options` would lose what a getter or a prototype gives.
  const validator = createTrackingValidator(options, tracker, batchClock);
  const splitter = new RecordSplitter(options.maxEntityBytes ?? 16 * 1024 * 1024);
  const decoder = new TextDecoder('utf-8', { fatal: false });
  const emit = options.emit ?? 'all';
  const maxIssues = options.maxIssuesPerEntity;
  const issuesByRule: Partial<Record<RuleId, number>> = {};
  const streamIssues: string[] = [];
  let index = 0;
  let valid = 0;
  let invalid = 0;
  let unreadable = 0;
  let scoreSum = 0;

  const ensureModel = modelLoaderFor(options.loadModel, validator);
  // Types whose model was already asked for: the loader is awaited once per type, not once per
  // entity (an await per entity costs more than many of the checks). Bounded like the loader.
  const typesSeen = new Set<string>();
  const needsModel = (entity: unknown): boolean => {
    if (entity === null || typeof entity !== 'object') return false;
    const type = (entity as { type?: unknown }).type;
    if (typeof type !== 'string' || typesSeen.has(type) || typesSeen.size >= 10_000) return false;
    typesSeen.add(type);
    return true;
  };
  await validator.ready();

  /** Checks one entity and counts it; returns the result to yield, or undefined. */
  const entityResult = (
    entity: unknown,
    line: number | undefined,
  ): StreamEntityResult | undefined => {
    const report = validator.checkAt(entity, index);
    const at = index++;
    if (report.valid) valid++;
    else invalid++;
    scoreSum += report.score;
    const issues = report.issues;
    for (let i = 0; i < issues.length; i++) {
      const rule = (issues[i] as QualityIssue).rule;
      issuesByRule[rule] = (issuesByRule[rule] ?? 0) + 1;
    }
    if (emit === 'none' || (emit === 'issues' && issues.length === 0)) return undefined;
    if (emit === 'invalid' && report.valid) return undefined;
    const shown =
      maxIssues !== undefined && issues.length > maxIssues
        ? { ...report, issues: issues.slice(0, maxIssues) }
        : report;
    return { kind: 'entity', index: at, line, report: shown };
  };

  const unreadableResult = (
    line: number,
    en: string,
    sv: string,
  ): StreamRecordError | undefined => {
    unreadable++;
    const at = index++;
    if (emit === 'none') return undefined;
    return { kind: 'unreadable', index: at, line, message: en, messageSv: sv };
  };

  /** A record cut from text that is not an entity: its result (the entity path is inline below). */
  const pieceError = (p: Piece): StreamRecordError | undefined => {
    if (!('error' in p)) return undefined;
    if (p.error === 'truncated' && p.bytes === 0) {
      streamIssues.push(
        `The JSON array opened at the start is never closed (input ends at line ${p.line}).`,
      );
      return undefined;
    }
    return p.error === 'too-large'
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
  };

  // Every record of a chunk is handled here, synchronously except for the first entity of each
  // type (its model is loaded): no nested generator or await per record. Memory stays bounded by
  // the chunk the source hands over and by BATCH results, which wait until the consumer pulls.
  let out: StreamResult[] = [];
  try {
    for await (const chunk of textChunks(source, decoder)) {
      clock = undefined;
      if (chunk instanceof ParsedValue) {
        if (needsModel(chunk.value)) await ensureModel(chunk.value);
        tracker.fromJson = false;
        const r = entityResult(chunk.value, undefined);
        if (r) out.push(r);
      } else {
        for (const p of chunk === END ? splitter.end() : splitter.push(chunk)) {
          if (out.length >= BATCH) {
            const full = out;
            out = [];
            yield full;
            clock = undefined;
          }
          if ('error' in p) {
            const r = pieceError(p);
            if (r) out.push(r);
            continue;
          }
          let entity: unknown;
          try {
            entity = JSON.parse(p.text);
          } catch (e) {
            const why = e instanceof Error ? e.message : 'invalid JSON';
            const r = unreadableResult(
              p.line,
              `Line ${p.line}: not valid JSON (${why}).`,
              `Rad ${p.line}: inte giltig JSON (${why}).`,
            );
            if (r) out.push(r);
            continue;
          }
          if (needsModel(entity)) {
            await ensureModel(entity);
            clock = undefined;
          }
          tracker.fromJson = true;
          const r = entityResult(entity, p.line);
          if (r) out.push(r);
        }
      }
      // Handed over before the next chunk is read, so a slow consumer holds the source back.
      if (out.length > 0) {
        const full = out;
        out = [];
        yield full;
      }
    }
  } catch (e) {
    // Results checked before the failure are handed over first, as they would have been one by one.
    if (out.length > 0) {
      const done = out;
      out = [];
      yield done;
    }
    throw e;
  }

  const read = valid + invalid;
  out.push({
    kind: 'summary',
    total: index,
    valid,
    invalid,
    unreadable,
    meanScore: read === 0 ? 0 : Math.round((scoreSum / read) * 1000) / 1000,
    issuesByRule,
    streamIssues,
  });
  yield out;
}

/** The results of validateStream one by one, from batches, without an await per result. */
class Results implements AsyncGenerator<StreamResult, void, undefined> {
  readonly #batches: AsyncGenerator<StreamResult[], void, undefined>;
  #batch: (StreamResult | undefined)[] = [];
  #at = 0;
  // The pull in progress: later calls wait for it, so results come in order, as from a generator.
  #busy: Promise<unknown> | undefined;

  constructor(batches: AsyncGenerator<StreamResult[], void, undefined>) {
    this.#batches = batches;
    // Where the runtime has explicit resource management, a generator object is disposable
    // (`await using`): disposing of it returns it. Set here, as the symbol may be missing.
    const dispose = (Symbol as { asyncDispose?: symbol }).asyncDispose;
    if (dispose !== undefined) {
      Object.defineProperty(this, dispose, {
        configurable: true,
        writable: true,
        value: (): Promise<void> => this.return().then(() => undefined),
      });
    }
  }

  next(): Promise<IteratorResult<StreamResult, void>> {
    if (this.#busy) {
      const again = (): Promise<IteratorResult<StreamResult, void>> => this.next();
      return this.#busy.then(again, again);
    }
    if (this.#at < this.#batch.length) return Promise.resolve(this.#take());
    const pull = this.#pull();
    const idle = (): void => {
      this.#busy = undefined;
    };
    this.#busy = pull.then(idle, idle);
    return pull;
  }

  async #pull(): Promise<IteratorResult<StreamResult, void>> {
    for (;;) {
      const r = await this.#batches.next();
      if (r.done) return { value: undefined, done: true };
      if (r.value.length > 0) {
        this.#batch = r.value;
        this.#at = 0;
        return this.#take();
      }
    }
  }

  /** The next result of the batch at hand. */
  #take(): IteratorResult<StreamResult, void> {
    const value = this.#batch[this.#at] as StreamResult;
    // Handed over: the batch no longer keeps it alive.
    this.#batch[this.#at++] = undefined;
    return { value, done: false };
  }

  async return(): Promise<IteratorResult<StreamResult, void>> {
    this.#batch = [];
    this.#at = 0;
    await this.#batches.return();
    return { value: undefined, done: true };
  }

  async throw(e: unknown): Promise<IteratorResult<StreamResult, void>> {
    this.#batch = [];
    this.#at = 0;
    await this.#batches.throw(e);
    return { value: undefined, done: true };
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  get [Symbol.toStringTag](): string {
    return 'AsyncGenerator';
  }
}

/** Most bytes decoded into one string (see {@link textChunks}). */
const PART = 16_384;

/** Marks the end of the input in {@link textChunks}. */
const END = Symbol('end');

/** A value of the source that is not text: an entity already parsed. */
class ParsedValue {
  constructor(readonly value: unknown) {}
}

/** The source as text chunks (bytes decoded as UTF-8), parsed values, then {@link END}. */
async function* textChunks(
  source: StreamSource,
  decoder: TextDecoder,
): AsyncGenerator<string | ParsedValue | typeof END> {
  for await (const chunk of iterate(source)) {
    if (typeof chunk === 'string') {
      if (chunk !== '') yield chunk;
    } else if (chunk instanceof Uint8Array) {
      // Decoded in parts of at most PART bytes ending at a line break where there is one: a
      // chunk's whole text can be large enough for V8 to place it in the large-object space, where
      // it is promoted the first time a collection finds it alive (its records are being checked),
      // and then waits in the old generation for a full collection. The bytes after the last line
      // break are decoded on their own too: the splitter holds that unfinished record until the
      // next chunk, and as a slice of the part's text it would keep all of it alive across the read.
      // A line break byte is always a character boundary, so the decoded text is the same.
      const end = chunk.length;
      let from = 0;
      while (from < end) {
        let to = end;
        // Each search stays within its part: searching the whole chunk backwards would rescan a
        // long run without a line break (a minified one-line array) once per part.
        if (to - from > PART) {
          const nl = chunk.subarray(from, from + PART).lastIndexOf(10);
          to = nl >= 0 ? from + nl + 1 : from + PART;
        } else {
          const nl = chunk.subarray(from).lastIndexOf(10);
          if (nl >= 0 && from + nl + 1 < to) to = from + nl + 1;
        }
        const text = decoder.decode(chunk.subarray(from, to), { stream: true });
        if (text !== '') yield text;
        from = to;
      }
    } else yield new ParsedValue(chunk);
  }
  const tail = decoder.decode();
  if (tail !== '') yield tail;
  yield END;
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
