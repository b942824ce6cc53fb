import type {
  createClient,
  EntityOf,
  InferKeyValues,
  SubscriptionInput,
} from '@smartcitylab/client';
import type { SmartDataModel } from '@smartcitylab/models';
import type {
  AirQualityObservedConcise,
  AirQualityObservedNormalized,
  AirQualityObserved as AqoModel,
} from '@smartcitylab/models/air-quality-observed';
import type { ConciseEntity, KeyValuesEntity, NormalizedEntity } from '@smartcitylab/ngsi-ld';
import { expectTypeOf, test } from 'vitest';
import { z } from 'zod';

const AirQualityObserved = {
  type: 'AirQualityObserved',
  keyValues: z.object({
    id: z.string(),
    type: z.literal('AirQualityObserved'),
    no2: z.number().optional(),
    dateObserved: z.string(),
  }),
};
type Aqo = z.infer<typeof AirQualityObserved.keyValues>;

declare const client: ReturnType<typeof createClient>;
declare const realModel: typeof AqoModel;
declare const modelFromPackage: SmartDataModel<{
  id: string;
  type: 'Streetlight';
  powerState?: 'on' | 'off';
}>;

test('a model as type with keyValues format gives typed entities', async () => {
  const page = await client.queryEntities({ type: AirQualityObserved, format: 'keyValues' });
  expectTypeOf(page.entities).toEqualTypeOf<Aqo[]>();
  expectTypeOf(page.entities[0]?.no2).toEqualTypeOf<number | undefined>();
  for await (const e of client.queryAll({ type: AirQualityObserved, format: 'simplified' })) {
    expectTypeOf(e).toEqualTypeOf<Aqo>();
  }
});

test('a @smartcitylab/models SmartDataModel fits the model slot', async () => {
  const page = await client.queryEntities({ type: modelFromPackage, format: 'keyValues' });
  expectTypeOf(page.entities[0]?.powerState).toEqualTypeOf<'on' | 'off' | undefined>();
  expectTypeOf<InferKeyValues<typeof modelFromPackage>>().toEqualTypeOf<{
    id: string;
    type: 'Streetlight';
    powerState?: 'on' | 'off';
  }>();
});

test('the shipped AirQualityObserved model types keyValues results', async () => {
  const { entities } = await client.queryEntities({ type: realModel, format: 'keyValues' });
  expectTypeOf(entities[0]?.no2).toEqualTypeOf<number | undefined>();
  expectTypeOf(entities[0]?.id).toEqualTypeOf<string | undefined>();
});

test('the shipped model types normalized and concise results with its named types', async () => {
  const normalized = await client.queryEntities({ type: realModel });
  expectTypeOf(normalized.entities).toEqualTypeOf<AirQualityObservedNormalized[]>();
  expectTypeOf(normalized.entities[0]?.no2?.value).toEqualTypeOf<number | undefined>();
  const concise = await client.queryEntities({ type: realModel, format: 'concise' });
  expectTypeOf(concise.entities).toEqualTypeOf<AirQualityObservedConcise[]>();
  const kv = await client.queryEntities({ type: realModel, format: 'keyValues', validate: false });
  expectTypeOf(kv.entities).toEqualTypeOf<AqoModel[]>();
});

test('formats pick the representation type', async () => {
  expectTypeOf((await client.queryEntities({ type: 'Building' })).entities).toEqualTypeOf<
    NormalizedEntity[]
  >();
  expectTypeOf((await client.queryEntities({ type: AirQualityObserved })).entities).toEqualTypeOf<
    NormalizedEntity[]
  >();
  expectTypeOf(
    (await client.queryEntities({ type: 'Building', format: 'concise' })).entities,
  ).toEqualTypeOf<ConciseEntity[]>();
  expectTypeOf(
    (await client.queryEntities({ type: 'Building', format: 'keyValues' })).entities,
  ).toEqualTypeOf<KeyValuesEntity[]>();
  expectTypeOf(
    await client.getEntity('urn:x', { format: 'concise' }),
  ).toEqualTypeOf<ConciseEntity>();
  expectTypeOf(await client.getEntity('urn:x')).toEqualTypeOf<NormalizedEntity>();
  expectTypeOf<EntityOf<typeof AirQualityObserved, 'keyValues'>>().toEqualTypeOf<Aqo>();
});

test('results are never any', async () => {
  const page = await client.queryEntities({ type: 'Building' });
  expectTypeOf(page.entities[0]).not.toBeAny();
  // @ts-expect-error format must be one of the NGSI-LD representations
  await client.queryEntities({ type: 'Building', format: 'xml' });
});

test('a subscription needs a notification endpoint and non-empty entities or watchedAttributes', () => {
  const endpoint = { endpoint: { uri: 'http://127.0.0.1:3000/notify' } };
  const byEntities: SubscriptionInput = { entities: [{ type: 'Lamp' }], notification: endpoint };
  const byAttrs: SubscriptionInput = { watchedAttributes: ['level'], notification: endpoint };
  expectTypeOf(byEntities.notification.endpoint.uri).toEqualTypeOf<string>();
  // @ts-expect-error neither entities nor watchedAttributes
  const none: SubscriptionInput = { notification: endpoint };
  // @ts-expect-error watchedAttributes must not be empty
  const empty: SubscriptionInput = { watchedAttributes: [], notification: endpoint };
  // @ts-expect-error the notification endpoint is required
  const noEndpoint: SubscriptionInput = { entities: [{ type: 'Lamp' }], notification: {} };
  void [byAttrs, none, empty, noEndpoint];
});
