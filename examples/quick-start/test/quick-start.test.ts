import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

describe('examples/quick-start', () => {
  // Runs exactly what `npm start` runs and checks what it prints.
  const output = execFileSync(
    process.execPath,
    ['--conditions=@smartcitylab/source', '--import', 'tsx', 'src/main.ts'],
    { cwd: root, encoding: 'utf8', timeout: 120_000 },
  );

  it('validates the entity it builds', () => {
    expect(output).toContain('valid normalized entity: true');
    expect(output).toContain('id parts: {"type":"WasteContainer","localId":"vaxjo-torget 1"}');
  });

  it('prints the concise form with compacted attributes', () => {
    const concise = JSON.parse(/concise: (\{[\s\S]*?\n\})/.exec(output)![1]!);
    expect(concise).toEqual({
      id: 'urn:ngsi-ld:WasteContainer:vaxjo-torget%201',
      type: 'WasteContainer',
      fillingLevel: { value: 0.72, unitCode: 'P1', observedAt: '2025-03-01T08:30:00Z' },
      location: { type: 'Point', coordinates: [14.8059, 56.8777] },
      name: { languageMap: { sv: 'Torget', en: 'The square' } },
      refDevice: { object: 'urn:ngsi-ld:Device:elsys-ers-0042' },
    });
    expect(output).toContain('concise → normalized unchanged: true');
  });

  it('prints keyValues and rebuilds types from hints', () => {
    const kv = JSON.parse(/keyValues: (\{[\s\S]*?\n\})/.exec(output)![1]!);
    expect(kv.fillingLevel).toBe(0.72);
    expect(kv.refDevice).toBe('urn:ngsi-ld:Device:elsys-ers-0042');
    expect(output).toContain(
      'rebuilt refDevice: {"type":"Relationship","object":"urn:ngsi-ld:Device:elsys-ers-0042"}',
    );
  });

  it('reports invalid input as issues with paths', () => {
    expect(output).toMatch(/issue at id: Entity id must be an absolute URI/);
    expect(output).toMatch(/issue at fillingLevel\.type: Attribute type must be one of/);
  });

  it('prints the Link header for application/json', () => {
    expect(output).toContain(
      '"Link":"<https://raw.githubusercontent.com/smart-data-models/data-models/master/context.jsonld>; rel=\\"http://www.w3.org/ns/json-ld#context\\"; type=\\"application/ld+json\\""',
    );
  });
});
