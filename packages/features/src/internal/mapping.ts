/** One GeoJSON feature (already in WGS84) → one normalized NGSI-LD entity. */
import type { NormalizedEntity } from '@smartcitylab/ngsi-ld';
import type { Geometry } from '../crs.js';
import { FeaturesError } from '../errors.js';
import type { FeatureMapping } from '../reader.js';

const ATTR = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Makes a property name a valid NGSI-LD attribute name. */
export function attributeName(name: string): string {
  const folded = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9_]/g, '_');
  return ATTR.test(folded) ? folded : `_${folded}`;
}

function entityId(
  feature: { id?: string | number; properties: Record<string, unknown> | null },
  mapping: FeatureMapping,
): string {
  const fid = feature.id === undefined ? undefined : String(feature.id);
  const template =
    mapping.id ?? (fid?.startsWith('urn:') ? '{id}' : `urn:ngsi-ld:${mapping.type}:{id}`);
  const id = template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const v = name === 'id' ? fid : feature.properties?.[name];
    if (v === undefined || v === null || v === '') {
      throw new FeaturesError(
        `id template "${template}" needs "${name}", which feature ${fid ?? '(without id)'} lacks; change the mapping's id`,
        { code: 'InvalidMapping' },
      );
    }
    return encodeURIComponent(String(v)).replace(/%3A/gi, ':');
  });
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:\S+$/.test(id)) {
    throw new FeaturesError(
      `id "${id}" made by the mapping is not a URI; start the id template with urn:ngsi-ld:`,
      {
        code: 'InvalidMapping',
      },
    );
  }
  return id;
}

export function mapFeature(
  feature: {
    id?: string | number;
    geometry: Geometry | null;
    properties: Record<string, unknown> | null;
  },
  mapping: FeatureMapping,
): NormalizedEntity {
  const entity: Record<string, unknown> = { id: entityId(feature, mapping), type: mapping.type };
  const props = feature.properties ?? {};
  if (mapping.attributes) {
    for (const [name, spec] of Object.entries(mapping.attributes)) {
      const from = typeof spec === 'string' ? spec : spec.from;
      const v = props[from];
      if (v === undefined || v === null) continue;
      entity[name] =
        typeof spec !== 'string' && spec.kind === 'Relationship'
          ? { type: 'Relationship', object: String(v) }
          : { type: 'Property', value: v };
    }
  } else {
    for (const [key, v] of Object.entries(props)) {
      if (v === undefined || v === null || key === 'id' || key === 'type') continue;
      entity[attributeName(key)] = { type: 'Property', value: v };
    }
  }
  if (feature.geometry)
    entity[mapping.geoproperty ?? 'location'] = { type: 'GeoProperty', value: feature.geometry };
  return entity as NormalizedEntity;
}
