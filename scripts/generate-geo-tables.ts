/**
 * Generates the geographic tables of @smartcitylab/validate from public-domain Natural Earth data,
 * read through the `world-atlas` npm package (TopoJSON), and country codes and names from
 * `i18n-iso-countries`:
 *
 * - `packages/validate/src/generated/sweden-outline.ts`: Sweden's land outline (Natural Earth
 *   1:10m admin-0), simplified with Douglas-Peucker, small islets dropped.
 * - `packages/validate/src/generated/country-boxes.ts`: per country, the bounding boxes of its
 *   polygons (1:50m), keyed by ISO 3166-1 alpha-2, plus the names and codes that
 *   `addressCountry` values use, for worldwide swapped-coordinate detection.
 *
 * Both are written in the compact text that `packages/validate/src/internal/geo-codec.ts` decodes
 * (see there for the format): it compresses to about half of what array literals do.
 *
 * Run: node --import tsx scripts/generate-geo-tables.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const OUT = join(import.meta.dirname, '..', 'packages', 'validate', 'src', 'generated');

interface Topology {
  transform?: { scale: [number, number]; translate: [number, number] };
  arcs: number[][][];
  objects: Record<
    string,
    {
      geometries: {
        type: string;
        id?: string;
        properties?: { name?: string };
        arcs: unknown;
      }[];
    }
  >;
}

type Ring = [number, number][];

function load(file: string): Topology {
  return JSON.parse(readFileSync(require.resolve(`world-atlas/${file}`), 'utf8')) as Topology;
}

/** Decodes the quantized, delta-encoded arcs of a topology into absolute positions. */
function decodeArcs(topo: Topology): Ring[] {
  const t = topo.transform;
  return topo.arcs.map((arc) => {
    let x = 0;
    let y = 0;
    return arc.map((p) => {
      if (!t) return [p[0] ?? 0, p[1] ?? 0] as [number, number];
      x += p[0] ?? 0;
      y += p[1] ?? 0;
      return [x * t.scale[0] + t.translate[0], y * t.scale[1] + t.translate[1]] as [number, number];
    });
  });
}

function ringOf(arcs: Ring[], refs: number[]): Ring {
  const out: Ring = [];
  for (const ref of refs) {
    const arc = ref >= 0 ? arcs[ref]! : [...arcs[~ref]!].reverse();
    for (let i = out.length === 0 ? 0 : 1; i < arc.length; i++) out.push(arc[i]!);
  }
  return out;
}

/** The polygons (outer ring first, then holes) of one geometry. */
function polygonsOf(arcs: Ring[], g: { type: string; arcs: unknown }): Ring[][] {
  if (g.type === 'Polygon') return [(g.arcs as number[][]).map((r) => ringOf(arcs, r))];
  if (g.type === 'MultiPolygon')
    return (g.arcs as number[][][]).map((p) => p.map((r) => ringOf(arcs, r)));
  return [];
}

function area(ring: Ring): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    a += (ring[j]![0] - ring[i]![0]) * (ring[j]![1] + ring[i]![1]);
  }
  return Math.abs(a / 2);
}

/** Douglas-Peucker in degrees, longitude scaled by cos(latitude) so the tolerance is isotropic. */
function simplify(ring: Ring, tolerance: number): Ring {
  const keep = new Uint8Array(ring.length);
  keep[0] = 1;
  keep[ring.length - 1] = 1;
  const stack: [number, number][] = [[0, ring.length - 1]];
  while (stack.length > 0) {
    const [a, b] = stack.pop()!;
    const [ax, ay] = ring[a]!;
    const [bx, by] = ring[b]!;
    const k = Math.cos((((ay + by) / 2) * Math.PI) / 180);
    let worst = -1;
    let index = -1;
    for (let i = a + 1; i < b; i++) {
      const [px, py] = ring[i]!;
      const dx = (bx - ax) * k;
      const dy = by - ay;
      const len = Math.hypot(dx, dy);
      const d =
        len === 0
          ? Math.hypot((px - ax) * k, py - ay)
          : Math.abs(dx * (ay - py) - (ax - px) * k * dy) / len;
      if (d > worst) {
        worst = d;
        index = i;
      }
    }
    if (worst > tolerance && index > 0) {
      keep[index] = 1;
      stack.push([a, index], [index, b]);
    }
  }
  return ring.filter((_, i) => keep[i] === 1);
}

const round = (n: number, digits: number): number => Number(n.toFixed(digits));

// The encoder of packages/validate/src/internal/geo-codec.ts: 89 digits from '#' to '~' without
// the quote, backslash and backtick; a number is one digit below 88, or '~' and three digits.
const DIGITS = Array.from({ length: 92 }, (_, i) => String.fromCharCode(35 + i))
  .filter((c) => c !== "'" && c !== '\\' && c !== '`')
  .join('');
const ESCAPE = 88;

function encodeUnsigned(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n >= DIGITS.length ** 3) {
    throw new Error(
      `cannot encode ${n}: the tables hold integers from 0 to ${DIGITS.length ** 3 - 1}`,
    );
  }
  if (n < ESCAPE) return DIGITS[n]!;
  const b = DIGITS.length;
  return (
    DIGITS[ESCAPE]! +
    DIGITS[Math.floor(n / b / b)]! +
    DIGITS[Math.floor(n / b) % b]! +
    DIGITS[n % b]!
  );
}

const encodeSigned = (n: number): string => encodeUnsigned(n >= 0 ? 2 * n : -2 * n - 1);

/** Integer hundredths of a degree, checked to give the value back exactly when divided by 100. */
function hundredths(v: number): number {
  const k = Math.round(v * 100);
  if (k / 100 !== v) throw new Error(`${v} is not a whole number of hundredths of a degree`);
  return k;
}

/**
 * Rings as the position-by-position differences in hundredths of a degree, carried across
 * rings from (0, 0); one string per ring.
 */
function encodeRings(rings: readonly (readonly number[])[]): string[] {
  let x = 0;
  let y = 0;
  return rings.map((flat) => {
    let out = '';
    for (let i = 0; i + 1 < flat.length; i += 2) {
      const nx = hundredths(flat[i]!);
      const ny = hundredths(flat[i + 1]!);
      out += encodeSigned(nx - x) + encodeSigned(ny - y);
      x = nx;
      y = ny;
    }
    return out;
  });
}

/** A generated `readonly string[]` constant, one string per line. */
function stringList(doc: string, name: string, items: readonly string[]): string {
  return `
/** ${doc} */
export const ${name}: readonly string[] = [
${items.map((s) => `  ${JSON.stringify(s)},`).join('\n')}
];
`;
}

function swedenOutline(): string {
  const topo = load('countries-10m.json');
  const arcs = decodeArcs(topo);
  const sweden = topo.objects.countries!.geometries.find((g) => g.id === '752');
  if (!sweden) throw new Error('Sweden (ISO numeric 752) not found in countries-10m.json');
  const polygons = polygonsOf(arcs, sweden)
    // Islets under about 4 km² are dropped: the region rule allows a margin around the coast.
    .filter((p) => area(p[0]!) > 0.0008)
    .map((p) => [p[0]!].map((r) => simplify(r, 0.006).map(([x, y]) => [round(x, 2), round(y, 2)])))
    .filter((p) => p[0]!.length >= 4);
  const points = polygons.reduce((n, p) => n + p[0]!.length, 0);
  return `// Generated by scripts/generate-geo-tables.ts from world-atlas@${
    require('world-atlas/package.json').version
  } countries-10m.json (Natural Earth 1:10m admin-0, public domain). Do not edit by hand.
// ${polygons.length} polygons, ${points} positions, simplified to about 600 m.
// Encoded as src/internal/geo-codec.ts describes; decodeRings gives flat [lon, lat, ...] lists.
${stringList(
  "Outer rings of Sweden's land polygons (WGS84), encoded for `decodeRings`.",
  'SWEDEN_RINGS',
  encodeRings(polygons.map((p) => p[0]!.flat())),
)}`;
}

/** Sutherland-Hodgman clipping of a ring to a rectangle. */
function clip(ring: Ring, [x0, y0, x1, y1]: [number, number, number, number]): Ring {
  let out = ring;
  const edges: [
    (p: [number, number]) => boolean,
    (a: [number, number], b: [number, number]) => [number, number],
  ][] = [
    [(p) => p[0] >= x0, (a, b) => [x0, a[1] + ((b[1] - a[1]) * (x0 - a[0])) / (b[0] - a[0])]],
    [(p) => p[0] <= x1, (a, b) => [x1, a[1] + ((b[1] - a[1]) * (x1 - a[0])) / (b[0] - a[0])]],
    [(p) => p[1] >= y0, (a, b) => [a[0] + ((b[0] - a[0]) * (y0 - a[1])) / (b[1] - a[1]), y0]],
    [(p) => p[1] <= y1, (a, b) => [a[0] + ((b[0] - a[0]) * (y1 - a[1])) / (b[1] - a[1]), y1]],
  ];
  for (const [inside, cut] of edges) {
    const input = out;
    out = [];
    for (let i = 0; i < input.length; i++) {
      const cur = input[i]!;
      const prev = input[(i + input.length - 1) % input.length]!;
      if (inside(cur)) {
        if (!inside(prev)) out.push(cut(prev, cur));
        out.push(cur);
      } else if (inside(prev)) out.push(cut(prev, cur));
    }
    if (out.length === 0) break;
  }
  return out;
}

/**
 * Land of Sweden's neighbours (Denmark, Norway, Finland with Åland) near Sweden, so the sea
 * margin around the Swedish outline never reaches into Copenhagen, Helsingør or Tornio.
 */
function neighbourRings(): string {
  const topo = load('countries-10m.json');
  const arcs = decodeArcs(topo);
  const box: [number, number, number, number] = [10.0, 54.8, 25.0, 69.9];
  const rings: number[][] = [];
  for (const id of ['208', '578', '246']) {
    const g = topo.objects.countries!.geometries.find((x) => x.id === id);
    if (!g) throw new Error(`country ${id} not found in countries-10m.json`);
    for (const p of polygonsOf(arcs, g)) {
      const c = clip(p[0]!, box);
      if (c.length < 4 || area(c) < 0.0008) continue;
      const closed: Ring = [...c, c[0]!];
      const s = simplify(closed, 0.01).slice(0, -1);
      if (s.length >= 3) rings.push(s.flatMap(([x, y]) => [round(x, 2), round(y, 2)]));
    }
  }
  return stringList(
    "Outer rings of Denmark's, Norway's and Finland's land near Sweden (clipped), encoded for `decodeRings`.",
    'NEIGHBOUR_RINGS',
    encodeRings(rings),
  );
}

function countryBoxes(): string {
  const countries = require('i18n-iso-countries') as {
    registerLocale(l: unknown): void;
    numericToAlpha2(n: string): string | undefined;
    getAlpha3Code?: unknown;
    alpha2ToAlpha3(a: string): string | undefined;
    getNames(lang: string, o?: { select: 'official' | 'alias' | 'all' }): Record<string, string[]>;
  };
  countries.registerLocale(require('i18n-iso-countries/langs/en.json'));
  countries.registerLocale(require('i18n-iso-countries/langs/sv.json'));
  const topo = load('countries-50m.json');
  const arcs = decodeArcs(topo);
  // Several geometries can carry one ISO code (Australia and its Ashmore and Cartier islets are
  // both 036): gather every polygon of a code before picking the largest, so no later islet
  // replaces the mainland.
  const partsOf: Record<string, { b: number[]; size: number }[]> = {};
  for (const g of topo.objects.countries!.geometries) {
    const alpha2 = g.id === undefined ? undefined : countries.numericToAlpha2(g.id);
    if (!alpha2) continue;
    const parts = polygonsOf(arcs, g)
      .map((p) => p[0]!)
      .map((ring) => {
        const b = [180, 90, -180, -90];
        for (const [x, y] of ring) {
          b[0] = Math.min(b[0]!, x);
          b[1] = Math.min(b[1]!, y);
          b[2] = Math.max(b[2]!, x);
          b[3] = Math.max(b[3]!, y);
        }
        return { b, size: area(ring) };
      });
    partsOf[alpha2] = [...(partsOf[alpha2] ?? []), ...parts];
  }
  const boxes: Record<string, number[][]> = {};
  for (const [alpha2, all] of Object.entries(partsOf)) {
    const parts = [...all].sort((a, b) => b.size - a.size);
    // The largest polygons carry the country; tiny islets add bytes and no detection power.
    const kept = parts.filter((p, i) => i < 2 || p.size > 2).slice(0, 5);
    // Rounded outwards to half degrees: a box only has to tell a position from its swap.
    boxes[alpha2] = kept.map((p) => [
      Math.floor(p.b[0]! * 2) / 2,
      Math.floor(p.b[1]! * 2) / 2,
      Math.ceil(p.b[2]! * 2) / 2,
      Math.ceil(p.b[3]! * 2) / 2,
    ]);
  }
  const aliases: Record<string, string> = {};
  const add = (name: string, alpha2: string) => {
    const key = name
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase();
    if (Object.hasOwn(boxes, alpha2) && !Object.hasOwn(aliases, key)) aliases[key] = alpha2;
  };
  for (const lang of ['en', 'sv']) {
    for (const [alpha2, names] of Object.entries(countries.getNames(lang, { select: 'all' }))) {
      for (const n of names) add(n, alpha2);
    }
  }
  for (const alpha2 of Object.keys(boxes)) {
    const a3 = countries.alpha2ToAlpha3(alpha2);
    if (a3) add(a3, alpha2);
  }
  const names: Record<string, string[]> = {};
  for (const [name, alpha2] of Object.entries(aliases).sort(([a], [b]) => a.localeCompare(b))) {
    if (name.includes('|')) throw new Error(`country name ${name} holds the separator |`);
    names[alpha2] = [...(names[alpha2] ?? []), name];
  }
  // Boxes are whole half degrees (rounded outwards above), stored as such.
  const half = (v: number): number => {
    if (!Number.isInteger(v * 2)) throw new Error(`${v} is not a whole number of half degrees`);
    return v * 2;
  };
  const entries = Object.entries(boxes)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([alpha2, list]) => {
      const corners = list
        .map(([x0, y0, x1, y1]) =>
          [half(x0! + 180), half(y0! + 90), half(x1! - x0!), half(y1! - y0!)]
            .map(encodeUnsigned)
            .join(''),
        )
        .join('');
      const n = names[alpha2];
      return n ? `${alpha2}${corners} ${n.join('|')}` : `${alpha2}${corners}`;
    });
  return `// Generated by scripts/generate-geo-tables.ts from world-atlas@${
    require('world-atlas/package.json').version
  } countries-50m.json (Natural Earth 1:50m, public domain) and i18n-iso-countries@${
    require('i18n-iso-countries/package.json').version
  } (codes and English/Swedish names). Do not edit by hand.
// Encoded as src/internal/geo-codec.ts describes; decodeCountries gives, per ISO 3166-1 alpha-2
// code, the [minLon, minLat, maxLon, maxLat] boxes of the country's largest polygons, and the
// lower-case, accent-free country names (English, Swedish) and alpha-3 codes that stand for it.
${stringList(
  'One entry per country: alpha-2 code, boxes, a space and its names; decoded by `decodeCountries`.',
  'COUNTRIES',
  entries,
)}`;
}

writeFileSync(join(OUT, 'sweden-outline.ts'), swedenOutline() + neighbourRings());
writeFileSync(join(OUT, 'country-boxes.ts'), countryBoxes());
console.log('wrote sweden-outline.ts and country-boxes.ts');
