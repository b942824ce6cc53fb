/**
 * The OpenAPI 3.0 description of the service at `/api`, built from the configured collections.
 */
import type { ResolvedCollection } from './collection.js';
import { supportedCrsUris } from './crs.js';

const ref = (name: string): { $ref: string } => ({ $ref: `#/components/${name}` });

function jsonResponse(description: string, schema: string, type = 'application/json'): object {
  return { description, content: { [type]: { schema: ref(`schemas/${schema}`) } } };
}

/**
 * Builds the OpenAPI 3.0 document of a features service.
 *
 * @example
 * ```ts
 * const doc = openApiDocument('http://127.0.0.1:8080', resolveCollections(['Streetlight']), { title: 'Lights', defaultLimit: 10, maxLimit: 10000 });
 * ```
 */
export function openApiDocument(
  baseUrl: string,
  collections: readonly ResolvedCollection[],
  info: { title: string; defaultLimit: number; maxLimit: number },
): Record<string, unknown> {
  const errors = {
    '400': jsonResponse('A query parameter has an invalid value.', 'exception'),
    '404': jsonResponse('The resource does not exist.', 'exception'),
    '500': jsonResponse('A server error occurred.', 'exception'),
  };
  const collectionId = {
    name: 'collectionId',
    in: 'path',
    required: true,
    schema: { type: 'string', enum: collections.map((c) => c.id) },
  };
  const crs = {
    name: 'crs',
    in: 'query',
    required: false,
    schema: { type: 'string', format: 'uri', enum: supportedCrsUris() },
  };
  const queryables = [...new Set(collections.flatMap((c) => c.queryables))].map((name) => ({
    name,
    in: 'query',
    required: false,
    description: 'Equality filter on this property (only in collections that declare it).',
    schema: { type: 'string' },
  }));
  const f = {
    name: 'f',
    in: 'query',
    required: false,
    schema: { type: 'string', enum: ['json', 'html'] },
  };
  return {
    openapi: '3.0.3',
    info: {
      title: info.title,
      version: '1.0.0',
      description: 'OGC API - Features (Part 1 Core, Part 2 CRS by reference) over NGSI-LD.',
    },
    servers: [{ url: baseUrl }],
    paths: {
      '/': {
        get: {
          operationId: 'getLandingPage',
          parameters: [f],
          responses: { '200': jsonResponse('The landing page.', 'landingPage'), ...errors },
        },
      },
      '/conformance': {
        get: {
          operationId: 'getConformance',
          parameters: [f],
          responses: { '200': jsonResponse('The conformance classes.', 'confClasses'), ...errors },
        },
      },
      '/api': {
        get: {
          operationId: 'getApi',
          responses: {
            '200': {
              description: 'This document.',
              content: { 'application/vnd.oai.openapi+json;version=3.0': {} },
            },
          },
        },
      },
      '/collections': {
        get: {
          operationId: 'getCollections',
          parameters: [f],
          responses: { '200': jsonResponse('The collections.', 'collections'), ...errors },
        },
      },
      '/collections/{collectionId}': {
        get: {
          operationId: 'describeCollection',
          parameters: [collectionId, f],
          responses: { '200': jsonResponse('One collection.', 'collection'), ...errors },
        },
      },
      '/collections/{collectionId}/items': {
        get: {
          operationId: 'getFeatures',
          parameters: [
            collectionId,
            {
              name: 'limit',
              in: 'query',
              required: false,
              style: 'form',
              explode: false,
              schema: {
                type: 'integer',
                minimum: 1,
                maximum: info.maxLimit,
                default: info.defaultLimit,
              },
            },
            {
              name: 'offset',
              in: 'query',
              required: false,
              schema: { type: 'integer', minimum: 0, default: 0 },
            },
            {
              name: 'bbox',
              in: 'query',
              required: false,
              style: 'form',
              explode: false,
              schema: { type: 'array', minItems: 4, maxItems: 6, items: { type: 'number' } },
            },
            {
              name: 'bbox-crs',
              in: 'query',
              required: false,
              schema: { type: 'string', format: 'uri', enum: supportedCrsUris() },
            },
            {
              name: 'datetime',
              in: 'query',
              required: false,
              style: 'form',
              explode: false,
              schema: { type: 'string' },
            },
            crs,
            f,
            ...queryables,
          ],
          responses: {
            '200': jsonResponse(
              'A page of features.',
              'featureCollectionGeoJSON',
              'application/geo+json',
            ),
            ...errors,
          },
        },
      },
      '/collections/{collectionId}/items/{featureId}': {
        get: {
          operationId: 'getFeature',
          parameters: [
            collectionId,
            { name: 'featureId', in: 'path', required: true, schema: { type: 'string' } },
            crs,
            f,
          ],
          responses: {
            '200': jsonResponse('One feature.', 'featureGeoJSON', 'application/geo+json'),
            ...errors,
          },
        },
      },
    },
    components: {
      schemas: {
        exception: {
          type: 'object',
          required: ['code'],
          properties: { code: { type: 'string' }, description: { type: 'string' } },
        },
        link: {
          type: 'object',
          required: ['href', 'rel'],
          properties: {
            href: { type: 'string' },
            rel: { type: 'string' },
            type: { type: 'string' },
            title: { type: 'string' },
          },
        },
        landingPage: {
          type: 'object',
          required: ['links'],
          properties: {
            title: { type: 'string' },
            description: { type: 'string' },
            links: { type: 'array', items: ref('schemas/link') },
          },
        },
        confClasses: {
          type: 'object',
          required: ['conformsTo'],
          properties: { conformsTo: { type: 'array', items: { type: 'string' } } },
        },
        collection: {
          type: 'object',
          required: ['id', 'links'],
          properties: {
            id: { type: 'string' },
            title: { type: 'string' },
            links: { type: 'array', items: ref('schemas/link') },
            crs: { type: 'array', items: { type: 'string' } },
            storageCrs: { type: 'string' },
          },
        },
        collections: {
          type: 'object',
          required: ['links', 'collections'],
          properties: {
            links: { type: 'array', items: ref('schemas/link') },
            collections: { type: 'array', items: ref('schemas/collection') },
          },
        },
        featureGeoJSON: {
          type: 'object',
          required: ['type', 'geometry', 'properties'],
          properties: {
            type: { type: 'string', enum: ['Feature'] },
            id: { type: 'string' },
            geometry: { type: 'object', nullable: true },
            properties: { type: 'object', nullable: true },
          },
        },
        featureCollectionGeoJSON: {
          type: 'object',
          required: ['type', 'features'],
          properties: {
            type: { type: 'string', enum: ['FeatureCollection'] },
            features: { type: 'array', items: ref('schemas/featureGeoJSON') },
            numberMatched: { type: 'integer', minimum: 0 },
            numberReturned: { type: 'integer', minimum: 0 },
          },
        },
      },
    },
  };
}
