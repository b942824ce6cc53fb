import type { AttributeHints, Representation } from '@smartcitylab/ngsi-ld';

/** One finding of a model's schema check. */
export interface ModelIssue {
  /** Path inside the entity. */
  readonly path: readonly PropertyKey[];
  /** What is wrong. */
  readonly message: string;
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
    readonly attributes: readonly { readonly name: string }[];
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
