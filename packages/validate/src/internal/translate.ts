/**
 * Swedish for the details other packages write in English: the NGSI-LD structure check of
 * `@smartcitylab/ngsi-ld` (by issue code) and the schema checks of `@smartcitylab/models` (by
 * message pattern). A detail no pattern knows is quoted, so the Swedish message stays Swedish
 * around it and says where the English comes from.
 */

// The Swedish text replaces the whole match (every pattern is anchored), `$1` its group.
const SCHEMA: readonly [RegExp, string][] = [
  [/^Expected a string$/, 'förväntade en textsträng'],
  [/^Expected a number$/, 'förväntade ett tal'],
  [/^Expected an integer$/, 'förväntade ett heltal'],
  [/^Expected a boolean$/, 'förväntade true eller false'],
  [/^Expected an array$/, 'förväntade en array'],
  [/^Expected an object$/, 'förväntade ett objekt'],
  [/^Expected null$/, 'förväntade null'],
  [/^Must be >= (.+)$/, 'måste vara minst $1'],
  [/^Must be > (.+)$/, 'måste vara större än $1'],
  [/^Must be <= (.+)$/, 'får vara högst $1'],
  [/^Must be < (.+)$/, 'måste vara mindre än $1'],
  [
    /^Must be a valid date-time$/,
    'måste vara en datum-tid enligt RFC 3339 med tidszon, t.ex. 2024-05-01T12:00:00Z',
  ],
  [/^Must be a valid date$/, 'måste vara ett datum som 2024-05-01'],
  [/^Must be a valid time$/, 'måste vara en tid med tidszon, t.ex. 08:00:00Z eller 08:00:00+01:00'],
  [/^Must be a valid uri$/, 'måste vara en absolut URI'],
  [/^Must be a valid (idn-)?email$/, 'måste vara en e-postadress'],
  [/^Must be a valid (.+)$/, 'måste vara giltig $1'],
  [/^Does not match any of the allowed forms$/, 'passar ingen av de tillåtna formerna'],
  [/^Must match exactly one of the allowed forms$/, 'måste passa exakt en av de tillåtna formerna'],
  [/^Expected one of the allowed values: (.+)$/, 'förväntade ett av de tillåtna värdena: $1'],
  [/^Expected one of the allowed values$/, 'förväntade ett av de tillåtna värdena'],
  [/^Missing required attribute (.+)$/, 'obligatoriska attributet $1 saknas'],
  [/^Must have at least (\d+) items?$/, 'måste ha minst $1 element'],
  [/^Must have at most (\d+) items?$/, 'får ha högst $1 element'],
  [/^Items must be unique$/, 'elementen måste vara unika'],
  [/^Must have at least (\d+) characters?$/, 'måste ha minst $1 tecken'],
  [/^Must have at most (\d+) characters?$/, 'får ha högst $1 tecken'],
  [/^Does not match the required pattern$/, 'följer inte det föreskrivna mönstret'],
  [/^Must be a multiple of (.+)$/, 'måste vara en multipel av $1'],
  [/^Expected the (.+) attributes as an object$/, 'förväntade attributen för $1 som ett objekt'],
];

/** The Swedish form of a model's schema detail. */
export function translateDetail(en: string): string {
  for (const [re, sv] of SCHEMA) if (re.test(en)) return en.replace(re, sv);
  return `modellens kontroll svarade (på engelska): "${en}"`;
}

/** Swedish for a structure issue of `@smartcitylab/ngsi-ld`, by its code. */
const STRUCTURE: Readonly<Record<string, string>> = {
  ambiguous_attribute:
    'attributet har flera värdemedlemmar; lägg till "type" eller behåll en av dem',
  duplicate_dataset_id: 'samma datasetId förekommer mer än en gång',
  duplicate_default_instance:
    'högst en instans av ett flervärt attribut får sakna datasetId (standardinstansen)',
  empty_multi_attribute: 'en array med attributinstanser måste ha minst en instans',
  invalid_attribute_type:
    'attributets type måste vara Property, Relationship, GeoProperty, LanguageProperty, VocabProperty, ListProperty, ListRelationship eller JsonProperty',
  invalid_context: '@context måste vara en URL, ett kontextobjekt eller en array av sådana',
  invalid_date_time: 'måste vara en datum-tid enligt ISO 8601, t.ex. 2024-05-01T12:00:00Z',
  invalid_geometry: 'ingen giltig GeoJSON-geometri',
  invalid_id: 'entitetens id måste vara en absolut URI, t.ex. urn:ngsi-ld:<Typ>:<id>',
  invalid_language_tag: 'inte en språktagg enligt BCP 47, t.ex. "sv"',
  invalid_name:
    'attributnamnet innehåller tecken som NGSI-LD inte tillåter (mellanslag, <>"\'=;()&?/#\\ eller inledande @)',
  invalid_scope: 'scope måste vara en sökväg som "/Sundsvall/Parker" eller en array av sådana',
  invalid_type: 'fel sorts värde på den här platsen',
  invalid_type_name: 'typnamnet måste vara ett namn utan mellanslag (eller en array av sådana)',
  invalid_unit_code: 'unitCode måste vara en UN/CEFACT-kod som "CEL"',
  invalid_uri: 'måste vara en absolut URI (ett entitets-id)',
  member_not_allowed: 'medlemmen är inte tillåten här',
  missing_member: 'en obligatorisk medlem saknas',
  not_geo_property: 'attributet är reserverat för en GeoProperty (GeoJSON-geometri)',
  null_value: 'värdet får inte vara null; utelämna attributet i stället',
  reserved_name: 'namnet är en kärnterm i NGSI-LD och kan inte användas som attributnamn',
  too_deep: 'underattributen är nästlade för djupt',
};

/** The Swedish form of a structure issue. */
export function translateStructure(code: string | undefined, en: string): string {
  const sv = code === undefined ? undefined : STRUCTURE[code];
  return sv ?? `strukturkontrollen svarade (på engelska): "${en}"`;
}
