import { buildEntityId, isNgsiLdError, isUri, parseEntityId } from '@smartcitylab/ngsi-ld';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

describe('buildEntityId', () => {
  const cases: { name: string; type: string; localId: string; want: string }[] = [
    {
      name: 'plain parts are kept',
      type: 'Streetlight',
      localId: 'sl-42',
      want: 'urn:ngsi-ld:Streetlight:sl-42',
    },
    {
      name: 'a colon in the local id is allowed',
      type: 'Device',
      localId: 'a:b',
      want: 'urn:ngsi-ld:Device:a:b',
    },
    {
      name: 'a colon in the type is encoded',
      type: 'ex:Thing',
      localId: '1',
      want: 'urn:ngsi-ld:ex%3AThing:1',
    },
    {
      name: 'spaces and non-ASCII are UTF-8 percent-encoded',
      type: 'WasteContainer',
      localId: 'Växjö 12',
      want: 'urn:ngsi-ld:WasteContainer:V%C3%A4xj%C3%B6%2012',
    },
    {
      name: '% is always encoded so decoding is exact',
      type: 'T',
      localId: '100%',
      want: 'urn:ngsi-ld:T:100%25',
    },
    {
      name: '? and # (query/fragment) are encoded',
      type: 'T',
      localId: 'a?b#c',
      want: 'urn:ngsi-ld:T:a%3Fb%23c',
    },
    {
      name: 'sub-delims, @ and / are allowed in the NSS',
      type: 'T',
      localId: "a/b@c!$&'()*+,;=",
      want: "urn:ngsi-ld:T:a/b@c!$&'()*+,;=",
    },
    {
      name: 'characters no URI may hold are encoded',
      type: 'T',
      localId: '<a>"{}|\\^`',
      want: 'urn:ngsi-ld:T:%3Ca%3E%22%7B%7D%7C%5C%5E%60',
    },
  ];
  for (const { name, type, localId, want } of cases) {
    it(name, () => {
      const built = buildEntityId(type, localId);
      expect(built).toBe(want);
      expect(isUri(built)).toBe(true);
      expect(parseEntityId(built)).toEqual({ type, localId });
    });
  }

  const bad: { name: string; type: string; localId: string }[] = [
    { name: 'empty type', type: '', localId: '1' },
    { name: 'empty local id', type: 'T', localId: '' },
    { name: 'lone surrogate', type: 'T', localId: 'a\uD800' },
  ];
  for (const { name, type, localId } of bad) {
    it(`throws NgsiLdError BadRequestData for ${name}`, () => {
      let thrown: unknown;
      try {
        buildEntityId(type, localId);
      } catch (e) {
        thrown = e;
      }
      expect(isNgsiLdError(thrown)).toBe(true);
      expect((thrown as { code: string }).code).toBe('BadRequestData');
    });
  }

  it('round-trips any type and local id', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, unit: 'grapheme' }),
        fc.string({ minLength: 1, unit: 'grapheme' }),
        (type, localId) => {
          const built = buildEntityId(type, localId);
          expect(isUri(built)).toBe(true);
          expect(parseEntityId(built)).toEqual({ type, localId });
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('parseEntityId', () => {
  const cases: { given: string; want: { type: string; localId: string } | undefined }[] = [
    { given: 'urn:ngsi-ld:Streetlight:sl-42', want: { type: 'Streetlight', localId: 'sl-42' } },
    { given: 'URN:NGSI-LD:T:1', want: { type: 'T', localId: '1' } },
    {
      given: 'urn:ngsi-ld:OffStreetParking:porto-ParkingLot-23889',
      want: { type: 'OffStreetParking', localId: 'porto-ParkingLot-23889' },
    },
    { given: 'urn:ngsi-ld:T', want: undefined },
    { given: 'urn:ngsi-ld:T:', want: undefined },
    { given: 'urn:ngsi-ld::1', want: undefined },
    { given: 'urn:E1', want: undefined },
    { given: 'https://example.org/T/1', want: undefined },
    { given: 'urn:ngsi-ld:T:%E0%A4%A', want: undefined },
    { given: 'urn:ngsi-ld:T:a b', want: undefined },
  ];
  for (const { given, want } of cases) {
    it(`${given} → ${JSON.stringify(want)}`, () => {
      expect(parseEntityId(given)).toEqual(want);
    });
  }
});

describe('isUri', () => {
  const cases: { given: unknown; want: boolean }[] = [
    { given: 'urn:ngsi-ld:T:1', want: true },
    { given: 'http://a.b.c/entity/E1', want: true },
    { given: 'urn:E1', want: true },
    { given: 'urn:ngsi-ld/dataset:1', want: true },
    { given: 'https://example.org/ns#speed', want: true },
    { given: 'urn:ngsi-ld:T:Växjö', want: true },
    { given: 'E1', want: false },
    { given: 'urn:', want: false },
    { given: '1urn:x', want: false },
    { given: 'urn:a b', want: false },
    { given: 'urn:a<b>', want: false },
    { given: 'urn:a\nb', want: false },
    { given: 42, want: false },
  ];
  for (const { given, want } of cases) {
    it(`${JSON.stringify(given)} → ${want}`, () => {
      expect(isUri(given)).toBe(want);
    });
  }
});
