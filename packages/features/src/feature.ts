/**
 * NGSI-LD entity (keyValues) → GeoJSON Feature, with the entity id as the feature id.
 */
import type { ResolvedCollection } from './collection.js';
import { fromCrs84, type Geometry, type SupportedCrs } from './crs.js';

/**
 * A GeoJSON Feature as served: `id` is the NGSI-LD entity id.
 *
 * @example
 * ```ts
 * const f: Feature = { type: 'Feature', id: 'urn:ngsi-ld:Sensor:1', geometry: null, properties: {} };
 * ```
 */
export interface Feature {
  type: 'Feature';
  id: string;
  geometry: Geometry | null;
  properties: Record<string, unknown>;
  links?: { href: string; rel: string; type?: string; title?: string }[];
}

function isGeometry(v: unknown): v is Geometry {
  if (typeof v !== 'object' || v === null) return false;
  const g = v as { type?: unknown; coordinates?: unknown; geometries?: unknown };
  return (
    typeof g.type === 'string' &&
    (Array.isArray(g.coordinates) ||
      (g.type === 'GeometryCollection' && Array.isArray(g.geometries)))
  );
}

/**
 * A JSON-LD typed value (`{ "@type": "DateTime", "@value": "..." }`, as keyValues gives for
 * NGSI-LD DateTime properties) becomes its plain `@value`, which GIS clients read as a date.
 *
 * @example
 * ```ts
 * plainValue({ '@type': 'DateTime', '@value': '2024-01-01T00:00:00Z' }); // '2024-01-01T00:00:00Z'
 * ```
 */
export function plainValue(value: unknown): unknown {
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && '@value' in value) {
    return (value as { '@value': unknown })['@value'];
  }
  return value;
}

/**
 * Converts a keyValues entity into a GeoJSON Feature in `crs`. The collection's GeoProperty
 * becomes the geometry (null when absent or not GeoJSON); every other attribute, and the entity
 * type, becomes a property. `@context` is dropped.
 *
 * @example
 * ```ts
 * entityToFeature({ id: 'urn:ngsi-ld:X:1', type: 'X', location: { type: 'Point', coordinates: [17.3, 62.4] } }, collection, parseCrs(CRS84));
 * ```
 * @throws {NgsiLdError} code `InvalidCoordinates` when the geometry cannot be projected.
 */
export function entityToFeature(
  entity: Record<string, unknown>,
  collection: Pick<ResolvedCollection, 'geoproperty'>,
  crs: SupportedCrs,
): Feature {
  const properties: Record<string, unknown> = {};
  let geometry: Geometry | null = null;
  for (const key in entity) {
    if (key === 'id' || key === '@context') continue;
    const value = entity[key];
    if (key === collection.geoproperty) {
      if (isGeometry(value)) geometry = fromCrs84(value, crs);
      continue;
    }
    properties[key] = plainValue(value);
  }
  return { type: 'Feature', id: String(entity.id), geometry, properties };
}
