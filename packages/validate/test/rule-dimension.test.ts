import { DIMENSIONS, RULE_DIMENSION, RULE_IDS } from '@smartcitylab/validate';
import { describe, expect, it } from 'vitest';

// RULE_DIMENSION is built from a compact string of dimension indexes: this spells the table out,
// so that a rule added to RULE_IDS without its index, or an index off by one, fails here.
describe('RULE_DIMENSION', () => {
  it('gives each rule the dimension it scores', () => {
    expect(RULE_DIMENSION).toStrictEqual({
      structure: 'validity',
      schema: 'validity',
      'schema.attribute-name': 'validity',
      'model.unknown': 'validity',
      'completeness.required': 'completeness',
      'completeness.recommended': 'completeness',
      'plausibility.range': 'plausibility',
      'plausibility.placeholder': 'plausibility',
      'plausibility.season': 'plausibility',
      'units.known': 'validity',
      'units.fit': 'validity',
      'timeliness.missing': 'timeliness',
      'timeliness.invalid': 'timeliness',
      'timeliness.zone': 'timeliness',
      'timeliness.future': 'timeliness',
      'timeliness.max-age': 'timeliness',
      'location.geojson': 'location',
      'location.region': 'location',
      'location.swapped': 'location',
      'location.projected': 'location',
      'location.placeholder': 'location',
      'identifiers.urn': 'validity',
      'identifiers.type-match': 'consistency',
      'consistency.duplicate': 'consistency',
      'consistency.conflict': 'consistency',
    });
  });

  it('lists the rules in the order of RULE_IDS, each with a known dimension', () => {
    expect(Object.keys(RULE_DIMENSION)).toEqual([...RULE_IDS]);
    for (const rule of RULE_IDS) expect(DIMENSIONS).toContain(RULE_DIMENSION[rule]);
  });
});
