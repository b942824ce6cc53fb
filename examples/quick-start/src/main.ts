// Quick start for @smartcitylab/ngsi-ld: build an entity in code, validate it, convert it
// between the three NGSI-LD representations and print the results.
import {
  buildEntityId,
  contextHeaders,
  fromKeyValues,
  type NormalizedEntity,
  parseEntityId,
  SMART_DATA_MODELS_CONTEXT,
  toConcise,
  toKeyValues,
  toNormalized,
} from '@smartcitylab/ngsi-ld';
import { checkEntityStructure } from '@smartcitylab/ngsi-ld/schema';

// 1. Build a waste container entity (normalized representation) in code.
const container: NormalizedEntity = {
  id: buildEntityId('WasteContainer', 'vaxjo-torget 1'),
  type: 'WasteContainer',
  fillingLevel: {
    type: 'Property',
    value: 0.72,
    unitCode: 'P1',
    observedAt: '2025-03-01T08:30:00Z',
  },
  location: {
    type: 'GeoProperty',
    value: { type: 'Point', coordinates: [14.8059, 56.8777] },
  },
  name: { type: 'LanguageProperty', languageMap: { sv: 'Torget', en: 'The square' } },
  refDevice: { type: 'Relationship', object: buildEntityId('Device', 'elsys-ers-0042') },
};

// 2. Validate it before sending it anywhere.
const checked = checkEntityStructure(container, 'normalized');
console.log('valid normalized entity:', checked.success);
console.log('id parts:', JSON.stringify(parseEntityId(container.id)));

// 3. Convert: normalized → concise (lossless) → back, and → keyValues (lossy).
const concise = toConcise(container);
console.log('concise:', JSON.stringify(concise, null, 2));
const roundTrip = toNormalized(concise);
console.log(
  'concise → normalized unchanged:',
  JSON.stringify(roundTrip) === JSON.stringify(container),
);
const keyValues = toKeyValues(container);
console.log('keyValues:', JSON.stringify(keyValues, null, 2));

// 4. keyValues lost the attribute types: hints bring them back (metadata stays lost).
const rebuilt = fromKeyValues(keyValues, {
  relationships: ['refDevice'],
  languageProperties: ['name'],
  unitCodes: { fillingLevel: 'P1' },
});
console.log('rebuilt refDevice:', JSON.stringify(rebuilt.refDevice));

// 5. Invalid input gives issues with JSON paths instead of exceptions.
const broken = checkEntityStructure(
  { id: 'container-1', type: 'WasteContainer', fillingLevel: { value: 2 } },
  'normalized',
);
if (!broken.success) {
  for (const issue of broken.issues)
    console.log(`issue at ${issue.path.join('.')}: ${issue.message}`);
}

// 6. Headers for sending concise JSON with the Smart Data Models context.
console.log(
  'headers:',
  JSON.stringify(
    contextHeaders({ contentType: 'application/json', context: SMART_DATA_MODELS_CONTEXT }),
  ),
);
