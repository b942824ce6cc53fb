/** One record cut out of a text stream: its JSON text, or why it could not be read whole. */
export type Piece =
  | { readonly line: number; readonly text: string }
  | { readonly line: number; readonly error: 'too-large' | 'truncated'; readonly bytes: number };

/**
 * Cuts a stream of text chunks into records, in constant memory: NDJSON (one JSON value per
 * line) or a single JSON array of values (detected from the first non-blank character). A record
 * larger than `maxBytes` is skipped while being scanned, never held in memory.
 */
export class RecordSplitter {
  readonly #maxBytes: number;
  #mode: 'detect' | 'ndjson' | 'array' | 'array-done' = 'detect';
  #buf: string[] = [];
  #bufLen = 0;
  #oversized = false;
  #line = 1;
  #startLine = 1;
  // array mode state
  #depth = 0;
  #inString = false;
  #escape = false;
  #inElement = false;

  constructor(maxBytes: number) {
    this.#maxBytes = maxBytes;
  }

  /** Feeds one chunk; returns the records it completed. */
  push(chunk: string): Piece[] {
    const out: Piece[] = [];
    let i = 0;
    if (this.#mode === 'detect') {
      while (i < chunk.length && isBlank(chunk.charCodeAt(i))) {
        if (chunk.charCodeAt(i) === 10) this.#line++;
        i++;
      }
      if (i === chunk.length) return out;
      // The first record starts after the blank lines skipped here.
      this.#startLine = this.#line;
      if (chunk[i] === '[') {
        this.#mode = 'array';
        this.#depth = 1;
        i++;
      } else this.#mode = 'ndjson';
    }
    if (this.#mode === 'ndjson') this.#ndjson(chunk, i, out);
    else if (this.#mode === 'array') this.#array(chunk, i, out);
    return out;
  }

  /** Ends the input; returns what was left, as a record or as a truncation error. */
  end(): Piece[] {
    if (this.#mode === 'ndjson') {
      const rest = this.#take();
      if (this.#oversized)
        return [{ line: this.#startLine, error: 'too-large', bytes: rest.bytes }];
      return rest.text.trim() === '' ? [] : [{ line: this.#startLine, text: rest.text }];
    }
    if (this.#mode === 'array') {
      const rest = this.#take();
      if (this.#inElement || rest.text.trim() !== '' || this.#oversized)
        return [{ line: this.#startLine, error: 'truncated', bytes: rest.bytes }];
      return [{ line: this.#line, error: 'truncated', bytes: 0 }];
    }
    return [];
  }

  #ndjson(chunk: string, from: number, out: Piece[]): void {
    let start = from;
    for (;;) {
      const nl = chunk.indexOf('\n', start);
      if (nl === -1) {
        this.#append(chunk.slice(start));
        return;
      }
      if (this.#bufLen === 0 && nl - start <= this.#maxBytes) {
        // A whole line within the chunk: cut out directly, without the buffer of a split record.
        const text = chunk.slice(start, nl);
        if (text.trim() !== '') out.push({ line: this.#startLine, text });
      } else {
        this.#append(chunk.slice(start, nl));
        const rec = this.#take();
        if (this.#oversized)
          out.push({ line: this.#startLine, error: 'too-large', bytes: rec.bytes });
        else if (rec.text.trim() !== '') out.push({ line: this.#startLine, text: rec.text });
        this.#oversized = false;
      }
      this.#line++;
      this.#startLine = this.#line;
      start = nl + 1;
    }
  }

  #array(chunk: string, from: number, out: Piece[]): void {
    let segStart = from;
    for (let i = from; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (c === 10) this.#line++;
      if (this.#inString) {
        if (this.#escape) this.#escape = false;
        else if (c === 92) this.#escape = true;
        else if (c === 34) this.#inString = false;
        continue;
      }
      if (!this.#inElement) {
        if (isBlank(c) || c === 44) {
          segStart = i + 1;
          continue;
        }
        if (c === 93 && this.#depth === 1) {
          this.#mode = 'array-done';
          return;
        }
        this.#inElement = true;
        this.#startLine = this.#line;
        segStart = i;
      }
      if (c === 34) this.#inString = true;
      else if (c === 123 || c === 91) this.#depth++;
      else if (c === 125 || c === 93) {
        if (this.#depth === 1) {
          // `]` closing the outer array right after a scalar element
          this.#finishElement(chunk.slice(segStart, i), out);
          this.#mode = 'array-done';
          return;
        }
        this.#depth--;
        if (this.#depth === 1) {
          this.#finishElement(chunk.slice(segStart, i + 1), out);
          segStart = i + 1;
        }
      } else if (c === 44 && this.#depth === 1) {
        this.#finishElement(chunk.slice(segStart, i), out);
        segStart = i + 1;
      }
    }
    if (this.#inElement) this.#append(chunk.slice(segStart));
  }

  #finishElement(tail: string, out: Piece[]): void {
    this.#append(tail);
    const rec = this.#take();
    if (this.#oversized) out.push({ line: this.#startLine, error: 'too-large', bytes: rec.bytes });
    else out.push({ line: this.#startLine, text: rec.text });
    this.#oversized = false;
    this.#inElement = false;
  }

  #append(s: string): void {
    if (s.length === 0) return;
    this.#bufLen += s.length;
    if (this.#oversized) return;
    if (this.#bufLen > this.#maxBytes) {
      this.#oversized = true;
      this.#buf = [];
      return;
    }
    this.#buf.push(s);
  }

  #take(): { text: string; bytes: number } {
    const text = this.#buf.length === 1 ? (this.#buf[0] ?? '') : this.#buf.join('');
    const bytes = this.#bufLen;
    this.#buf = [];
    this.#bufLen = 0;
    return { text, bytes };
  }
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xfeff;
}
