import type { Quad, Term } from '@rdfjs/types';
import { Store } from 'n3';
import SHACLValidator from 'rdf-validate-shacl';
import { curie, type ProfileVersion, profileShapes } from './profile.js';
import { NS } from './vocab.js';

/**
 * One SHACL violation: the resource, the property, what is wrong and which shapes say so.
 *
 * @example
 * ```ts
 * import { formatViolation, type CatalogViolation } from '@smartcitylab/catalog';
 * declare const v: CatalogViolation;
 * console.log(formatViolation(v)); // '<https://x.se/catalog> dcterms:license: ...'
 * ```
 */
export interface CatalogViolation {
  /** The resource (IRI, or `_:id` for a blank node). */
  focusNode: string;
  /** The property as a prefixed name where known (`dcterms:license`), else `<iri>`. */
  path: string;
  message: string;
  /** `Violation`, `Warning` or `Info`. */
  severity: string;
  /** Which shapes found it: `DCAT-AP-SE 3.0.1` or the name given to extra shapes. */
  source: string;
}

/**
 * Extra SHACL shapes to check against, e.g. the official DCAT-AP 3 `shapes.ttl`.
 *
 * @example
 * ```ts
 * import { parseRdf, type ShapesGraph } from '@smartcitylab/catalog';
 * const shapes: ShapesGraph = { name: 'shapes.ttl', quads: await parseRdf('', 'turtle') };
 * ```
 */
export interface ShapesGraph {
  name: string;
  quads: readonly Quad[];
}

/** Options of {@link checkCatalog}. */
export interface CheckOptions {
  /** Swedish profile version (default `3.0.1`). */
  profile?: ProfileVersion;
  /** More shapes graphs, each checked on its own. */
  shapes?: readonly ShapesGraph[];
}

const COMPONENT: Record<string, string> = {
  MinCountConstraintComponent: 'missing (too few values)',
  MaxCountConstraintComponent: 'too many values',
  NodeKindConstraintComponent: 'wrong kind of value (IRI, blank node or literal)',
  ClassConstraintComponent: 'value is not of the expected class',
  DatatypeConstraintComponent: 'wrong datatype',
  InConstraintComponent: 'value is not one of the allowed values',
  PatternConstraintComponent: 'value does not match the expected pattern',
  QualifiedMinCountConstraintComponent: 'no value of the expected kind',
};

function show(t: Term | undefined): string {
  if (!t) return '(none)';
  if (t.termType === 'BlankNode') return `_:${t.value}`;
  if (t.termType === 'NamedNode') return `<${t.value}>`;
  return JSON.stringify(t.value);
}

/**
 * Checks a catalogue's RDF against the DCAT-AP 3 mandatory properties and the Swedish
 * profile's ({@link profileShapes}), plus any shapes passed in, with the SHACL engine
 * rdf-validate-shacl. Returns every violation (empty when the catalogue conforms), sorted by
 * resource and property.
 *
 * @example
 * ```ts
 * import { checkCatalog, formatViolation, parseRdf } from '@smartcitylab/catalog';
 * const quads = await parseRdf('<https://x.se/c> a <http://www.w3.org/ns/dcat#Catalog> .', 'turtle');
 * for (const v of await checkCatalog(quads)) console.log(formatViolation(v));
 * ```
 */
export async function checkCatalog(
  quads: readonly Quad[],
  options: CheckOptions = {},
): Promise<CatalogViolation[]> {
  const data = new Store([...quads]);
  const version = options.profile ?? '3.0.1';
  const graphs: ShapesGraph[] = [
    { name: `DCAT-AP-SE ${version}`, quads: profileShapes(version) },
    ...(options.shapes ?? []),
  ];
  const out: CatalogViolation[] = [];
  for (const g of graphs) {
    const validator = new SHACLValidator(new Store([...g.quads]));
    const report = await validator.validate(data);
    for (const r of report.results) {
      const component = r.sourceConstraintComponent?.value.replace(NS.sh, '') ?? '';
      const given = r.message.map((m) => m.value).join('; ');
      const value = r.value ? ` (value ${show(r.value)})` : '';
      out.push({
        focusNode: show(r.focusNode).replace(/^<|>$/g, ''),
        path: r.path ? curie(r.path.value) : '(node)',
        message: `${given || COMPONENT[component] || component}${given ? '' : value}`,
        severity: r.severity?.value.replace(NS.sh, '') ?? 'Violation',
        source: g.name,
      });
    }
  }
  return out.sort((a, b) =>
    a.focusNode === b.focusNode
      ? a.path < b.path
        ? -1
        : a.path > b.path
          ? 1
          : 0
      : a.focusNode < b.focusNode
        ? -1
        : 1,
  );
}

/**
 * One line per violation: `<resource> <property>: <message> [<source>]`.
 *
 * @example
 * ```ts
 * import { formatViolation } from '@smartcitylab/catalog';
 * formatViolation({ focusNode: 'https://x.se/c', path: 'dcterms:license', message: 'missing', severity: 'Violation', source: 'DCAT-AP-SE 3.0.1' });
 * // '<https://x.se/c> dcterms:license: missing [DCAT-AP-SE 3.0.1]'
 * ```
 */
export function formatViolation(v: CatalogViolation): string {
  const node = v.focusNode.startsWith('_:') ? v.focusNode : `<${v.focusNode}>`;
  const level = v.severity === 'Violation' ? '' : ` (${v.severity})`;
  return `${node} ${v.path}: ${v.message}${level} [${v.source}]`;
}
