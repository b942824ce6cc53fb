/**
 * @smartcitylab/testkit broker throughput: batch upsert and a `q` query over 100,000
 * entities, each beside an in-process reference that does the same logical work without
 * the broker (no HTTP, no validation, no store bookkeeping), so the ratio shows what the
 * broker's layers cost:
 * - upsert reference: JSON.stringify + JSON.parse of each batch and Map.set per entity;
 * - query reference: @smartcitylab/ngsi-ld parseQuery + evaluateQuery over an array.
 *
 *
 * A second table prices JSON-LD term expansion: batch create and the same `q` query with
 * a model @context in the Link header, expansion on (the default) versus `expandTerms:
 * false` (names passed through as sent). Target: on/off >= 0.7.
 *
 * Run: node --conditions=@smartcitylab/source --import tsx bench/testkit.bench.ts
 * Env: BENCH_N (entities, default 100000), BENCH_QUERIES (query repetitions, default 5),
 *      BENCH_EXP_N (entities of the expansion table, default 20000), BENCH_ROUNDS (best of, default 3).
 */
import { evaluateQuery, formatLinkHeader, parseQuery } from '@smartcitylab/ngsi-ld';
import { startBroker } from '@smartcitylab/testkit';

const setting = (name: string, fallback: number): number => Number(process.env[name] ?? fallback);
const N = setting('BENCH_N', 100_000);
const QUERIES = setting('BENCH_QUERIES', 5);
const BATCH = 1000;
const Q = 'temperature>25;floor==2';

function entity(k: number): Record<string, unknown> {
  return {
    id: `urn:ngsi-ld:Room:${k}`,
    type: 'Room',
    temperature: { type: 'Property', value: (k * 7) % 30, unitCode: 'CEL' },
    floor: { type: 'Property', value: k % 5 },
    location: {
      type: 'GeoProperty',
      value: { type: 'Point', coordinates: [18 + (k % 100) / 1000, 59 + (k % 77) / 1000] },
    },
  };
}

const rate = (n: number, ms: number): string =>
  `${Math.round((n / ms) * 1000).toLocaleString('en-US')}/s`;

async function main(): Promise<void> {
  const entities = Array.from({ length: N }, (_, k) => entity(k));
  const batches: string[] = [];
  for (let k = 0; k < N; k += BATCH) batches.push(JSON.stringify(entities.slice(k, k + BATCH)));

  // Reference: serialization + a Map, nothing else.
  let t = performance.now();
  const map = new Map<string, unknown>();
  for (const b of batches) {
    for (const e of JSON.parse(b) as Array<{ id: string }>) map.set(e.id, e);
  }
  const refUpsertMs = performance.now() - t;

  const broker = await startBroker();
  try {
    t = performance.now();
    for (const body of batches) {
      const res = await fetch(`${broker.url}/ngsi-ld/v1/entityOperations/upsert`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body,
      });
      if (res.status !== 201 && res.status !== 204)
        throw new Error(`upsert answered ${res.status}`);
      await res.arrayBuffer();
    }
    const upsertMs = performance.now() - t;

    // Second pass: every entity exists, so this is the replace path.
    t = performance.now();
    for (const body of batches) {
      const res = await fetch(`${broker.url}/ngsi-ld/v1/entityOperations/upsert`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body,
      });
      if (res.status !== 204) throw new Error(`re-upsert answered ${res.status}`);
      await res.arrayBuffer();
    }
    const reupsertMs = performance.now() - t;

    const ast = parseQuery(Q);
    t = performance.now();
    let refMatches = 0;
    for (let r = 0; r < QUERIES; r += 1) {
      refMatches = 0;
      for (const e of entities) if (evaluateQuery(ast, e)) refMatches += 1;
    }
    const refQueryMs = (performance.now() - t) / QUERIES;

    t = performance.now();
    let count = 0;
    for (let r = 0; r < QUERIES; r += 1) {
      const res = await fetch(
        `${broker.url}/ngsi-ld/v1/entities?type=Room&q=${encodeURIComponent(Q)}&count=true&limit=1000`,
      );
      if (res.status !== 200) throw new Error(`query answered ${res.status}`);
      await res.arrayBuffer();
      count = Number(res.headers.get('ngsild-results-count'));
    }
    const queryMs = (performance.now() - t) / QUERIES;
    if (count !== refMatches)
      throw new Error(`the broker matched ${count}, the reference ${refMatches}`);

    console.log(`testkit broker, ${N.toLocaleString('en-US')} entities, batches of ${BATCH}`);
    console.table([
      {
        case: 'batch upsert (create)',
        testkit: rate(N, upsertMs),
        reference: rate(N, refUpsertMs),
        'testkit/reference': (refUpsertMs / upsertMs).toFixed(3),
      },
      {
        case: 'batch upsert (replace)',
        testkit: rate(N, reupsertMs),
        reference: rate(N, refUpsertMs),
        'testkit/reference': (refUpsertMs / reupsertMs).toFixed(3),
      },
      {
        case: `q=${Q} (entities scanned, ${count} match)`,
        testkit: rate(N, queryMs),
        reference: rate(N, refQueryMs),
        'testkit/reference': (refQueryMs / queryMs).toFixed(3),
      },
    ]);
  } finally {
    await broker.close();
  }
}

const MODEL = 'https://models.example/room.jsonld';
const MODEL_DOC = {
  '@context': {
    Room: 'https://models.example/Room',
    temperature: 'https://models.example/temperature',
    floor: 'https://models.example/floor',
  },
};

/** Batch create then query time (ms) of one broker, best of BENCH_ROUNDS fresh brokers. */
async function createAndQuery(expandTerms: boolean, batches: string[]): Promise<[number, number]> {
  const rounds = setting('BENCH_ROUNDS', 3);
  let bestCreate = Number.POSITIVE_INFINITY;
  let bestQuery = Number.POSITIVE_INFINITY;
  const headers = { 'Content-Type': 'application/json', Link: formatLinkHeader(MODEL) };
  for (let r = 0; r < rounds; r += 1) {
    const broker = await startBroker({ expandTerms, contexts: { [MODEL]: MODEL_DOC } });
    try {
      let t = performance.now();
      for (const body of batches) {
        const res = await fetch(`${broker.url}/ngsi-ld/v1/entityOperations/create`, {
          method: 'POST',
          headers,
          body,
        });
        if (res.status !== 201) throw new Error(`create answered ${res.status}`);
        await res.arrayBuffer();
      }
      bestCreate = Math.min(bestCreate, performance.now() - t);
      t = performance.now();
      for (let q = 0; q < QUERIES; q += 1) {
        const res = await fetch(
          `${broker.url}/ngsi-ld/v1/entities?type=Room&q=${encodeURIComponent(Q)}&count=true&limit=1000`,
          { headers: { Link: headers.Link } },
        );
        if (res.status !== 200) throw new Error(`query answered ${res.status}`);
        await res.arrayBuffer();
      }
      bestQuery = Math.min(bestQuery, (performance.now() - t) / QUERIES);
    } finally {
      await broker.close();
    }
  }
  return [bestCreate, bestQuery];
}

async function expansionCost(): Promise<void> {
  const n = setting('BENCH_EXP_N', 20_000);
  const batches: string[] = [];
  for (let k = 0; k < n; k += BATCH) {
    batches.push(
      JSON.stringify(Array.from({ length: Math.min(BATCH, n - k) }, (_, i) => entity(k + i))),
    );
  }
  const [offCreate, offQuery] = await createAndQuery(false, batches);
  const [onCreate, onQuery] = await createAndQuery(true, batches);
  console.log(
    `JSON-LD expansion, ${n.toLocaleString('en-US')} entities under a Link @context (target on/off >= 0.7)`,
  );
  console.table([
    {
      case: 'batch create',
      'expansion on': rate(n, onCreate),
      'passed through': rate(n, offCreate),
      'on/off': (offCreate / onCreate).toFixed(3),
    },
    {
      case: `q=${Q}`,
      'expansion on': rate(n, onQuery),
      'passed through': rate(n, offQuery),
      'on/off': (offQuery / onQuery).toFixed(3),
    },
  ]);
}

main()
  .then(expansionCost)
  .catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
