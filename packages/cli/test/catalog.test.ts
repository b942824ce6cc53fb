import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeWithFixtures, fixturePath } from '../../../test-support/fixtures.js';
import { cli, workdir } from './harness.js';

const YAML = `uri: https://data.timra.example/catalog
title: { sv: Timrå öppna data, en: Timrå open data }
description: { sv: Sensordata från kommunen., en: Sensor data from the municipality. }
publisher: { name: Timrå kommun, organisationNumber: 212000-2411 }
contactPoint: { name: Öppna data, email: oppnadata@timra.example }
municipality: { name: Timrå, code: "2262" }
services:
  - { id: broker, kind: ngsi-ld, title: { sv: Kontextmäklare }, endpoint: https://broker.timra.example/ngsi-ld/v1 }
datasets:
  - id: avfall
    title: { sv: Avfallskärl, en: Waste containers }
    description: { sv: Fyllnadsgrad per kärl., en: Filling level per container. }
    themes: [ENVI]
    model: WasteContainer
    services: [broker]
    distributions:
      - { format: csv, url: https://data.timra.example/avfall.csv }
`;

describe('smartcity catalog', () => {
  it('builds RDF/XML from YAML and the check passes it', async () => {
    const dir = workdir({ 'catalog.yaml': YAML });
    const build = await cli(['catalog', 'build', 'catalog.yaml', '-o', 'catalog.rdf'], {
      cwd: dir,
    });
    expect(build.stderr).toBe('wrote catalog.rdf (rdfxml, 1 datasets)\n');
    expect(readFileSync(join(dir, 'catalog.rdf'), 'utf8')).toContain('<rdf:RDF');
    const check = await cli(['catalog', 'check', 'catalog.rdf'], { cwd: dir });
    expect(check.stdout).toBe('');
    expect(check.stderr).toBe('catalog.rdf: conforms to DCAT-AP-SE 3.0.1\n');
    expect(check.code).toBe(0);
  });

  it('prints Turtle on stdout', async () => {
    const dir = workdir({ 'catalog.yaml': YAML });
    const run = await cli(['catalog', 'build', 'catalog.yaml', '--format', 'turtle'], { cwd: dir });
    expect(run.stdout).toContain('a dcat:Catalog');
  });

  it('prints one line per violation, naming resource and property, and exits 1', async () => {
    const dir = workdir({ 'catalog.yaml': YAML });
    await cli(['catalog', 'build', 'catalog.yaml', '-o', 'catalog.ttl'], { cwd: dir });
    const ttl = readFileSync(join(dir, 'catalog.ttl'), 'utf8').replace(
      /\s*dcterms:license <[^>]+>;/,
      '',
    );
    writeFileSync(join(dir, 'broken.ttl'), ttl);
    const run = await cli(['catalog', 'check', 'broken.ttl'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      '<https://data.timra.example/catalog> dcterms:license: dcat:Catalog needs exactly 1 value, an IRI (DCAT-AP-SE 3.0.1) [DCAT-AP-SE 3.0.1]\n',
    );
    expect(run.stderr).toBe('broken.ttl: 1 violation\n');
  });

  it.each([
    [['catalog', 'publish', 'x'], /Give "build" or "check" first/],
    [['catalog', 'build', 'missing.yaml'], /cannot read missing.yaml: ENOENT/],
    [['catalog', 'check', 'catalog.txt'], /Cannot tell the RDF format of "catalog.txt"/],
  ])('refuses %j in one line', async (argv, want) => {
    const run = await cli(argv, { cwd: workdir({ 'catalog.txt': 'x' }) });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(want);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('names the description path that is wrong', async () => {
    const dir = workdir({ 'catalog.yaml': YAML.replace('212000-2411', '212000-2412') });
    const run = await cli(['catalog', 'build', 'catalog.yaml'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /catalog\.yaml: publisher\.organisationNumber: must be a Swedish organisation number/,
    );
  });
});

describeWithFixtures('smartcity catalog check with the official shapes', 'dcat', () => {
  it("passes DIGG's recommended example under DCAT-AP-SE and reports its format literals under DCAT-AP 3", async () => {
    const example = fixturePath('dcat', 'dcat-ap-se/exempel/rekommenderat.ttl');
    const shapes = fixturePath('dcat', 'dcat-ap/releases/3.0.0/html/shacl/shapes.ttl');
    expect((await cli(['catalog', 'check', example])).code).toBe(0);
    const run = await cli(['catalog', 'check', example, '--shapes', shapes]);
    expect(run.code).toBe(1);
    expect(run.stdout.trimEnd().split('\n')).toEqual([
      expect.stringMatching(
        /^<https:\/\/example\.com\/distribution1> dcterms:format: .+ \[.*shapes\.ttl\]$/,
      ),
      expect.stringMatching(
        /^<https:\/\/example\.com\/distribution2> dcterms:format: .+ \[.*shapes\.ttl\]$/,
      ),
    ]);
  });
});
