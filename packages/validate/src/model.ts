import type { AttributeHints, Representation } from '@smartcitylab/ngsi-ld';

/** One finding of a model's schema check. */
export interface ModelIssue {
  /** Path inside the entity. */
  readonly path: readonly PropertyKey[];
  /** What is wrong. */
  readonly message: string;
}

/**
 * Facts about one attribute of a model. Only `name` is needed; the others, when given (every
 * model of `@smartcitylab/models` gives them), let the validator apply NGSI-LD equivalences and
 * convert units before the schema check.
 */
export interface ModelAttribute {
  /** Attribute name. */
  readonly name: string;
  /** How the attribute is represented in normalized form (`Property`, `Relationship`, ...). */
  readonly kind?: string;
  /** JSON type label, e.g. `number`, `string`, `array<string>`. */
  readonly type?: string;
  /** Lowest allowed value. */
  readonly minimum?: number;
  /** Highest allowed value. */
  readonly maximum?: number;
  /** Value must be greater than this. */
  readonly exclusiveMinimum?: number;
  /** The unit as the official schema writes it (free text). */
  readonly unit?: string;
  /** JSON Schema format, e.g. `date-time`. */
  readonly format?: string;
}

/**
 * What the validator needs to know about a Smart Data Model. Every model of
 * `@smartcitylab/models` satisfies it; a supplier can pass their own for a private type.
 */
export interface QualityModel {
  /** The NGSI-LD entity type. */
  readonly type: string;
  /** Attribute facts from the model's schema. */
  readonly metadata: {
    /** Attributes the schema requires. */
    readonly required: readonly string[];
    /** Every attribute the schema defines. */
    readonly attributes: readonly ModelAttribute[];
  };
  /** How keyValues attributes map to NGSI-LD attribute types. */
  readonly hints?: AttributeHints;
  /** Runs the model's schema on an entity in the given representation. */
  validate(
    input: unknown,
    representation: Representation,
  ):
    | { readonly success: true }
    | { readonly success: false; readonly issues: readonly ModelIssue[] };
}
