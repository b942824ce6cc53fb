/** Small GeoJSON geometry helpers for the checks. */

const DEPTH: Readonly<Record<string, number>> = {
  Point: 0,
  MultiPoint: 1,
  LineString: 1,
  MultiLineString: 2,
  Polygon: 2,
  MultiPolygon: 3,
};

function positionProblem(value: unknown, depth: number): string | undefined {
  if (!Array.isArray(value)) return 'has coordinates that are not arrays';
  if (depth === 0) {
    if (
      value.length < 2 ||
      value.length > 3 ||
      value.some((n) => typeof n !== 'number' || !Number.isFinite(n))
    )
      return 'has a position that is not 2 or 3 finite numbers';
    return undefined;
  }
  for (const v of value) {
    const p = positionProblem(v, depth - 1);
    if (p) return p;
  }
  return undefined;
}

/** Why a value is not a GeoJSON geometry, or undefined when it is one. */
export function geometryProblem(g: unknown): string | undefined {
  if (typeof g !== 'object' || g === null) return 'has a geometry that is not an object';
  const t = (g as { type?: unknown }).type;
  if (t === 'GeometryCollection') {
    const parts = (g as { geometries?: unknown }).geometries;
    if (!Array.isArray(parts)) return 'has a GeometryCollection without geometries';
    for (const p of parts) {
      const e = geometryProblem(p);
      if (e) return e;
    }
    return undefined;
  }
  const depth = typeof t === 'string' ? DEPTH[t] : undefined;
  if (depth === undefined) return `has an unknown geometry type ${JSON.stringify(t)}`;
  return positionProblem((g as { coordinates?: unknown }).coordinates, depth);
}

/** Every position of a geometry, flattened. */
export function positionsOf(g: unknown): number[][] {
  const out: number[][] = [];
  const walk = (v: unknown): void => {
    if (!Array.isArray(v)) return;
    if (typeof v[0] === 'number') out.push(v as number[]);
    else for (const x of v) walk(x);
  };
  if (typeof g === 'object' && g !== null) {
    const geo = g as { coordinates?: unknown; geometries?: unknown };
    if (Array.isArray(geo.geometries)) for (const p of geo.geometries) out.push(...positionsOf(p));
    else walk(geo.coordinates);
  }
  return out;
}
