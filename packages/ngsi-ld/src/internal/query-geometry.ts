/**
 * GeoJSON validation and the geometry predicates behind geo-queries.
 * Topological relations are computed in the plane of (longitude, latitude) degrees, which
 * is exact for points and a close approximation for the small shapes of city data;
 * distances use the haversine formula on a sphere of radius 6 371 008.8 m.
 */

/** `[longitude, latitude]` or `[longitude, latitude, altitude]`. */
export type Position = number[];

/** The GeoJSON geometries NGSI-LD geo-queries use. */
export type QueryGeometry =
  | { type: 'Point'; coordinates: Position }
  | { type: 'MultiPoint'; coordinates: Position[] }
  | { type: 'LineString'; coordinates: Position[] }
  | { type: 'MultiLineString'; coordinates: Position[][] }
  | { type: 'Polygon'; coordinates: Position[][] }
  | { type: 'MultiPolygon'; coordinates: Position[][][] };

/** One problem in a geometry, with a JSON path into it. */
export interface GeometryIssue {
  path: (string | number)[];
  message: string;
  code: string;
}

export const GEOMETRY_TYPES = [
  'Point',
  'MultiPoint',
  'LineString',
  'MultiLineString',
  'Polygon',
  'MultiPolygon',
] as const;

/** How deep each geometry type nests its positions in `coordinates` (a Point's is the position). */
export const DEPTH: Readonly<Record<QueryGeometry['type'], number>> = {
  Point: 0,
  MultiPoint: 1,
  LineString: 1,
  MultiLineString: 2,
  Polygon: 2,
  MultiPolygon: 3,
};

function checkPosition(p: unknown, path: (string | number)[], issues: GeometryIssue[]): void {
  if (!Array.isArray(p) || p.length < 2 || p.length > 3) {
    issues.push({
      path,
      code: 'InvalidPosition',
      message: 'A position must be [longitude, latitude] or [longitude, latitude, altitude]',
    });
    return;
  }
  if (!p.every((n) => typeof n === 'number' && Number.isFinite(n))) {
    issues.push({
      path,
      code: 'InvalidPosition',
      message: 'Position members must be finite numbers',
    });
    return;
  }
  const [lon, lat] = p as [number, number];
  if (lon < -180 || lon > 180) {
    issues.push({
      path: [...path, 0],
      code: 'LongitudeOutOfRange',
      message: `Longitude ${lon} is outside -180..180`,
    });
  }
  if (lat < -90 || lat > 90) {
    issues.push({
      path: [...path, 1],
      code: 'LatitudeOutOfRange',
      message: `Latitude ${lat} is outside -90..90 (are longitude and latitude swapped?)`,
    });
  }
}

function checkNested(
  value: unknown,
  depth: number,
  path: (string | number)[],
  issues: GeometryIssue[],
  leafCheck: (list: unknown[], path: (string | number)[]) => void,
): void {
  if (depth === 0) {
    checkPosition(value, path, issues);
    return;
  }
  if (!Array.isArray(value)) {
    issues.push({ path, code: 'InvalidCoordinates', message: 'Expected an array' });
    return;
  }
  if (depth === 1) leafCheck(value, path);
  value.forEach((item, i) => {
    checkNested(item, depth - 1, [...path, i], issues, leafCheck);
  });
}

function samePosition(a: unknown, b: unknown): boolean {
  return Array.isArray(a) && Array.isArray(b) && a[0] === b[0] && a[1] === b[1];
}

/** Checks GeoJSON structure, coordinate ranges, line lengths and closed polygon rings. */
export function geometryIssues(input: unknown): GeometryIssue[] {
  const issues: GeometryIssue[] = [];
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return [{ path: [], code: 'InvalidGeometry', message: 'A geometry must be a GeoJSON object' }];
  }
  const g = input as { type?: unknown; coordinates?: unknown };
  if (typeof g.type !== 'string' || !(GEOMETRY_TYPES as readonly string[]).includes(g.type)) {
    return [
      {
        path: ['type'],
        code: 'UnsupportedGeometryType',
        message: `Geometry type must be one of ${GEOMETRY_TYPES.join(', ')}`,
      },
    ];
  }
  const type = g.type as QueryGeometry['type'];
  const isPolygon = type === 'Polygon' || type === 'MultiPolygon';
  const isLine = type === 'LineString' || type === 'MultiLineString';
  checkNested(g.coordinates, DEPTH[type], ['coordinates'], issues, (list, path) => {
    if (isLine && list.length < 2) {
      issues.push({ path, code: 'LineTooShort', message: 'A line needs at least 2 positions' });
    }
    if (isPolygon) {
      if (list.length < 4) {
        issues.push({
          path,
          code: 'RingTooShort',
          message: 'A polygon ring needs at least 4 positions',
        });
      } else if (!samePosition(list[0], list[list.length - 1])) {
        issues.push({
          path,
          code: 'RingNotClosed',
          message: 'A polygon ring must end with its first position',
        });
      }
    }
  });
  if (isPolygon && Array.isArray(g.coordinates) && g.coordinates.length === 0) {
    issues.push({
      path: ['coordinates'],
      code: 'InvalidCoordinates',
      message: 'A polygon needs an outer ring',
    });
  }
  return issues;
}

// ---- geometry decomposition ----------------------------------------------------------

type P = readonly [number, number];
type Ring = P[];
type Poly = Ring[];

interface Parts {
  points: P[];
  lines: P[][];
  polygons: Poly[];
  dim: 0 | 1 | 2;
}

const pos = (p: Position): P => [p[0] as number, p[1] as number];

export function decompose(g: QueryGeometry): Parts {
  switch (g.type) {
    case 'Point':
      return { points: [pos(g.coordinates)], lines: [], polygons: [], dim: 0 };
    case 'MultiPoint':
      return { points: g.coordinates.map(pos), lines: [], polygons: [], dim: 0 };
    case 'LineString':
      return { points: [], lines: [g.coordinates.map(pos)], polygons: [], dim: 1 };
    case 'MultiLineString':
      return { points: [], lines: g.coordinates.map((l) => l.map(pos)), polygons: [], dim: 1 };
    case 'Polygon':
      return { points: [], lines: [], polygons: [g.coordinates.map((r) => r.map(pos))], dim: 2 };
    case 'MultiPolygon':
      return {
        points: [],
        lines: [],
        polygons: g.coordinates.map((poly) => poly.map((r) => r.map(pos))),
        dim: 2,
      };
  }
}

const EPS = 1e-12;

function cross(o: P, a: P, b: P): number {
  return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
}

function onSegment(p: P, a: P, b: P): boolean {
  if (Math.abs(cross(a, b, p)) > EPS * Math.max(1, Math.abs(b[0] - a[0]) + Math.abs(b[1] - a[1]))) {
    return false;
  }
  return (
    p[0] >= Math.min(a[0], b[0]) - EPS &&
    p[0] <= Math.max(a[0], b[0]) + EPS &&
    p[1] >= Math.min(a[1], b[1]) - EPS &&
    p[1] <= Math.max(a[1], b[1]) + EPS
  );
}

function sign(x: number): number {
  return x > EPS ? 1 : x < -EPS ? -1 : 0;
}

function segmentsIntersect(a: P, b: P, c: P, d: P): boolean {
  const d1 = sign(cross(c, d, a));
  const d2 = sign(cross(c, d, b));
  const d3 = sign(cross(a, b, c));
  const d4 = sign(cross(a, b, d));
  if (d1 * d2 < 0 && d3 * d4 < 0) return true;
  return onSegment(a, c, d) || onSegment(b, c, d) || onSegment(c, a, b) || onSegment(d, a, b);
}

/** Interiors cross at one point that is not an endpoint of either segment. */
function segmentsCrossProperly(a: P, b: P, c: P, d: P): boolean {
  const d1 = sign(cross(c, d, a));
  const d2 = sign(cross(c, d, b));
  const d3 = sign(cross(a, b, c));
  const d4 = sign(cross(a, b, d));
  return d1 * d2 < 0 && d3 * d4 < 0;
}

/** Collinear segments sharing a piece of positive length. */
function segmentsOverlapCollinear(a: P, b: P, c: P, d: P): boolean {
  if (sign(cross(a, b, c)) !== 0 || sign(cross(a, b, d)) !== 0) return false;
  const ax = Math.abs(b[0] - a[0]) >= Math.abs(b[1] - a[1]) ? 0 : 1;
  const lo1 = Math.min(a[ax], b[ax]);
  const hi1 = Math.max(a[ax], b[ax]);
  const lo2 = Math.min(c[ax], d[ax]);
  const hi2 = Math.max(c[ax], d[ax]);
  return Math.min(hi1, hi2) - Math.max(lo1, lo2) > EPS;
}

type Location = 'interior' | 'boundary' | 'exterior';

function inRing(p: P, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i] as P;
    const b = ring[j] as P;
    if (
      a[1] > p[1] !== b[1] > p[1] &&
      p[0] < ((b[0] - a[0]) * (p[1] - a[1])) / (b[1] - a[1]) + a[0]
    ) {
      inside = !inside;
    }
  }
  return inside;
}

function locateInPolygon(p: P, poly: Poly): Location {
  for (const ring of poly) {
    for (let i = 1; i < ring.length; i++) {
      if (onSegment(p, ring[i - 1] as P, ring[i] as P)) return 'boundary';
    }
  }
  const [outer, ...holes] = poly;
  if (!outer || !inRing(p, outer)) return 'exterior';
  return holes.some((h) => inRing(p, h)) ? 'exterior' : 'interior';
}

function locate(p: P, g: Parts): Location {
  let best: Location = 'exterior';
  for (const q of g.points) if (q[0] === p[0] && q[1] === p[1]) return 'interior';
  for (const line of g.lines) {
    for (let i = 1; i < line.length; i++) {
      if (onSegment(p, line[i - 1] as P, line[i] as P)) return 'interior';
    }
  }
  for (const poly of g.polygons) {
    const l = locateInPolygon(p, poly);
    if (l === 'interior') return l;
    if (l === 'boundary') best = l;
  }
  return best;
}

function vertices(g: Parts): P[] {
  const out: P[] = [...g.points];
  for (const l of g.lines) out.push(...l);
  for (const poly of g.polygons) for (const r of poly) out.push(...r);
  return out;
}

function segments(g: Parts): [P, P][] {
  const out: [P, P][] = [];
  const add = (l: P[]): void => {
    for (let i = 1; i < l.length; i++) out.push([l[i - 1] as P, l[i] as P]);
  };
  for (const l of g.lines) add(l);
  for (const poly of g.polygons) for (const r of poly) add(r);
  return out;
}

function boundarySegments(g: Parts): [P, P][] {
  return segments({ points: [], lines: [], polygons: g.polygons, dim: 2 });
}

export function intersects(a: Parts, b: Parts): boolean {
  if (vertices(a).some((p) => locate(p, b) !== 'exterior')) return true;
  if (vertices(b).some((p) => locate(p, a) !== 'exterior')) return true;
  const sb = segments(b);
  return segments(a).some(([p, q]) => sb.some(([r, s]) => segmentsIntersect(p, q, r, s)));
}

const lerp = (a: P, b: P, t: number): P => [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];

/** Whether every point of `a` lies in or on `b`. */
export function within(a: Parts, b: Parts): boolean {
  if (a.dim > b.dim) return false;
  if (!vertices(a).every((p) => locate(p, b) !== 'exterior')) return false;
  const bBoundary = boundarySegments(b);
  for (const [p, q] of segments(a)) {
    for (const t of [0.25, 0.5, 0.75]) if (locate(lerp(p, q, t), b) === 'exterior') return false;
    if (bBoundary.some(([r, s]) => segmentsCrossProperly(p, q, r, s))) return false;
  }
  // A hole of b inside a polygon of a leaves part of a uncovered.
  if (a.polygons.length > 0) {
    for (const poly of b.polygons) {
      for (const hole of poly.slice(1)) {
        if (hole.some((p) => locate(p, a) === 'interior')) return false;
      }
    }
  }
  return true;
}

function interiorsMeet(a: Parts, b: Parts): boolean {
  if (vertices(a).some((p) => locate(p, b) === 'interior' && locate(p, a) === 'interior'))
    return true;
  const sa = segments(a);
  const sb = segments(b);
  if (a.dim === 1) {
    return sa.some(([p, q]) => sb.some(([r, s]) => segmentsOverlapCollinear(p, q, r, s)));
  }
  if (sa.some(([p, q]) => sb.some(([r, s]) => segmentsCrossProperly(p, q, r, s)))) return true;
  if (vertices(a).some((p) => locate(p, b) === 'interior')) return true;
  if (vertices(b).some((p) => locate(p, a) === 'interior')) return true;
  return sa.some(([p, q]) => locate(lerp(p, q, 0.5), b) === 'interior');
}

/** Same dimension, interiors meet, and neither contains the other. */
export function overlaps(a: Parts, b: Parts): boolean {
  if (a.dim !== b.dim) return false;
  if (!intersects(a, b) || within(a, b) || within(b, a)) return false;
  return a.dim === 0 ? true : interiorsMeet(a, b);
}

export function equals(a: Parts, b: Parts): boolean {
  return a.dim === b.dim && within(a, b) && within(b, a);
}

// ---- distances ------------------------------------------------------------------------

const R = 6_371_008.8;
const RAD = Math.PI / 180;

/** Great-circle distance in metres between two [lon, lat] points. */
export function haversine(a: P, b: P): number {
  const dLat = (b[1] - a[1]) * RAD;
  const dLon = (b[0] - a[0]) * RAD;
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * RAD) * Math.cos(b[1] * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
}

function wrapLon(d: number): number {
  return d > 180 ? d - 360 : d < -180 ? d + 360 : d;
}

/** Distance from p to segment ab: closest point found in a local plane around p, measured by haversine. */
function pointSegmentDistance(p: P, a: P, b: P): number {
  const k = Math.cos(p[1] * RAD);
  const ax = wrapLon(a[0] - p[0]) * k;
  const ay = a[1] - p[1];
  const bx = wrapLon(b[0] - p[0]) * k;
  const by = b[1] - p[1];
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2));
  return haversine(p, lerp(a, b, t));
}

function pointDistance(p: P, g: Parts): number {
  if (locate(p, g) !== 'exterior') return 0;
  let best = Number.POSITIVE_INFINITY;
  for (const q of g.points) best = Math.min(best, haversine(p, q));
  for (const [a, b] of segments(g)) best = Math.min(best, pointSegmentDistance(p, a, b));
  return best;
}

/** Shortest distance in metres between two geometries (0 when they intersect). */
export function distance(a: Parts, b: Parts): number {
  if (a.dim === 0 && b.dim === 0) {
    let best = Number.POSITIVE_INFINITY;
    for (const p of a.points) for (const q of b.points) best = Math.min(best, haversine(p, q));
    return best;
  }
  if (intersects(a, b)) return 0;
  let best = Number.POSITIVE_INFINITY;
  for (const p of vertices(a)) best = Math.min(best, pointDistance(p, b));
  for (const p of vertices(b)) best = Math.min(best, pointDistance(p, a));
  return best;
}
