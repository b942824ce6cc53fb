import { readFileSync } from 'node:fs';
import {
  isModelValidationError,
  listModels,
  loadModel,
  loadModelSchemas,
  ModelValidationError,
} from '@smartcitylab/models';
import { AirQualityObserved } from '@smartcitylab/models/air-quality-observed';
import {
  AirQualityObservedSchemas,
  airQualityObservedKeyValuesSchema,
} from '@smartcitylab/models/air-quality-observed/zod';
import { ParkingSpot } from '@smartcitylab/models/parking-spot';
import { ParkingSpotSchemas } from '@smartcitylab/models/parking-spot/zod';
import { Streetlight } from '@smartcitylab/models/streetlight';
import { isNgsiLdError, NgsiLdError } from '@smartcitylab/ngsi-ld';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';

// ajv-formats is CommonJS: at runtime the default import is the plugin itself.
const addFormats = addFormatsModule as unknown as (typeof addFormatsModule)['default'];

const point = { type: 'Point' as const, coordinates: [14.8059, 56.8777] as [number, number] };
const air = {
  id: 'vaxjo-storgatan-1',
  dateObserved: '2025-05-01T10:00:00Z',
  location: point,
  pm10: 12.5,
  no2: 20,
  refDevice: 'urn:ngsi-ld:Device:sensor-7',
};

describe('create builds a validated entity', () => {
  it.each([
    {
      name: 'a local id becomes a URN and the result is normalized by default',
      options: undefined,
      want: {
        id: 'urn:ngsi-ld:AirQualityObserved:vaxjo-storgatan-1',
        type: 'AirQualityObserved',
        pm10: { type: 'Property', value: 12.5 },
        refDevice: { type: 'Relationship', object: 'urn:ngsi-ld:Device:sensor-7' },
        location: { type: 'GeoProperty', value: point },
      },
    },
    {
      name: 'concise drops the redundant attribute types',
      options: { representation: 'concise' as const },
      want: { pm10: 12.5, refDevice: { object: 'urn:ngsi-ld:Device:sensor-7' }, location: point },
    },
    {
      name: 'keyValues keeps plain values and adds the type',
      options: { representation: 'keyValues' as const },
      want: { type: 'AirQualityObserved', pm10: 12.5, refDevice: 'urn:ngsi-ld:Device:sensor-7' },
    },
    {
      name: 'an @context is attached when asked',
      options: { representation: 'keyValues' as const, context: 'https://example.org/ctx.jsonld' },
      want: { '@context': 'https://example.org/ctx.jsonld' },
    },
  ])('$name', ({ options, want }) => {
    const entity = AirQualityObserved.create(air, options);
    expect(entity).toMatchObject(want);
  });

  it('keeps an id that is already a URI', () => {
    const entity = AirQualityObserved.create({ ...air, id: 'urn:ngsi-ld:AirQualityObserved:a' });
    expect(entity.id).toBe('urn:ngsi-ld:AirQualityObserved:a');
  });

  it.each([
    {
      name: 'a missing required attribute',
      given: { id: 'a', location: point },
      paths: [['dateObserved']],
    },
    {
      name: 'a value below the schema minimum',
      given: { ...air, pm10: -3 },
      paths: [['pm10']],
    },
    {
      name: 'a value outside the enum',
      given: { ...air, typeofLocation: 'underwater' },
      paths: [['typeofLocation']],
    },
    {
      name: 'a nested GeoJSON error',
      given: { ...air, location: { type: 'Point', coordinates: ['x', 1] } },
      paths: [['location']],
    },
    { name: 'a wrong entity type', given: { ...air, type: 'Streetlight' }, paths: [['type']] },
  ])('throws ModelValidationError naming the model and paths for $name', ({ given, paths }) => {
    let caught: unknown;
    try {
      AirQualityObserved.create(given as never);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ModelValidationError);
    expect(caught).toBeInstanceOf(NgsiLdError);
    expect(isModelValidationError(caught)).toBe(true);
    expect(isNgsiLdError(caught)).toBe(true);
    const error = caught as ModelValidationError;
    expect(error.model).toBe('AirQualityObserved');
    expect(error.code).toBe('InvalidEntity');
    expect(error.issues.map((i) => i.path)).toEqual(paths);
    expect(error.message).toContain('AirQualityObserved');
    expect(error.message).toContain(paths[0]?.join('.') ?? '');
  });

  it('rejects input that is not an object with a clear issue', () => {
    expect(() => AirQualityObserved.create(null as never)).toThrow(
      /Expected the AirQualityObserved attributes/,
    );
  });

  it('never lets a __proto__ key change a prototype', () => {
    const given = JSON.parse(
      '{"id":"p1","location":{"type":"Point","coordinates":[1,2]},"dateObserved":"2025-01-01T00:00:00Z","__proto__":{"polluted":true}}',
    ) as typeof air;
    const entity = AirQualityObserved.create(given, { representation: 'keyValues' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(entity)).toBe(Object.prototype);
    expect(Object.hasOwn(entity, '__proto__')).toBe(true);
  });
});

describe('extra attributes (the escape hatch of the closed types)', () => {
  it.each([
    {
      name: 'normalized wraps extras as Properties, GeoJSON values as GeoProperties',
      representation: 'normalized' as const,
      want: {
        sensorHeight: { type: 'Property', value: 2.5 },
        inletArea: { type: 'GeoProperty', value: point },
        pm10: { type: 'Property', value: 12.5 },
      },
    },
    {
      name: 'concise writes extras as bare values',
      representation: 'concise' as const,
      want: { sensorHeight: 2.5, inletArea: point, pm10: 12.5 },
    },
    {
      name: 'keyValues adds extras as given',
      representation: 'keyValues' as const,
      want: { sensorHeight: 2.5, inletArea: point, pm10: 12.5 },
    },
  ])('$name', ({ representation, want }) => {
    const entity = AirQualityObserved.create(air, {
      representation,
      extra: { sensorHeight: 2.5, inletArea: point },
    });
    expect(entity).toMatchObject(want);
  });

  it.each([
    {
      given: { pm10: 3 },
      code: 'extra_is_model_attribute',
      text: 'pm10 is a AirQualityObserved attribute',
    },
    {
      given: { id: 'x' },
      code: 'extra_is_model_attribute',
      text: 'id is a AirQualityObserved attribute',
    },
  ])('rejects a model attribute passed as extra ($given)', ({ given, code, text }) => {
    let caught: unknown;
    try {
      AirQualityObserved.create(air, { extra: given });
    } catch (error) {
      caught = error;
    }
    expect(isModelValidationError(caught)).toBe(true);
    const issues = (caught as ModelValidationError).issues;
    expect(issues.map((i) => i.code)).toContain(code);
    expect(issues.map((i) => i.message).join('\n')).toContain(text);
  });

  it('rejects an attribute given both in the input and in extra', () => {
    const input = { ...air, sensorHeight: 1 } as unknown as typeof air;
    expect(() => AirQualityObserved.create(input, { extra: { sensorHeight: 2 } })).toThrow(
      /sensorHeight is given both as an attribute and in options.extra/,
    );
  });
});

describe('validate reports Standard Schema results in every representation', () => {
  const good = AirQualityObserved.create(air);
  it.each([
    { name: 'normalized, valid', given: good, rep: 'normalized' as const, paths: [] },
    {
      name: 'normalized, a value error is reported at its .value path',
      given: { ...good, pm10: { type: 'Property', value: -1 } },
      rep: 'normalized' as const,
      paths: [['pm10', 'value']],
    },
    {
      name: 'normalized, a broken NGSI-LD structure',
      given: { ...good, pm10: { type: 'Proprety', value: 1 } },
      rep: 'normalized' as const,
      paths: [['pm10', 'type']],
    },
    {
      name: 'concise, valid',
      given: AirQualityObserved.create(air, { representation: 'concise' }),
      rep: 'concise' as const,
      paths: [],
    },
    {
      name: 'keyValues, wrong type',
      given: { ...AirQualityObserved.create(air, { representation: 'keyValues' }), no2: 'high' },
      rep: 'keyValues' as const,
      paths: [['no2']],
    },
    {
      name: 'normalized, a DateTime value object is unwrapped before the check',
      given: {
        ...good,
        dateObserved: {
          type: 'Property',
          value: { '@type': 'DateTime', '@value': '2025-01-01T00:00:00Z' },
        },
      },
      rep: 'normalized' as const,
      paths: [],
    },
  ])('$name', ({ given, rep, paths }) => {
    const result = AirQualityObserved.validate(given, rep);
    expect(result.success ? [] : result.issues.map((i) => i.path)).toEqual(paths);
  });

  it('the normalized and concise zod schemas carry the same verdicts', () => {
    expect(AirQualityObservedSchemas.normalized.safeParse(good).success).toBe(true);
    const bad = AirQualityObservedSchemas.normalized.safeParse({
      ...good,
      pm10: { type: 'Property', value: -1 },
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['pm10', 'value']);
    expect(AirQualityObservedSchemas.concise.safeParse({ ...good, no2: 'x' }).success).toBe(false);
  });

  it('never throws on hostile input', () => {
    for (const given of [
      undefined,
      null,
      3,
      'x',
      [],
      { id: {} },
      { type: 'AirQualityObserved', location: [] },
    ]) {
      for (const rep of ['keyValues', 'normalized', 'concise'] as const) {
        expect(AirQualityObserved.validate(given, rep).success).toBe(false);
      }
    }
  });
});

describe('metadata, hints and JSON Schema export', () => {
  it('derives hints from the metadata', () => {
    expect(AirQualityObserved.hints.relationships).toContain('refDevice');
    expect(AirQualityObserved.hints.geoProperties).toEqual(['location']);
    expect(Streetlight.metadata.relationships).toContain('refStreetlightGroup');
  });

  it('records enums, ranges, units, required attributes and the source version', () => {
    const m = AirQualityObserved.metadata;
    expect(m.schemaVersion).toMatch(/^\d+\.\d+\.\d+$/);
    expect(m.required).toEqual(expect.arrayContaining(['id', 'type', 'dateObserved', 'location']));
    const pick = (name: string) => m.attributes.find((a) => a.name === name);
    expect(pick('reliability')).toMatchObject({ minimum: 0, maximum: 1, type: 'number' });
    expect(pick('typeofLocation')?.enum).toEqual(['indoor', 'outdoor']);
    expect(pick('precipitation')?.unit).toBe('Liters per square meter');
    expect(pick('location')?.kind).toBe('GeoProperty');
  });

  it('exports JSON Schema with an $id naming package, model and source version', () => {
    const schema = ParkingSpotSchemas.jsonSchema();
    expect(schema.$id).toMatch(
      new RegExp(
        `^urn:npm:@smartcitylab/models@\\d+\\.\\d+\\.\\d+:ParkingSpot:${ParkingSpot.metadata.schemaVersion.replace(/\./g, '\\.')}$`,
      ),
    );
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const entity = ParkingSpot.create(
      {
        id: 'p1',
        location: point,
        status: 'free',
        category: ['onStreet'],
        refParkingSite: 'urn:ngsi-ld:OffStreetParking:os1',
      } as never,
      { representation: 'keyValues' },
    );
    expect(validate(entity)).toBe(true);
    expect(validate({ ...entity, status: 'levitating' })).toBe(false);
    // uniqueItems (a zod refinement) survives the export.
    expect(validate({ ...entity, category: ['onStreet', 'onStreet'] })).toBe(false);
    expect(JSON.stringify(schema)).toContain('"uniqueItems":true');
  });
});

describe('registry', () => {
  it('lists every model the package exports as plain data', () => {
    const list = listModels();
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      exports: Record<string, unknown>;
    };
    const subpaths = Object.keys(pkg.exports)
      .filter((k) => k !== '.' && k !== './package.json' && !k.endsWith('/zod'))
      .map((k) => `@smartcitylab/models/${k.slice(2)}`);
    expect(list.map((m) => m.subpath).sort()).toEqual(subpaths.sort());
    // Each model subpath has its zod twin, and nothing else is exported.
    expect(Object.keys(pkg.exports).length).toBe(2 * list.length + 2);
    for (const m of list) expect(pkg.exports).toHaveProperty([`.${m.subpath.slice(20)}/zod`]);
    expect(list.map((m) => m.type)).toContain('KeyPerformanceIndicator');
    expect(JSON.parse(JSON.stringify(list))).toEqual(list);
    expect(list.find((m) => m.type === 'AirQualityObserved')).toEqual({
      type: 'AirQualityObserved',
      domain: 'Environment',
      subpath: '@smartcitylab/models/air-quality-observed',
      schemaVersion: AirQualityObserved.metadata.schemaVersion,
    });
  });

  it('loads each model by type, the same object its subpath exports', async () => {
    expect(await loadModel('AirQualityObserved')).toBe(AirQualityObserved);
    for (const info of listModels()) {
      const model = await loadModel(info.type);
      expect(model.type).toBe(info.type);
      expect(model.metadata.schemaVersion).toBe(info.schemaVersion);
    }
  });

  it('rejects an unknown type with an NgsiLdError naming it', async () => {
    await expect(loadModel('Unicorn')).rejects.toMatchObject({
      code: 'UnknownModel',
      message: expect.stringContaining('Unicorn'),
    });
    await expect(loadModelSchemas('Unicorn')).rejects.toMatchObject({
      code: 'UnknownModel',
      message: expect.stringContaining('Unicorn'),
    });
  });

  it('loads the zod schemas of each model by type, the same object its /zod subpath exports', async () => {
    expect(await loadModelSchemas('AirQualityObserved')).toBe(AirQualityObservedSchemas);
    for (const info of listModels()) {
      const schemas = await loadModelSchemas(info.type);
      expect(schemas.type).toBe(info.type);
      expect(schemas.jsonSchema().$id).toContain(`:${info.type}:${info.schemaVersion}`);
    }
  });
});

describe('the /zod subpath', () => {
  it('exports the keyValues schema under its own name and in the schemas object', () => {
    expect(AirQualityObservedSchemas.keyValues).toBe(airQualityObservedKeyValuesSchema);
  });

  it('gives the same verdicts as validate (and the zod-free Standard Schemas) in each representation', () => {
    const kv = AirQualityObserved.create(
      {
        id: 'a1',
        dateObserved: '2024-05-01T10:00:00Z',
        location: { type: 'Point', coordinates: [14.8, 56.88] },
        pm10: 12,
      } as never,
      { representation: 'keyValues' },
    );
    const cases = [
      { rep: 'keyValues', given: kv },
      { rep: 'keyValues', given: { ...kv, pm10: -1 } },
      { rep: 'normalized', given: AirQualityObserved.create(kv) },
      { rep: 'concise', given: AirQualityObserved.create(kv, { representation: 'concise' }) },
      {
        rep: 'concise',
        given: { ...AirQualityObserved.create(kv, { representation: 'concise' }), pm10: 'x' },
      },
    ] as const;
    for (const { rep, given } of cases) {
      const want = AirQualityObserved.validate(given, rep).success;
      expect(AirQualityObservedSchemas[rep].safeParse(given).success, rep).toBe(want);
    }
    for (const { rep, given } of cases) {
      const standard = AirQualityObserved[rep]['~standard'];
      expect(standard.vendor).toBe('@smartcitylab/models');
      expect(standard.validate(given).issues === undefined, `standard ${rep}`).toBe(
        AirQualityObserved.validate(given, rep).success,
      );
    }
    expect(cases.map(({ rep, given }) => AirQualityObserved.validate(given, rep).success)).toEqual([
      true,
      false,
      true,
      true,
      false,
    ]);
  });
});
