import { readFileSync } from 'node:fs';
import type { Quad } from '@rdfjs/types';
import {
  buildCatalog,
  type CatalogDescription,
  checkCatalog,
  formatViolation,
  isCatalogError,
  parseRdf,
  type RdfFormat,
  readCatalogDescription,
  type ShapesGraph,
  serializeCatalog,
} from '@smartcitylab/catalog';
import { DataFactory } from 'n3';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeWithFixtures, fixturePath } from '../../../test-support/fixtures.js';
import { SAMPLE } from './sample.js';

const DC = 'http://purl.org/dc/terms/';
const TYPES =
  'Academia-ScientificOrganisation, Company, IndustryConsortium, LocalAuthority, NationalAuthority, NonGovernmentalOrganisation, NonProfitOrganisation, PrivateIndividual(s), RegionalAuthority, StandardisationBody, SupraNationalAuthority';
const lines = async (
  quads: readonly Quad[],
  shapes: ShapesGraph[] = [],
  profile?: '3.0.0' | '3.0.1',
) => (await checkCatalog(quads, { shapes, ...(profile ? { profile } : {}) })).map(formatViolation);

// Blank-node labels differ between parses; compare triples with blank nodes named "_".
const canonical = (quads: readonly Quad[]) =>
  quads
    .map((q) =>
      [q.subject, q.predicate, q.object]
        .map((t) =>
          t.termType === 'BlankNode'
            ? '_'
            : t.termType === 'Literal'
              ? `"${t.value}"@${t.language}^^${t.datatype.value}`
              : t.value,
        )
        .join(' '),
    )
    .sort();

describe('generated catalogues', () => {
  let quads: Quad[];
  beforeAll(async () => {
    quads = await buildCatalog(SAMPLE);
  });

  it('conform to the DCAT-AP 3 mandatory properties and the Swedish profile', async () => {
    expect(await lines(quads)).toEqual([]);
  });

  it('state the Smart Data Models schema and version the data conforms to', async () => {
    const conforms = quads
      .filter((q) => q.predicate.value === `${DC}conformsTo`)
      .map((q) => q.object.value);
    expect(conforms).toContain(
      'https://smart-data-models.github.io/dataModel.Environment/AirQualityObserved/schema.json',
    );
    const version = quads.find(
      (q) =>
        q.subject.value.endsWith('AirQualityObserved/schema.json') &&
        q.predicate.value === 'http://www.w3.org/2002/07/owl#versionInfo',
    );
    expect(version?.object.value).toMatch(/^\d+\.\d+\.\d+$/);
    expect(conforms).toContain('http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core');
    expect(conforms).toContain('https://www.digg.se/mim');
  });

  for (const format of ['rdfxml', 'turtle', 'jsonld'] as RdfFormat[]) {
    it(`read back from ${format} give the same triples`, async () => {
      const text = await serializeCatalog(quads, format);
      expect(canonical(await parseRdf(text, format, `catalog.${format}`))).toEqual(
        canonical(quads),
      );
    });
  }

  it('write RDF/XML with the DCAT namespaces', async () => {
    const xml = await serializeCatalog(quads, 'rdfxml');
    expect(xml).toMatch(/^<\?xml version="1.0"/);
    expect(xml).toContain('xmlns:dcat="http://www.w3.org/ns/dcat#"');
    expect(xml).toContain('<rdf:type rdf:resource="http://www.w3.org/ns/dcat#Catalog"/>');
  });
});

describe('descriptions that cannot make a catalogue', () => {
  const cases: Array<{ name: string; change: (d: CatalogDescription) => unknown; want: RegExp }> = [
    {
      name: 'a wrong organisation number',
      change: (d) => ({ ...d, publisher: { ...d.publisher, organisationNumber: '212000-2412' } }),
      want: /publisher\.organisationNumber: must be a Swedish organisation number/,
    },
    {
      name: 'no datasets',
      change: (d) => ({ ...d, datasets: [] }),
      want: /datasets: a DCAT-AP-SE catalogue needs at least one dataset/,
    },
    {
      name: 'no Swedish title',
      change: (d) => ({ ...d, title: { en: 'x' } }),
      want: /title\.sv: /,
    },
    {
      name: 'an unknown theme',
      change: (d) => ({ ...d, datasets: [{ ...d.datasets[0], themes: ['WEATHER'] }] }),
      want: /datasets\.0\.themes\.0: /,
    },
    {
      name: 'a service that is not described',
      change: (d) => ({ ...d, datasets: [{ ...d.datasets[0], services: ['wfs'] }] }),
      want: /datasets\.0\.services names "wfs"/,
    },
  ];
  for (const { name, change, want } of cases) {
    it(`refuses ${name}, naming the path`, async () => {
      const error = await buildCatalog(change(SAMPLE) as CatalogDescription).catch(
        (e: unknown) => e,
      );
      expect(isCatalogError(error)).toBe(true);
      expect(String((error as Error).message)).toMatch(want);
    });
  }

  it('reads YAML and names the file in errors', () => {
    expect(() => readCatalogDescription('uri: [', 'catalog.yaml')).toThrow(
      /^catalog\.yaml: not valid YAML or JSON/,
    );
    expect(() => readCatalogDescription('uri: https://x.se', 'catalog.yaml')).toThrow(
      /^catalog\.yaml: title: /,
    );
  });
});

describe('deliberately broken catalogues', () => {
  const { namedNode, literal, quad } = DataFactory;
  const CAT = 'https://data.sundsvall.example/catalog';
  const PUB = `${CAT}/publisher`;
  const DS = `${CAT}/dataset/luftkvalitet`;
  const without = (quads: Quad[], s: string, p: string) =>
    quads.filter((q) => !(q.subject.value === s && q.predicate.value === p));
  const cases: Array<{ name: string; change: (q: Quad[]) => Quad[]; want: string[] }> = [
    {
      name: 'a catalogue without licence',
      change: (q) => without(q, CAT, `${DC}license`),
      want: [
        `<${CAT}> dcterms:license: dcat:Catalog needs exactly 1 value, an IRI (DCAT-AP-SE 3.0.1) [DCAT-AP-SE 3.0.1]`,
      ],
    },
    {
      name: 'a publisher without type',
      change: (q) => without(q, PUB, `${DC}type`),
      want: [
        `<${PUB}> dcterms:type: publisher (foaf:Agent) needs exactly 1 value, one of ${TYPES} (DCAT-AP-SE 3.0.1) [DCAT-AP-SE 3.0.1]`,
      ],
    },
    {
      name: 'a dataset without title',
      change: (q) => without(q, DS, `${DC}title`),
      want: [
        `<${DS}> dcterms:title: dcat:Dataset needs at least 1 value (DCAT-AP 3.0.0) [DCAT-AP-SE 3.0.1]`,
      ],
    },
    {
      name: 'a dataset with two publishers',
      change: (q) => [
        ...q,
        quad(namedNode(DS), namedNode(`${DC}publisher`), namedNode('https://other.example/agent')),
      ],
      want: [
        `<${DS}> dcterms:publisher: dcat:Dataset needs exactly 1 value (DCAT-AP-SE 3.0.1) [DCAT-AP-SE 3.0.1]`,
        `<https://other.example/agent> dcterms:type: publisher (foaf:Agent) needs exactly 1 value, one of ${TYPES} (DCAT-AP-SE 3.0.1) [DCAT-AP-SE 3.0.1]`,
        '<https://other.example/agent> foaf:name: publisher (foaf:Agent) needs at least 1 value (DCAT-AP 3.0.0) [DCAT-AP-SE 3.0.1]',
      ],
    },
    {
      name: 'a contact e-mail that is not a mailto: IRI',
      change: (q) =>
        q.map((x) =>
          x.predicate.value.endsWith('hasEmail')
            ? quad(x.subject, x.predicate, literal('oppnadata@sundsvall.example'))
            : x,
        ),
      want: [
        `<${CAT}/contact> vcard:hasEmail: contact point (vcard) needs at least 1 value, an IRI, a mailto: IRI (DCAT-AP-SE 3.0.1) [DCAT-AP-SE 3.0.1]`,
        `<${CAT}/contact> vcard:hasEmail: contact point (vcard) needs at least 1 value, an IRI, a mailto: IRI (DCAT-AP-SE 3.0.1) [DCAT-AP-SE 3.0.1]`,
      ],
    },
    {
      name: 'a data service endpoint given as text',
      change: (q) =>
        q.map((x) =>
          x.predicate.value.endsWith('endpointURL') && x.subject.value.endsWith('/broker')
            ? quad(x.subject, x.predicate, literal(x.object.value))
            : x,
        ),
      want: [
        `<${CAT}/service/broker> dcat:endpointURL: dcat:DataService needs at least 1 value, an IRI (DCAT-AP 3.0.0) [DCAT-AP-SE 3.0.1]`,
      ],
    },
    {
      name: 'a distribution without access URL',
      change: (q) => without(q, `${DS}/distribution/1`, 'http://www.w3.org/ns/dcat#accessURL'),
      want: [
        `<${DS}/distribution/1> dcat:accessURL: dcat:Distribution needs exactly 1 value, an IRI (DCAT-AP-SE 3.0.1) [DCAT-AP-SE 3.0.1]`,
      ],
    },
  ];
  for (const { name, change, want } of cases) {
    it(`rejects ${name}`, async () => {
      const quads = change(await buildCatalog(SAMPLE));
      expect(await lines(quads)).toEqual(want);
    });
  }
});

describeWithFixtures('DIGG examples and the official DCAT-AP 3 shapes', 'dcat', () => {
  const read = (path: string) => readFileSync(fixturePath('dcat', path), 'utf8');
  let shapes: ShapesGraph;
  beforeAll(async () => {
    const path = 'dcat-ap/releases/3.0.0/html/shacl/shapes.ttl';
    shapes = {
      name: 'DCAT-AP 3.0.0 shapes.ttl',
      quads: await parseRdf(read(path), 'turtle', path),
    };
  });
  const example = (name: string) => parseRdf(read(`dcat-ap-se/exempel/${name}`), 'turtle', name);

  it('obligatoriskt.ttl (minimal) passes DCAT-AP 3 and DCAT-AP-SE 3.0.0', async () => {
    expect(await lines(await example('obligatoriskt.ttl'), [shapes], '3.0.0')).toEqual([]);
  });

  it('obligatoriskt.ttl lacks only the publisher type that DCAT-AP-SE 3.0.1 made mandatory (it was written for version 2)', async () => {
    expect(await lines(await example('obligatoriskt.ttl'), [shapes])).toEqual([
      expect.stringMatching(
        /^<https:\/\/example\.com\/publisher1> dcterms:type: publisher \(foaf:Agent\) needs exactly 1 value/,
      ),
    ]);
  });

  it('rekommenderat.ttl (recommended) passes DCAT-AP-SE 3.0.1', async () => {
    expect(await lines(await example('rekommenderat.ttl'))).toEqual([]);
  });

  it('rekommenderat.ttl breaks only DCAT-AP 3 on dcterms:format, which it gives as plain media-type text', async () => {
    const found = await checkCatalog(await example('rekommenderat.ttl'), { shapes: [shapes] });
    expect(found.map((v) => [v.focusNode, v.path, v.source])).toEqual([
      ['https://example.com/distribution1', 'dcterms:format', 'DCAT-AP 3.0.0 shapes.ttl'],
      ['https://example.com/distribution2', 'dcterms:format', 'DCAT-AP 3.0.0 shapes.ttl'],
    ]);
  });

  it('generated catalogues pass the official DCAT-AP 3 shapes too', async () => {
    expect(await lines(await buildCatalog(SAMPLE), [shapes])).toEqual([]);
  });

  it('the DCAT-AP specification example with a "/" in a prefixed name is reported as a parse error', async () => {
    const path =
      'dcat-ap/releases/3.0.0/html/examples/example-bee-population-dataset-series-api.ttl';
    const error = await parseRdf(read(path), 'turtle', 'api.ttl').catch((e: unknown) => e);
    expect(isCatalogError(error) && error.code).toBe('ParseError');
    expect(String((error as Error).message)).toMatch(/^api\.ttl: not valid turtle: /);
  });
});
