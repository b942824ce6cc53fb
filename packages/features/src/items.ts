/**
 * One page of `/collections/{id}/items`: the NGSI-LD query it becomes, and the features,
 * fetched from the broker in pages of at most `brokerPageSize` so no more than one answer page
 * is ever held in memory.
 */
import type { NgsiLdClient, QueryEntitiesOptions } from '@smartcitylab/client';
import type { ResolvedCollection } from './collection.js';
import { bboxPolygon } from './crs.js';
import { entityToFeature } from './feature.js';
import type { ItemsParams } from './internal/params.js';
import { badParam } from './internal/params.js';

/** The NGSI-LD query options for a collection and the filters of one request. */
export function brokerQuery(
  collection: ResolvedCollection,
  params: Pick<ItemsParams, 'bbox' | 'bboxCrs' | 'filter'>,
): QueryEntitiesOptions {
  const options: QueryEntitiesOptions = { type: collection.type, format: 'keyValues' };
  const terms: string[] = [];
  if (collection.q !== undefined) terms.push(`(${collection.q})`);
  if (params.filter !== undefined) terms.push(params.filter.toString());
  if (terms.length > 0) options.q = terms.join(';');
  if (params.bbox !== undefined) {
    let polygon: ReturnType<typeof bboxPolygon>;
    try {
      polygon = bboxPolygon(params.bbox, params.bboxCrs);
    } catch (e) {
      throw badParam(
        `bbox ${params.bbox.join(',')} is not valid in ${params.bboxCrs.uri}: ${(e as Error).message}`,
      );
    }
    options.georel = 'intersects';
    options.geometry = 'Polygon';
    options.coordinates = polygon.coordinates;
    if (collection.geoproperty !== 'location') options.geoproperty = collection.geoproperty;
  }
  return options;
}

/** What {@link streamItems} reports before the first feature. */
export interface ItemsHead {
  numberMatched: number | undefined;
}

/**
 * Yields the features of one items page as JSON text, one string per feature, after calling
 * `onHead` once with the broker's total count.
 *
 * @throws {HttpError} when the broker refuses the query.
 */
export async function* streamItems(
  client: NgsiLdClient,
  collection: ResolvedCollection,
  params: ItemsParams,
  brokerPageSize: number,
  onHead: (head: ItemsHead) => void,
): AsyncGenerator<string, void, undefined> {
  const base = brokerQuery(collection, params);
  let offset = params.offset;
  let remaining = params.limit;
  let first = true;
  while (remaining > 0) {
    const size = Math.min(remaining, brokerPageSize);
    const page = await client.queryEntities({ ...base, offset, limit: size, count: first });
    if (first) onHead({ numberMatched: page.count });
    first = false;
    for (const e of page.entities) {
      yield JSON.stringify(entityToFeature(e as Record<string, unknown>, collection, params.crs));
    }
    if (page.entities.length < size) return;
    offset += size;
    remaining -= size;
  }
  if (first) onHead({ numberMatched: undefined });
}
