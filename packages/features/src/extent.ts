/**
 * The extent of a collection, computed from the data: the bounding box of every geometry and
 * the first and last observation time, from one streamed pass over the broker.
 */
import type { NgsiLdClient } from '@smartcitylab/client';
import type { ResolvedCollection } from './collection.js';
import { plainValue } from './feature.js';

/**
 * A collection's spatial (CRS84) and temporal extent; `undefined` parts when no entity has one.
 *
 * @example
 * ```ts
 * const e: CollectionExtent = { bbox: [17.2, 62.3, 17.4, 62.5], interval: ['2024-01-01T00:00:00Z', null], count: 2 };
 * ```
 */
export interface CollectionExtent {
  bbox: [number, number, number, number] | undefined;
  interval: [string | null, string | null] | undefined;
  count: number;
}

function visit(coords: unknown, box: number[]): void {
  if (!Array.isArray(coords)) return;
  if (typeof coords[0] === 'number') {
    const [x, y] = coords as number[];
    if (typeof x === 'number' && typeof y === 'number') {
      if (x < (box[0] as number)) box[0] = x;
      if (y < (box[1] as number)) box[1] = y;
      if (x > (box[2] as number)) box[2] = x;
      if (y > (box[3] as number)) box[3] = y;
    }
    return;
  }
  for (const c of coords) visit(c, box);
}

function visitGeometry(g: unknown, box: number[]): void {
  if (typeof g !== 'object' || g === null) return;
  const geo = g as { coordinates?: unknown; geometries?: unknown };
  if (Array.isArray(geo.geometries)) for (const part of geo.geometries) visitGeometry(part, box);
  else visit(geo.coordinates, box);
}

/**
 * Pages through a collection's entities (only its GeoProperty and time property) and returns
 * its extent. Memory use does not grow with the collection.
 *
 * @example
 * ```ts
 * const extent = await computeExtent(client, collection);
 * ```
 * @throws {HttpError} when the broker refuses the query.
 */
export async function computeExtent(
  client: NgsiLdClient,
  collection: ResolvedCollection,
  pageSize = 1000,
): Promise<CollectionExtent> {
  const box = [
    Number.POSITIVE_INFINITY,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
  ];
  let first: number | undefined;
  let last: number | undefined;
  let count = 0;
  const entities = client.queryAll({
    type: collection.type,
    format: 'keyValues',
    limit: pageSize,
    ...(collection.q === undefined ? {} : { q: collection.q }),
  });
  for await (const e of entities) {
    count += 1;
    const entity = e as Record<string, unknown>;
    visitGeometry(entity[collection.geoproperty], box);
    const t = plainValue(entity[collection.datetime]);
    const ms = typeof t === 'string' ? Date.parse(t) : Number.NaN;
    if (!Number.isNaN(ms)) {
      if (first === undefined || ms < first) first = ms;
      if (last === undefined || ms > last) last = ms;
    }
  }
  return {
    bbox: Number.isFinite(box[0]) ? (box as [number, number, number, number]) : undefined,
    interval:
      first === undefined
        ? undefined
        : [new Date(first).toISOString(), new Date(last as number).toISOString()],
    count,
  };
}
