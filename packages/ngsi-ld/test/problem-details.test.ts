import { basename } from 'node:path';
import {
  HttpError,
  type ProblemDetails,
  ProblemType,
  type ProblemTypeName,
  parseProblemDetails,
  problemDetails,
  problemStatus,
  problemTypeName,
} from '@smartcitylab/ngsi-ld';
import { describe, expect, it } from 'vitest';
import {
  describeWithFixtures,
  listFixtureFiles,
  readFixtureJson,
} from '../../../test-support/fixtures.js';

interface Exchange {
  kind?: string;
  response?: { status: number; body: unknown };
}

// What each recorded error body must parse to (Orion-LD's NonExistingTenant included).
const WANT_TOP_LEVEL: Record<string, ProblemTypeName> = {
  '02-entity-create-409-already-exists.json': 'AlreadyExists',
  '03-entity-get-404-not-found.json': 'ResourceNotFound',
  '11-query-limit0-without-count-400.json': 'BadRequestData',
  '24-tenant-unknown-404.json': 'NonexistentTenant',
  '25-ldjson-with-link-header-400.json': 'BadRequestData',
};
const WANT_BATCH: Record<string, ProblemTypeName[]> = {
  '06-batch-upsert-207-type-mismatch.json': ['BadRequestData'],
  '07-batch-create-207-partial.json': ['AlreadyExists'],
  '08-batch-delete-207-partial.json': ['ResourceNotFound'],
};

describeWithFixtures('ProblemDetails in recorded broker exchanges', 'ngsi-ld/recorded', () => {
  const files = listFixtureFiles('ngsi-ld/recorded', '.json');
  const seenTop: string[] = [];
  const seenBatch: string[] = [];

  for (const file of files) {
    const name = basename(file);
    const exchange = readFixtureJson<Exchange>('ngsi-ld/recorded', name);
    const response = exchange.response;
    if (!response) continue;
    if (response.status >= 400) {
      seenTop.push(name);
      it(`${name}: ${response.status} body parses to ${WANT_TOP_LEVEL[name]}`, () => {
        const problem = parseProblemDetails(response.body, response.status);
        const want = WANT_TOP_LEVEL[name];
        expect(want, `add ${name} to the table`).toBeDefined();
        expect(problemTypeName(problem.type)).toBe(want);
        expect(problem.type).toBe(ProblemType[want as ProblemTypeName]);
        expect(problem.status).toBe(response.status);
        expect(new HttpError(response.status, response.body).code).toBe(want);
      });
    }
    if (response.status === 207) {
      seenBatch.push(name);
      it(`${name}: per-entity errors in the 207 body parse`, () => {
        const body = response.body as { errors: { entityId: string; error: unknown }[] };
        const got = body.errors.map((e) => {
          const p = parseProblemDetails(e.error, 207);
          return problemTypeName(p.type);
        });
        expect(got).toEqual(WANT_BATCH[name]);
        for (const e of body.errors) {
          const p = parseProblemDetails(e.error, 207);
          // The per-entity status (400/404/409) is kept over the batch's 207.
          expect(p.status).toBe((e.error as { status: number }).status);
          expect(p.detail).toBe((e.error as { detail: string }).detail);
        }
      });
    }
  }

  it('covers every error exchange listed in the table', () => {
    expect(seenTop.sort()).toEqual(Object.keys(WANT_TOP_LEVEL).sort());
    expect(seenBatch.sort()).toEqual(Object.keys(WANT_BATCH).sort());
  });
});

describe('problemTypeName', () => {
  const cases: { given: string; want: ProblemTypeName | undefined }[] = [
    { given: ProblemType.TooComplexQuery, want: 'TooComplexQuery' },
    { given: 'https://uri.etsi.org/ngsi-ld/errors/NonExistingTenant', want: 'NonexistentTenant' },
    { given: 'http://uri.etsi.org/ngsi-ld/errors/InvalidRequest', want: 'InvalidRequest' },
    { given: 'ngsi-ld:errors:LdContextNotAvailable', want: 'LdContextNotAvailable' },
    { given: 'badrequestdata', want: 'BadRequestData' },
    { given: 'https://uri.etsi.org/ngsi-ld/errors/Conflict/', want: 'Conflict' },
    { given: 'about:blank', want: undefined },
    { given: '', want: undefined },
    { given: 'https://uri.etsi.org/ngsi-ld/errors/__proto__', want: undefined },
    { given: 'constructor', want: undefined },
  ];
  for (const c of cases) {
    it(`maps ${JSON.stringify(c.given)} to ${c.want}`, () => {
      expect(problemTypeName(c.given)).toBe(c.want);
    });
  }
});

describe('parseProblemDetails is lenient', () => {
  const cases: { name: string; body: unknown; status: number; want: Partial<ProblemDetails> }[] = [
    {
      name: 'a JSON string body',
      body: '{"type":"https://uri.etsi.org/ngsi-ld/errors/TooManyResults","title":"t"}',
      status: 403,
      want: { type: ProblemType.TooManyResults, title: 't', status: 403 },
    },
    {
      name: 'bytes',
      body: new TextEncoder().encode('{"type":"https://uri.etsi.org/ngsi-ld/errors/Gone"}'),
      status: 410,
      want: { type: ProblemType.Gone, status: 410 },
    },
    {
      name: 'a non-JSON body',
      body: 'Service Unavailable',
      status: 503,
      want: { type: 'about:blank', detail: 'Service Unavailable', status: 503 },
    },
    {
      name: 'a broken JSON body',
      body: '{"type": "https://uri.etsi',
      status: 400,
      want: { type: ProblemType.BadRequestData, status: 400 },
    },
    {
      name: 'a missing body',
      body: null,
      status: 409,
      want: { type: ProblemType.AlreadyExists, status: 409 },
    },
    {
      name: 'an NGSI v2 error',
      body: { error: 'BadRequest', description: 'Invalid characters in attribute value' },
      status: 400,
      want: {
        type: ProblemType.BadRequestData,
        title: 'BadRequest',
        detail: 'Invalid characters in attribute value',
      },
    },
    {
      name: 'a bare short name as type',
      body: { type: 'NoMultiTenantSupport' },
      status: 501,
      want: { type: ProblemType.NoMultiTenantSupport, originalType: 'NoMultiTenantSupport' },
    },
    {
      name: 'an unknown type, status-mapped',
      body: { type: 'urn:vendor:QuotaExceeded', title: 'quota' },
      status: 429,
      want: { type: 'about:blank', originalType: 'urn:vendor:QuotaExceeded', title: 'quota' },
    },
    {
      name: 'an array-wrapped problem',
      body: [{ type: ProblemType.InternalError }],
      status: 500,
      want: { type: ProblemType.InternalError },
    },
    {
      name: 'non-string members',
      body: { type: 42, title: { a: 1 }, detail: ['x'], status: '404', instance: 7, extra: 'kept' },
      status: 404,
      want: { type: ProblemType.ResourceNotFound, status: 404, extra: 'kept' },
    },
  ];
  for (const c of cases) {
    it(`reads ${c.name}`, () => {
      const got = parseProblemDetails(c.body, c.status);
      expect(got).toMatchObject(c.want);
      for (const key of ['title', 'detail', 'instance'] as const) {
        if (got[key] !== undefined) expect(typeof got[key]).toBe('string');
      }
    });
  }

  it('gives a per-entity error inside a 207 body the status of its type', () => {
    expect(parseProblemDetails({ type: ProblemType.AlreadyExists }, 207).status).toBe(409);
    expect(parseProblemDetails({ type: ProblemType.AlreadyExists, status: 400 }, 207).status).toBe(
      400,
    );
  });

  it('does not let __proto__ keys pollute prototypes', () => {
    const body = JSON.parse(
      '{"type":"https://uri.etsi.org/ngsi-ld/errors/BadRequestData","__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}',
    ) as unknown;
    const got = parseProblemDetails(body, 400);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((got as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(got)).toBe(Object.prototype);
  });

  it('never throws on arbitrary input', () => {
    for (const body of [
      undefined,
      0,
      true,
      Symbol('s'),
      () => 1,
      [],
      [1],
      {},
      '',
      ' '.repeat(1e5),
    ]) {
      expect(() => parseProblemDetails(body, 500)).not.toThrow();
    }
  });
});

describe('problemDetails builder', () => {
  const names = Object.keys(ProblemType) as ProblemTypeName[];
  for (const name of names) {
    it(`builds ${name} with its status and round-trips through the parser`, () => {
      const p = problemDetails(name, 'why', { entityId: 'urn:ngsi-ld:T:1' });
      expect(p).toEqual({
        type: ProblemType[name],
        title: name,
        status: problemStatus(name),
        detail: 'why',
        entityId: 'urn:ngsi-ld:T:1',
      });
      expect(problemTypeName(parseProblemDetails(p, 500).type)).toBe(name);
    });
  }

  it('uses the 1.9 status 504 for LdContextNotAvailable', () => {
    expect(problemDetails('LdContextNotAvailable').status).toBe(504);
  });
});
