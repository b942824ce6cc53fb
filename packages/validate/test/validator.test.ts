import { createValidator, parseDuration, type QualityReport } from '@smartcitylab/validate';
import { describe, expect, it } from 'vitest';

const NOW = new Date('2026-11-25T12:00:00Z');
const validator = createValidator({ now: () => NOW });

function weather(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'urn:ngsi-ld:WeatherObserved:sundsvall-1',
    type: 'WeatherObserved',
    dateObserved: { type: 'Property', value: '2026-11-25T11:50:00Z' },
    location: { type: 'GeoProperty', value: { type: 'Point', coordinates: [17.3069, 62.3908] } },
    temperature: {
      type: 'Property',
      value: -4.5,
      unitCode: 'CEL',
      observedAt: '2026-11-25T11:50:00Z',
    },
    ...extra,
  };
}

const rules = (r: QualityReport): string[] =>
  r.issues.map((i) => `${i.severity}:${i.rule}:${i.path}`).sort();

describe('data-quality rules on one entity', () => {
  const cases: { name: string; given: unknown; want: string[] }[] = [
    {
      name: 'a clean reading has only the unknown-model warning',
      given: weather(),
      want: ['warning:model.unknown:$.type'],
    },
    {
      name: 'a temperature of 900 °C is physically implausible',
      given: weather({ temperature: { type: 'Property', value: 900, unitCode: 'CEL' } }),
      want: ['error:plausibility.range:$.temperature.value', 'warning:model.unknown:$.type'],
    },
    {
      name: 'a temperature of 45 °C is possible but not in Sweden',
      given: weather({ temperature: { type: 'Property', value: 45, unitCode: 'CEL' } }),
      want: ['warning:model.unknown:$.type', 'warning:plausibility.range:$.temperature.value'],
    },
    {
      name: 'values in Fahrenheit are converted before the range check',
      given: weather({ temperature: { type: 'Property', value: 23, unitCode: 'FAH' } }),
      want: ['warning:model.unknown:$.type'],
    },
    {
      name: 'a unit that does not fit the attribute is an error',
      given: weather({ temperature: { type: 'Property', value: 3, unitCode: 'MTR' } }),
      want: ['error:units.fit:$.temperature.unitCode', 'warning:model.unknown:$.type'],
    },
    {
      name: 'an unknown unit code is flagged',
      given: weather({ temperature: { type: 'Property', value: 3, unitCode: 'C' } }),
      want: ['warning:model.unknown:$.type', 'warning:units.known:$.temperature.unitCode'],
    },
    {
      name: 'swapped latitude and longitude are detected',
      given: weather({
        location: {
          type: 'GeoProperty',
          value: { type: 'Point', coordinates: [62.3908, 17.3069] },
        },
      }),
      want: ['error:location.swapped:$.location.value.coordinates', 'warning:model.unknown:$.type'],
    },
    {
      name: 'SWEREF 99 TM metres in a WGS84 field are detected',
      given: weather({
        location: {
          type: 'GeoProperty',
          value: { type: 'Point', coordinates: [616_542, 6_917_657] },
        },
      }),
      want: [
        'error:location.projected:$.location.value.coordinates',
        'warning:model.unknown:$.type',
      ],
    },
    {
      name: 'a location in the Indian Ocean is outside Sweden',
      given: weather({
        location: { type: 'GeoProperty', value: { type: 'Point', coordinates: [80.1, -5.2] } },
      }),
      want: [
        'warning:location.region:$.location.value.coordinates',
        'warning:model.unknown:$.type',
      ],
    },
    {
      name: 'an observation from the future is an error',
      given: weather({ dateObserved: { type: 'Property', value: '2026-11-26T12:00:00Z' } }),
      want: ['error:timeliness.future:$.dateObserved.value', 'warning:model.unknown:$.type'],
    },
    {
      name: 'a reading from last year is too old',
      given: weather({ dateObserved: { type: 'Property', value: '2025-11-25T12:00:00Z' } }),
      want: ['warning:model.unknown:$.type', 'warning:timeliness.max-age:$.dateObserved.value'],
    },
    {
      name: 'an id naming another type is inconsistent',
      given: weather({ id: 'urn:ngsi-ld:AirQualityObserved:1' }),
      want: ['warning:identifiers.type-match:$.id', 'warning:model.unknown:$.type'],
    },
    {
      name: 'an id that is a URI but not an NGSI-LD URN is flagged',
      given: weather({ id: 'https://example.org/sensors/1' }),
      want: ['warning:identifiers.urn:$.id', 'warning:model.unknown:$.type'],
    },
    {
      name: 'keyValues input is read and checked the same way',
      given: {
        id: 'urn:ngsi-ld:WeatherObserved:2',
        type: 'WeatherObserved',
        dateObserved: '2026-11-25T11:00:00Z',
        location: { type: 'Point', coordinates: [17.3, 62.4] },
        relativeHumidity: 55,
      },
      // Its paths name the members as sent: no `value` step.
      want: ['error:plausibility.range:$.relativeHumidity', 'warning:model.unknown:$.type'],
    },
    { name: 'null is not an entity', given: null, want: ['error:structure:$'] },
    { name: 'an array is not an entity', given: [1, 2], want: ['error:structure:$'] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(rules(validator.check(c.given))).toEqual([...c.want].sort());
    });
  }
});

describe('scores and messages', () => {
  it('scores a clean entity higher than a broken one, per dimension', () => {
    const good = validator.check(weather());
    const bad = validator.check(
      weather({ temperature: { type: 'Property', value: 900, unitCode: 'CEL' } }),
    );
    expect(good.score).toBeGreaterThan(bad.score);
    expect(bad.dimensions.plausibility.score).toBe(0);
    expect(good.dimensions.plausibility.score).toBe(1);
    expect(bad.valid).toBe(false);
    expect(good.valid).toBe(true);
  });

  it('gives every issue an English and a Swedish message', () => {
    const r = validator.check(weather({ temperature: { type: 'Property', value: 900 } }));
    for (const i of r.issues) {
      expect(i.message.length).toBeGreaterThan(10);
      expect(i.messageSv.length).toBeGreaterThan(10);
      expect(i.messageSv).not.toBe(i.message);
    }
  });

  it('lets a rule be switched off or given another severity', () => {
    const v = createValidator({
      now: () => NOW,
      rules: { 'model.unknown': { enabled: false }, 'plausibility.range': { severity: 'info' } },
    });
    const r = v.check(weather({ temperature: { type: 'Property', value: 900 } }));
    expect(rules(r)).toEqual(['info:plausibility.range:$.temperature.value']);
    expect(r.valid).toBe(true);
  });

  it('accepts overridden ranges and a municipality polygon', () => {
    const sundsvall = {
      name: 'Sundsvall',
      bbox: [16.5, 62.0, 17.8, 62.8] as const,
      polygon: {
        type: 'Polygon' as const,
        coordinates: [
          [
            [16.5, 62.0],
            [17.8, 62.0],
            [17.8, 62.8],
            [16.5, 62.8],
            [16.5, 62.0],
          ],
        ],
      },
    };
    const v = createValidator({
      now: () => NOW,
      region: sundsvall,
      ranges: {
        temperature: { unit: 'CEL', units: ['CEL'], physical: [-60, 60], sweden: [-10, 10] },
      },
    });
    const inStockholm = weather({
      location: { type: 'GeoProperty', value: { type: 'Point', coordinates: [18.07, 59.33] } },
      temperature: { type: 'Property', value: 12, unitCode: 'CEL' },
    });
    expect(rules(v.check(inStockholm))).toEqual([
      'warning:location.region:$.location.value.coordinates',
      'warning:model.unknown:$.type',
      'warning:plausibility.range:$.temperature.value',
    ]);
  });
});

describe('hostile input', () => {
  it('rejects 10,000-deep nesting without overflowing the stack', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 10_000; i++) deep = { value: deep };
    const r = validator.check(weather({ deep: { type: 'Property', value: deep } }));
    expect(rules(r)).toEqual(['error:structure:$']);
  });

  it('counts the entity as level 1 and each object or array below it as one more', () => {
    const nested = (levels: number): unknown => {
      let v: unknown = 1;
      for (let i = 0; i < levels; i++) v = i % 2 === 0 ? [v] : { a: v };
      return v;
    };
    const tooDeep = (r: QualityReport) => r.issues.some((i) => i.message.includes('nested deeper'));
    for (let maxDepth = 0; maxDepth <= 4; maxDepth++) {
      const v = createValidator({ now: () => NOW, maxDepth });
      for (let levels = 0; levels <= 4; levels++) {
        const entity = { id: 'urn:ngsi-ld:T:1', type: 'T', flat: 1, x: nested(levels) };
        expect(tooDeep(v.check(entity))).toBe((levels === 0 ? 1 : levels + 1) > maxDepth);
      }
    }
  });

  it('stops reading an entity at its first attribute nested too deep', () => {
    const entity: Record<string, unknown> = { id: 'urn:ngsi-ld:T:1', type: 'T', deep: [[[1]]] };
    Object.defineProperty(entity, 'later', {
      enumerable: true,
      get() {
        throw new Error('read');
      },
    });
    const r = createValidator({ now: () => NOW, maxDepth: 2 }).check(entity);
    expect(rules(r)).toEqual(['error:structure:$']);
  });

  it('never lets __proto__ keys pollute prototypes', () => {
    const payload = JSON.parse(
      '{"id":"urn:ngsi-ld:WeatherObserved:p","type":"WeatherObserved","__proto__":{"polluted":true},"constructor":{"type":"Property","value":{"prototype":{"polluted":true}}}}',
    ) as unknown;
    const r = validator.check(payload);
    expect(r.issues.length).toBeGreaterThan(0);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('durations', () => {
  it.each([
    ['PT1H', 3_600_000],
    ['P7D', 604_800_000],
    ['PT30M', 1_800_000],
    ['P1DT12H', 129_600_000],
    [5000, 5000],
  ] as const)('parses %s', (given, want) => {
    expect(parseDuration(given)).toBe(want);
  });

  it('rejects text that is not a duration, naming it', () => {
    expect(() => parseDuration('one week')).toThrow(/one week/);
    expect(() => createValidator({ maxAge: 'P' })).toThrow(/maxAge/);
  });
});

describe('a keyValues entity with a plain id', () => {
  // The id is checked apart from the rest (one conversion instead of two): the report must be
  // what the id adds to the report of the same entity with a URN id, whatever else is broken.
  const kv = (extra: Record<string, unknown>): Record<string, unknown> => ({
    id: 'urn:ngsi-ld:WeatherObserved:sundsvall-1',
    type: 'WeatherObserved',
    dateObserved: '2026-11-25T11:50:00Z',
    location: { type: 'Point', coordinates: [17.3069, 62.3908] },
    temperature: 900,
    ...extra,
  });
  const cases: [string, Record<string, unknown>][] = [
    ['nothing else wrong', {}],
    ['a reserved attribute name', { value: 3 }],
    ['a name with a space and a bad time', { 'a b': 1, dateObserved: 'yesterday' }],
    ['a null value and a broken geometry', { nothing: null, location: { type: 'Point' } }],
  ];
  it.each(cases)('with %s: the id is one structure finding, the rest is checked', (_, extra) => {
    const withUrn = validator.check(kv(extra));
    for (const id of ['sundsvall-1', 42]) {
      const r = validator.check(kv({ ...extra, id }));
      expect(rules(r)).toEqual([...rules(withUrn), 'error:structure:$.id'].sort());
      expect(r.issues.filter((i) => i.path === '$.id')).toHaveLength(1);
    }
  });
});

describe('objects that are not JSON data', () => {
  class Reading {
    constructor(fields: Record<string, unknown>) {
      Object.assign(this, fields);
    }
  }
  const fields = { id: 'urn:ngsi-ld:WeatherObserved:1', type: 'WeatherObserved', temperature: 3 };

  it('reports a class instance as a structure error instead of throwing', () => {
    // Guessing the representation of a class instance used to throw from check.
    const r = validator.check(new Reading(fields));
    expect(r.valid).toBe(false);
    expect(r.issues.map((i) => `${i.rule}:${i.path}`)).toEqual(['structure:$']);
    expect(r.issues[0]?.message).toContain('got an object that is not JSON data');
    expect(r.entityId).toBe('urn:ngsi-ld:WeatherObserved:1');
    // Its plain values make it read as keyValues, as the same fields in an object literal would.
    expect(r.representation).toBe('keyValues');
  });

  it('reports an entity with a foreign prototype, and a Date as an attribute value', () => {
    const withProto = Object.assign(Object.create({ inherited: true }) as object, fields);
    expect(rules(validator.check(withProto))).toEqual(['error:structure:$']);
    const withDate = { ...fields, dateObserved: new Date('2026-11-25T11:50:00Z') };
    const r = validator.check(withDate);
    expect(r.valid).toBe(false);
    expect(r.issues.some((i) => i.rule === 'structure' && i.path === '$.dateObserved')).toBe(true);
  });

  it('still accepts an entity without a prototype', () => {
    const bare = Object.assign(Object.create(null) as object, fields);
    expect(rules(validator.check(bare))).toEqual(rules(validator.check({ ...fields })));
  });
});
