/**
 * Generates `packages/models/src/generated/*` (and the per-model entry modules, the
 * package exports map, the tsup entries and the size-limit config) from the official
 * Smart Data Models JSON Schemas in `../shared/fixtures/smart-data-models`.
 *
 * Run: `node --import tsx scripts/generate-models.ts` (writes) or `... --check`
 * (exits 1 when the committed output differs). No network: every `$ref` is resolved to
 * the local `common/` copies by the `$id` each file declares.
 */
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PKG_DIR = join(ROOT, 'packages', 'models');
const FIXTURES = resolve(ROOT, '..', 'shared', 'fixtures', 'smart-data-models');
const GENERATOR = 'scripts/generate-models.ts';

/** The models this package ships, in the order of the issue: [type, domain]. */
export const MODELS: ReadonlyArray<readonly [string, string]> = [
  ['AirQualityObserved', 'Environment'],
  ['NoiseLevelObserved', 'Environment'],
  ['WaterObserved', 'Environment'],
  ['FloodMonitoring', 'Environment'],
  ['IndoorEnvironmentObserved', 'Environment'],
  ['WeatherObserved', 'Weather'],
  ['WeatherForecast', 'Weather'],
  ['WaterQualityObserved', 'WaterQuality'],
  ['WaterConsumptionObserved', 'WaterConsumption'],
  ['WasteContainer', 'WasteManagement'],
  ['WasteContainerModel', 'WasteManagement'],
  ['OffStreetParking', 'Parking'],
  ['ParkingSpot', 'Parking'],
  ['Streetlight', 'Streetlighting'],
  ['Road', 'Transportation'],
  ['RoadSegment', 'Transportation'],
  ['RoadAccident', 'Transportation'],
  ['CityWork', 'Transportation'],
  ['TrafficFlowObserved', 'Transportation'],
  ['PointOfInterest', 'PointOfInterest'],
  ['Beach', 'PointOfInterest'],
  ['Building', 'Building'],
  ['Device', 'Device'],
  ['DeviceModel', 'Device'],
  ['DeviceMeasurement', 'Device'],
  ['Alert', 'Alert'],
  ['GreenspaceRecord', 'ParksAndGardens'],
  ['DataQualityAssessment', 'DataQuality'],
  ['KeyPerformanceIndicator', 'KeyPerformanceIndicator'],
];

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

// ---------------------------------------------------------------------------------------------
// Loading and $ref resolution

/** Maps the public URL forms of a schema file to the one its `$id` declares. */
function canonicalUrl(url: string): string {
  const raw =
    /^https:\/\/raw\.githubusercontent\.com\/smart-data-models\/([^/]+)\/master\/(.+)$/.exec(url);
  if (raw) return `https://smart-data-models.github.io/${raw[1]}/${raw[2]}`;
  return url.replace(/^http:\/\//, 'https://');
}

function listSchemaFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...listSchemaFiles(full));
    else if (name.endsWith('schema.json')) out.push(full);
  }
  return out;
}

function loadDocuments(): Map<string, JsonObject> {
  const docs = new Map<string, JsonObject>();
  for (const file of listSchemaFiles(FIXTURES)) {
    const doc = JSON.parse(readFileSync(file, 'utf8')) as JsonObject;
    if (typeof doc.$id === 'string') docs.set(canonicalUrl(doc.$id), doc);
  }
  return docs;
}

function pointer(doc: Json, fragment: string, where: string): Json {
  let node: Json = doc;
  for (const raw of fragment.split('/').slice(1)) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || !(key in node)) {
      throw new Error(`Cannot resolve #${fragment} (from ${where})`);
    }
    node = (node as JsonObject)[key] as Json;
  }
  return node;
}

/** Inlines every `$ref`; sibling keywords of a `$ref` become an `allOf` conjunct. */
function deref(node: Json, base: string, docs: Map<string, JsonObject>, stack: string[]): Json {
  if (Array.isArray(node)) return node.map((n) => deref(n, base, docs, stack));
  if (node === null || typeof node !== 'object') return node;
  if (typeof node.$ref === 'string') {
    const [urlPart = '', fragment = ''] = node.$ref.split('#');
    const url = urlPart === '' ? base : canonicalUrl(urlPart);
    const doc = docs.get(url);
    if (!doc) throw new Error(`No local schema for ${node.$ref} (base ${base})`);
    const key = `${url}#${fragment}`;
    if (stack.includes(key)) throw new Error(`Recursive $ref ${key}`);
    const target = deref(pointer(doc, fragment, node.$ref), url, docs, [...stack, key]);
    const { $ref: _ignored, ...siblings } = node;
    const rest = deref(siblings, base, docs, stack) as JsonObject;
    const meaningful = Object.keys(rest).filter((k) => k !== 'description');
    if (meaningful.length === 0) {
      // Keep the referencing site's description (it names the attribute's role).
      if (typeof rest.description === 'string' && target && typeof target === 'object') {
        return { ...(target as JsonObject), description: rest.description };
      }
      return target;
    }
    return { allOf: [target, rest] };
  }
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(node)) out[k] = deref(v, base, docs, stack);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Normalised schema facts (the intermediate representation)

type Node =
  | { k: 'any' }
  | { k: 'never' }
  | {
      k: 'string';
      enum?: string[];
      minLength?: number;
      maxLength?: number;
      pattern?: string;
      format?: string;
    }
  | {
      k: 'number';
      int: boolean;
      enum?: number[];
      min?: number;
      max?: number;
      xmin?: number;
      xmax?: number;
    }
  | { k: 'boolean' }
  | { k: 'null' }
  | { k: 'array'; items: Node; minItems?: number; maxItems?: number; unique?: boolean }
  | { k: 'object'; props: Array<[string, Node]>; required: string[]; desc: Record<string, string> }
  | { k: 'anyOf' | 'oneOf'; options: Node[] }
  | { k: 'allOf'; parts: Node[] };

const ANNOTATIONS = new Set([
  'description',
  'title',
  '$schema',
  '$id',
  '$schemaVersion',
  'modelTags',
  'derivedFrom',
  'license',
  '$comment',
  'examples',
]);

const TYPE_KEYS: Record<string, string[]> = {
  string: ['minLength', 'maxLength', 'pattern', 'format'],
  number: ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'],
  array: ['items', 'minItems', 'maxItems', 'uniqueItems'],
  object: ['properties', 'required'],
};

function num(v: Json | undefined): number | undefined {
  return typeof v === 'number' ? v : undefined;
}

/** The base (non-combinator) part of a schema object as a node. */
function baseNode(s: JsonObject): Node {
  const declared = Array.isArray(s.type) ? (s.type as string[]) : s.type ? [s.type as string] : [];
  let types = declared;
  if (types.length === 0) {
    // Untyped: infer the kind from the keywords used (they only constrain that kind).
    if (s.enum) types = [];
    else if (s.properties || s.required) types = ['object'];
    else if (s.items || s.minItems !== undefined) types = ['array'];
    else if (s.format || s.pattern || s.minLength !== undefined) types = ['string'];
    else if (s.minimum !== undefined || s.maximum !== undefined) types = ['number'];
  }
  if (Array.isArray(s.enum)) {
    const values = s.enum as Json[];
    if (
      values.every((v) => typeof v === 'string') &&
      (types.length === 0 || types.includes('string'))
    ) {
      return withString(s, values as string[]);
    }
    if (values.every((v) => typeof v === 'number')) {
      return {
        k: 'number',
        int: types.includes('integer'),
        enum: values as number[],
      };
    }
    throw new Error(`Unsupported enum ${JSON.stringify(values)}`);
  }
  if (types.length === 0) return { k: 'any' };
  if (types.length > 1) {
    return { k: 'anyOf', options: types.map((t) => baseNode({ ...s, type: t })) };
  }
  const t = types[0];
  switch (t) {
    case 'string':
      return withString(s, undefined);
    case 'number':
    case 'integer': {
      const n: Node = { k: 'number', int: t === 'integer' };
      if (num(s.minimum) !== undefined) n.min = num(s.minimum) as number;
      if (num(s.maximum) !== undefined) n.max = num(s.maximum) as number;
      if (num(s.exclusiveMinimum) !== undefined) n.xmin = num(s.exclusiveMinimum) as number;
      if (num(s.exclusiveMaximum) !== undefined) n.xmax = num(s.exclusiveMaximum) as number;
      return n;
    }
    case 'boolean':
      return { k: 'boolean' };
    case 'null':
      return { k: 'null' };
    case 'array': {
      const n: Node = {
        k: 'array',
        items:
          s.items && typeof s.items === 'object' ? normalize(s.items as JsonObject) : { k: 'any' },
      };
      if (num(s.minItems) !== undefined) n.minItems = num(s.minItems) as number;
      if (num(s.maxItems) !== undefined) n.maxItems = num(s.maxItems) as number;
      if (s.uniqueItems === true) n.unique = true;
      return n;
    }
    case 'object': {
      const props: Array<[string, Node]> = [];
      const desc: Record<string, string> = {};
      const p = (s.properties ?? {}) as Record<string, JsonObject>;
      for (const [name, sub] of Object.entries(p)) {
        props.push([name, normalize(sub)]);
        if (typeof sub.description === 'string') desc[name] = sub.description;
      }
      return {
        k: 'object',
        props,
        required: Array.isArray(s.required) ? (s.required as string[]) : [],
        desc,
      };
    }
    default:
      throw new Error(`Unsupported type ${String(t)}`);
  }
}

function withString(s: JsonObject, values: string[] | undefined): Node {
  const n: Node = { k: 'string' };
  if (values) n.enum = values;
  if (num(s.minLength) !== undefined) n.minLength = num(s.minLength) as number;
  if (num(s.maxLength) !== undefined) n.maxLength = num(s.maxLength) as number;
  if (typeof s.pattern === 'string') n.pattern = s.pattern;
  if (typeof s.format === 'string') n.format = s.format;
  return n;
}

/** Conjunction of two nodes, simplified where the kinds allow it. */
function merge(a: Node, b: Node): Node {
  if (a.k === 'any') return b;
  if (b.k === 'any') return a;
  if (a.k === 'object' && b.k === 'object') {
    const props = new Map(a.props);
    for (const [name, node] of b.props) {
      const prev = props.get(name);
      props.set(name, prev ? merge(prev, node) : node);
    }
    return {
      k: 'object',
      props: [...props.entries()],
      required: [...new Set([...a.required, ...b.required])],
      desc: { ...a.desc, ...b.desc },
    };
  }
  if (a.k === 'string' && b.k === 'string') {
    const conflict = (Object.keys(b) as Array<keyof typeof b>).some(
      (key) =>
        key !== 'k' && a[key] !== undefined && JSON.stringify(a[key]) !== JSON.stringify(b[key]),
    );
    if (!conflict) return { ...a, ...b };
  }
  if (a.k === 'number' && b.k === 'number') {
    const conflict = (['enum', 'min', 'max', 'xmin', 'xmax'] as const).some(
      (key) => a[key] !== undefined && b[key] !== undefined && a[key] !== b[key],
    );
    if (!conflict) return { ...a, ...b, int: a.int || b.int };
  }
  // A typed base with a union: push the base into every option.
  if (
    (b.k === 'anyOf' || b.k === 'oneOf') &&
    a.k !== 'anyOf' &&
    a.k !== 'oneOf' &&
    a.k !== 'allOf'
  ) {
    return { k: b.k, options: b.options.map((o) => merge(a, o)) };
  }
  if (
    (a.k === 'anyOf' || a.k === 'oneOf') &&
    b.k !== 'anyOf' &&
    b.k !== 'oneOf' &&
    b.k !== 'allOf'
  ) {
    return { k: a.k, options: a.options.map((o) => merge(o, b)) };
  }
  const primitive = ['string', 'number', 'boolean', 'null', 'array', 'object'];
  if (a.k !== b.k && primitive.includes(a.k) && primitive.includes(b.k)) return { k: 'never' };
  return { k: 'allOf', parts: [a, b] };
}

function hasOwnKeywords(s: JsonObject): boolean {
  return Object.keys(s).some(
    (k) =>
      !ANNOTATIONS.has(k) &&
      k !== 'allOf' &&
      k !== 'anyOf' &&
      k !== 'oneOf' &&
      (k === 'type' || k === 'enum' || Object.values(TYPE_KEYS).some((l) => l.includes(k))),
  );
}

/** Validation keywords the generator does not translate; meeting one must stop it, not drop it. */
const UNSUPPORTED = [
  'const',
  'not',
  'if',
  'then',
  'else',
  'additionalProperties',
  'patternProperties',
  'propertyNames',
  'minProperties',
  'maxProperties',
  'dependencies',
  'dependentRequired',
  'dependentSchemas',
  'multipleOf',
  'contains',
  'prefixItems',
  'unevaluatedProperties',
  'unevaluatedItems',
];

function normalize(s: JsonObject): Node {
  const unsupported = UNSUPPORTED.filter((k) => k in s);
  if (unsupported.length > 0) {
    throw new Error(
      `Unsupported JSON Schema keyword(s) ${unsupported.join(', ')} in ${JSON.stringify(s).slice(0, 200)}`,
    );
  }
  let node: Node = hasOwnKeywords(s) ? baseNode(s) : { k: 'any' };
  if (Array.isArray(s.allOf)) {
    for (const part of s.allOf as JsonObject[]) node = merge(node, normalize(part));
  }
  for (const comb of ['anyOf', 'oneOf'] as const) {
    if (Array.isArray(s[comb])) {
      const options = (s[comb] as JsonObject[]).map(normalize);
      node = merge(node, options.length === 1 ? (options[0] as Node) : { k: comb, options });
    }
  }
  return node;
}

// ---------------------------------------------------------------------------------------------
// Emitters

const q = (s: string): string => JSON.stringify(s);
const FORMAT_FNS: Record<string, string> = {
  'date-time': 'isDateTime',
  date: 'isDate',
  time: 'isTime',
  uri: 'isUri',
  'idn-email': 'isEmail',
  email: 'isEmail',
  ipv4: 'isIpv4',
  ipv6: 'isIpv6',
};

/** Identity of a node's shape: descriptions (which differ between models) are left out. */
function keyOf(n: Node): string {
  return JSON.stringify(n, (k, v: unknown) => (k === 'desc' ? undefined : v));
}

/**
 * Shapes that several models share (GeoJSON locations, Address, entity ids): they are emitted
 * once into `generated/shared.ts` and imported, instead of being repeated in every model file.
 */
class SharedShapes {
  /** Shape key -> exported base name (e.g. `Address`). */
  readonly names = new Map<string, string>();
  readonly nodes = new Map<string, Node>();

  lookup(n: Node, used: Set<string>): string | undefined {
    const name = this.names.get(keyOf(n));
    if (name !== undefined) used.add(name);
    return name;
  }
}

const NO_SHARED = new SharedShapes();

const pascal = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

/** Every object/union subtree of a node, with the attribute name it sits under (if top-level). */
function visitSubtrees(root: Node, f: (n: Node, attribute: string | undefined) => void): void {
  const visit = (n: Node, attribute: string | undefined): void => {
    if (n.k === 'object' || n.k === 'anyOf' || n.k === 'oneOf') f(n, attribute);
    if (n.k === 'array') visit(n.items, undefined);
    if (n.k === 'object') for (const [, sub] of n.props) visit(sub, undefined);
    if (n.k === 'anyOf' || n.k === 'oneOf') for (const o of n.options) visit(o, undefined);
    if (n.k === 'allOf') for (const p of n.parts) visit(p, undefined);
  };
  if (root.k === 'object') for (const [name, sub] of root.props) visit(sub, name);
}

/** Finds the shapes used by at least two models and names them after their attribute. */
function findSharedShapes(roots: Node[]): SharedShapes {
  const models = new Map<string, Set<number>>();
  const attributeNames = new Map<string, Map<string, number>>();
  const nodes = new Map<string, Node>();
  roots.forEach((root, i) => {
    visitSubtrees(root, (n, attribute) => {
      const key = keyOf(n);
      if (key.length < 120) return;
      nodes.set(key, n);
      const seen = models.get(key) ?? new Set<number>();
      models.set(key, seen.add(i));
      if (attribute !== undefined) {
        const names = attributeNames.get(key) ?? new Map<string, number>();
        attributeNames.set(key, names.set(attribute, (names.get(attribute) ?? 0) + 1));
      }
    });
  });
  const shared = new SharedShapes();
  const taken = new Set<string>();
  const keys = [...models].filter(([, m]) => m.size >= 2).map(([key]) => key);
  // Shorter keys first: a shape's parts are defined before the shape that uses them.
  keys.sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
  for (const key of keys) {
    const n = nodes.get(key) as Node;
    const names = [...(attributeNames.get(key) ?? [])].sort(
      (a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1),
    );
    let base = shapeName(n, names[0]?.[0]);
    for (let i = 2; taken.has(base); i++) base = `${shapeName(n, names[0]?.[0])}${i}`;
    taken.add(base);
    shared.names.set(key, base);
    shared.nodes.set(key, n);
  }
  return shared;
}

/** A readable name for a shared shape. */
function shapeName(n: Node, attribute: string | undefined): string {
  if (isGeoJson(n)) {
    if (n.k === 'object') {
      const t = n.props.find(([p]) => p === 'type')?.[1];
      if (t?.k === 'string' && t.enum?.length === 1) return `${t.enum[0]}Geometry`;
    }
    return 'Geometry';
  }
  if (isUriString(n)) {
    const lists =
      n.k === 'array' ||
      ((n.k === 'anyOf' || n.k === 'oneOf') && n.options.every((o) => o.k === 'array'));
    if (lists) return 'EntityIdList';
  }
  if (attribute === 'id') return 'EntityId';
  if (attribute !== undefined) return pascal(attribute);
  if (isUriString(n)) return 'EntityId';
  return 'Shape';
}

/** Subtrees that occur more than once in a model (e.g. GeoJSON locations) are emitted once. */
function repeatedSubtrees(root: Node): Set<string> {
  const counts = new Map<string, number>();
  const visit = (n: Node): void => {
    if (n.k === 'object' || n.k === 'anyOf' || n.k === 'oneOf') {
      const key = keyOf(n);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    if (n.k === 'array') visit(n.items);
    if (n.k === 'object') for (const [, sub] of n.props) visit(sub);
    if (n.k === 'anyOf' || n.k === 'oneOf') n.options.forEach(visit);
    if (n.k === 'allOf') n.parts.forEach(visit);
  };
  visit(root);
  return new Set([...counts].filter(([key, c]) => c > 1 && key.length > 200).map(([key]) => key));
}

class ZodEmitter {
  readonly formats = new Set<string>();
  readonly defs: string[] = [];
  private readonly hoisted = new Map<string, string>();
  needUnique = false;

  constructor(
    private readonly shared: Set<string>,
    readonly regexes: string[],
    private readonly global: SharedShapes = NO_SHARED,
    readonly used: Set<string> = new Set(),
  ) {}

  regex(pattern: string): string {
    let i = this.regexes.indexOf(pattern);
    if (i < 0) i = this.regexes.push(pattern) - 1;
    return `RE${i}`;
  }

  emit(n: Node, doc?: (name: string) => string): string {
    const key = doc ? '' : keyOf(n);
    const global = key ? this.global.lookup(n, this.used) : undefined;
    if (global !== undefined) return `${lowerFirst(global)}Schema`;
    if (key && this.shared.has(key)) {
      let name = this.hoisted.get(key);
      if (!name) {
        const code = this.emitNode(n);
        name = `S${this.defs.length}`;
        // Annotated so that a bundler drops a schema nobody uses (zod calls are not known pure).
        this.defs.push(`const ${name} = /* @__PURE__ */ (() => ${code})();`);
        this.hoisted.set(key, name);
      }
      return name;
    }
    return this.emitNode(n, doc);
  }

  emitNode(n: Node, doc?: (name: string) => string): string {
    switch (n.k) {
      case 'any':
        return 'z.unknown()';
      case 'never':
        return 'z.never()';
      case 'boolean':
        return 'z.boolean()';
      case 'null':
        return 'z.null()';
      case 'string': {
        let out: string;
        if (n.enum) out = `z.enum([${n.enum.map(q).join(', ')}])`;
        else if (n.format) {
          const fn = FORMAT_FNS[n.format];
          if (!fn) throw new Error(`Unsupported format ${n.format}`);
          this.formats.add(fn);
          out = `z.stringFormat(${q(n.format)}, ${fn})`;
        } else out = 'z.string()';
        if (n.enum && n.format) throw new Error('enum + format');
        if (n.minLength !== undefined) out += `.min(${n.minLength})`;
        if (n.maxLength !== undefined) out += `.max(${n.maxLength})`;
        if (n.pattern !== undefined) out += `.regex(${this.regex(n.pattern)})`;
        return out;
      }
      case 'number': {
        if (n.enum) {
          return n.enum.length === 1
            ? `z.literal(${n.enum[0]})`
            : `z.union([${n.enum.map((v) => `z.literal(${v})`).join(', ')}])`;
        }
        let out = n.int ? 'z.int()' : 'z.number()';
        if (n.min !== undefined) out += `.gte(${n.min})`;
        if (n.max !== undefined) out += `.lte(${n.max})`;
        if (n.xmin !== undefined) out += `.gt(${n.xmin})`;
        if (n.xmax !== undefined) out += `.lt(${n.xmax})`;
        return out;
      }
      case 'array': {
        let out = `z.array(${this.emit(n.items)})`;
        if (n.minItems !== undefined) out += `.min(${n.minItems})`;
        if (n.maxItems !== undefined) out += `.max(${n.maxItems})`;
        if (n.unique) {
          this.needUnique = true;
          out += `.refine(hasUniqueItems, { message: 'Items must be unique' })`;
        }
        return out;
      }
      case 'object': {
        const lines = n.props.map(([name, sub]) => {
          const opt = n.required.includes(name) ? '' : '.optional()';
          const comment = doc ? `/** ${doc(name)} */\n` : '';
          return `${comment}${q(name)}: ${this.emit(sub)}${opt},`;
        });
        // Required names without a property schema only demand presence.
        for (const name of n.required) {
          if (!n.props.some(([p]) => p === name)) lines.push(`${q(name)}: z.unknown(),`);
        }
        return `z.looseObject({\n${lines.join('\n')}\n})`;
      }
      case 'anyOf':
        return `z.union([${n.options.map((o) => this.emit(o)).join(', ')}])`;
      case 'oneOf':
        return `z.xor([${n.options.map((o) => this.emit(o)).join(', ')}])`;
      case 'allOf':
        return n.parts.map((p) => this.emit(p)).reduce((acc, p) => `z.intersection(${acc}, ${p})`);
    }
  }
}

/** Emits a hand-rolled validator: straight-line checks, one issue per failed rule. */
class CheckEmitter {
  readonly enums: string[] = [];
  readonly formats = new Set<string>();
  readonly defs: string[] = [];
  private readonly hoisted = new Map<string, string>();
  needUnique = false;
  private v = 0;

  constructor(
    private readonly shared: Set<string>,
    readonly regexes: string[],
    private readonly global: SharedShapes = NO_SHARED,
    readonly used: Set<string> = new Set(),
  ) {}

  regex(pattern: string): string {
    let i = this.regexes.indexOf(pattern);
    if (i < 0) i = this.regexes.push(pattern) - 1;
    return `RE${i}`;
  }

  private enumSet(values: ReadonlyArray<string | number>): string {
    const key = JSON.stringify(values);
    let i = this.enums.indexOf(key);
    if (i < 0) i = this.enums.push(key) - 1;
    return `EN${i}`;
  }

  private fresh(): string {
    this.v += 1;
    return `v${this.v}`;
  }

  private static block(test: string, failure: string, checks: string[]): string {
    const body = checks.filter((c) => c !== '');
    return body.length === 0
      ? `if (${test}) ${failure}`
      : `if (${test}) ${failure} else {${body.join('\n')}}`;
  }

  private enumCheck(
    x: string,
    values: ReadonlyArray<string | number>,
    fail: (m: string) => string,
  ): string {
    const shown = values.length <= 6 ? `: ${values.join(', ')}` : '';
    const msg = `Expected one of the allowed values${shown}`;
    if (values.length <= 3) {
      return `if (${values.map((e) => `${x} !== ${JSON.stringify(e)}`).join(' && ')}) ${fail(msg)}`;
    }
    return `if (!${this.enumSet(values)}.has(${x})) ${fail(msg)}`;
  }

  private readonly predicates = new Map<string, string>();

  /**
   * Name of a hoisted `(x: unknown) => boolean` for a node: it stops at the first failed
   * rule and allocates nothing, so valid input (and union options) are checked cheaply.
   */
  predicate(n: Node): string {
    const global = this.global.lookup(n, this.used);
    if (global !== undefined) return `is${global}`;
    const key = keyOf(n);
    let name = this.predicates.get(key);
    if (!name) {
      name = `is${this.predicates.size}`;
      this.predicates.set(key, name);
      const body = this.testBody(n, 'x');
      this.defs.push(`function ${name}(x: unknown): boolean {\n${body}\nreturn true;\n}`);
    }
    return name;
  }

  private test(n: Node, x: string): string {
    if (this.shared.has(keyOf(n)) || this.global.names.has(keyOf(n)))
      return `if (!${this.predicate(n)}(${x})) return false;`;
    return this.testBody(n, x);
  }

  testBody(n: Node, x: string): string {
    const no = 'return false;';
    const enumTest = (values: ReadonlyArray<string | number>): string =>
      values.length <= 3
        ? `if (${values.map((e) => `${x} !== ${JSON.stringify(e)}`).join(' && ')}) ${no}`
        : `if (!${this.enumSet(values)}.has(${x})) ${no}`;
    switch (n.k) {
      case 'any':
        return '';
      case 'never':
        return no;
      case 'boolean':
        return `if (typeof ${x} !== 'boolean') ${no}`;
      case 'null':
        return `if (${x} !== null) ${no}`;
      case 'string': {
        const c = [`if (typeof ${x} !== 'string') ${no}`];
        if (n.enum) c.push(enumTest(n.enum));
        if (n.minLength !== undefined || n.maxLength !== undefined) {
          const len = this.fresh();
          c.push(`const ${len} = codePointLength(${x});`);
          if (n.minLength !== undefined) c.push(`if (${len} < ${n.minLength}) ${no}`);
          if (n.maxLength !== undefined) c.push(`if (${len} > ${n.maxLength}) ${no}`);
        }
        if (n.pattern !== undefined) c.push(`if (!${this.regex(n.pattern)}.test(${x})) ${no}`);
        if (n.format) {
          const fn = FORMAT_FNS[n.format] as string;
          this.formats.add(fn);
          c.push(`if (!${fn}(${x})) ${no}`);
        }
        return c.join('\n');
      }
      case 'number': {
        const c = [
          n.int
            ? `if (typeof ${x} !== 'number' || !Number.isInteger(${x})) ${no}`
            : `if (typeof ${x} !== 'number' || !Number.isFinite(${x})) ${no}`,
        ];
        if (n.enum) c.push(enumTest(n.enum));
        if (n.min !== undefined) c.push(`if (${x} < ${n.min}) ${no}`);
        if (n.max !== undefined) c.push(`if (${x} > ${n.max}) ${no}`);
        if (n.xmin !== undefined) c.push(`if (${x} <= ${n.xmin}) ${no}`);
        if (n.xmax !== undefined) c.push(`if (${x} >= ${n.xmax}) ${no}`);
        return c.join('\n');
      }
      case 'array': {
        const c = [`if (!Array.isArray(${x})) ${no}`];
        if (n.minItems !== undefined) c.push(`if (${x}.length < ${n.minItems}) ${no}`);
        if (n.maxItems !== undefined) c.push(`if (${x}.length > ${n.maxItems}) ${no}`);
        const i = this.fresh();
        const y = this.fresh();
        const item = this.test(n.items, y);
        if (item)
          c.push(
            `for (let ${i} = 0; ${i} < ${x}.length; ${i}++) { const ${y}: unknown = ${x}[${i}]; ${item} }`,
          );
        if (n.unique) {
          this.needUnique = true;
          c.push(`if (!hasUniqueItems(${x})) ${no}`);
        }
        return c.join('\n');
      }
      case 'object': {
        const o = this.fresh();
        const c = [
          `if (typeof ${x} !== 'object' || ${x} === null || Array.isArray(${x})) ${no}`,
          `const ${o} = ${x} as Record<string, unknown>;`,
        ];
        const names = [...new Set([...n.props.map(([name]) => name), ...n.required])];
        for (const name of names) {
          const sub = n.props.find(([pn]) => pn === name)?.[1];
          const y = this.fresh();
          const access = /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name)
            ? `${o}.${name}`
            : `${o}[${q(name)}]`;
          const body = sub ? this.test(sub, y) : '';
          if (n.required.includes(name))
            c.push(`{ const ${y} = ${access}; if (${y} === undefined) ${no} ${body} }`);
          else if (body) c.push(`{ const ${y} = ${access}; if (${y} !== undefined) { ${body} } }`);
        }
        if (c.length === 2) c.pop();
        return c.join('\n');
      }
      case 'anyOf':
        return `if (!(${n.options.map((o) => `${this.predicate(o)}(${x})`).join(' || ')})) ${no}`;
      case 'oneOf':
        return `if (${n.options.map((o) => `(${this.predicate(o)}(${x}) ? 1 : 0)`).join(' + ')} !== 1) ${no}`;
      case 'allOf':
        return n.parts.map((part) => this.test(part, x)).join('\n');
    }
  }

  /** Code that checks `x` at path stack `p`, pushing to `out`. */
  emit(n: Node, x: string): string {
    const global = this.global.lookup(n, this.used);
    if (global !== undefined) return `check${global}(${x}, p, out);`;
    const key = keyOf(n);
    if (this.shared.has(key)) {
      let name = this.hoisted.get(key);
      if (!name) {
        const body = this.emitNode(n, 'x');
        name = `check${this.defs.length}`;
        this.defs.push(
          `function ${name}(x: unknown, p: Array<string | number>, out: ModelIssue[]): void {\n${body}\n}`,
        );
        this.hoisted.set(key, name);
      }
      return `${name}(${x}, p, out);`;
    }
    return this.emitNode(n, x);
  }

  emitNode(n: Node, x: string): string {
    const fail = (msg: string): string => `out.push(issue(p, ${q(msg)}));`;
    switch (n.k) {
      case 'any':
        return '';
      case 'never':
        return fail('No value is allowed here');
      case 'boolean':
        return `if (typeof ${x} !== 'boolean') ${fail('Expected a boolean')}`;
      case 'null':
        return `if (${x} !== null) ${fail('Expected null')}`;
      case 'string': {
        const checks: string[] = [];
        if (n.enum) checks.push(this.enumCheck(x, n.enum, fail));
        if (n.minLength !== undefined || n.maxLength !== undefined) {
          const len = this.fresh();
          checks.push(`const ${len} = codePointLength(${x});`);
          if (n.minLength !== undefined) {
            checks.push(
              `if (${len} < ${n.minLength}) ${fail(`Must have at least ${n.minLength} characters`)}`,
            );
          }
          if (n.maxLength !== undefined) {
            checks.push(
              `if (${len} > ${n.maxLength}) ${fail(`Must have at most ${n.maxLength} characters`)}`,
            );
          }
        }
        if (n.pattern !== undefined) {
          checks.push(
            `if (!${this.regex(n.pattern)}.test(${x})) ${fail('Does not match the required pattern')}`,
          );
        }
        if (n.format) {
          const fn = FORMAT_FNS[n.format] as string;
          this.formats.add(fn);
          checks.push(`if (!${fn}(${x})) ${fail(`Must be a valid ${n.format}`)}`);
        }
        return CheckEmitter.block(`typeof ${x} !== 'string'`, fail('Expected a string'), checks);
      }
      case 'number': {
        const checks: string[] = [];
        if (n.enum) checks.push(this.enumCheck(x, n.enum, fail));
        if (n.min !== undefined) checks.push(`if (${x} < ${n.min}) ${fail(`Must be >= ${n.min}`)}`);
        if (n.max !== undefined) checks.push(`if (${x} > ${n.max}) ${fail(`Must be <= ${n.max}`)}`);
        if (n.xmin !== undefined)
          checks.push(`if (${x} <= ${n.xmin}) ${fail(`Must be > ${n.xmin}`)}`);
        if (n.xmax !== undefined)
          checks.push(`if (${x} >= ${n.xmax}) ${fail(`Must be < ${n.xmax}`)}`);
        const test = n.int
          ? `typeof ${x} !== 'number' || !Number.isInteger(${x})`
          : `typeof ${x} !== 'number' || !Number.isFinite(${x})`;
        return CheckEmitter.block(
          test,
          fail(n.int ? 'Expected an integer' : 'Expected a number'),
          checks,
        );
      }
      case 'array': {
        const i = this.fresh();
        const checks: string[] = [];
        if (n.minItems !== undefined) {
          checks.push(
            `if (${x}.length < ${n.minItems}) ${fail(`Must have at least ${n.minItems} items`)}`,
          );
        }
        if (n.maxItems !== undefined) {
          checks.push(
            `if (${x}.length > ${n.maxItems}) ${fail(`Must have at most ${n.maxItems} items`)}`,
          );
        }
        const item = this.emit(n.items, `${x}[${i}]`);
        if (item) {
          checks.push(
            `for (let ${i} = 0; ${i} < ${x}.length; ${i}++) { p.push(${i}); ${item} p.pop(); }`,
          );
        }
        if (n.unique) {
          this.needUnique = true;
          checks.push(`if (!hasUniqueItems(${x})) ${fail('Items must be unique')}`);
        }
        return CheckEmitter.block(`!Array.isArray(${x})`, fail('Expected an array'), checks);
      }
      case 'object': {
        const o = this.fresh();
        const checks: string[] = [`const ${o} = ${x} as Record<string, unknown>;`];
        const names = [...new Set([...n.props.map(([name]) => name), ...n.required])];
        for (const name of names) {
          const sub = n.props.find(([pn]) => pn === name)?.[1];
          const y = this.fresh();
          const access = /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name)
            ? `${o}.${name}`
            : `${o}[${q(name)}]`;
          const body = sub ? this.emit(sub, y) : '';
          const required = n.required.includes(name);
          let code = `const ${y} = ${access};`;
          if (required) {
            code += `if (${y} === undefined) out.push(issue(p, ${q(`Missing required attribute ${name}`)}, ${q(name)}));`;
            if (body) code += ` else { p.push(${q(name)}); ${body} p.pop(); }`;
          } else if (body) {
            code += `if (${y} !== undefined) { p.push(${q(name)}); ${body} p.pop(); }`;
          } else continue;
          checks.push(`{${code}}`);
        }
        if (checks.length === 1) checks.pop();
        return CheckEmitter.block(
          `typeof ${x} !== 'object' || ${x} === null || Array.isArray(${x})`,
          fail('Expected an object'),
          checks,
        );
      }
      case 'anyOf':
        return `if (!(${n.options.map((o) => `${this.predicate(o)}(${x})`).join(' || ')})) ${fail(
          'Does not match any of the allowed forms',
        )}`;
      case 'oneOf':
        return `if (${n.options
          .map((o) => `(${this.predicate(o)}(${x}) ? 1 : 0)`)
          .join(' + ')} !== 1) ${fail('Must match exactly one of the allowed forms')}`;
      case 'allOf':
        return n.parts.map((part) => this.emit(part, x)).join('\n');
    }
  }
}

/** Emits a TypeScript type for a node: closed object types, literal unions for enums. */
class TypeEmitter {
  /** Inside a GeoJSON geometry positions are `Position`s, as `@smartcitylab/ngsi-ld` types them. */
  private inGeometry = false;
  usesPosition = false;

  constructor(
    private readonly global: SharedShapes = NO_SHARED,
    readonly used: Set<string> = new Set(),
  ) {}

  emit(n: Node): string {
    const global = this.global.lookup(n, this.used);
    if (global !== undefined) return global;
    return this.emitNode(n);
  }

  /** Parenthesises a union or intersection (at the top level of `t`) for use in `T[]` or `A | B`. */
  static group(t: string): string {
    let depth = 0;
    for (const ch of t) {
      if (ch === '{' || ch === '(' || ch === '<' || ch === '[') depth++;
      else if (ch === '}' || ch === ')' || ch === '>' || ch === ']') depth--;
      else if (depth === 0 && (ch === '|' || ch === '&')) return `(${t})`;
    }
    return t;
  }

  emitNode(n: Node, doc?: (name: string) => string): string {
    if (n.k === 'object' && typeLabel(n) === 'GeoJSON' && !this.inGeometry) {
      this.inGeometry = true;
      try {
        return this.emitNode(n, doc);
      } finally {
        this.inGeometry = false;
      }
    }
    if (
      this.inGeometry &&
      n.k === 'array' &&
      n.items.k === 'number' &&
      n.minItems === 2 &&
      n.maxItems === undefined
    ) {
      this.usesPosition = true;
      return 'GeoJsonPosition';
    }
    switch (n.k) {
      case 'any':
        return 'JsonValue';
      case 'never':
        return 'never';
      case 'boolean':
        return 'boolean';
      case 'null':
        return 'null';
      case 'string':
        return n.enum ? n.enum.map(q).join(' | ') : 'string';
      case 'number':
        return n.enum ? n.enum.map(String).join(' | ') : 'number';
      case 'array':
        return `${TypeEmitter.group(this.emit(n.items))}[]`;
      case 'object': {
        if (n.props.length === 0 && n.required.length === 0) return '{ [key: string]: JsonValue }';
        const lines = n.props.map(([name, sub]) => {
          const opt = n.required.includes(name) ? '' : '?';
          const comment = doc ? `/** ${doc(name)} */\n` : '';
          return `${comment}${propertyKey(name)}${opt}: ${this.emit(sub)};`;
        });
        for (const name of n.required) {
          if (!n.props.some(([p]) => p === name)) lines.push(`${propertyKey(name)}: JsonValue;`);
        }
        return `{\n${lines.join('\n')}\n}`;
      }
      case 'anyOf':
      case 'oneOf':
        return [...new Set(n.options.map((o) => TypeEmitter.group(this.emit(o))))].join(' | ');
      case 'allOf':
        return n.parts.map((p) => TypeEmitter.group(this.emit(p))).join(' & ');
    }
  }
}

function propertyKey(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : q(name);
}

// ---------------------------------------------------------------------------------------------
// Metadata

interface AttributeFacts {
  name: string;
  kind: 'Property' | 'Relationship' | 'GeoProperty' | 'LanguageProperty';
  type: string;
  required: boolean;
  enum?: Array<string | number>;
  unit?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  format?: string;
}

function typeLabel(n: Node): string {
  switch (n.k) {
    case 'any':
      return 'any';
    case 'never':
      return 'never';
    case 'number':
      return n.int ? 'integer' : 'number';
    case 'array':
      return `array<${typeLabel(n.items)}>`;
    case 'anyOf':
    case 'oneOf': {
      const labels = [...new Set(n.options.map(typeLabel))];
      return labels.join(' | ');
    }
    case 'allOf':
      return n.parts.map(typeLabel).join(' & ');
    case 'object': {
      const t = n.props.find(([name]) => name === 'type')?.[1];
      if (
        t &&
        t.k === 'string' &&
        t.enum?.length === 1 &&
        n.props.some(([p]) => p === 'coordinates')
      ) {
        return 'GeoJSON';
      }
      return 'object';
    }
    default:
      return n.k;
  }
}

function isGeoJson(n: Node): boolean {
  if (n.k === 'oneOf' || n.k === 'anyOf') return n.options.every(isGeoJson);
  return typeLabel(n) === 'GeoJSON';
}

function isUriString(n: Node): boolean {
  if (n.k === 'string') return n.format === 'uri' || n.pattern !== undefined;
  if (n.k === 'anyOf' || n.k === 'oneOf') return n.options.every(isUriString);
  if (n.k === 'array') return isUriString(n.items);
  return false;
}

function numericFacts(n: Node): Pick<AttributeFacts, 'minimum' | 'maximum' | 'exclusiveMinimum'> {
  const target = n.k === 'array' ? n.items : n;
  if (target.k !== 'number') return {};
  const out: Pick<AttributeFacts, 'minimum' | 'maximum' | 'exclusiveMinimum'> = {};
  if (target.min !== undefined) out.minimum = target.min;
  if (target.max !== undefined) out.maximum = target.max;
  if (target.xmin !== undefined) out.exclusiveMinimum = target.xmin;
  return out;
}

function enumFacts(n: Node): Array<string | number> | undefined {
  const target = n.k === 'array' ? n.items : n;
  if ((target.k === 'string' || target.k === 'number') && target.enum) return target.enum;
  if (target.k === 'anyOf' || target.k === 'oneOf') {
    const all = target.options.flatMap((o) => enumFacts(o) ?? []);
    return all.length > 0 ? [...new Set(all)] : undefined;
  }
  return undefined;
}

function attributeFacts(root: Node): AttributeFacts[] {
  if (root.k !== 'object') throw new Error('Top-level schema must be an object');
  return root.props
    .filter(([name]) => name !== 'id' && name !== 'type')
    .map(([name, node]) => {
      const description = root.desc[name] ?? '';
      let kind: AttributeFacts['kind'] = 'Property';
      if (/^geoproperty\./i.test(description) || isGeoJson(node)) kind = 'GeoProperty';
      else if (/^languageproperty\./i.test(description)) kind = 'LanguageProperty';
      else if (
        /^relationship\./i.test(description) ||
        (/^ref[A-Z]/.test(name) && isUriString(node))
      )
        kind = 'Relationship';
      const facts: AttributeFacts = {
        name,
        kind,
        type: typeLabel(node),
        required: root.required.includes(name),
        ...numericFacts(node),
      };
      const values = enumFacts(node);
      if (values) facts.enum = values;
      const unit = /Units?:\s*'([^']+)'/.exec(description)?.[1];
      if (unit) facts.unit = unit.trim();
      const fmt = node.k === 'string' ? node.format : undefined;
      if (fmt) facts.format = fmt;
      return facts;
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function tsdoc(a: AttributeFacts | undefined, name: string): string {
  if (!a) return name === 'id' ? 'Entity id (URN or local id).' : 'NGSI-LD entity type.';
  const parts = [`${a.kind === 'Property' ? 'Property' : a.kind}: ${a.type}`];
  if (a.minimum !== undefined) parts.push(`>= ${a.minimum}`);
  if (a.exclusiveMinimum !== undefined) parts.push(`> ${a.exclusiveMinimum}`);
  if (a.maximum !== undefined) parts.push(`<= ${a.maximum}`);
  if (a.format) parts.push(`format ${a.format}`);
  if (a.unit) parts.push(`unit: ${a.unit}`);
  if (a.enum && a.enum.length <= 8) parts.push(`one of ${a.enum.join(', ')}`);
  parts.push(a.required ? 'required' : 'optional');
  return `\`${name}\`: ${parts.join(', ')}.`;
}

// ---------------------------------------------------------------------------------------------
// Files

function kebab(type: string): string {
  return type.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}
function camel(type: string): string {
  return type.charAt(0).toLowerCase() + type.slice(1);
}

function header(inputs: string): string {
  return `// Generated by ${GENERATOR} from ${inputs}. Do not edit by hand; run \`node --import tsx ${GENERATOR}\`.\n`;
}

interface ModelOutput {
  attributeCount: number;
  type: string;
  domain: string;
  schemaVersion: string;
  files: Map<string, string>;
}

interface PreparedModel {
  type: string;
  domain: string;
  file: string;
  raw: JsonObject;
  root: Node & { k: 'object' };
}

function prepareModel(type: string, domain: string, docs: Map<string, JsonObject>): PreparedModel {
  const file = join(FIXTURES, domain, type, 'schema.json');
  const raw = JSON.parse(readFileSync(file, 'utf8')) as JsonObject;
  const id = canonicalUrl(String(raw.$id));
  const root = normalize(deref(raw, id, docs, [id]) as JsonObject);
  if (root.k !== 'object') throw new Error(`${type}: top-level schema is not an object`);
  return { type, domain, file, raw, root };
}

const TEMPORAL_FORMATS = new Set(['date-time', 'date', 'time']);

/** The entity id type(s) a Relationship attribute points at. */
function relationshipTarget(n: Node): string | undefined {
  if (!isUriString(n)) return undefined;
  if (n.k === 'array') return 'string[]';
  if (n.k === 'anyOf' || n.k === 'oneOf') {
    const kinds = new Set(n.options.map((o) => (o.k === 'array' ? 'string[]' : 'string')));
    return [...kinds].join(' | ');
  }
  return 'string';
}

/** Entity members (besides id and type) every representation may carry. */
const ENTITY_MEMBERS: ReadonlyArray<readonly [string, string, string]> = [
  ['scope', 'string | string[]', 'Scopes such as `/Sweden/Vaxjo`.'],
  ["'@context'", 'JsonLdContext', 'The JSON-LD `@context`.'],
  ['createdAt', 'string', 'System-generated: creation time.'],
  ['modifiedAt', 'string', 'System-generated: last modification time.'],
  ['deletedAt', 'string', 'System-generated: deletion time.'],
];

/** The keyValues, normalized and concise entity types of a model. */
function entityTypes(
  prepared: PreparedModel,
  attrs: AttributeFacts[],
  types: TypeEmitter,
): { keyValues: string; normalized: string; concise: string; attributeTypes: Set<string> } {
  const { type, root } = prepared;
  const byName = new Map(attrs.map((a) => [a.name, a]));
  const attributeTypes = new Set<string>();
  const kv: string[] = [];
  const norm: string[] = [];
  const conc: string[] = [];
  const header = (doc: string, line: string): string => `/** ${doc} */\n${line}`;
  for (const out of [kv, norm, conc]) {
    out.push(
      header('Entity id: an absolute URI, usually `urn:ngsi-ld:<Type>:<id>`.', 'id: string;'),
    );
    out.push(header('NGSI-LD entity type.', `type: ${q(type)};`));
  }
  const names = new Set(root.props.map(([name]) => name));
  for (const [name, t, doc] of ENTITY_MEMBERS) {
    if (names.has(name.replace(/'/g, ''))) continue;
    for (const out of [kv, norm, conc]) out.push(header(doc, `${name}?: ${t};`));
  }
  for (const [name, node] of root.props) {
    if (name === 'id' || name === 'type') continue;
    const a = byName.get(name);
    const opt = root.required.includes(name) ? '' : '?';
    const doc = tsdoc(a, name);
    const key = propertyKey(name);
    const t = types.emit(node);
    kv.push(header(doc, `${key}${opt}: ${t};`));
    const temporal = node.k === 'string' && node.format && TEMPORAL_FORMATS.has(node.format);
    const value = temporal ? `${t} | DateTimeValue` : t;
    if (a?.kind === 'GeoProperty') {
      attributeTypes.add('GeoProperty').add('ConciseGeoProperty');
      norm.push(header(doc, `${key}${opt}: GeoProperty<${t}>;`));
      conc.push(header(doc, `${key}${opt}: ${t} | ConciseGeoProperty<${t}>;`));
    } else if (a?.kind === 'Relationship') {
      const target = relationshipTarget(node);
      const arg = target === undefined ? '' : `<${target}>`;
      attributeTypes.add('Relationship').add('ConciseRelationship');
      norm.push(header(doc, `${key}${opt}: Relationship${arg};`));
      conc.push(header(doc, `${key}${opt}: ConciseRelationship${arg};`));
    } else {
      if (temporal) attributeTypes.add('DateTimeValue');
      attributeTypes.add('Property').add('ConciseProperty');
      norm.push(header(doc, `${key}${opt}: Property<${value}>;`));
      conc.push(
        header(doc, `${key}${opt}: ${TypeEmitter.group(value)} | ConciseProperty<${value}>;`),
      );
    }
  }
  for (const name of root.required) {
    if (root.props.some(([p]) => p === name)) continue;
    kv.push(`${propertyKey(name)}: JsonValue;`);
    norm.push(`${propertyKey(name)}: NormalizedAttribute;`);
    conc.push(`${propertyKey(name)}: JsonValue;`);
  }
  const body = (lines: string[]): string => `{\n${lines.join('\n')}\n}`;
  return { keyValues: body(kv), normalized: body(norm), concise: body(conc), attributeTypes };
}

function generateModel(
  prepared: PreparedModel,
  global: SharedShapes,
  version: string,
): ModelOutput {
  const { type, domain, file, raw, root } = prepared;
  const schemaVersion = String(raw.$schemaVersion ?? 'unknown');
  const attrs = attributeFacts(root);
  const byName = new Map(attrs.map((a) => [a.name, a]));
  const c = camel(type);
  const shared = repeatedSubtrees(root);
  const regexList: string[] = [];
  const used = new Set<string>();
  const zod = new ZodEmitter(shared, regexList, global, used);
  const zodCode = zod.emit(root, (name) => tsdoc(byName.get(name), name));
  const check = new CheckEmitter(shared, regexList, global, used);
  const rootPredicate = check.predicate(root);
  const checkCode = check.emit(root, 'value');
  const typeNames = new Set<string>();
  const types = entityTypes(prepared, attrs, new TypeEmitter(global, typeNames));

  const zodText = `${zodCode}${zod.defs.join('')}`;
  const checkText = `${checkCode}${check.defs.join('')}`;
  const checkImports = internalNames(checkText, [
    ...check.formats,
    'codePointLength',
    'hasUniqueItems',
    'issue',
  ]);
  const zodImports = internalNames(zodText, [...zod.formats, 'hasUniqueItems']);
  const sharedChecks = [...used]
    .flatMap((name) => [`is${name}`, `check${name}`].filter((f) => checkText.includes(`${f}(`)))
    .sort();
  const sharedSchemas = [...used]
    .map((name) => `${lowerFirst(name)}Schema`)
    .filter((s) => usesName(zodText, s))
    .sort();
  const sharedTypes = [...typeNames].sort();
  const attributeTypes = [...types.attributeTypes].sort();

  const rel = attrs.filter((a) => a.kind === 'Relationship').map((a) => a.name);
  const geo = attrs.filter((a) => a.kind === 'GeoProperty').map((a) => a.name);
  const lang = attrs.filter((a) => a.kind === 'LanguageProperty').map((a) => a.name);
  const metadata = {
    type,
    domain,
    schemaVersion,
    source: String(raw.$id),
    attributes: attrs,
    required: [...root.required].sort(),
    relationships: rel,
    geoProperties: geo,
    languageProperties: lang,
  };
  const ngsiTypes = ['JsonLdContext', 'JsonValue', 'NormalizedAttribute'].filter((t) =>
    new RegExp(`\\b${t}\\b`).test(`${types.keyValues}${types.normalized}${types.concise}`),
  );
  const sharedImports = [...sharedTypes.map((t) => `type ${t}`), ...sharedChecks];
  const regexes = (text: string): string =>
    regexList
      .map((r, i) => (usesName(text, `RE${i}`) ? `const RE${i} = new RegExp(${q(r)}, 'u');` : ''))
      .filter((line) => line !== '')
      .join('\n');

  const rel2 = relative(ROOT, file);
  const input = `${rel2.replace(/^\.\.\/shared\/fixtures\//, '')} ($schemaVersion ${schemaVersion})`;
  const where = `${domain} domain, Smart Data Models $schemaVersion ${schemaVersion}`;
  const subpath = `@smartcitylab/models/${kebab(type)}`;
  const gen = `${header(input)}
${ngsiTypes.length > 0 ? `import type { ${ngsiTypes.join(', ')} } from '@smartcitylab/ngsi-ld';` : ''}
import type { ${attributeTypes.join(', ')} } from '../internal/attributes.js';
import { defineModel } from '../internal/define-model.js';
import type { ModelIssue, ModelMetadata, SmartDataModel } from '../internal/types.js';
${checkImports.length > 0 ? `import { ${checkImports.join(', ')} } from '../internal/checks.js';` : ''}
${sharedImports.length > 0 ? `import { ${sharedImports.join(', ')} } from './shared.js';` : ''}

${regexes(checkText)}
${check.enums.map((e, i) => `const EN${i}: ReadonlySet<unknown> = new Set(${e});`).join('\n')}

/**
 * A ${type} entity in keyValues form (${where}).
 * Attributes the model does not define are a type error; add them with \`WithExtra\` or
 * \`create\`'s \`extra\` option.
 */
export type ${type} = ${types.keyValues};

/** A ${type} entity in NGSI-LD normalized form (${where}). */
export type ${type}Normalized = ${types.normalized};

/** A ${type} entity in NGSI-LD concise form (${where}). */
export type ${type}Concise = ${types.concise};

/** The same as {@link ${type}}: a ${type} entity in keyValues form. */
export type ${type}KeyValues = ${type};

/** Facts about ${type} taken from its official JSON Schema. */
export const ${c}Metadata: ModelMetadata = ${JSON.stringify(metadata)};

/** Fast keyValues check derived from the same schema facts as the zod schema; returns the issues. */
export function check${type}KeyValues(value: unknown): ModelIssue[] {
  // Valid input takes the allocation-free path; only invalid input collects issues.
  if (${rootPredicate}(value)) return [];
  const out: ModelIssue[] = [];
  const p: Array<string | number> = [];
  ${checkCode}
  return out;
}

${check.defs.join('\n\n')}

/**
 * The ${type} Smart Data Model (${domain}): metadata, conversion hints, validation in all three
 * NGSI-LD representations and a builder. It loads no zod; the zod schemas and JSON Schema are
 * \`${type}Schemas\` in \`${subpath}/zod\`.
 *
 * @example
 * \`\`\`ts
 * import { ${type} } from '${subpath}';
 * const result = ${type}.validate({ id: 'urn:ngsi-ld:${type}:x1', type: '${type}' });
 * if (!result.success) console.log(result.issues); // e.g. the required attributes still missing
 * \`\`\`
 */
export const ${type}: SmartDataModel<${type}, ${type}Normalized, ${type}Concise> = /* @__PURE__ */ defineModel({
  metadata: ${c}Metadata,
  check: check${type}KeyValues,
});

// Tells the converters of @smartcitylab/ngsi-ld the named types of each representation, so that
// toConcise of a ${type}Normalized is a ${type}Concise. Types only: nothing runs.
declare module '@smartcitylab/ngsi-ld' {
  interface EntityRepresentationRegistry {
    ${type}: { normalized: ${type}Normalized; concise: ${type}Concise; keyValues: ${type} };
  }
}
`;
  const genZod = `${header(input)}
import * as z from 'zod';
import { defineModelSchemas, type ModelSchemas } from '../internal/define-schemas.js';
${zodImports.length > 0 ? `import { ${zodImports.join(', ')} } from '../internal/checks.js';` : ''}
import { ${type}, type ${type}Concise, type ${type}Normalized } from './${kebab(type)}.js';
${sharedSchemas.length > 0 ? `import { ${sharedSchemas.join(', ')} } from './shared-zod.js';` : ''}

${regexes(zodText)}

${zod.defs.join('\n\n')}

/**
 * zod schema of ${type} in keyValues form. Unknown attributes pass through at run time,
 * as in the official schema.
 */
export const ${c}KeyValuesSchema = /* @__PURE__ */ (() => ${zodCode} as z.ZodType<${type}>)();

/**
 * The zod schemas of the ${type} Smart Data Model (${domain}) in all three NGSI-LD
 * representations, and its keyValues schema as JSON Schema 2020-12.
 *
 * @example
 * \`\`\`ts
 * import { ${type}Schemas } from '${subpath}/zod';
 * const parsed = ${type}Schemas.keyValues.safeParse({ id: 'urn:ngsi-ld:${type}:x1', type: '${type}' });
 * const jsonSchema = ${type}Schemas.jsonSchema(); // $id names the package version and the source schema
 * \`\`\`
 */
export const ${type}Schemas: ModelSchemas<${type}, ${type}Normalized, ${type}Concise> = /* @__PURE__ */ defineModelSchemas(
  ${type},
  ${c}KeyValuesSchema,
  ${q(version)},
);
`;
  const publicShared =
    sharedTypes.length > 0
      ? `export type { ${sharedTypes.join(', ')} } from '../generated/shared.js';`
      : '';
  const modelFile = `${header('the model list')}
export {
  ${type},
  type ${type}Concise,
  type ${type}KeyValues,
  type ${type}Normalized,
} from '../generated/${kebab(type)}.js';
export type { ConciseGeoProperty, ConciseProperty, ConciseRelationship, DateTimeValue, ExtraAttributes, GeoJsonPosition, GeoProperty, Property, Relationship, WithExtra } from '../internal/attributes.js';
${publicShared}
export type { ModelMetadata, ModelStandardSchema, SmartDataModel, ModelIssue, ModelValidationResult, CreateOptions } from '../internal/types.js';
export { ModelValidationError } from '../internal/errors.js';
`;
  const zodEntry = `${header('the model list')}
export { ${c}KeyValuesSchema, ${type}Schemas } from '../generated/${kebab(type)}-zod.js';
export type { ModelSchemas } from '../internal/define-schemas.js';
`;
  const files = new Map<string, string>();
  files.set(join(PKG_DIR, 'src', 'generated', `${kebab(type)}.ts`), gen);
  files.set(join(PKG_DIR, 'src', 'generated', `${kebab(type)}-zod.ts`), genZod);
  files.set(join(PKG_DIR, 'src', 'models', `${kebab(type)}.ts`), modelFile);
  files.set(join(PKG_DIR, 'src', 'models', `${kebab(type)}-zod.ts`), zodEntry);
  return { type, domain, schemaVersion, files, attributeCount: attrs.length };
}

/** Whether `text` uses the identifier `name`. */
function usesName(text: string, name: string): boolean {
  return new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}(?![\\w$])`).test(text);
}

/** The names of `candidates` that `text` uses, sorted and without repeats. */
function internalNames(text: string, candidates: string[]): string[] {
  return [...new Set(candidates)].filter((n) => usesName(text, n)).sort();
}

/**
 * `generated/shared.ts` (the shapes several models use, each as type and checks, without zod)
 * and `generated/shared-zod.ts` (their zod schemas, imported only by the `/zod` subpaths).
 */
function sharedFiles(global: SharedShapes): { checks: string; schemas: string } {
  const regexList: string[] = [];
  const used = new Set<string>();
  const zod = new ZodEmitter(new Set(), regexList, global, used);
  const check = new CheckEmitter(new Set(), regexList, global, used);
  const types = new TypeEmitter(global, new Set());
  const parts: string[] = [];
  const schemaParts: string[] = [];
  const names: string[] = [];
  for (const [key, name] of global.names) {
    const n = global.nodes.get(key) as Node;
    const label = isGeoJson(n) ? 'GeoJSON geometry' : `\`${lowerFirst(name)}\` value`;
    const before = types.usesPosition;
    types.usesPosition = false;
    const tsType = types.emitNode(n);
    // Positions are typed as 2 or 3 numbers (RFC 7946) while the official schemas, and so
    // the run-time check, accept longer arrays: the schema's type is asserted, not inferred.
    const cast = types.usesPosition ? 'as unknown as' : 'as';
    types.usesPosition ||= before;
    names.push(name);
    schemaParts.push(`/** zod schema of {@link ${name}} (unknown members pass through at run time). */
export const ${lowerFirst(name)}Schema = /* @__PURE__ */ (() => ${zod.emitNode(n)} ${cast} z.ZodType<${name}>)();`);
    parts.push(`/** A ${label} as several Smart Data Models define it. */
export type ${name} = ${tsType};

/** Whether \`x\` is a valid {@link ${name}}; stops at the first failed rule. */
export function is${name}(x: unknown): boolean {
${check.testBody(n, 'x')}
return true;
}

/** Collects the issues of \`x\` as a {@link ${name}} at path \`p\` into \`out\`. */
export function check${name}(x: unknown, p: Array<string | number>, out: ModelIssue[]): void {
${check.emitNode(n, 'x')}
}`);
  }
  const text = `${parts.join('')}${check.defs.join('')}`;
  const zodText = `${schemaParts.join('')}${zod.defs.join('')}`;
  const ngsi = text.includes('JsonValue') ? ['JsonValue'] : [];
  const internal = internalNames(text, [
    ...check.formats,
    'codePointLength',
    'hasUniqueItems',
    'issue',
  ]);
  const zodInternal = internalNames(zodText, [...zod.formats, 'hasUniqueItems']);
  const regexes = (t: string): string =>
    regexList
      .map((r, i) => (usesName(t, `RE${i}`) ? `const RE${i} = new RegExp(${q(r)}, 'u');` : ''))
      .filter((line) => line !== '')
      .join('\n');
  const checks = `${header('the shapes several model schemas share')}
${ngsi.length > 0 ? `import type { ${ngsi.join(', ')} } from '@smartcitylab/ngsi-ld';` : ''}
${types.usesPosition ? "import type { GeoJsonPosition } from '../internal/attributes.js';" : ''}
import type { ModelIssue } from '../internal/types.js';
${internal.length > 0 ? `import { ${internal.join(', ')} } from '../internal/checks.js';` : ''}

${regexes(text)}
${check.enums.map((e, i) => `const EN${i}: ReadonlySet<unknown> = new Set(${e});`).join('\n')}

${parts.join('\n\n')}

${check.defs.join('\n\n')}
`;
  const schemas = `${header('the shapes several model schemas share')}
import * as z from 'zod';
${zodInternal.length > 0 ? `import { ${zodInternal.join(', ')} } from '../internal/checks.js';` : ''}
import type { ${names.filter((n) => usesName(zodText, n)).join(', ')} } from './shared.js';

${regexes(zodText)}

${zod.defs.join('\n\n')}

${schemaParts.join('\n\n')}
`;
  return { checks, schemas };
}

function registryFile(models: ModelOutput[]): string {
  const rows = models
    .map(
      (m) =>
        `  { type: ${q(m.type)}, domain: ${q(m.domain)}, subpath: ${q(
          `@smartcitylab/models/${kebab(m.type)}`,
        )}, schemaVersion: ${q(m.schemaVersion)} },`,
    )
    .join('\n');
  const cases = models
    .map(
      (m) =>
        `    case ${q(m.type)}:\n      return (await import('../models/${kebab(m.type)}.js')).${m.type} as unknown as ModelOf<T>;`,
    )
    .join('\n');
  const schemaCases = models
    .map(
      (m) =>
        `    case ${q(m.type)}:\n      return (await import('../models/${kebab(m.type)}-zod.js')).${m.type}Schemas as unknown as ModelSchemasOf<T>;`,
    )
    .join('\n');
  return `${header('the model list')}
import type { ModelSchemasOf } from '../internal/define-schemas.js';
import type { ModelInfo, ModelOf, ModelType } from '../internal/types.js';

/** Every model this package ships, as plain data (no model module is loaded). */
export const MODEL_LIST: readonly ModelInfo[] = [
${rows}
];

/** Loads one model module by NGSI-LD type. */
export async function loadGeneratedModel<T extends ModelType>(type: T): Promise<ModelOf<T> | undefined> {
  switch (type as ModelType) {
${cases}
    default:
      return undefined;
  }
}

/** Loads the zod schemas of one model (its \`/zod\` subpath) by NGSI-LD type. */
export async function loadGeneratedSchemas<T extends ModelType>(type: T): Promise<ModelSchemasOf<T> | undefined> {
  switch (type as ModelType) {
${schemaCases}
    default:
      return undefined;
  }
}
`;
}

function typesListFile(models: ModelOutput[]): string {
  const imports = models
    .map(
      (m) =>
        `import type { ${m.type}, ${m.type}Concise, ${m.type}Normalized } from './${kebab(m.type)}.js';`,
    )
    .join('\n');
  const map = (name: string, what: string, suffix: string): string => `
/**
 * Maps each NGSI-LD type to its entity type in ${what} form.
 *
 * @example
 * \`\`\`ts
 * type Light = ${name}['Streetlight'];
 * \`\`\`
 */
export interface ${name} {
${models.map((m) => `  ${m.type}: ${m.type}${suffix};`).join('\n')}
}
`;
  return `${header('the model list')}
${imports}
${map('ModelKeyValuesMap', 'keyValues', '')}${map('ModelNormalizedMap', 'normalized', 'Normalized')}${map('ModelConciseMap', 'concise', 'Concise')}`;
}

function updatePackageJson(models: ModelOutput[]): string {
  const path = join(PKG_DIR, 'package.json');
  const pkg = JSON.parse(readFileSync(path, 'utf8')) as JsonObject;
  const entry = (name: string, src: string): JsonObject => ({
    '@smartcitylab/source': src,
    import: { types: `./dist/${name}.d.ts`, default: `./dist/${name}.js` },
    require: { types: `./dist/${name}.d.cts`, default: `./dist/${name}.cjs` },
  });
  const exportsMap: JsonObject = { '.': entry('index', './src/index.ts') };
  for (const m of models) {
    exportsMap[`./${kebab(m.type)}`] = entry(kebab(m.type), `./src/models/${kebab(m.type)}.ts`);
    exportsMap[`./${kebab(m.type)}/zod`] = entry(
      `${kebab(m.type)}/zod`,
      `./src/models/${kebab(m.type)}-zod.ts`,
    );
  }
  exportsMap['./package.json'] = './package.json';
  pkg.exports = exportsMap;
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

const TABLE_START = '<!-- models:start (generated by scripts/generate-models.ts) -->';
const TABLE_END = '<!-- models:end -->';

/** The README with its model table (between the markers) rewritten from the model list. */
function readmeWithTable(models: ModelOutput[]): string | undefined {
  const path = join(PKG_DIR, 'README.md');
  if (!existsSync(path)) return undefined;
  const text = readFileSync(path, 'utf8');
  const start = text.indexOf(TABLE_START);
  const end = text.indexOf(TABLE_END);
  if (start < 0 || end < start) return undefined;
  const rows = models.map(
    (m) =>
      `| \`${m.type}\` | ${m.domain} | \`@smartcitylab/models/${kebab(m.type)}\` | ${m.schemaVersion} | ${m.attributeCount} |`,
  );
  const table = [
    '| NGSI-LD type | Domain | Import from | Source `$schemaVersion` | Attributes |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
  return `${text.slice(0, start)}${TABLE_START}\n${table}\n${text.slice(end)}`;
}

function tsupConfig(models: ModelOutput[]): string {
  const entries = models.flatMap((m) => [
    `    ${q(kebab(m.type))}: ${q(`src/models/${kebab(m.type)}.ts`)},`,
    `    ${q(`${kebab(m.type)}/zod`)}: ${q(`src/models/${kebab(m.type)}-zod.ts`)},`,
  ]);
  return `${header('the model list')}
import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
${entries.join('\n')}
  },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: false,
  clean: true,
  target: 'es2022',
  treeshake: true,
  splitting: true,
  // No minifyWhitespace: esbuild drops the /* @__PURE__ */ annotations when it minifies, and
  // without them a user's bundler must keep every module-scope zod schema of a /zod chunk.
  // Users' bundlers minify anyway; only the unpacked size on disk grows.
});
`;
}

/**
 * One size-limit entry per subpath, every dependency included (ngsi-ld and, for `/zod`, zod):
 * size-limit leaves peer dependencies out unless the esbuild externals are cleared, which only a
 * JavaScript config can do.
 */
function sizeLimitConfig(models: ModelOutput[]): string {
  const rows: {
    name: string;
    path: string;
    import: string;
    limit: string;
    withDependencies?: boolean;
  }[] = [
    {
      name: '@smartcitylab/models (registry)',
      path: 'dist/index.js',
      import: '{ listModels }',
      limit: '1 kB',
    },
    ...models.map((m) => ({
      name: `@smartcitylab/models/${kebab(m.type)}, every dependency included (zod is not one)`,
      path: `dist/${kebab(m.type)}.js`,
      import: `{ ${m.type} }`,
      withDependencies: true,
      limit: '15 kB',
    })),
    ...models.slice(0, 1).map((m) => ({
      name: `@smartcitylab/models/${kebab(m.type)}/zod, every dependency included (zod too)`,
      path: `dist/${kebab(m.type)}/zod.js`,
      import: `{ ${m.type}Schemas }`,
      withDependencies: true,
      limit: '60 kB',
    })),
    // The schema constructions of the shared /zod chunk are /* @__PURE__ */, so a bundle that
    // uses one keyValues schema drops the shared shapes and the ModelSchemas it does not use
    // (36.3 kB while tsup's minifyWhitespace stripped the annotations).
    ...models.slice(0, 1).map((m) => ({
      name: `@smartcitylab/models/${kebab(m.type)}/zod keyValues schema alone, every dependency included (zod too): unused schemas dropped`,
      path: `dist/${kebab(m.type)}/zod.js`,
      import: `{ ${lowerFirst(m.type)}KeyValuesSchema }`,
      withDependencies: true,
      limit: '26 kB',
    })),
  ];
  const body = rows
    .map(({ withDependencies, ...row }) => {
      const json = JSON.stringify(row, null, 2).replace(/\n}$/, '');
      return withDependencies
        ? `${json},\n  modifyEsbuildConfig: withDependencies,\n}`
        : `${json}\n}`;
    })
    .join(',\n');
  return `${header('the model list')}
// size-limit adds a package's peer dependencies (zod) and its dependencies' own to esbuild's
// externals; clearing them measures what a user's bundler sees.
const withDependencies = (config) => ({ ...config, external: [] });

module.exports = [
${body}
];
`;
}

/**
 * Formats all outputs (and applies biome's safe fixes) with one biome run, in a scratch folder under
 * the system temp folder: never inside the repository, where a parallel `biome check .` would lint
 * half-written files. Biome will not touch files outside its project root, so the scratch folder gets
 * a copy of the repository's biome settings and becomes a project root of its own.
 */
function formatAll(files: Map<string, string>): Map<string, string> {
  const tmp = mkdtempSync(join(tmpdir(), 'scl-generate-models-'));
  try {
    const settings = JSON.parse(readFileSync(join(ROOT, 'biome.json'), 'utf8')) as JsonObject;
    delete settings.$schema;
    delete settings.vcs;
    settings.files = { includes: ['**'] };
    writeFileSync(join(tmp, 'biome.json'), JSON.stringify(settings));
    const names = new Map<string, string>();
    for (const [path, code] of files) {
      const name = join(tmp, relative(PKG_DIR, path));
      mkdirSync(dirname(name), { recursive: true });
      writeFileSync(name, code);
      names.set(path, name);
    }
    const res = spawnSync(join(ROOT, 'node_modules', '.bin', 'biome'), ['check', '--write', '.'], {
      cwd: tmp,
      encoding: 'utf8',
    });
    if (res.status !== 0) throw new Error(`biome check failed: ${res.stderr}${res.stdout}`);
    return new Map([...names].map(([path, name]) => [path, readFileSync(name, 'utf8')]));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function main(): void {
  const checkOnly = process.argv.includes('--check');
  if (!existsSync(FIXTURES)) {
    process.stderr.write(`Fixtures not found at ${FIXTURES}\n`);
    process.exit(2);
  }
  const docs = loadDocuments();
  const pkgVersion = String(
    (JSON.parse(readFileSync(join(PKG_DIR, 'package.json'), 'utf8')) as JsonObject).version,
  );
  const prepared = MODELS.map(([type, domain]) => prepareModel(type, domain, docs));
  const global = findSharedShapes(prepared.map((m) => m.root));
  const models = prepared.map((m) => generateModel(m, global, pkgVersion));
  const files = new Map<string, string>();
  const shared = sharedFiles(global);
  files.set(join(PKG_DIR, 'src', 'generated', 'shared.ts'), shared.checks);
  files.set(join(PKG_DIR, 'src', 'generated', 'shared-zod.ts'), shared.schemas);
  for (const m of models) for (const [p, c] of m.files) files.set(p, c);
  files.set(join(PKG_DIR, 'src', 'generated', 'registry.ts'), registryFile(models));
  files.set(join(PKG_DIR, 'src', 'generated', 'key-values-map.ts'), typesListFile(models));
  files.set(join(PKG_DIR, 'package.json'), updatePackageJson(models));
  files.set(join(PKG_DIR, 'tsup.config.ts'), tsupConfig(models));
  files.set(join(PKG_DIR, '.size-limit.cjs'), sizeLimitConfig(models));
  const readme = readmeWithTable(models);
  if (readme !== undefined) files.set(join(PKG_DIR, 'README.md'), readme);

  const stale: string[] = [];
  const formattedFiles = formatAll(files);
  for (const [path, formatted] of [...formattedFiles].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const current = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
    if (current === formatted) continue;
    stale.push(relative(ROOT, path));
    if (!checkOnly) writeFileSync(path, formatted);
  }
  if (checkOnly && stale.length > 0) {
    process.stderr.write(`Generated files are out of date:\n  ${stale.join('\n  ')}\n`);
    process.exit(1);
  }
  process.stdout.write(
    checkOnly ? 'Generated files are up to date.\n' : `Wrote ${stale.length} file(s).\n`,
  );
}

main();
