/** The built-in core context matches the ETSI v1.8 document it was generated from. */
import { expect, it } from 'vitest';
import { describeWithFixtures, readFixtureJson } from '../../../test-support/fixtures.js';
import { CORE_PREFIXES, CORE_TERMS, CORE_VOCAB } from '../src/generated/core-context.js';

describeWithFixtures('generated core context', 'contexts/etsi', () => {
  it('has every term of ngsi-ld-core-context-v1.8.jsonld with its absolute IRI', () => {
    const doc = readFixtureJson<{ '@context': Record<string, unknown> }>(
      'contexts',
      'etsi',
      'ngsi-ld-core-context-v1.8.jsonld',
    );
    const ctx = doc['@context'];
    expect(CORE_VOCAB).toBe(ctx['@vocab']);
    const absolute = (iri: string): string => {
      const colon = iri.indexOf(':');
      const base = CORE_PREFIXES[iri.slice(0, colon)];
      return base === undefined ? iri : base + iri.slice(colon + 1);
    };
    let checked = 0;
    for (const [term, def] of Object.entries(ctx)) {
      const id = typeof def === 'string' ? def : (def as { '@id'?: string })['@id'];
      if (term.startsWith('@') || term in CORE_PREFIXES || id === undefined || id.startsWith('@'))
        continue;
      expect(CORE_TERMS[term], term).toBe(absolute(id));
      checked += 1;
    }
    expect(checked).toBe(Object.keys(CORE_TERMS).length);
    expect(checked).toBeGreaterThan(150);
  });
});
