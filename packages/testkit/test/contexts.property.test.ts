/**
 * Property test: random entities under random term → IRI contexts C and D.
 * - created under C, read under C: the same short names;
 * - read under D: D's term where D maps the same IRI, the full IRI elsewhere;
 * - q and attrs under C select the same entities as the full IRIs do.
 */
import { formatLinkHeader } from '@smartcitylab/ngsi-ld';
import { startBroker } from '@smartcitylab/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { call } from './support.js';

const C_URL = 'https://c.example/ctx.jsonld';
const D_URL = 'https://d.example/ctx.jsonld';
const link = (url: string): Record<string, string> => ({ Link: formatLinkHeader(url) });

/** Names that are no core term (the core context would take them). */
const NAMES = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel'];
/** IRIs without '.' or '/', so a q can name them in full. */
const iriOf = (k: number): string => `urn:test:term${k}`;

const scenario = fc.record({
  // For each name: the IRI index it maps to under C (distinct), and under D (or unmapped).
  cIris: fc.shuffledSubarray([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], { minLength: 8, maxLength: 8 }),
  dMaps: fc.array(fc.option(fc.integer({ min: 0, max: 9 }), { nil: undefined }), {
    minLength: 8,
    maxLength: 8,
  }),
  entities: fc.array(
    fc.record({
      attrs: fc.subarray([0, 1, 2, 3, 4, 5, 6, 7], { minLength: 1 }),
      value: fc.integer({ min: 0, max: 100 }),
    }),
    { minLength: 1, maxLength: 6 },
  ),
  probe: fc.integer({ min: 0, max: 7 }),
  threshold: fc.integer({ min: 0, max: 100 }),
});

describe('expansion and compaction under random contexts', () => {
  it('round-trips, recompacts under another context and selects by IRI', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const cTerms: Record<string, string> = {};
        NAMES.forEach((n, k) => {
          cTerms[n] = iriOf(s.cIris[k] as number);
        });
        cTerms.Kind = 'urn:test:Kind';
        // D names the same IRIs with other words ('d-' + name), and some of its own.
        const dTerms: Record<string, string> = {};
        s.dMaps.forEach((m, k) => {
          if (m !== undefined) dTerms[`d${NAMES[k]}`] = iriOf(m);
        });
        const broker = await startBroker({
          contexts: { [C_URL]: { '@context': cTerms }, [D_URL]: { '@context': dTerms } },
        });
        try {
          const sent = s.entities.map((e, k) => {
            const out: Record<string, unknown> = { id: `urn:ngsi-ld:Kind:${k}`, type: 'Kind' };
            for (const a of e.attrs) out[NAMES[a] as string] = { type: 'Property', value: e.value };
            return out;
          });
          const created = await call(broker, 'POST', '/entityOperations/create', sent, link(C_URL));
          expect(created.status).toBe(201);

          for (const e of sent) {
            const underC = await call(broker, 'GET', `/entities/${e.id}`, undefined, link(C_URL));
            expect(underC.body).toEqual(e);

            const underD = await call(broker, 'GET', `/entities/${e.id}`, undefined, link(D_URL));
            const want: Record<string, unknown> = { id: e.id, type: 'urn:test:Kind' };
            for (const [name, v] of Object.entries(e)) {
              if (name === 'id' || name === 'type') continue;
              const iri = cTerms[name] as string;
              const dNames = Object.keys(dTerms).filter((t) => dTerms[t] === iri);
              // JSON-LD term selection: the shortest, then the least term.
              dNames.sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
              want[dNames[0] ?? iri] = v;
            }
            expect(underD.body).toEqual(want);
          }

          const probe = NAMES[s.probe] as string;
          const probeIri = cTerms[probe] as string;
          const byName = await call(
            broker,
            'GET',
            `/entities?type=Kind&q=${probe}>${s.threshold}&attrs=${probe}&limit=100`,
            undefined,
            link(C_URL),
          );
          const byIri = await call(
            broker,
            'GET',
            `/entities?type=urn:test:Kind&q=${probeIri}>${s.threshold}&attrs=${probeIri}&limit=100`,
          );
          const ids = (b: unknown): string[] => (b as { id: string }[]).map((e) => e.id).sort();
          expect(byName.status).toBe(200);
          expect(ids(byName.body)).toEqual(ids(byIri.body));
          const expected = s.entities
            .map((e, k) => ({ e, id: `urn:ngsi-ld:Kind:${k}` }))
            .filter(({ e }) => e.attrs.includes(s.probe) && e.value > s.threshold)
            .map(({ id }) => id)
            .sort();
          expect(ids(byName.body)).toEqual(expected);
        } finally {
          await broker.close();
        }
      }),
      { seed: 20261205, numRuns: 40 },
    );
  }, 180_000);
});
