/**
 * Point-in-region tests against a detailed outline in constant time per point: the region's
 * box is cut into cells; a cell no edge touches is wholly inside or outside, and a point in a
 * cell that edges touch is decided by the few edges of that cell. Built once per outline.
 */

/** Cell size in degrees. */
const CELL = 0.2;

export interface RegionIndex {
  /** True when `[lon, lat]` lies inside the outline or within the margin of its edge. */
  contains(lon: number, lat: number): boolean;
}

/** Builds an index over outer rings (flat `[lon, lat, ...]` lists) and optional holes. */
export function buildRegionIndex(
  polygons: readonly { outer: readonly number[]; holes: readonly (readonly number[])[] }[],
  marginKm: number,
): RegionIndex {
  const edges: number[] = []; // x1, y1, x2, y2 per edge
  let minX = 180;
  let minY = 90;
  let maxX = -180;
  let maxY = -90;
  for (const p of polygons) {
    for (const ring of [p.outer, ...p.holes]) {
      const n = ring.length / 2;
      for (let i = 0; i < n; i++) {
        const j = (i + 1) % n;
        const x1 = ring[i * 2] ?? 0;
        const y1 = ring[i * 2 + 1] ?? 0;
        const x2 = ring[j * 2] ?? 0;
        const y2 = ring[j * 2 + 1] ?? 0;
        if (x1 === x2 && y1 === y2) continue;
        edges.push(x1, y1, x2, y2);
        minX = Math.min(minX, x1);
        minY = Math.min(minY, y1);
        maxX = Math.max(maxX, x1);
        maxY = Math.max(maxY, y1);
      }
    }
  }
  const marginLat = marginKm / 111;
  // The widest longitude margin is at the region's northern edge.
  const marginLon =
    marginKm /
    (111 * Math.max(0.05, Math.cos((Math.max(Math.abs(minY), Math.abs(maxY)) * Math.PI) / 180)));
  minX -= marginLon + CELL;
  minY -= marginLat + CELL;
  maxX += marginLon + CELL;
  maxY += marginLat + CELL;
  const cols = Math.max(1, Math.ceil((maxX - minX) / CELL));
  const rows = Math.max(1, Math.ceil((maxY - minY) / CELL));
  const cellEdges: (number[] | undefined)[] = new Array(cols * rows);
  for (let e = 0; e < edges.length; e += 4) {
    const x1 = edges[e] ?? 0;
    const y1 = edges[e + 1] ?? 0;
    const x2 = edges[e + 2] ?? 0;
    const y2 = edges[e + 3] ?? 0;
    const c0 = Math.floor((Math.min(x1, x2) - marginLon - minX) / CELL);
    const c1 = Math.floor((Math.max(x1, x2) + marginLon - minX) / CELL);
    const r0 = Math.floor((Math.min(y1, y2) - marginLat - minY) / CELL);
    const r1 = Math.floor((Math.max(y1, y2) + marginLat - minY) / CELL);
    for (let r = Math.max(0, r0); r <= Math.min(rows - 1, r1); r++) {
      for (let c = Math.max(0, c0); c <= Math.min(cols - 1, c1); c++) {
        const k = r * cols + c;
        let list = cellEdges[k];
        if (!list) {
          list = [];
          cellEdges[k] = list;
        }
        list.push(e);
      }
    }
  }
  // Whether each cell's centre is inside: one scanline per row of cells, crossings sorted.
  const centreInside = new Uint8Array(cols * rows);
  for (let r = 0; r < rows; r++) {
    const y = minY + (r + 0.5) * CELL;
    const xs: number[] = [];
    for (let e = 0; e < edges.length; e += 4) {
      const y1 = edges[e + 1] ?? 0;
      const y2 = edges[e + 3] ?? 0;
      if (y1 > y === y2 > y) continue;
      const x1 = edges[e] ?? 0;
      const x2 = edges[e + 2] ?? 0;
      xs.push(((x2 - x1) * (y - y1)) / (y2 - y1) + x1);
    }
    xs.sort((a, b) => a - b);
    let k = 0;
    for (let c = 0; c < cols; c++) {
      const x = minX + (c + 0.5) * CELL;
      while (k < xs.length && (xs[k] ?? 0) <= x) k++;
      // Crossings to the right of the centre: their parity says inside or outside.
      centreInside[r * cols + c] = (xs.length - k) % 2;
    }
  }

  return {
    contains(lon, lat) {
      const c = Math.floor((lon - minX) / CELL);
      const r = Math.floor((lat - minY) / CELL);
      if (c < 0 || r < 0 || c >= cols || r >= rows) return false;
      const k = r * cols + c;
      const list = cellEdges[k];
      let inside = centreInside[k] === 1;
      if (!list) return inside;
      // Parity of crossings between the point and the cell centre, whose side is known.
      const cx = minX + (c + 0.5) * CELL;
      const cy = minY + (r + 0.5) * CELL;
      for (const e of list) if (segmentsCross(lon, lat, cx, cy, edges, e)) inside = !inside;
      if (inside || marginKm <= 0) return inside;
      const k2 = Math.cos((lat * Math.PI) / 180);
      for (const e of list) {
        if (distanceKm(lon, lat, edges, e, k2) <= marginKm) return true;
      }
      return false;
    },
  };
}

function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  return Math.sign((bx - ax) * (cy - ay) - (by - ay) * (cx - ax));
}

function segmentsCross(
  px: number,
  py: number,
  qx: number,
  qy: number,
  edges: readonly number[],
  e: number,
): boolean {
  const x1 = edges[e] ?? 0;
  const y1 = edges[e + 1] ?? 0;
  const x2 = edges[e + 2] ?? 0;
  const y2 = edges[e + 3] ?? 0;
  // A vertex exactly on the segment counts as lying on its negative side, so a boundary passing
  // through a vertex is crossed once, not twice.
  const s1 = orient(px, py, qx, qy, x1, y1) > 0;
  const s2 = orient(px, py, qx, qy, x2, y2) > 0;
  if (s1 === s2) return false;
  return orient(x1, y1, x2, y2, px, py) * orient(x1, y1, x2, y2, qx, qy) < 0;
}

function distanceKm(
  x: number,
  y: number,
  edges: readonly number[],
  e: number,
  cosLat: number,
): number {
  const ax = (edges[e] ?? 0) * cosLat;
  const ay = edges[e + 1] ?? 0;
  const bx = (edges[e + 2] ?? 0) * cosLat;
  const by = edges[e + 3] ?? 0;
  const px = x * cosLat;
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (y - ay) * dy) / len2));
  return Math.hypot(px - (ax + t * dx), y - (ay + t * dy)) * 111.2;
}
