import { afterEach, describe, expect, it, vi } from 'vitest';
import { classifyFailure } from '../src/internal/http.js';
import { RateLimiter } from '../src/internal/rate-limit.js';
import { redact } from '../src/internal/redact.js';

function fetchError(code: string, message: string): Error {
  const cause = Object.assign(new Error(message), { code });
  return new TypeError('fetch failed', { cause });
}

describe('why a request got no answer', () => {
  it.each([
    [
      'a host name that does not resolve',
      fetchError('ENOTFOUND', 'getaddrinfo ENOTFOUND broker.invalid'),
      'dns',
      /DNS/,
    ],
    [
      'a refused connection',
      fetchError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:9'),
      'refused',
      /refused/,
    ],
    [
      'a bad certificate',
      fetchError('DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate'),
      'tls',
      /TLS failed/,
    ],
    [
      'a reset connection',
      fetchError('ECONNRESET', 'socket hang up'),
      'reset',
      /closed without an answer/,
    ],
  ])('names %s', (_name, error, kind, message) => {
    const f = classifyFailure(error, false, 1000, undefined);
    expect(f.kind).toBe(kind);
    expect(f.message).toMatch(message);
  });

  it('names a timeout before anything else', () => {
    expect(classifyFailure(new Error('aborted'), true, 250, undefined)).toEqual({
      kind: 'timeout',
      message: 'no answer within 250 ms',
    });
  });
});

describe('redaction', () => {
  it.each([
    ['a known secret', 'token is s3cr3t-value here', ['s3cr3t-value'], 'token is *** here'],
    ['a bearer header', 'Authorization: Bearer abc.def.ghi', [], 'Authorization: Bearer ***'],
    [
      'a key in the query',
      'GET /x?type=A&api_key=12345&limit=1',
      [],
      'GET /x?type=A&api_key=***&limit=1',
    ],
    ['user info in a URL', 'see https://bob:pw@broker/x', [], 'see https://***@broker/x'],
  ])('removes %s', (_name, given, secrets, want) => {
    expect(redact(given, secrets)).toBe(want);
  });
});

describe('the rate limit', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('spaces requests 1/rps apart', async () => {
    vi.useFakeTimers({ now: 0 });
    const limiter = new RateLimiter(4);
    const started: number[] = [];
    const all = Promise.all(
      [0, 1, 2].map(async () => {
        await limiter.wait();
        started.push(Date.now());
      }),
    );
    await vi.advanceTimersByTimeAsync(1000);
    await all;
    expect(started).toEqual([0, 250, 500]);
  });

  it('does not wait when rps is 0', async () => {
    const limiter = new RateLimiter(0);
    await limiter.wait();
    await limiter.wait();
  });
});
