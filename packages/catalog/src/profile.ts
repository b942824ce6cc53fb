import type { Quad, Quad_Object, Quad_Subject } from '@rdfjs/types';
import { DataFactory } from 'n3';
import { NS, PUBLISHER_TYPES, publisherTypeIri } from './vocab.js';

const { namedNode, literal, blankNode, quad } = DataFactory;

/**
 * Which Swedish profile version's mandatory properties to check. They differ in one point:
 * the publisher type (`dcterms:type`) is mandatory from 3.0.1, recommended in 3.0.0.
 *
 * @example
 * ```ts
 * import type { ProfileVersion } from '@smartcitylab/catalog';
 * const v: ProfileVersion = '3.0.1';
 * ```
 */
export type ProfileVersion = '3.0.0' | '3.0.1';

type Target = { class: string } | { objectsOf: string };

interface Rule {
  target: Target;
  /** A class name for the message, e.g. `dcat:Catalog`. */
  label: string;
  path: string;
  min?: number;
  max?: number;
  nodeKind?: 'IRI' | 'Literal';
  in?: readonly string[];
  pattern?: string;
  /** The allowed classes: at least one `rdf:type` among them. */
  oneOfTypes?: readonly string[];
  source: string;
}

const p = (curie: string): string => {
  const [prefix, local] = curie.split(':') as [keyof typeof NS, string];
  return `${NS[prefix]}${local}`;
};

const AP = 'DCAT-AP 3.0.0';

/** DCAT-AP 3.0.0 mandatory properties of the six main classes, and DCAT-AP-SE's additions. */
function rules(version: ProfileVersion): Rule[] {
  const SE = `DCAT-AP-SE ${version}`;
  const catalog: Target = { class: p('dcat:Catalog') };
  const dataset: Target = { class: p('dcat:Dataset') };
  const distribution: Target = { class: p('dcat:Distribution') };
  const service: Target = { class: p('dcat:DataService') };
  const agent: Target = { objectsOf: p('dcterms:publisher') };
  const contact: Target = { objectsOf: p('dcat:contactPoint') };
  const out: Rule[] = [
    { target: catalog, label: 'dcat:Catalog', path: 'dcterms:title', min: 1, source: AP },
    { target: catalog, label: 'dcat:Catalog', path: 'dcterms:description', min: 1, source: AP },
    {
      target: catalog,
      label: 'dcat:Catalog',
      path: 'dcterms:publisher',
      min: 1,
      max: 1,
      source: SE,
    },
    {
      target: catalog,
      label: 'dcat:Catalog',
      path: 'dcterms:license',
      min: 1,
      max: 1,
      nodeKind: 'IRI',
      source: SE,
    },
    { target: catalog, label: 'dcat:Catalog', path: 'dcat:dataset', min: 1, source: SE },
    { target: dataset, label: 'dcat:Dataset', path: 'dcterms:title', min: 1, source: AP },
    { target: dataset, label: 'dcat:Dataset', path: 'dcterms:description', min: 1, source: AP },
    {
      target: dataset,
      label: 'dcat:Dataset',
      path: 'dcterms:publisher',
      min: 1,
      max: 1,
      source: SE,
    },
    {
      target: distribution,
      label: 'dcat:Distribution',
      path: 'dcat:accessURL',
      min: 1,
      max: 1,
      nodeKind: 'IRI',
      source: SE,
    },
    { target: service, label: 'dcat:DataService', path: 'dcterms:title', min: 1, source: AP },
    {
      target: service,
      label: 'dcat:DataService',
      path: 'dcat:endpointURL',
      min: 1,
      nodeKind: 'IRI',
      source: AP,
    },
    { target: agent, label: 'publisher (foaf:Agent)', path: 'foaf:name', min: 1, source: AP },
    { target: contact, label: 'contact point (vcard)', path: 'vcard:fn', min: 1, source: SE },
    {
      target: contact,
      label: 'contact point (vcard)',
      path: 'vcard:hasEmail',
      min: 1,
      nodeKind: 'IRI',
      pattern: '^mailto:',
      source: SE,
    },
    {
      target: contact,
      label: 'contact point (vcard)',
      path: 'rdf:type',
      oneOfTypes: [p('vcard:Organization'), p('vcard:Individual')],
      source: SE,
    },
  ];
  const types = PUBLISHER_TYPES.map(publisherTypeIri);
  if (version === '3.0.1') {
    out.push({
      target: agent,
      label: 'publisher (foaf:Agent)',
      path: 'dcterms:type',
      min: 1,
      max: 1,
      in: types,
      source: SE,
    });
  } else {
    out.push({
      target: agent,
      label: 'publisher (foaf:Agent)',
      path: 'dcterms:type',
      max: 1,
      in: types,
      source: SE,
    });
  }
  return out;
}

function curie(iri: string): string {
  for (const [prefix, ns] of Object.entries(NS))
    if (iri.startsWith(ns)) return `${prefix}:${iri.slice(ns.length)}`;
  return `<${iri}>`;
}

function message(r: Rule): string {
  const parts: string[] = [];
  if (r.min !== undefined && r.max !== undefined && r.min === r.max)
    parts.push(`exactly ${r.min} value`);
  else {
    if (r.min !== undefined) parts.push(`at least ${r.min} value${r.min > 1 ? 's' : ''}`);
    if (r.max !== undefined) parts.push(`at most ${r.max} value${r.max > 1 ? 's' : ''}`);
  }
  if (r.nodeKind) parts.push(r.nodeKind === 'IRI' ? 'an IRI' : 'a literal');
  if (r.pattern === '^mailto:') parts.push('a mailto: IRI');
  if (r.in)
    parts.push(
      `one of ${r.in.map(curie).join(', ')}`.replace(
        /<http:\/\/purl\.org\/adms\/publishertype\/([^>]+)>/g,
        '$1',
      ),
    );
  if (r.oneOfTypes) parts.push(`typed ${r.oneOfTypes.map(curie).join(' or ')}`);
  return `${r.label} needs ${parts.join(', ')} (${r.source})`;
}

/**
 * The mandatory properties of DCAT-AP 3.0.0 for the main classes, plus those the Swedish
 * profile DCAT-AP-SE adds (catalogue licence and datasets, exactly one publisher, the
 * publisher type, the contact point's name, `mailto:` e-mail and vCard class), as SHACL
 * shapes. They are written here from the specifications' requirement tables, so a check
 * needs no file; {@link checkCatalog} can add the official DCAT-AP shapes on top.
 *
 * @example
 * ```ts
 * import { profileShapes } from '@smartcitylab/catalog';
 * const shapes = profileShapes('3.0.1'); // RDF quads of the shapes graph
 * ```
 */
export function profileShapes(version: ProfileVersion = '3.0.1'): Quad[] {
  const out: Quad[] = [];
  const sh = (local: string) => namedNode(`${NS.sh}${local}`);
  const add = (s: Quad_Subject, pred: string, o: Quad_Object) => out.push(quad(s, sh(pred), o));
  const list = (items: readonly Quad_Object[]): Quad_Object => {
    let head: Quad_Object = namedNode(`${NS.rdf}nil`);
    for (const item of [...items].reverse()) {
      const cell = blankNode();
      out.push(quad(cell, namedNode(`${NS.rdf}first`), item));
      out.push(quad(cell, namedNode(`${NS.rdf}rest`), head));
      head = cell;
    }
    return head;
  };
  rules(version).forEach((r, i) => {
    const shape = namedNode(`urn:smartcitylab:catalog:shape:${version}:${i}`);
    out.push(quad(shape, namedNode(`${NS.rdf}type`), sh('NodeShape')));
    if ('class' in r.target) add(shape, 'targetClass', namedNode(r.target.class));
    else add(shape, 'targetObjectsOf', namedNode(r.target.objectsOf));
    const prop = blankNode();
    add(shape, 'property', prop);
    add(prop, 'path', namedNode(p(r.path)));
    add(prop, 'severity', sh('Violation'));
    add(prop, 'message', literal(message(r)));
    const int = (v: number) => literal(String(v), namedNode(`${NS.xsd}integer`));
    if (r.min !== undefined) add(prop, 'minCount', int(r.min));
    if (r.max !== undefined) add(prop, 'maxCount', int(r.max));
    if (r.nodeKind) add(prop, 'nodeKind', sh(r.nodeKind));
    if (r.pattern) add(prop, 'pattern', literal(r.pattern));
    if (r.in) add(prop, 'in', list(r.in.map((v) => namedNode(v))));
    if (r.oneOfTypes) {
      const qualified = blankNode();
      add(qualified, 'in', list(r.oneOfTypes.map((v) => namedNode(v))));
      add(prop, 'qualifiedValueShape', qualified);
      add(prop, 'qualifiedMinCount', int(1));
    }
  });
  return out;
}

export { curie };
