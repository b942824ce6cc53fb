/**
 * Replays every recorded Orion-LD exchange (../shared/fixtures/ngsi-ld/recorded) against
 * the testkit broker: the setup steps, then the request, comparing status, headers,
 * ProblemDetails type and body with the recording. Timestamps and generated ids are
 * matched through the recordings' REGEX(...) placeholders. Where Orion-LD departs from
 * ETSI GS CIM 009 the broker follows the spec and the case below names the difference.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CORE_CONTEXT } from '@smartcitylab/ngsi-ld';
import { type Broker, startBroker } from '@smartcitylab/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { describeWithFixtures, listFixtureFiles } from '../../../test-support/fixtures.js';

interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

interface Recording {
  id: string;
  kind: 'exchange' | 'notification' | 'expectation';
  description: string;
  setup?: Array<{ step: string; request: RecordedRequest; response_status: number }>;
  request: RecordedRequest;
  response: { status: number; headers: Record<string, string>; body: unknown } | null;
}

/** How a recording is replayed when it needs more than the file holds. */
interface Replay {
  /** Extra setup the file does not carry. */
  setup?: (broker: Broker) => Promise<void>;
  /** Turns the recorded answer into what the ETSI spec asks for (each named in `differs`). */
  adjust?: (expected: unknown) => unknown;
  /** Where Orion-LD and the spec (or this broker's documented simplification) differ. */
  differs?: string;
}

/**
 * ngsild_new_entity_query.test creates E01..E100 in a shell loop: type T<n/2>, A1 "E<n>:A1".
 * The recording says so in prose; the loop is rebuilt here.
 */
async function hundredEntities(broker: Broker): Promise<void> {
  const entities = Array.from({ length: 100 }, (_, k) => {
    const n = k + 1;
    return {
      id: `urn:ngsi-ld:entities:E${String(n).padStart(2, '0')}`,
      type: `T${Math.floor(n / 2)}`,
      A1: { type: 'Property', value: `E${n}:A1` },
    };
  });
  for (const e of entities) {
    const res = await fetch(`${broker.url}/ngsi-ld/v1/entities`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(e),
    });
    expect(res.status).toBe(201);
  }
}

/**
 * The recordings name two remote @context documents; the replay runs offline, so the
 * broker gets stand-ins. The FIWARE test context is only ever read back under itself, so
 * any mapping round-trips; the test-suite context's IRIs are the ones its recorded answer
 * shows (https://ngsi-ld-test-suite/context#speed, ...).
 */
const SUITE_IRI = 'https://ngsi-ld-test-suite/context#';
const STAND_IN_CONTEXTS: Record<string, unknown> = {
  'https://fiware.github.io/NGSI-LD_TestSuite/ldContext/testContext.jsonld': {
    '@context': Object.fromEntries(
      ['A', 'T', 'P1', 'P2', 'name'].map((t) => [t, `https://testkit.invalid/test-context#${t}`]),
    ),
  },
  'https://raw.githubusercontent.com/marek-mraz/ngsi-ld-test-suite/main/resources/jsonld-contexts/ngsi-ld-test-suite-compound.jsonld':
    {
      '@context': {
        Vehicle: `${SUITE_IRI}Vehicle`,
        speed: `${SUITE_IRI}speed`,
        fuelLevel: `${SUITE_IRI}fuelLevel`,
      },
    },
};

const clone = <T>(v: T): T => structuredClone(v);
const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const NOTIFY_URL =
  'Orion-LD appends ?subscriptionId=<id> to the endpoint URL; the spec POSTs to endpoint.uri as given, so the path is compared without the query';

const REPLAYS: Record<string, Replay> = {
  '20-notification-keyvalues': { differs: NOTIFY_URL },
  '21-notification-normalized': { differs: NOTIFY_URL },
  '09-query-count-limit1': { setup: hundredEntities },
  '10-query-count-limit0': { setup: hundredEntities },
  '11-query-limit0-without-count-400': { setup: hundredEntities },
  '12-query-accept-ldjson-context-in-body': {
    setup: hundredEntities,
    differs: 'the @context put into the body is the NGSI-LD 1.8 core context; Orion-LD sends 1.6',
    adjust: (exp) =>
      (exp as Record<string, unknown>[]).map((e) => ({ ...e, '@context': CORE_CONTEXT })),
  },
  '17-vocabproperty-normalized': {
    differs: "GS CIM 009 1.8.1 names the type 'VocabProperty'; Orion-LD says 'VocabularyProperty'",
    adjust: (exp) => {
      const e = clone(exp) as { V1: { type: string } };
      e.V1.type = 'VocabProperty';
      return e;
    },
  },
  '19-datasetid-keyvalues-array': {
    differs:
      'GS CIM 009 clause 4.5.4 gives multi-instance keyValues as {"dataset": {"@none": v, "<datasetId>": v}}; Orion-LD sends a bare array',
    adjust: () => ({
      id: 'urn:ngsi-ld:entities:E1',
      type: 'T',
      prop: {
        dataset: {
          '@none': 'no dataset id',
          'urn:ngsi-ld/dataset:1': 'dataset urn:ngsi-ld/dataset:1',
          'urn:ngsi-ld/dataset:2': 'dataset urn:ngsi-ld/dataset:2',
        },
      },
    }),
  },
  '22-subscription-get': {
    differs:
      "Orion-LD's non-standard 'origin' member is not sent; jsonldContext is the 1.8 core context (Orion-LD: 1.6)",
    adjust: (exp) => {
      const e = clone(exp) as Record<string, unknown>;
      delete e.origin;
      e.jsonldContext = CORE_CONTEXT;
      return e;
    },
  },
  '24-tenant-unknown-404': {
    differs: "the spec's problem type is NonexistentTenant; Orion-LD says NonExistingTenant",
    adjust: (exp) => ({
      ...(exp as object),
      type: 'https://uri.etsi.org/ngsi-ld/errors/NonexistentTenant',
    }),
  },
  '25-ldjson-with-link-header-400': {
    differs:
      'title and detail wording comes from @smartcitylab/ngsi-ld checkContextRules; the type and status are compared',
    adjust: (exp) => {
      const e = clone(exp) as Record<string, unknown>;
      e.title = 'BadRequestData';
      e.detail = 'REGEX(.*Link header.*)';
      return e;
    },
  },
  '28-temporal-retrieve-normalized': {
    differs:
      'none since the testkit expands terms: created under the test-suite @context, read without one, the names come back as full IRIs, as the recording expects',
  },
  '30-temporal-retrieve-aggregated-avg': {
    differs: 'the expectation carries a literal sample id; the id is the created one',
    adjust: (exp) => ({ ...(exp as object), id: 'urn:ngsi-ld:Vehicle:randomUUID' }),
  },
};

/** Keys whose values are broker-generated and not compared. */
const IGNORED_KEYS = new Set(['instanceId']);

function patternOf(expected: string): RegExp | undefined {
  if (!expected.includes('REGEX(')) return undefined;
  let out = '';
  let rest = expected;
  for (;;) {
    const at = rest.indexOf('REGEX(');
    if (at < 0) break;
    out += rest.slice(0, at).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    // The placeholder ends at the matching parenthesis.
    let depth = 0;
    let end = at + 5;
    for (; end < rest.length; end += 1) {
      if (rest[end] === '(') depth += 1;
      else if (rest[end] === ')') {
        depth -= 1;
        if (depth === 0) break;
      }
    }
    out += `(?:${rest.slice(at + 6, end)})`;
    rest = rest.slice(end + 1);
  }
  out += rest.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${out}$`, 's');
}

/** Lists the differences between a recorded value (with REGEX placeholders) and an actual one. */
function diff(expected: unknown, actual: unknown, path = '$'): string[] {
  if (typeof expected === 'string') {
    const re = patternOf(expected);
    if (re)
      return typeof actual === 'string' && re.test(actual)
        ? []
        : [`${path}: ${JSON.stringify(actual)} !~ ${expected}`];
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual))
      return [`${path}: expected an array, got ${JSON.stringify(actual)}`];
    if (expected.length !== actual.length)
      return [`${path}: expected ${expected.length} items, got ${actual.length}`];
    return expected.flatMap((e, k) => diff(e, actual[k], `${path}[${k}]`));
  }
  if (isObj(expected)) {
    if (!isObj(actual)) return [`${path}: expected an object, got ${JSON.stringify(actual)}`];
    const out: string[] = [];
    const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
    for (const k of keys) {
      if (IGNORED_KEYS.has(k)) continue;
      if (!(k in actual)) out.push(`${path}.${k}: missing`);
      else if (!(k in expected)) out.push(`${path}.${k}: unexpected ${JSON.stringify(actual[k])}`);
      else out.push(...diff(expected[k], actual[k], `${path}.${k}`));
    }
    return out;
  }
  return Object.is(expected, actual) || expected === actual
    ? []
    : [`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
}

function headerDiff(
  expected: Record<string, string>,
  actual: Headers | IncomingHttpHeaders,
): string[] {
  const out: string[] = [];
  for (const [name, value] of Object.entries(expected)) {
    // Date varies; Content-Length depends on key order and pretty-printing.
    if (/^(date|content-length|user-agent|host)$/i.test(name)) continue;
    const got = actual instanceof Headers ? actual.get(name) : actual[name.toLowerCase()];
    const text = Array.isArray(got) ? got.join(', ') : got;
    out.push(...diff(value, text ?? undefined, `header ${name}`));
  }
  return out;
}

function substitute(value: unknown, port: number): unknown {
  // The recordings name the receiver's port with a shell-style placeholder.
  const placeholder = ['$', '{LISTENER_PORT}'].join('');
  return JSON.parse(JSON.stringify(value).replaceAll(placeholder, String(port)));
}

async function send(broker: Broker, req: RecordedRequest, port = 0): Promise<Response> {
  const init: RequestInit = { method: req.method, headers: req.headers };
  if (req.body !== null && req.body !== undefined)
    init.body = JSON.stringify(substitute(req.body, port));
  return fetch(`${broker.url}${req.path}`, init);
}

async function bodyOf(res: Response): Promise<unknown> {
  const text = await res.text();
  return text === '' ? null : (JSON.parse(text) as unknown);
}

interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

async function receiver(): Promise<{ server: Server; port: number; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown,
      });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, port: (server.address() as AddressInfo).port, received };
}

describe('the recording comparator', () => {
  it.each([
    { name: 'equal values', expected: { a: [1, 'x'] }, actual: { a: [1, 'x'] }, want: 0 },
    { name: 'a changed value', expected: { a: 1 }, actual: { a: 2 }, want: 1 },
    { name: 'a missing key', expected: { a: 1, b: 2 }, actual: { a: 1 }, want: 1 },
    { name: 'an extra key', expected: { a: 1 }, actual: { a: 1, b: 2 }, want: 1 },
    {
      name: 'a REGEX placeholder that matches',
      expected: 'urn:x:REGEX([0-9a-f\\-]{36})',
      actual: `urn:x:${'a'.repeat(36)}`,
      want: 0,
    },
    {
      name: 'a REGEX placeholder that does not match',
      expected: 'urn:x:REGEX([0-9]+)',
      actual: 'urn:x:abc',
      want: 1,
    },
    { name: 'arrays of other length', expected: [1, 2], actual: [1], want: 1 },
    {
      name: 'an ignored generated instanceId',
      expected: { instanceId: 'a' },
      actual: { instanceId: 'b' },
      want: 0,
    },
  ])('reports $want difference(s) for $name', ({ expected, actual, want }) => {
    expect(diff(expected, actual)).toHaveLength(want);
  });
});

describeWithFixtures('replaying recorded Orion-LD exchanges', 'ngsi-ld/recorded', (dir) => {
  let broker: Broker | undefined;
  let listener: Server | undefined;
  afterEach(async () => {
    await broker?.close();
    broker = undefined;
    await new Promise<void>((r) => (listener ? listener.close(() => r()) : r()));
    listener = undefined;
  });

  const files = listFixtureFiles('ngsi-ld/recorded', '.json');
  it('finds the recordings', () => {
    expect(files.length).toBeGreaterThanOrEqual(30);
    expect(files.every((f) => f.startsWith(dir))).toBe(true);
  });

  for (const file of files) {
    const rec = JSON.parse(readFileSync(file, 'utf8')) as Recording;
    const replay = REPLAYS[rec.id] ?? {};
    const title = `${rec.id}${replay.differs ? ` (spec differs from Orion-LD: ${replay.differs})` : ''}`;

    it(title, async () => {
      broker = await startBroker({ contexts: STAND_IN_CONTEXTS });
      let port = 0;
      let received: Received[] = [];
      if (rec.kind === 'notification') {
        const r = await receiver();
        listener = r.server;
        port = r.port;
        received = r.received;
      }
      await replay.setup?.(broker);
      for (const step of rec.setup ?? []) {
        const res = await send(broker, step.request, port);
        const text = await res.text();
        expect(res.status, `setup "${step.step}": ${text}`).toBe(step.response_status);
      }

      if (rec.kind === 'notification') {
        await broker.flushNotifications();
        expect(received, 'exactly one notification').toHaveLength(1);
        const [got] = received as [Received];
        expect(got.method).toBe(rec.request.method);
        expect(got.url.split('?')[0]).toBe(rec.request.path.split('?')[0]);
        const headers = Object.fromEntries(
          Object.entries(rec.request.headers).filter(([k]) =>
            /^(content-type|accept|ngsild-attribute-format)$/i.test(k),
          ),
        );
        expect(headerDiff(headers, got.headers)).toEqual([]);
        expect(diff(rec.request.body, got.body)).toEqual([]);
        return;
      }

      const recorded = rec.response;
      if (!recorded) throw new Error(`${rec.id} has no response`);
      const res = await send(broker, rec.request);
      const body = await bodyOf(res);
      expect(res.status, JSON.stringify(body)).toBe(recorded.status);
      expect(headerDiff(recorded.headers, res.headers)).toEqual([]);
      const expected = replay.adjust ? replay.adjust(recorded.body) : recorded.body;
      if (
        isObj(expected) &&
        typeof expected.type === 'string' &&
        expected.type.includes('/errors/')
      ) {
        expect((body as Record<string, unknown>).type).toBe(expected.type);
      }
      expect(diff(expected, body)).toEqual([]);
    });
  }
});
