/**
 * GeoJSON position helpers shared by the SWEREF 99 conversions (`geo.ts`, which needs proj4) and
 * the coordinate check (`coordinates.ts`, which must not): kept apart so that the check's module
 * graph never reaches proj4.
 */
import { DEPTH, type QueryGeometry } from './query-geometry.js';

export function finite(...ns: unknown[]): boolean {
  return ns.every((n) => typeof n === 'number' && Number.isFinite(n));
}

export function isGeometry(v: unknown): v is QueryGeometry {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as { type?: unknown }).type === 'string' &&
    Array.isArray((v as { coordinates?: unknown }).coordinates)
  );
}

/** {@link DEPTH} by any type name: a geometry from user input may name a type it does not have. */
export const NESTING: Readonly<Record<string, number>> = DEPTH;
