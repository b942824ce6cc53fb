/**
 * A query typed with a model is checked at run time: entities the broker returns that do
 * not satisfy the model are reported by entity id and attribute, not handed out mistyped.
 */
import {
  createClient,
  isModelMismatchError,
  ModelMismatchError,
  type NgsiLdClient,
} from '@smartcitylab/client';
import { AirQualityObserved } from '@smartcitylab/models/air-quality-observed';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type MiniBroker, startMiniBroker } from './support/mini-broker.js';

const aqo = (n: number, no2: unknown, extra: Record<string, unknown> = {}) => ({
  id: `urn:ngsi-ld:AirQualityObserved:${n}`,
  type: 'AirQualityObserved',
  dateObserved: { type: 'Property', value: '2026-11-01T10:00:00Z' },
  location: { type: 'GeoProperty', value: { type: 'Point', coordinates: [14.8, 56.87] } },
  no2: { type: 'Property', value: no2 },
  ...extra,
});

let broker: MiniBroker;
let client: NgsiLdClient;

beforeAll(async () => {
  broker = await startMiniBroker();
  client = createClient({ baseUrl: broker.url, retry: { retries: 0 } });
});
afterAll(() => broker.close());
beforeEach(() => broker.entities.clear());

const store = (...entities: Array<Record<string, unknown>>) => {
  for (const e of entities) broker.entities.set(e.id as string, e);
};

async function mismatchOf(run: () => Promise<unknown>): Promise<ModelMismatchError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof ModelMismatchError) return error;
    throw error;
  }
  throw new Error('expected a ModelMismatchError');
}

describe('queries typed with a model', () => {
  it('returns entities that satisfy the model, typed', async () => {
    store(aqo(1, 41));
    const { entities } = await client.queryEntities({
      type: AirQualityObserved,
      format: 'keyValues',
    });
    expect(entities).toHaveLength(1);
    expect(entities[0]?.no2).toBe(41);
  });

  it.each([
    { format: 'keyValues' as const, path: ['no2'] },
    { format: 'simplified' as const, path: ['no2'] },
    { format: 'normalized' as const, path: ['no2', 'value'] },
    { format: undefined, path: ['no2', 'value'] },
  ])(
    'rejects no2: "high" in $format form, naming entity id and attribute',
    async ({ format, path }) => {
      store(aqo(1, 41), aqo(2, 'high'));
      const error = await mismatchOf(() =>
        client.queryEntities({ type: AirQualityObserved, ...(format ? { format } : {}) }),
      );
      expect(isModelMismatchError(error)).toBe(true);
      expect(error.code).toBe('ModelMismatch');
      expect(error.model).toBe('AirQualityObserved');
      expect(error.mismatches).toEqual([
        { entityId: 'urn:ngsi-ld:AirQualityObserved:2', path, message: 'Expected a number' },
      ]);
      expect(error.message).toContain('urn:ngsi-ld:AirQualityObserved:2');
      expect(error.message).toContain(path.join('.'));
      expect(error.message).toContain('validate: false');
    },
  );

  it('checks every page of queryAll', async () => {
    store(aqo(1, 1), aqo(2, 2), aqo(3, 'high'));
    const seen: string[] = [];
    const error = await mismatchOf(async () => {
      for await (const e of client.queryAll({
        type: AirQualityObserved,
        format: 'keyValues',
        limit: 2,
      })) {
        seen.push(e.id);
      }
    });
    expect(seen).toEqual(['urn:ngsi-ld:AirQualityObserved:1', 'urn:ngsi-ld:AirQualityObserved:2']);
    expect(error.mismatches[0]?.entityId).toBe('urn:ngsi-ld:AirQualityObserved:3');
  });

  it('reports a missing required attribute, unless fewer attributes were asked for', async () => {
    const { dateObserved: _left, ...partial } = aqo(1, 41);
    store(partial);
    const error = await mismatchOf(() =>
      client.queryEntities({ type: AirQualityObserved, format: 'keyValues' }),
    );
    expect(error.mismatches).toEqual([
      {
        entityId: 'urn:ngsi-ld:AirQualityObserved:1',
        path: ['dateObserved'],
        message: 'Missing required attribute dateObserved',
      },
    ]);
    const { entities } = await client.queryEntities({
      type: AirQualityObserved,
      format: 'keyValues',
      attrs: ['no2'],
    });
    expect(entities).toHaveLength(1);
  });

  it('takes the entities unchecked with validate: false', async () => {
    store(aqo(2, 'high'));
    const { entities } = await client.queryEntities({
      type: AirQualityObserved,
      format: 'keyValues',
      validate: false,
    });
    expect(entities[0]?.no2).toBe('high');
  });

  it('does not check queries by type name', async () => {
    store(aqo(2, 'high'));
    const { entities } = await client.queryEntities({
      type: 'AirQualityObserved',
      format: 'keyValues',
    });
    expect(entities[0]?.no2).toBe('high');
  });
});
