/**
 * Which NGSI-LD entities a collection serves and how: the entity type, the GeoProperty that
 * becomes the feature geometry, the property holding the observation time, and the
 * properties a client may filter on.
 */
import { FeaturesError } from './errors.js';

/**
 * One collection of the features API.
 *
 * @example
 * ```ts
 * const c: CollectionConfig = {
 *   id: 'waste-containers',
 *   type: 'WasteContainer',
 *   title: 'Waste containers',
 *   queryables: ['status', 'fillingLevel'],
 * };
 * ```
 */
export interface CollectionConfig {
  /** Collection id in URLs (letters, digits, `-`, `_`, `.`). */
  id: string;
  /** NGSI-LD entity type served (short name or IRI, as the broker knows it). */
  type: string;
  title?: string;
  description?: string;
  /** GeoProperty used as the feature geometry (default `location`). */
  geoproperty?: string;
  /** Property holding the observation time, used by `datetime` (default `dateObserved`). */
  datetime?: string;
  /** Properties allowed as simple filters (`?status=ok`); others get a 400. */
  queryables?: readonly string[];
  /** An extra NGSI-LD `q` every request of this collection adds. */
  q?: string;
}

/** A collection with every default filled in. */
export interface ResolvedCollection {
  id: string;
  type: string;
  title: string;
  description: string;
  geoproperty: string;
  datetime: string;
  queryables: readonly string[];
  q: string | undefined;
}

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const ATTR = /^[A-Za-z_][A-Za-z0-9_:]*$/;

/**
 * Fills in defaults and checks a collection list: a plain string is an entity type whose
 * collection id is the type name.
 *
 * @throws {FeaturesError} code `InvalidConfiguration` for an empty list, a bad or duplicate id.
 */
export function resolveCollections(
  list: readonly (CollectionConfig | string)[],
): ResolvedCollection[] {
  if (list.length === 0) {
    throw new FeaturesError('collections is empty; name at least one entity type to serve', {
      code: 'InvalidConfiguration',
    });
  }
  const seen = new Set<string>();
  return list.map((item) => {
    const c: CollectionConfig = typeof item === 'string' ? { id: item, type: item } : item;
    if (!ID.test(c.id)) {
      throw new FeaturesError(
        `collection id "${c.id}" must start with a letter or digit and hold only letters, digits, ".", "-" and "_"`,
        { code: 'InvalidConfiguration' },
      );
    }
    if (seen.has(c.id)) {
      throw new FeaturesError(`collection id "${c.id}" is used twice; ids must be unique`, {
        code: 'InvalidConfiguration',
      });
    }
    seen.add(c.id);
    for (const name of c.queryables ?? []) {
      if (!ATTR.test(name) || RESERVED.has(name)) {
        throw new FeaturesError(
          `queryable "${name}" of collection "${c.id}" is not a usable attribute name (or clashes with a standard parameter)`,
          { code: 'InvalidConfiguration' },
        );
      }
    }
    return {
      id: c.id,
      type: c.type,
      title: c.title ?? c.type,
      description: c.description ?? `NGSI-LD entities of type ${c.type}`,
      geoproperty: c.geoproperty ?? 'location',
      datetime: c.datetime ?? 'dateObserved',
      queryables: c.queryables ?? [],
      q: c.q,
    };
  });
}

/** The query parameters the items endpoint understands besides the queryables. */
export const RESERVED: ReadonlySet<string> = new Set([
  'f',
  'limit',
  'offset',
  'bbox',
  'bbox-crs',
  'crs',
  'datetime',
]);
