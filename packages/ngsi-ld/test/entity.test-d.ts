// Type tests: checked by `tsc -p tsconfig.json` (the package's typecheck script).
import {
  type ConciseEntity,
  type ConversionResult,
  type GeoJsonGeometry,
  type KeyValuesEntity,
  type NormalizedAttribute,
  type NormalizedEntity,
  type Property,
  type RegisteredEntity,
  safeToConcise,
  toConcise,
  toKeyValues,
  toNormalized,
} from '@smartcitylab/ngsi-ld';
import {
  checkEntityStructure,
  type conciseEntitySchema,
  type normalizedEntitySchema,
} from '@smartcitylab/ngsi-ld/schema';
import { expectTypeOf } from 'vitest';
import type { z } from 'zod';

const e: NormalizedEntity = {
  id: 'urn:ngsi-ld:T:1',
  type: 'T',
  temperature: {
    type: 'Property',
    value: 21,
    unitCode: 'CEL',
    accuracy: { type: 'Property', value: 0.5 },
  },
  location: { type: 'GeoProperty', value: { type: 'Point', coordinates: [14.8, 56.9] } },
  readings: [
    { type: 'Property', value: 1 },
    { type: 'Property', value: 2, datasetId: 'urn:ngsi-ld:Dataset:b' },
  ],
};

// checkEntityStructure narrows data to the representation asked for
const r = checkEntityStructure(e as unknown, 'normalized');
if (r.success) expectTypeOf(r.data).toEqualTypeOf<NormalizedEntity>();
else expectTypeOf(r.issues[0]!.path).toEqualTypeOf<(string | number)[]>();
const c = checkEntityStructure({}, 'concise');
if (c.success) expectTypeOf(c.data).toEqualTypeOf<ConciseEntity>();
const k = checkEntityStructure({}, 'keyValues');
if (k.success) expectTypeOf(k.data).toEqualTypeOf<KeyValuesEntity>();

// converters
expectTypeOf(toConcise(e)).toEqualTypeOf<ConciseEntity>();
expectTypeOf(toNormalized(toConcise(e))).toEqualTypeOf<NormalizedEntity>();
expectTypeOf(toKeyValues(e)).toEqualTypeOf<KeyValuesEntity>();
expectTypeOf(safeToConcise(e)).toEqualTypeOf<ConversionResult<ConciseEntity>>();

// zod schemas infer the entity types
expectTypeOf<z.infer<typeof normalizedEntitySchema>>().toEqualTypeOf<NormalizedEntity>();
expectTypeOf<z.infer<typeof conciseEntitySchema>>().toEqualTypeOf<ConciseEntity>();

// attribute unions discriminate on type
const a = e.temperature as NormalizedAttribute;
if (a.type === 'Property') expectTypeOf(a).toEqualTypeOf<Property>();
if (a.type === 'GeoProperty') expectTypeOf(a.value).toEqualTypeOf<GeoJsonGeometry>();

// @ts-expect-error a Property needs a JSON value, not a function
const bad: Property = { type: 'Property', value: () => 1 };
void bad;

// Without a package registering entity types, the converters' model overloads match nothing.
expectTypeOf<RegisteredEntity<'normalized'>>().toBeNever();
