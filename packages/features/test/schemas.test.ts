import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithFixtures } from '../../../test-support/fixtures.js';
import { epsgUri } from '../src/index.js';
import { type Setup, setup, streetlights } from './helpers.js';
import { loadOgcValidators, type OgcValidators } from './ogc-schemas.js';

describeWithFixtures('answers valid against the OGC API Features schemas', 'ogc', (dir) => {
  let s: Setup;
  let v: OgcValidators;
  beforeAll(async () => {
    v = loadOgcValidators(dir);
    s = await setup(streetlights(120));
  });
  afterAll(() => s.close());

  const json = async (path: string): Promise<unknown> => {
    const res = await fetch(`${s.url}${path}`);
    return res.json();
  };
  const expectValid = (validate: OgcValidators[keyof OgcValidators], body: unknown): void => {
    const ok = validate(body);
    expect(validate.errors ?? [], JSON.stringify(validate.errors)).toEqual([]);
    expect(ok).toBe(true);
  };

  it('the landing page, conformance and collections', async () => {
    expectValid(v.landingPage, await json('/'));
    expectValid(v.confClasses, await json('/conformance'));
    const collections = await json('/collections');
    expectValid(v.collections, collections);
    expectValid(v.collectionsCrs, collections);
    const one = await json('/collections/streetlights');
    expectValid(v.collection, one);
    expectValid(v.collectionCrs, one);
  });

  it.each([
    ['/collections/streetlights/items'],
    ['/collections/streetlights/items?limit=50&offset=100'],
    ['/collections/streetlights/items?bbox=17.2,62.3,17.21,62.301'],
    [`/collections/streetlights/items?limit=5&crs=${epsgUri(3006)}`],
    ['/collections/streetlights/items?datetime=2024-01-03/..&status=ok'],
  ])('items %s', async (path) => {
    expectValid(v.featureCollection, await json(path));
  });

  it('one feature, and an exception', async () => {
    expectValid(
      v.feature,
      await json('/collections/streetlights/items/urn:ngsi-ld:Streetlight:00007'),
    );
    expectValid(v.exception, await json('/collections/streetlights/items?limit=none'));
    expectValid(v.exception, await json('/collections/nothing'));
  });

  it('the validators reject a broken answer (so the checks above can fail)', async () => {
    const page = (await json('/collections/streetlights/items?limit=2')) as Record<string, unknown>;
    expect(v.featureCollection({ ...page, numberReturned: -1 })).toBe(false);
    expect(
      v.featureCollection({
        ...page,
        features: [{ type: 'Feature', geometry: { type: 'Point' } }],
      }),
    ).toBe(false);
    expect(v.collection({ title: 'no id or links' })).toBe(false);
  });
});
