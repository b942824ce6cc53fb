/**
 * Turns the generated facts of one model (fast checker, metadata) into a {@link SmartDataModel}.
 * No zod here: the zod schemas live in the `/zod` subpath of each model (see define-schemas.ts),
 * so importing a model module loads neither zod nor any schema.
 */
import {
  type AttributeHints,
  buildEntityId,
  ConversionError,
  checkEntityStructure,
  detectRepresentation,
  fromKeyValues,
  isUri,
  type KeyValuesEntity,
  type NormalizedEntity,
  type Representation,
  safeToKeyValues,
  toConcise,
} from '@smartcitylab/ngsi-ld';
import type { ExtraAttributes, ExtraIn } from './attributes.js';
import { ModelValidationError } from './errors.js';
import type {
  CreateInput,
  CreateOptions,
  EntityIn,
  ModelIssue,
  ModelMetadata,
  ModelStandardSchema,
  ModelValidationResult,
  SmartDataModel,
} from './types.js';

/** What the generator provides for one model. */
export interface ModelDefinition {
  metadata: ModelMetadata;
  check: (value: unknown) => ModelIssue[];
}

type Obj = Record<string, unknown>;

const VALUE_MEMBER: Readonly<Record<string, string>> = {
  Property: 'value',
  GeoProperty: 'value',
  Relationship: 'object',
  LanguageProperty: 'languageMap',
  VocabProperty: 'vocab',
  JsonProperty: 'json',
  ListProperty: 'valueList',
  ListRelationship: 'objectList',
};

/**
 * Maps a keyValues issue path (`['pm10']`) to where the value sits in the normalized or
 * concise input (`['pm10', 'value']`), so users see the path of what they sent.
 */
function pathInInput(input: Obj, issue: ModelIssue): ModelIssue {
  const [head, ...rest] = issue.path;
  if (typeof head !== 'string') return issue;
  const attr = Object.hasOwn(input, head) ? input[head] : undefined;
  if (typeof attr !== 'object' || attr === null || Array.isArray(attr)) return issue;
  const a = attr as Obj;
  const typeName = typeof a.type === 'string' ? a.type : undefined;
  const member =
    (typeName !== undefined ? VALUE_MEMBER[typeName] : undefined) ??
    Object.values(VALUE_MEMBER).find((m) => Object.hasOwn(a, m));
  if (member === undefined || !Object.hasOwn(a, member)) return issue;
  return { ...issue, path: [head, member, ...rest] };
}

/**
 * NGSI-LD writes temporal Property values as JSON-LD value objects
 * (`{ "@type": "DateTime", "@value": "2024-01-01T00:00:00Z" }`); keyValues carries the
 * plain value, so these are unwrapped before the keyValues check.
 */
function unwrapValueObjects(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(unwrapValueObjects);
  if (typeof value !== 'object' || value === null) return value;
  const o = value as Obj;
  const keys = Object.keys(o);
  if (Object.hasOwn(o, '@value') && keys.every((k) => k === '@value' || k === '@type')) {
    return o['@value'];
  }
  const out: Obj = {};
  for (const key of keys) {
    Object.defineProperty(out, key, {
      value: unwrapValueObjects(o[key]),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

function copyOwn(input: object): Obj {
  const out: Obj = {};
  for (const key of Object.keys(input)) {
    // defineProperty keeps `__proto__` an ordinary own key instead of changing the prototype.
    Object.defineProperty(out, key, {
      value: (input as Obj)[key],
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

/** Entity members: not attributes, so they say nothing about the representation. */
const ENTITY_MEMBERS = new Set([
  'id',
  'type',
  'scope',
  'createdAt',
  'modifiedAt',
  'deletedAt',
  '@context',
]);

/** The representation `input` looks like, or undefined when it has no attribute to tell by. */
function foundRepresentation(input: unknown): Representation | undefined {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return undefined;
  if (Object.keys(input).every((key) => ENTITY_MEMBERS.has(key))) return undefined;
  return detectRepresentation(input);
}

/**
 * Checking an entity as the wrong representation fails with issues about every attribute; when
 * the caller named a representation the entity does not look like, name the real problem first.
 */
function withRepresentationHint(
  input: unknown,
  checked: Representation,
  issues: ModelIssue[],
): ModelIssue[] {
  const found = foundRepresentation(input);
  // keyValues is also valid concise: a keyValues-looking entity checked as concise is no mismatch.
  if (found === undefined || found === checked) return issues;
  if (found === 'keyValues' && checked === 'concise') return issues;
  const hint: ModelIssue = {
    path: [],
    code: 'wrong_representation',
    message: `The entity looks ${found}, but it was checked as ${checked} as asked: call validate(entity, '${found}'), or validate(entity) to detect the representation`,
  };
  return [hint, ...issues];
}

/**
 * Builds a {@link SmartDataModel} from generated facts.
 *
 * @example
 * ```ts
 * const model = defineModel({ metadata, check });
 * ```
 */
export function defineModel<KV, N, C>(def: ModelDefinition): SmartDataModel<KV, N, C> {
  const { metadata, check } = def;
  const type = metadata.type;
  const hints: AttributeHints = {
    relationships: metadata.relationships,
    geoProperties: metadata.geoProperties,
    languageProperties: metadata.languageProperties,
  };

  function validateAs(
    input: unknown,
    representation: Representation,
  ): ModelValidationResult<unknown> {
    if (representation === 'keyValues') {
      const issues = check(input);
      if (issues.length === 0) return { success: true, data: input };
      return { success: false, issues };
    }
    const structure = checkEntityStructure(input, representation);
    if (!structure.success) return { success: false, issues: structure.issues };
    const kv = safeToKeyValues(structure.data as NormalizedEntity);
    if (!kv.success) return { success: false, issues: kv.error.issues };
    const issues = check(unwrapValueObjects(kv.data));
    if (issues.length === 0) return { success: true, data: input };
    return { success: false, issues: issues.map((i) => pathInInput(input as Obj, i)) };
  }

  function validateIn(
    input: unknown,
    representation?: Representation,
  ): ModelValidationResult<unknown> {
    if (representation !== undefined) {
      const result = validateAs(input, representation);
      if (result.success) return result;
      return {
        success: false,
        issues: withRepresentationHint(input, representation, result.issues),
      };
    }
    // keyValues first: its check is an allocation-free pass for valid input, so valid keyValues
    // costs no detection; and a keyValues value that is an object with a `value` (or `object`,
    // ...) member, which the detection reads as concise, still passes.
    const asKeyValues = validateAs(input, 'keyValues');
    if (asKeyValues.success) return asKeyValues;
    const found = foundRepresentation(input);
    if (found === undefined || found === 'keyValues') return asKeyValues;
    return validateAs(input, found);
  }

  const known = new Set(['id', 'type', ...metadata.attributes.map((a) => a.name)]);

  function create<
    R extends Representation = 'normalized',
    X extends ExtraAttributes = Record<never, never>,
  >(
    input: CreateInput<KV>,
    options: CreateOptions<R, X> = {},
  ): EntityIn<KV, R, N, C> & ExtraIn<X, R> {
    type Out = EntityIn<KV, R, N, C> & ExtraIn<X, R>;
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      throw new ModelValidationError(type, [
        { path: [], message: `Expected the ${type} attributes as an object` },
      ]);
    }
    const entity = copyOwn(input);
    if (entity.type === undefined) entity.type = type;
    if (typeof entity.id === 'string' && entity.id !== '' && !isUri(entity.id)) {
      entity.id = buildEntityId(type, entity.id);
    }
    if (options.context !== undefined) entity['@context'] = options.context;
    const issues = check(entity);
    const extra: ExtraAttributes = options.extra ?? {};
    for (const name of Object.keys(extra)) {
      if (known.has(name) || name === '@context') {
        issues.push({
          path: [name],
          code: 'extra_is_model_attribute',
          message: `${name} is a ${type} attribute, not an extra one: pass it with the other attributes so that it is checked`,
        });
      } else if (Object.hasOwn(entity, name)) {
        issues.push({
          path: [name],
          code: 'extra_given_twice',
          message: `${name} is given both as an attribute and in options.extra: give it once`,
        });
      } else {
        Object.defineProperty(entity, name, {
          value: extra[name],
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
    }
    if (issues.length > 0) throw new ModelValidationError(type, issues);
    const representation = options.representation ?? 'normalized';
    if (representation === 'keyValues') return entity as Out;
    let out: NormalizedEntity;
    try {
      out = fromKeyValues(entity as KeyValuesEntity, hints);
    } catch (error) {
      if (error instanceof ConversionError) {
        throw new ModelValidationError(type, error.issues, { cause: error });
      }
      throw error;
    }
    return (representation === 'concise' ? toConcise(out) : out) as Out;
  }

  function standard<T>(representation: Representation): ModelStandardSchema<T> {
    return {
      '~standard': {
        version: 1,
        vendor: '@smartcitylab/models',
        validate(value) {
          const result = validateIn(value, representation);
          return result.success ? { value: result.data as T } : { issues: result.issues };
        },
      },
    };
  }

  return {
    type,
    domain: metadata.domain,
    keyValues: standard<KV>('keyValues'),
    normalized: standard<N>('normalized'),
    concise: standard<C>('concise'),
    metadata,
    hints,
    validate: validateIn as SmartDataModel<KV, N, C>['validate'],
    create,
  };
}
