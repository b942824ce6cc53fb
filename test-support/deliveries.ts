import { createWriteStream } from 'node:fs';
import { readFixtureJson } from './fixtures.js';

/** Swedish towns the generated entities are placed in (WGS84 longitude, latitude). */
const TOWNS: readonly (readonly [string, number, number])[] = [
  ['Sundsvall', 17.31, 62.39],
  ['Stockholm', 18.07, 59.33],
  ['Göteborg', 11.97, 57.71],
  ['Malmö', 13.0, 55.6],
  ['Umeå', 20.26, 63.83],
  ['Uppsala', 17.64, 59.86],
  ['Linköping', 15.62, 58.41],
  ['Örebro', 15.21, 59.27],
];

/** The two official Smart Data Models examples (keyValues) the generated deliveries vary. */
export function deliveryTemplates(): Record<string, unknown>[] {
  return [
    readFixtureJson<Record<string, unknown>>(
      'smart-data-models',
      'Environment',
      'AirQualityObserved',
      'example.jsonld',
    ),
    readFixtureJson<Record<string, unknown>>(
      'smart-data-models',
      'WasteManagement',
      'WasteContainer',
      'example.jsonld',
    ),
  ];
}

/**
 * Entity number `i` of a generated delivery: the official AirQualityObserved and WasteContainer
 * examples in turn, each with its own id, a Swedish town, readings that vary, a recent observation
 * time relative to `now`, and, for every `invalidEvery`-th entity, an error a supplier could make
 * (900 °C, or a text where the model wants a number). Deterministic for a given `i` and `now`.
 */
export function deliveryEntity(
  templates: readonly Record<string, unknown>[],
  i: number,
  now: number,
  invalidEvery = 25,
): Record<string, unknown> {
  const template = templates[i % templates.length] ?? {};
  const type = String(template.type);
  const [town, lon, lat] = TOWNS[i % TOWNS.length] ?? TOWNS[0]!;
  const bad = i % invalidEvery === invalidEvery - 1;
  const when = new Date(now - (i % 3600) * 1000).toISOString();
  const location = {
    type: 'Point',
    coordinates: [lon + (i % 97) / 10_000, lat + (i % 89) / 10_000],
  };
  if (type === 'AirQualityObserved') {
    return {
      ...template,
      id: `urn:ngsi-ld:AirQualityObserved:${slug(town)}-${i}`,
      dateObserved: when,
      location,
      address: { addressCountry: 'SE', addressLocality: town, type: 'PostalAddress' },
      no2: (i * 7) % 120,
      co: 1 + (i % 20),
      relativeHumidity: 0.3 + (i % 60) / 100,
      temperature: bad ? 900 : -5 + (i % 15),
    };
  }
  return {
    ...template,
    id: `urn:ngsi-ld:WasteContainer:${slug(town)}-${i}`,
    binLoggedTime: when,
    location,
    binCapacity: bad ? 'full' : 20 + (i % 80),
    binId: String(i),
  };
}

/**
 * Writes a generated NDJSON delivery of `count` entities to `file` in constant memory (64 KiB
 * blocks, waiting for the disk) and returns how many entities carry an injected error.
 */
export async function writeDelivery(
  file: string,
  count: number,
  options: { now?: number; invalidEvery?: number; templates?: Record<string, unknown>[] } = {},
): Promise<{ injected: number }> {
  const templates = options.templates ?? deliveryTemplates();
  const now = options.now ?? Date.now();
  const every = options.invalidEvery ?? 25;
  const out = createWriteStream(file);
  let block = '';
  for (let i = 0; i < count; i++) {
    block += `${JSON.stringify(deliveryEntity(templates, i, now, every))}\n`;
    if (block.length > 65_536) {
      if (!out.write(block)) await new Promise<void>((r) => out.once('drain', () => r()));
      block = '';
    }
  }
  await new Promise<void>((resolve, reject) => {
    out.once('error', reject);
    out.end(block, () => resolve());
  });
  return { injected: Math.floor(count / every) };
}

/** A town name in the characters an entity id may hold. */
function slug(town: string): string {
  return town
    .normalize('NFD')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();
}
