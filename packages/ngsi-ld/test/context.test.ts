import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CORE_CONTEXT,
  CORE_CONTEXT_V1_6,
  CORE_CONTEXT_V1_7,
  CORE_CONTEXT_V1_8,
  checkContextRules,
  contextHeaders,
  formatLinkHeader,
  isNgsiLdError,
  ProblemType,
  parseLinkHeader,
  SMART_DATA_MODELS_CONTEXT,
  withContext,
  withoutContext,
} from '@smartcitylab/ngsi-ld';
import { describe, expect, it } from 'vitest';
import { describeWithFixtures, readFixtureJson } from '../../../test-support/fixtures.js';

describe('context URLs', () => {
  it('name the ETSI core contexts and the Smart Data Models context', () => {
    expect(CORE_CONTEXT_V1_6).toBe(
      'https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.6.jsonld',
    );
    expect(CORE_CONTEXT_V1_7).toBe(
      'https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.7.jsonld',
    );
    expect(CORE_CONTEXT_V1_8).toBe(
      'https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld',
    );
    expect(CORE_CONTEXT).toBe(CORE_CONTEXT_V1_8);
    expect(SMART_DATA_MODELS_CONTEXT).toBe(
      'https://raw.githubusercontent.com/smart-data-models/data-models/master/context.jsonld',
    );
  });
});

describeWithFixtures('context URLs and the offline context fixtures', 'contexts', (dir) => {
  it('the fixture README lists our URLs as served URLs', () => {
    const readme = readFileSync(join(dir, 'README.md'), 'utf8');
    for (const url of [CORE_CONTEXT_V1_7, CORE_CONTEXT_V1_8, SMART_DATA_MODELS_CONTEXT]) {
      expect(readme).toContain(url);
    }
  });

  it('the v1.8 core context defines every attribute type and value member we use', () => {
    const ctx = readFixtureJson<{ '@context': Record<string, unknown> }>(
      'contexts/etsi/ngsi-ld-core-context-v1.8.jsonld',
    )['@context'];
    const terms = [
      'Property',
      'Relationship',
      'GeoProperty',
      'LanguageProperty',
      'VocabProperty',
      'ListProperty',
      'ListRelationship',
      'JsonProperty',
      'value',
      'object',
      'languageMap',
      'vocab',
      'valueList',
      'objectList',
      'json',
      'objectType',
      'datasetId',
      'observedAt',
      'unitCode',
      'instanceId',
      'createdAt',
      'modifiedAt',
      'deletedAt',
    ];
    expect(terms.filter((t) => !(t in ctx))).toEqual([]);
    // v1.7 still used the pre-release name that Orion-LD answers with (fixture 17).
    const v17 = readFixtureJson<{ '@context': Record<string, unknown> }>(
      'contexts/etsi/ngsi-ld-core-context-v1.7.jsonld',
    )['@context'];
    expect('VocabularyProperty' in v17 && !('VocabularyProperty' in ctx)).toBe(true);
  });
});

describe('Link header', () => {
  it('formats the JSON-LD context link', () => {
    expect(formatLinkHeader('https://example.org/ctx.jsonld')).toBe(
      '<https://example.org/ctx.jsonld>; rel="http://www.w3.org/ns/json-ld#context"; type="application/ld+json"',
    );
  });

  it('refuses a non-URI', () => {
    let thrown: unknown;
    try {
      formatLinkHeader('ctx.jsonld');
    } catch (e) {
      thrown = e;
    }
    expect(isNgsiLdError(thrown)).toBe(true);
  });

  const cases: { name: string; given: string | undefined; want: string | undefined }[] = [
    {
      name: 'round trip',
      given: formatLinkHeader(SMART_DATA_MODELS_CONTEXT),
      want: SMART_DATA_MODELS_CONTEXT,
    },
    {
      name: 'unquoted rel',
      given: '<https://a/ctx.jsonld>; rel=http://www.w3.org/ns/json-ld#context',
      want: 'https://a/ctx.jsonld',
    },
    {
      name: 'among other links',
      given:
        '<https://a/next>; rel="next", <https://a/c,1.jsonld>; type="application/ld+json"; rel="http://www.w3.org/ns/json-ld#context"',
      want: 'https://a/c,1.jsonld',
    },
    {
      name: 'several rel values',
      given: '<https://a/c>; rel="alternate http://www.w3.org/ns/json-ld#context"',
      want: 'https://a/c',
    },
    { name: 'a non-context link', given: '<https://a/next>; rel="next"', want: undefined },
    { name: 'garbage', given: 'not a link', want: undefined },
    { name: 'absent', given: undefined, want: undefined },
  ];
  for (const { name, given, want } of cases) {
    it(`parses: ${name}`, () => {
      expect(parseLinkHeader(given)).toBe(want);
    });
  }
});

describe('contextHeaders', () => {
  it('application/json sends the context as a Link header', () => {
    expect(
      contextHeaders({ contentType: 'application/json', context: SMART_DATA_MODELS_CONTEXT }),
    ).toEqual({
      'Content-Type': 'application/json',
      Link: formatLinkHeader(SMART_DATA_MODELS_CONTEXT),
    });
  });
  it('application/ld+json never has a Link header', () => {
    expect(
      contextHeaders({ contentType: 'application/ld+json', context: SMART_DATA_MODELS_CONTEXT }),
    ).toEqual({
      'Content-Type': 'application/ld+json',
    });
  });
  it('defaults to application/json without Link (core context)', () => {
    expect(contextHeaders()).toEqual({ 'Content-Type': 'application/json' });
  });
});

describe('checkContextRules (the broker rule)', () => {
  const entity = { id: 'urn:ngsi-ld:T:1', type: 'T' };
  const withCtx = { ...entity, '@context': CORE_CONTEXT };
  const link = formatLinkHeader(SMART_DATA_MODELS_CONTEXT);
  const cases: { name: string; contentType: string; link?: string; body: unknown; bad: boolean }[] =
    [
      { name: 'json + Link', contentType: 'application/json', link, body: entity, bad: false },
      { name: 'json without Link', contentType: 'application/json', body: entity, bad: false },
      {
        name: 'json with @context in the body',
        contentType: 'application/json',
        body: withCtx,
        bad: true,
      },
      {
        name: 'json batch with one @context',
        contentType: 'application/json',
        body: [entity, withCtx],
        bad: true,
      },
      {
        name: 'ld+json with @context',
        contentType: 'application/ld+json',
        body: withCtx,
        bad: false,
      },
      {
        name: 'ld+json with charset parameter',
        contentType: 'application/ld+json; charset=utf-8',
        body: withCtx,
        bad: false,
      },
      {
        name: 'ld+json with a Link header',
        contentType: 'application/ld+json',
        link,
        body: withCtx,
        bad: true,
      },
      {
        name: 'ld+json without @context',
        contentType: 'application/ld+json',
        body: entity,
        bad: true,
      },
      {
        name: 'ld+json batch with one entity missing @context',
        contentType: 'application/ld+json',
        body: [withCtx, entity],
        bad: true,
      },
      {
        name: 'merge-patch with @context',
        contentType: 'application/merge-patch+json',
        body: withCtx,
        bad: true,
      },
    ];
  for (const { name, contentType, link: l, body, bad } of cases) {
    it(`${name} → ${bad ? 'BadRequestData' : 'accepted'}`, () => {
      const problem = checkContextRules(contentType, l, body);
      if (bad) {
        expect(problem?.type).toBe(ProblemType.BadRequestData);
        expect(problem?.status).toBe(400);
        expect(problem?.detail).toMatch(/@context|Link/);
      } else {
        expect(problem).toBeUndefined();
      }
    });
  }
});

describe('withContext / withoutContext', () => {
  it('adds and removes @context without touching the input', () => {
    const e = { id: 'urn:ngsi-ld:T:1', type: 'T' };
    const w = withContext(e, CORE_CONTEXT);
    expect(w).toEqual({ ...e, '@context': CORE_CONTEXT });
    expect(e).not.toHaveProperty('@context');
    expect(withoutContext(w)).toEqual(e);
  });
});
