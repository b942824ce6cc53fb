import { AirQualityObserved } from '@smartcitylab/models/air-quality-observed';
import { describe, expect, it } from 'vitest';

const attrs = {
  id: 'vaxjo-storgatan-1',
  dateObserved: '2025-05-01T10:00:00Z',
  location: { type: 'Point' as const, coordinates: [14.8059, 56.8777] as [number, number] },
  pm10: 12.5,
  refDevice: 'urn:ngsi-ld:Device:sensor-7',
};

describe('validate(create(x)): the representation', () => {
  it.each(['normalized', 'concise'] as const)(
    'a %s entity from create() passes when validate is told its representation',
    (representation) => {
      const entity = AirQualityObserved.create(attrs, { representation });
      expect(AirQualityObserved.validate(entity, representation).success).toBe(true);
    },
  );

  it.each(['normalized', 'concise'] as const)(
    'a %s entity checked as keyValues names the representation as the first issue',
    (representation) => {
      const entity = AirQualityObserved.create(attrs, { representation });
      const result = AirQualityObserved.validate(entity);
      expect(result.success).toBe(false);
      if (result.success) return;
      expect(result.issues[0]).toEqual({
        path: [],
        code: 'wrong_representation',
        message: `The entity looks ${representation}, but validate() checks keyValues unless told otherwise: call validate(entity, '${representation}')`,
      });
    },
  );

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
});
