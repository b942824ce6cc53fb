import type { Quad, Quad_Object, Quad_Subject } from '@rdfjs/types';
import { isModelType, listModels, loadModel } from '@smartcitylab/models';
import { DataFactory } from 'n3';
import {
  type CatalogDescription,
  type ContactPoint,
  type DataServiceDescription,
  type DatasetDescription,
  type LocalizedText,
  type Municipality,
  parseCatalogDescription,
  type Specification,
} from './description.js';
import { CatalogError } from './errors.js';
import {
  type AccessRights,
  accessRightsIri,
  CC0,
  type DataTheme,
  type DownloadFormat,
  FORMATS,
  languageIri,
  mediaTypeIri,
  NS,
  type PublisherType,
  publisherTypeIri,
  SPECS,
  THEME_TAXONOMY,
  themeIri,
} from './vocab.js';

const { namedNode, literal, blankNode, quad } = DataFactory;
const EU = 'http://publications.europa.eu/resource/authority/';

type Ns = keyof typeof NS;
const n = (ns: Ns, local: string) => namedNode(`${NS[ns]}${local}`);
const A = n('rdf', 'type');

/** Collects triples; a small helper so the builder reads like the catalogue it writes. */
class Graph {
  readonly quads: Quad[] = [];
  add(s: Quad_Subject, p: [Ns, string], o: Quad_Object | undefined): void {
    if (o !== undefined) this.quads.push(quad(s, n(p[0], p[1]), o));
  }
  type(s: Quad_Subject, ...classes: Array<[Ns, string]>): void {
    for (const c of classes) this.quads.push(quad(s, A, n(c[0], c[1])));
  }
  text(s: Quad_Subject, p: [Ns, string], t: LocalizedText | string | undefined): void {
    if (t === undefined) return;
    if (typeof t === 'string') {
      this.add(s, p, literal(t, 'sv'));
      return;
    }
    this.add(s, p, literal(t.sv, 'sv'));
    if (t.en) this.add(s, p, literal(t.en, 'en'));
  }
  date(s: Quad_Subject, p: [Ns, string], d: string | undefined): void {
    if (d === undefined) return;
    this.add(s, p, literal(d, n('xsd', d.includes('T') ? 'dateTime' : 'date')));
  }
  iri(s: Quad_Subject, p: [Ns, string], iri: string | undefined): void {
    if (iri !== undefined) this.add(s, p, namedNode(iri));
  }
}

const FREQUENCY: Record<string, string> = {
  continuous: 'UPDATE_CONT',
  hourly: 'HOURLY',
  daily: 'DAILY',
  weekly: 'WEEKLY',
  monthly: 'MONTHLY',
  annual: 'ANNUAL',
  irregular: 'IRREG',
};

/** A Smart Data Models schema as a `dct:Standard`, its version from `@smartcitylab/models`. */
async function modelStandard(
  model: NonNullable<DatasetDescription['model']>,
): Promise<Specification & { type: string }> {
  const ref = typeof model === 'string' ? { type: model } : model;
  let schema = ref.schema;
  let version = ref.schemaVersion;
  if (isModelType(ref.type)) {
    const info = listModels().find((m) => m.type === ref.type);
    schema ??= (await loadModel(ref.type)).metadata.source;
    version ??= info?.schemaVersion;
  }
  if (schema === undefined) {
    throw new CatalogError(
      'InvalidDescription',
      `model "${ref.type}" is not one @smartcitylab/models ships; give model.schema (the schema URL) and model.schemaVersion`,
    );
  }
  return {
    type: ref.type,
    uri: schema,
    title: `Smart Data Models ${ref.type}`,
    ...(version ? { version } : {}),
  };
}

/**
 * Builds the DCAT-AP-SE catalogue of a description as RDF quads: the catalogue, its
 * publisher (a `foaf:Agent` with organisation number and publisher type) and contact point
 * (a `vcard:Organization` with a `mailto:` e-mail), each dataset with Swedish and English
 * texts, themes, spatial and temporal coverage, licence and access rights, one distribution
 * per download and per data service, and `dcterms:conformsTo` the Smart Data Models schema
 * (with its version) and any national specification.
 *
 * @example
 * ```ts
 * import { buildCatalog, type CatalogDescription } from '@smartcitylab/catalog';
 * declare const description: CatalogDescription;
 * const quads = await buildCatalog(description);
 * ```
 * @throws {CatalogError} code `InvalidDescription` when the description is incomplete.
 */
export async function buildCatalog(input: CatalogDescription): Promise<Quad[]> {
  const d = parseCatalogDescription(input);
  const g = new Graph();
  const base = d.uri.replace(/\/+$/, '');
  const catalog = namedNode(d.uri);
  const res = (path: string) => namedNode(`${base}/${path}`);

  // Publisher
  const publisher = namedNode(d.publisher.uri ?? `${base}/publisher`);
  g.type(publisher, ['foaf', 'Agent']);
  g.text(publisher, ['foaf', 'name'], d.publisher.name);
  g.add(
    publisher,
    ['dcterms', 'identifier'],
    literal(d.publisher.organisationNumber.replace(/^(\d{6})(\d{4})$/, '$1-$2')),
  );
  g.iri(
    publisher,
    ['dcterms', 'type'],
    publisherTypeIri((d.publisher.type ?? 'LocalAuthority') as PublisherType),
  );
  g.iri(publisher, ['foaf', 'homepage'], d.publisher.homepage);

  const contacts = new Map<string, Quad_Subject>();
  const contact = (c: ContactPoint): Quad_Subject => {
    const key = JSON.stringify(c);
    const known = contacts.get(key);
    if (known) return known;
    const node = res(contacts.size === 0 ? 'contact' : `contact-${contacts.size + 1}`);
    contacts.set(key, node);
    // vcard:Kind as well: DCAT-AP's range for contact points; the Swedish profile wants the subclass.
    g.type(node, c.kind === 'individual' ? ['vcard', 'Individual'] : ['vcard', 'Organization'], [
      'vcard',
      'Kind',
    ]);
    g.add(node, ['vcard', 'fn'], literal(c.name));
    g.iri(node, ['vcard', 'hasEmail'], `mailto:${c.email}`);
    if (c.telephone)
      g.iri(node, ['vcard', 'hasTelephone'], `tel:${c.telephone.replace(/[ -]/g, '')}`);
    g.iri(node, ['vcard', 'hasURL'], c.url);
    return node;
  };

  const licence = (iri: string): Quad_Object => {
    const node = namedNode(iri);
    g.type(node, ['dcterms', 'LicenseDocument']);
    return node;
  };
  const standards = new Set<string>();
  const standard = (s: Specification): Quad_Object => {
    const node = namedNode(s.uri);
    if (!standards.has(s.uri)) {
      standards.add(s.uri);
      g.type(node, ['dcterms', 'Standard']);
      if (s.title) g.add(node, ['dcterms', 'title'], literal(s.title, 'en'));
      if (s.version) g.add(node, ['owl', 'versionInfo'], literal(s.version));
    }
    return node;
  };
  const locations = new Map<string, Quad_Object>();
  const location = (m: Municipality): Quad_Object => {
    const key = JSON.stringify(m);
    const known = locations.get(key);
    if (known) return known;
    // Without a known IRI the municipality is described in place: name and kommunkod.
    const node = m.uri ? namedNode(m.uri) : blankNode(`municipality${locations.size + 1}`);
    locations.set(key, node);
    g.type(node, ['dcterms', 'Location']);
    g.add(node, ['skos', 'prefLabel'], literal(m.name, 'sv'));
    if (m.code) g.add(node, ['dcterms', 'identifier'], literal(m.code));
    return node;
  };

  // Catalogue
  g.type(catalog, ['dcat', 'Catalog']);
  g.text(catalog, ['dcterms', 'title'], d.title);
  g.text(catalog, ['dcterms', 'description'], d.description);
  g.add(catalog, ['dcterms', 'publisher'], publisher);
  g.add(catalog, ['dcterms', 'license'], licence(d.licence ?? CC0));
  g.iri(catalog, ['foaf', 'homepage'], d.homepage);
  g.date(catalog, ['dcterms', 'issued'], d.issued);
  g.date(catalog, ['dcterms', 'modified'], d.modified);
  g.iri(catalog, ['dcterms', 'language'], languageIri('sv'));
  g.iri(catalog, ['dcterms', 'language'], languageIri('en'));
  g.iri(catalog, ['dcat', 'themeTaxonomy'], THEME_TAXONOMY);
  if (d.municipality) g.add(catalog, ['dcterms', 'spatial'], location(d.municipality));

  // Data services
  const services = new Map<string, { node: Quad_Subject; desc: DataServiceDescription }>();
  for (const s of d.services ?? []) {
    const node = res(`service/${s.id}`);
    services.set(s.id, { node, desc: s });
    g.add(catalog, ['dcat', 'service'], node);
    g.type(node, ['dcat', 'DataService']);
    g.text(node, ['dcterms', 'title'], s.title);
    g.text(node, ['dcterms', 'description'], s.description);
    g.iri(node, ['dcat', 'endpointURL'], s.endpoint);
    const description =
      s.endpointDescription ??
      (s.kind === 'ogc-api-features' ? `${s.endpoint.replace(/\/+$/, '')}/api` : undefined);
    g.iri(node, ['dcat', 'endpointDescription'], description);
    g.add(node, ['dcterms', 'publisher'], publisher);
    g.add(node, ['dcat', 'contactPoint'], contact(d.contactPoint));
    g.add(node, ['dcterms', 'license'], licence(s.licence ?? d.licence ?? CC0));
    g.iri(node, ['dcterms', 'accessRights'], accessRightsIri('public'));
    const specs = [...(s.conformsTo ?? [])];
    if (s.kind === 'ngsi-ld') specs.unshift({ uri: SPECS.ngsiLd.iri, title: SPECS.ngsiLd.title });
    if (s.kind === 'ogc-api-features')
      specs.unshift({ uri: SPECS.ogcFeatures.iri, title: SPECS.ogcFeatures.title });
    for (const spec of specs) g.add(node, ['dcterms', 'conformsTo'], standard(spec));
    g.iri(node, ['dcterms', 'format'], s.kind === 'other' ? undefined : `${EU}file-type/JSON`);
  }

  // Datasets
  for (const ds of d.datasets) {
    const node = res(`dataset/${ds.id}`);
    g.add(catalog, ['dcat', 'dataset'], node);
    g.type(node, ['dcat', 'Dataset']);
    g.text(node, ['dcterms', 'title'], ds.title);
    g.text(node, ['dcterms', 'description'], ds.description);
    g.add(node, ['dcterms', 'publisher'], publisher);
    g.add(node, ['dcat', 'contactPoint'], contact(ds.contactPoint ?? d.contactPoint));
    for (const k of ds.keywords?.sv ?? []) g.add(node, ['dcat', 'keyword'], literal(k, 'sv'));
    for (const k of ds.keywords?.en ?? []) g.add(node, ['dcat', 'keyword'], literal(k, 'en'));
    for (const t of ds.themes ?? []) g.iri(node, ['dcat', 'theme'], themeIri(t as DataTheme));
    const spatial = ds.spatial ?? d.municipality;
    if (spatial) g.add(node, ['dcterms', 'spatial'], location(spatial));
    if (ds.temporal && (ds.temporal.start || ds.temporal.end)) {
      const period = blankNode(`period-${ds.id}`);
      g.add(node, ['dcterms', 'temporal'], period);
      g.type(period, ['dcterms', 'PeriodOfTime']);
      g.date(period, ['dcat', 'startDate'], ds.temporal.start);
      g.date(period, ['dcat', 'endDate'], ds.temporal.end);
    }
    g.iri(
      node,
      ['dcterms', 'accessRights'],
      accessRightsIri((ds.accessRights ?? 'public') as AccessRights),
    );
    g.date(node, ['dcterms', 'issued'], ds.issued);
    g.date(node, ['dcterms', 'modified'], ds.modified);
    g.iri(node, ['dcat', 'landingPage'], ds.landingPage);
    if (ds.frequency)
      g.iri(node, ['dcterms', 'accrualPeriodicity'], `${EU}frequency/${FREQUENCY[ds.frequency]}`);
    const model = ds.model ? await modelStandard(ds.model) : undefined;
    if (model) g.add(node, ['dcterms', 'conformsTo'], standard(model));
    for (const spec of ds.conformsTo ?? []) g.add(node, ['dcterms', 'conformsTo'], standard(spec));
    const datasetLicence = ds.licence ?? d.licence ?? CC0;

    let k = 0;
    const distribution = (): Quad_Subject => {
      const dist = res(`dataset/${ds.id}/distribution/${++k}`);
      g.add(node, ['dcat', 'distribution'], dist);
      g.type(dist, ['dcat', 'Distribution']);
      return dist;
    };
    for (const file of ds.distributions ?? []) {
      const dist = distribution();
      const f = FORMATS[file.format as DownloadFormat];
      g.text(
        dist,
        ['dcterms', 'title'],
        file.title ?? {
          sv: `${ds.title.sv} (${f.label})`,
          ...(ds.title.en ? { en: `${ds.title.en} (${f.label})` } : {}),
        },
      );
      g.text(
        dist,
        ['dcterms', 'description'],
        file.description ?? { sv: `Nedladdning som ${f.label}.`, en: `Download as ${f.label}.` },
      );
      g.iri(dist, ['dcat', 'accessURL'], file.url);
      g.iri(dist, ['dcat', 'downloadURL'], file.url);
      g.iri(dist, ['dcterms', 'format'], f.fileType);
      if (f.mediaType) g.iri(dist, ['dcat', 'mediaType'], mediaTypeIri(f.mediaType));
      g.add(dist, ['dcterms', 'license'], licence(file.licence ?? datasetLicence));
      g.iri(dist, ['dcatap', 'availability'], `${EU}planned-availability/AVAILABLE`);
    }
    for (const id of ds.services ?? []) {
      const s = services.get(id);
      if (!s) continue;
      g.add(s.node, ['dcat', 'servesDataset'], node);
      const dist = distribution();
      const endpoint = s.desc.endpoint.replace(/\/+$/, '');
      const type = model?.type;
      const access =
        s.desc.kind === 'ngsi-ld' && type
          ? `${endpoint}/entities?type=${encodeURIComponent(type)}`
          : s.desc.kind === 'ogc-api-features' && (ds.collection ?? type)
            ? `${endpoint}/collections/${encodeURIComponent(ds.collection ?? (type as string))}/items`
            : s.desc.endpoint;
      const label =
        s.desc.kind === 'ngsi-ld'
          ? 'NGSI-LD API'
          : s.desc.kind === 'ogc-api-features'
            ? 'OGC API Features'
            : s.desc.title.sv;
      g.text(dist, ['dcterms', 'title'], {
        sv: `${ds.title.sv} (${label})`,
        ...(ds.title.en ? { en: `${ds.title.en} (${label})` } : {}),
      });
      g.iri(dist, ['dcat', 'accessURL'], access);
      g.add(dist, ['dcat', 'accessService'], s.node);
      g.iri(
        dist,
        ['dcterms', 'format'],
        s.desc.kind === 'ogc-api-features' ? FORMATS.geojson.fileType : FORMATS.jsonld.fileType,
      );
      g.add(dist, ['dcterms', 'license'], licence(datasetLicence));
      g.iri(dist, ['dcatap', 'availability'], `${EU}planned-availability/AVAILABLE`);
    }
  }
  return dedupe(g.quads);
}

function key(q: Quad): string {
  const t = (x: Quad['object']) =>
    x.termType === 'Literal'
      ? `"${x.value}"@${x.language}^^${x.datatype.value}`
      : `${x.termType}:${x.value}`;
  return `${t(q.subject)} ${q.predicate.value} ${t(q.object)}`;
}

/** Drops repeated triples (a licence or standard typed once per use). */
function dedupe(quads: Quad[]): Quad[] {
  const seen = new Set<string>();
  return quads.filter((q) => {
    const k = key(q);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
