import { AirQualityObserved } from '@smartcitylab/models/air-quality-observed';
import { Device } from '@smartcitylab/models/device';
import { ParkingSpot } from '@smartcitylab/models/parking-spot';
import { WasteContainer } from '@smartcitylab/models/waste-container';
import { describe, expect, it } from 'vitest';

const location = { type: 'Point' as const, coordinates: [14.8059, 56.8777] as [number, number] };

const attrs = {
  id: 'vaxjo-storgatan-1',
  dateObserved: '2025-05-01T10:00:00Z',
  location,
  pm10: 12.5,
  refDevice: 'urn:ngsi-ld:Device:sensor-7',
};

// One create() per model, so the round trip covers Relationships, enums, arrays and GeoJSON.
const builds = {
  AirQualityObserved: (representation: 'normalized' | 'concise' | 'keyValues') =>
    AirQualityObserved.create(attrs, { representation }),
  ParkingSpot: (representation: 'normalized' | 'concise' | 'keyValues') =>
    ParkingSpot.create(
      {
        id: 'spot-1',
        location,
        status: 'free',
        category: ['onStreet'],
        refParkingSite: 'urn:ngsi-ld:OnStreetParking:storgatan',
      },
      { representation },
    ),
  WasteContainer: (representation: 'normalized' | 'concise' | 'keyValues') =>
    WasteContainer.create(
      { id: 'bin-1', location, fillingLevel: 0.4, refDevice: ['urn:ngsi-ld:Device:bin-1'] },
      { representation },
    ),
  Device: (representation: 'normalized' | 'concise' | 'keyValues') =>
    Device.create({ id: 'sensor-7', controlledProperty: ['temperature'] }, { representation }),
};
const models = { AirQualityObserved, ParkingSpot, WasteContainer, Device };

describe('validate(create(x)): the representation', () => {
  const cases = Object.keys(builds).flatMap((type) =>
    (['normalized', 'concise', 'keyValues'] as const).map((representation) => ({
      type: type as keyof typeof builds,
      representation,
    })),
  );

  it.each(cases)(
    '$type: a $representation entity from create() passes validate() without a representation',
    ({ type, representation }) => {
      const entity = builds[type](representation);
      const result = models[type].validate(entity);
      expect(result.success, JSON.stringify(result)).toBe(true);
      if (result.success) expect(result.data).toBe(entity);
    },
  );

  it.each(['normalized', 'concise'] as const)(
    'a %s entity from create() passes when validate is told its representation',
    (representation) => {
      const entity = AirQualityObserved.create(attrs, { representation });
      expect(AirQualityObserved.validate(entity, representation).success).toBe(true);
    },
  );

  it.each(['normalized', 'concise'] as const)(
    'a %s entity checked as keyValues on request fails, naming the representation first',
    (representation) => {
      const entity = AirQualityObserved.create(attrs, { representation });
      const result = AirQualityObserved.validate(entity, 'keyValues');
      expect(result.success).toBe(false);
      if (result.success) return;
      expect(result.issues[0]).toEqual({
        path: [],
        code: 'wrong_representation',
        message: `The entity looks ${representation}, but it was checked as keyValues as asked: call validate(entity, '${representation}'), or validate(entity) to detect the representation`,
      });
    },
  );

  it('a keyValues entity checked as normalized on request fails, naming keyValues first', () => {
    const entity = AirQualityObserved.create(attrs, { representation: 'keyValues' });
    const result = AirQualityObserved.validate(entity, 'normalized');
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.issues[0]?.code).toBe('wrong_representation');
    expect(result.issues[0]?.message).toContain("call validate(entity, 'keyValues')");
  });

  it('a keyValues entity checked as concise passes: keyValues is also valid concise', () => {
    const entity = AirQualityObserved.create(attrs, { representation: 'keyValues' });
    expect(AirQualityObserved.validate(entity, 'concise').success).toBe(true);
  });

  it('a detected normalized entity with a wrong value reports the path of the value', () => {
    const entity = AirQualityObserved.create(attrs);
    const result = AirQualityObserved.validate({
      ...entity,
      pm10: { type: 'Property', value: -1 },
    });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.issues.map((i) => i.code)).not.toContain('wrong_representation');
    expect(result.issues.map((i) => i.path)).toContainEqual(['pm10', 'value']);
  });

  it('a keyValues entity with a wrong value gets no representation hint', () => {
    const result = AirQualityObserved.validate({
      ...AirQualityObserved.create(attrs, { representation: 'keyValues' }),
      pm10: -1,
    });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.issues.map((i) => i.code)).not.toContain('wrong_representation');
    expect(result.issues.map((i) => i.path)).toContainEqual(['pm10']);
  });

  it('an entity without attributes is checked as keyValues, with no representation hint', () => {
    const result = AirQualityObserved.validate(
      { id: 'urn:ngsi-ld:AirQualityObserved:x1', type: 'AirQualityObserved' },
      'keyValues',
    );
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.issues.map((i) => i.code)).not.toContain('wrong_representation');
  });
});
