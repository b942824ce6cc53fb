import { parse as parseYaml } from 'yaml';
import * as z from 'zod';
import { CatalogError } from './errors.js';
import { DATA_THEMES, PUBLISHER_TYPES } from './vocab.js';

const iri = z
  .string()
  .regex(/^https?:\/\/[^\s<>"{}|\\^`]+$/, 'must be an http(s) URL without spaces');
const text = z.string().trim().min(1, 'must not be empty');
const localized = z.strictObject({ sv: text, en: text.optional() });
const date = z
  .string()
  .regex(
    /^\d{4}-\d\d-\d\d(T\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d))?$/,
    'must be a date (2026-11-25) or a date-time with offset (2026-11-25T10:00:00Z)',
  );

/** Swedish organisation number NNNNNN-NNNN whose last digit is the Luhn check digit. */
function isOrganisationNumber(s: string): boolean {
  const m = /^(\d{6})-?(\d{4})$/.exec(s);
  if (!m) return false;
  const digits = `${m[1]}${m[2]}`.split('').map(Number);
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    let d = digits[i] as number;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

const spec = z.strictObject({ uri: iri, title: text.optional(), version: text.optional() });
const municipality = z.strictObject({
  name: text,
  code: z
    .string()
    .regex(/^\d{4}$/, 'must be the four-digit municipality code (kommunkod), e.g. 2281')
    .optional(),
  uri: iri.optional(),
});

const publisher = z.strictObject({
  name: z.union([text, localized]),
  organisationNumber: z
    .string()
    .refine(
      isOrganisationNumber,
      'must be a Swedish organisation number NNNNNN-NNNN with a valid check digit',
    ),
  type: z.enum(PUBLISHER_TYPES as [string, ...string[]]).optional(),
  uri: iri.optional(),
  homepage: iri.optional(),
});

const contactPoint = z.strictObject({
  name: text,
  email: z.string().regex(/^[^\s@:]+@[^\s@]+\.[^\s@]+$/, 'must be an e-mail address'),
  telephone: z
    .string()
    .regex(/^\+?[\d -]{6,}$/, 'must be a telephone number such as +46 60 19 10 00')
    .optional(),
  url: iri.optional(),
  kind: z.enum(['organization', 'individual']).optional(),
});

const distribution = z.strictObject({
  format: z.enum(['csv', 'geojson', 'json', 'ndjson', 'jsonld']),
  url: iri,
  title: localized.optional(),
  description: localized.optional(),
  licence: iri.optional(),
});

const service = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]+$/, 'must be letters, digits, "-" or "_"'),
  kind: z.enum(['ngsi-ld', 'ogc-api-features', 'other']),
  title: localized,
  description: localized.optional(),
  endpoint: iri,
  endpointDescription: iri.optional(),
  conformsTo: z.array(spec).optional(),
  licence: iri.optional(),
});

const dataset = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]+$/, 'must be letters, digits, "-" or "_"'),
  title: localized,
  description: localized,
  keywords: z
    .strictObject({ sv: z.array(text).optional(), en: z.array(text).optional() })
    .optional(),
  themes: z.array(z.enum(DATA_THEMES as [string, ...string[]])).optional(),
  spatial: municipality.optional(),
  temporal: z.strictObject({ start: date.optional(), end: date.optional() }).optional(),
  licence: iri.optional(),
  accessRights: z.enum(['public', 'restricted', 'non-public']).optional(),
  model: z
    .union([
      text,
      z.strictObject({ type: text, schemaVersion: text.optional(), schema: iri.optional() }),
    ])
    .optional(),
  collection: text.optional(),
  conformsTo: z.array(spec).optional(),
  frequency: z
    .enum(['continuous', 'hourly', 'daily', 'weekly', 'monthly', 'annual', 'irregular'])
    .optional(),
  issued: date.optional(),
  modified: date.optional(),
  landingPage: iri.optional(),
  contactPoint: contactPoint.optional(),
  distributions: z.array(distribution).optional(),
  services: z.array(z.string()).optional(),
});

const catalog = z.strictObject({
  uri: iri,
  title: localized,
  description: localized,
  publisher,
  contactPoint,
  municipality: municipality.optional(),
  homepage: iri.optional(),
  licence: iri.optional(),
  issued: date.optional(),
  modified: date.optional(),
  services: z.array(service).optional(),
  datasets: z.array(dataset).min(1, 'a DCAT-AP-SE catalogue needs at least one dataset'),
});

/**
 * Text in Swedish (required) and English (recommended by the national data portal).
 *
 * @example
 * ```ts
 * import type { LocalizedText } from '@smartcitylab/catalog';
 * const t: LocalizedText = { sv: 'Luftkvalitet', en: 'Air quality' };
 * ```
 */
export type LocalizedText = z.infer<typeof localized>;
/** @see {@link CatalogDescription} */
export type Publisher = z.infer<typeof publisher>;
/** @see {@link CatalogDescription} */
export type ContactPoint = z.infer<typeof contactPoint>;
/** @see {@link CatalogDescription} */
export type Municipality = z.infer<typeof municipality>;
/** @see {@link CatalogDescription} */
export type Specification = z.infer<typeof spec>;
/** @see {@link CatalogDescription} */
export type DistributionDescription = z.infer<typeof distribution>;
/** @see {@link CatalogDescription} */
export type DataServiceDescription = z.infer<typeof service>;
/** @see {@link CatalogDescription} */
export type DatasetDescription = z.infer<typeof dataset>;

/**
 * A small typed description of a DCAT-AP-SE catalogue: who publishes (name, organisation
 * number), whom to contact, which municipality the data covers, the data services (the
 * NGSI-LD broker, the OGC API Features endpoint) and the datasets with their downloads.
 *
 * @example
 * ```ts
 * import type { CatalogDescription } from '@smartcitylab/catalog';
 * const d: CatalogDescription = {
 *   uri: 'https://data.example.se/catalog',
 *   title: { sv: 'Sensordata', en: 'Sensor data' },
 *   description: { sv: 'Öppna sensordata.', en: 'Open sensor data.' },
 *   publisher: { name: 'Exempels kommun', organisationNumber: '212000-0001' },
 *   contactPoint: { name: 'Öppna data', email: 'oppnadata@example.se' },
 *   datasets: [{ id: 'air', title: { sv: 'Luftkvalitet' }, description: { sv: 'Mätningar.' } }],
 * };
 * ```
 */
export type CatalogDescription = z.infer<typeof catalog>;

/**
 * Checks an untyped value (parsed JSON or YAML) as a {@link CatalogDescription}.
 *
 * @example
 * ```ts
 * import { parseCatalogDescription } from '@smartcitylab/catalog';
 * const d = parseCatalogDescription(JSON.parse('{"uri":"https://x.se"}'), 'catalog.json'); // throws: names what is missing
 * ```
 * @throws {CatalogError} code `InvalidDescription`, naming each wrong path.
 */
export function parseCatalogDescription(
  input: unknown,
  source = 'description',
): CatalogDescription {
  const r = catalog.safeParse(input);
  if (r.success) {
    const ids = new Set((r.data.services ?? []).map((s) => s.id));
    r.data.datasets.forEach((d, i) => {
      for (const s of d.services ?? []) {
        if (!ids.has(s)) {
          throw new CatalogError(
            'InvalidDescription',
            `${source}: datasets.${i}.services names "${s}", which is not among services[].id (${[...ids].join(', ') || 'none'})`,
          );
        }
      }
    });
    return r.data;
  }
  const lines = r.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`);
  throw new CatalogError('InvalidDescription', `${source}: ${lines.join('; ')}`);
}

/**
 * Reads a description from YAML or JSON text (JSON is YAML, so both go through the YAML
 * parser).
 *
 * @example
 * ```ts
 * import { readCatalogDescription } from '@smartcitylab/catalog';
 * const text = 'uri: https://x.se/catalog';
 * try { readCatalogDescription(text, 'catalog.yaml'); } catch (e) { console.error(String(e)); }
 * ```
 * @throws {CatalogError} code `ParseError` on a syntax error, `InvalidDescription` on wrong content.
 */
export function readCatalogDescription(text: string, source = 'description'): CatalogDescription {
  let value: unknown;
  try {
    value = parseYaml(text);
  } catch (e) {
    throw new CatalogError(
      'ParseError',
      `${source}: not valid YAML or JSON: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`,
      { cause: e },
    );
  }
  return parseCatalogDescription(value, source);
}
