import {
  ConversionError,
  HttpError,
  isConversionError,
  isHttpError,
  isNetworkError,
  isNgsiLdError,
  isTimeoutError,
  NetworkError,
  NgsiLdError,
  ProblemType,
  TimeoutError,
} from '@smartcitylab/ngsi-ld';
import { describe, expect, it } from 'vitest';

const SECRET = 'eyJhbGciOiJIUzI1NiJ9.c2VjcmV0LXBheWxvYWQ.s1gn4ture';

function everyRendering(err: Error): string {
  return [String(err), err.message, err.stack ?? '', JSON.stringify(err)].join('\n');
}

describe('NgsiLdError', () => {
  it('keeps a stable code and chains the cause', () => {
    const cause = new TypeError('low level');
    const err = new NgsiLdError('high level', { code: 'BadRequestData', cause });
    expect(err).toBeInstanceOf(Error);
    expect(err.code).toBe('BadRequestData');
    expect(err.cause).toBe(cause);
    expect(err.name).toBe('NgsiLdError');
    expect(JSON.parse(JSON.stringify(err))).toEqual({
      name: 'NgsiLdError',
      code: 'BadRequestData',
      message: 'high level',
      cause: { name: 'TypeError', message: 'low level' },
    });
  });

  it('accepts the (code, message, options) form too', () => {
    const err = new NgsiLdError('InvalidEntity', 'no id', { cause: 1 });
    expect(err.code).toBe('InvalidEntity');
    expect(err.message).toBe('no id');
    expect(err.cause).toBe(1);
  });

  it('defaults the code and names subclasses after themselves', () => {
    class DecoderError extends NgsiLdError {}
    const err = new DecoderError('bad bytes');
    expect(err.code).toBe('NgsiLdError');
    expect(err.name).toBe('DecoderError');
    expect(isNgsiLdError(err)).toBe(true);
  });

  it('scrubs bearer tokens that end up in a message', () => {
    const err = new NgsiLdError(`upstream said: Authorization: Bearer ${SECRET}`);
    expect(everyRendering(err)).not.toContain(SECRET);
  });
});

describe('HttpError', () => {
  const cases: { name: string; status: number; body: unknown; code: string; type: string }[] = [
    {
      name: 'uses the NGSI-LD problem type as code',
      status: 409,
      body: { type: ProblemType.AlreadyExists, title: 'Entity already exists' },
      code: 'AlreadyExists',
      type: ProblemType.AlreadyExists,
    },
    {
      name: 'maps the Orion-LD spelling of NonexistentTenant',
      status: 404,
      body: { type: 'https://uri.etsi.org/ngsi-ld/errors/NonExistingTenant' },
      code: 'NonexistentTenant',
      type: ProblemType.NonexistentTenant,
    },
    {
      name: 'keeps LdContextNotAvailable when a broker answers 503',
      status: 503,
      body: { type: ProblemType.LdContextNotAvailable },
      code: 'LdContextNotAvailable',
      type: ProblemType.LdContextNotAvailable,
    },
    {
      name: 'falls back on the status for an empty body',
      status: 404,
      body: undefined,
      code: 'ResourceNotFound',
      type: ProblemType.ResourceNotFound,
    },
    {
      name: 'falls back on the status for an unknown type',
      status: 400,
      body: { type: 'https://example.org/errors/Weird', title: 'weird' },
      code: 'BadRequestData',
      type: ProblemType.BadRequestData,
    },
    {
      name: 'names non-NGSI-LD statuses after HTTP',
      status: 401,
      body: 'Unauthorized',
      code: 'Unauthorized',
      type: 'about:blank',
    },
    {
      name: 'names unknown statuses HTTP<status>',
      status: 418,
      body: '<html>teapot</html>',
      code: 'HTTP418',
      type: 'about:blank',
    },
    {
      name: 'reads NGSI v2 style bodies',
      status: 422,
      body: { error: 'Unprocessable', description: 'bad attrs' },
      code: 'OperationNotSupported',
      type: ProblemType.OperationNotSupported,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const err = new HttpError(c.status, c.body);
      expect(err.code).toBe(c.code);
      expect(err.status).toBe(c.status);
      expect(err.problem.type).toBe(c.type);
      expect(isHttpError(err)).toBe(true);
      expect(isNgsiLdError(err)).toBe(true);
    });
  }

  it('redacts credentials from the request, message, toString and JSON', () => {
    const err = new HttpError(
      401,
      { type: ProblemType.BadRequestData, detail: `token ${SECRET} rejected` },
      {
        request: {
          method: 'post',
          url: `https://user:pa55word@broker.example/ngsi-ld/v1/entities?access_token=${SECRET}&type=Road`,
          headers: {
            Authorization: `Bearer ${SECRET}`,
            'X-Api-Key': 'k3y-v4lue-123',
            'NGSILD-Tenant': 'umea',
          },
        },
      },
    );
    const text = everyRendering(err);
    for (const secret of [SECRET, 'k3y-v4lue-123', 'pa55word']) expect(text).not.toContain(secret);
    expect(err.request?.method).toBe('POST');
    expect(err.request?.headers.Authorization).toBe('Bearer [REDACTED]');
    expect(err.request?.headers['X-Api-Key']).toBe('[REDACTED]');
    expect(err.request?.headers['NGSILD-Tenant']).toBe('umea');
    expect(err.request?.url).toContain('type=Road');
    expect(err.problem.detail).toBe('token [REDACTED] rejected');
  });

  it('redacts Headers objects and header tuples', () => {
    const fromHeaders = new HttpError(500, undefined, {
      request: { url: 'http://b/x', headers: new Headers({ authorization: `Basic ${SECRET}` }) },
    });
    const fromTuples = new HttpError(500, undefined, {
      request: { url: 'http://b/x', headers: [['Cookie', `sid=${SECRET}`]] },
    });
    expect(everyRendering(fromHeaders)).not.toContain(SECRET);
    expect(everyRendering(fromTuples)).not.toContain(SECRET);
  });

  it('builds from a fetch Response', async () => {
    const res = new Response(JSON.stringify({ type: ProblemType.ResourceNotFound, detail: 'E1' }), {
      status: 404,
    });
    const err = await HttpError.fromResponse(res, { method: 'GET', url: 'http://b/e/E1' });
    expect(err.code).toBe('ResourceNotFound');
    expect(err.problem.detail).toBe('E1');
    expect(err.message).toContain('GET http://b/e/E1');
  });
});

describe('transport and conversion errors', () => {
  it('NetworkError and TimeoutError carry codes, causes and redacted requests', () => {
    const cause = new TypeError('fetch failed');
    const net = new NetworkError('Broker unreachable', {
      cause,
      request: { url: `http://b/x?apikey=${SECRET}`, headers: { Authorization: SECRET } },
    });
    const timeout = new TimeoutError('No answer', { timeoutMs: 5000 });
    expect(net.code).toBe('NetworkError');
    expect(net.cause).toBe(cause);
    expect(everyRendering(net)).not.toContain(SECRET);
    expect(timeout.code).toBe('TimeoutError');
    expect(timeout.timeoutMs).toBe(5000);
    expect(isNetworkError(net)).toBe(true);
    expect(isTimeoutError(timeout)).toBe(true);
    expect(isNetworkError(timeout)).toBe(false);
  });

  it('ConversionError has code InvalidEntity and copies issues', () => {
    const issues = [{ path: ['temperature', 'value'], message: 'Expected a number' }];
    const err = new ConversionError('Invalid entity', issues);
    issues[0]?.path.push('mutated');
    expect(err.code).toBe('InvalidEntity');
    expect(err.issues).toEqual([{ path: ['temperature', 'value'], message: 'Expected a number' }]);
    expect(isConversionError(err)).toBe(true);
    expect(JSON.parse(JSON.stringify(err)).issues).toHaveLength(1);
  });
});

describe('type guards across duplicate installs', () => {
  // What an error from another copy of the package looks like: same names, other classes.
  const foreign = (name: string, extra: Record<string, unknown> = {}): Error =>
    Object.assign(new Error('x'), { name, code: 'C', ...extra });

  const cases: { name: string; value: unknown; want: Record<string, boolean> }[] = [
    {
      name: 'a foreign HttpError',
      value: foreign('HttpError', { status: 404 }),
      want: { ngsi: true, http: true, net: false, timeout: false, conversion: false },
    },
    {
      name: 'a foreign TimeoutError',
      value: foreign('TimeoutError'),
      want: { ngsi: true, http: false, net: false, timeout: true, conversion: false },
    },
    {
      name: 'a foreign ConversionError',
      value: foreign('ConversionError', { issues: [] }),
      want: { ngsi: true, http: false, net: false, timeout: false, conversion: true },
    },
    {
      name: 'a plain Error named HttpError without status',
      value: foreign('HttpError'),
      want: { ngsi: true, http: false, net: false, timeout: false, conversion: false },
    },
    {
      name: 'a plain TypeError',
      value: new TypeError('x'),
      want: { ngsi: false, http: false, net: false, timeout: false, conversion: false },
    },
    {
      name: 'a string',
      value: 'HttpError',
      want: { ngsi: false, http: false, net: false, timeout: false, conversion: false },
    },
    {
      name: 'null',
      value: null,
      want: { ngsi: false, http: false, net: false, timeout: false, conversion: false },
    },
  ];
  for (const c of cases) {
    it(`classifies ${c.name}`, () => {
      expect({
        ngsi: isNgsiLdError(c.value),
        http: isHttpError(c.value),
        net: isNetworkError(c.value),
        timeout: isTimeoutError(c.value),
        conversion: isConversionError(c.value),
      }).toEqual(c.want);
    });
  }
});
