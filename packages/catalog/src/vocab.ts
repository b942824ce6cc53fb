/** Namespaces and EU code lists used by DCAT-AP and DCAT-AP-SE. */
export const NS = {
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  owl: 'http://www.w3.org/2002/07/owl#',
  dcat: 'http://www.w3.org/ns/dcat#',
  dcterms: 'http://purl.org/dc/terms/',
  dcatap: 'http://data.europa.eu/r5r/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  locn: 'http://www.w3.org/ns/locn#',
  sh: 'http://www.w3.org/ns/shacl#',
} as const;

/** Prefix → namespace, as written at the top of Turtle, RDF/XML and the JSON-LD context. */
export const PREFIXES: Readonly<Record<string, string>> = NS;

const EU = 'http://publications.europa.eu/resource/authority/';

/**
 * The EU data themes (`dcat:theme`, code list `data-theme`) by their code.
 *
 * @example
 * ```ts
 * import type { DataTheme } from '@smartcitylab/catalog';
 * const theme: DataTheme = 'ENVI';
 * ```
 */
export type DataTheme =
  | 'AGRI'
  | 'ECON'
  | 'EDUC'
  | 'ENER'
  | 'ENVI'
  | 'GOVE'
  | 'HEAL'
  | 'INTR'
  | 'JUST'
  | 'REGI'
  | 'SOCI'
  | 'TECH'
  | 'TRAN';

export const DATA_THEMES: readonly DataTheme[] = [
  'AGRI',
  'ECON',
  'EDUC',
  'ENER',
  'ENVI',
  'GOVE',
  'HEAL',
  'INTR',
  'JUST',
  'REGI',
  'SOCI',
  'TECH',
  'TRAN',
];

export const themeIri = (t: DataTheme): string => `${EU}data-theme/${t}`;
export const THEME_TAXONOMY = `${EU}data-theme`;
export const languageIri = (code: 'sv' | 'en'): string =>
  `${EU}language/${code === 'sv' ? 'SWE' : 'ENG'}`;

/**
 * Access rights (`dcterms:accessRights`, code list `access-right`).
 *
 * @example
 * ```ts
 * import type { AccessRights } from '@smartcitylab/catalog';
 * const rights: AccessRights = 'public';
 * ```
 */
export type AccessRights = 'public' | 'restricted' | 'non-public';
export const accessRightsIri = (a: AccessRights): string =>
  `${EU}access-right/${a === 'public' ? 'PUBLIC' : a === 'restricted' ? 'RESTRICTED' : 'NON_PUBLIC'}`;

/**
 * Publisher types (`dcterms:type` of the publisher, ADMS publisher types), mandatory in
 * DCAT-AP-SE 3.0.1. A municipality is a `LocalAuthority`; a region a `RegionalAuthority`.
 *
 * @example
 * ```ts
 * import type { PublisherType } from '@smartcitylab/catalog';
 * const t: PublisherType = 'LocalAuthority';
 * ```
 */
export type PublisherType =
  | 'Academia-ScientificOrganisation'
  | 'Company'
  | 'IndustryConsortium'
  | 'LocalAuthority'
  | 'NationalAuthority'
  | 'NonGovernmentalOrganisation'
  | 'NonProfitOrganisation'
  | 'PrivateIndividual(s)'
  | 'RegionalAuthority'
  | 'StandardisationBody'
  | 'SupraNationalAuthority';

export const PUBLISHER_TYPES: readonly PublisherType[] = [
  'Academia-ScientificOrganisation',
  'Company',
  'IndustryConsortium',
  'LocalAuthority',
  'NationalAuthority',
  'NonGovernmentalOrganisation',
  'NonProfitOrganisation',
  'PrivateIndividual(s)',
  'RegionalAuthority',
  'StandardisationBody',
  'SupraNationalAuthority',
];
export const publisherTypeIri = (t: PublisherType): string =>
  `http://purl.org/adms/publishertype/${t}`;

/**
 * Download formats: what `dcterms:format` (EU `file-type`) and `dcat:mediaType` they get.
 * NDJSON has neither an EU file-type code nor an IANA registration, so it is declared as
 * JSON with a description saying one entity per line.
 *
 * @example
 * ```ts
 * import type { DownloadFormat } from '@smartcitylab/catalog';
 * const f: DownloadFormat = 'geojson';
 * ```
 */
export type DownloadFormat = 'csv' | 'geojson' | 'json' | 'ndjson' | 'jsonld';

export const FORMATS: Readonly<
  Record<DownloadFormat, { fileType: string; mediaType?: string; label: string }>
> = {
  csv: { fileType: `${EU}file-type/CSV`, mediaType: 'text/csv', label: 'CSV' },
  geojson: {
    fileType: `${EU}file-type/GEOJSON`,
    mediaType: 'application/geo+json',
    label: 'GeoJSON',
  },
  json: { fileType: `${EU}file-type/JSON`, mediaType: 'application/json', label: 'JSON' },
  ndjson: { fileType: `${EU}file-type/JSON`, label: 'NDJSON (one JSON entity per line)' },
  jsonld: {
    fileType: `${EU}file-type/JSON_LD`,
    mediaType: 'application/ld+json',
    label: 'JSON-LD',
  },
};

export const mediaTypeIri = (m: string): string =>
  `https://www.iana.org/assignments/media-types/${m}`;

/** The CC0 dedication, the fixed catalogue licence of DCAT-AP-SE. */
export const CC0 = 'http://creativecommons.org/publicdomain/zero/1.0/';

/** Specifications the data services conform to. */
export const SPECS = {
  ngsiLd: {
    iri: 'https://www.etsi.org/deliver/etsi_gs/CIM/001_099/009/01.08.01_60/gs_CIM009v010801p.pdf',
    title: 'ETSI GS CIM 009 V1.8.1 NGSI-LD API',
  },
  ogcFeatures: {
    iri: 'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
    title: 'OGC API - Features - Part 1: Core',
  },
} as const;
