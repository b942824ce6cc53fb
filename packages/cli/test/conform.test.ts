import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Broker, startBroker } from '@smartcitylab/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, oneLine, workdir } from './harness.js';

let broker: Broker;
beforeAll(async () => {
  broker = await startBroker();
});
afterAll(() => broker.close());

describe('smartcity conform', () => {
  it('runs the write profiles against a broker, writes JUnit and exits 0', async () => {
    const dir = workdir({});
    const run = await cli(
      ['conform', broker.url, '--allow-write', '--rps', '0', '--format', 'junit', '--out', 'c.xml'],
      { cwd: dir },
    );
    expect(run.code).toBe(0);
    expect(oneLine(run)).toMatch(/^PASS: \d+ passed, 0 failed \(0 must\)/);
    const xml = readFileSync(join(dir, 'c.xml'), 'utf8');
    expect(xml.match(/<testsuite /g)).toHaveLength(6);
    expect(broker.store.entityCount()).toBe(0);
  }, 180_000);

  it('is read-only by default and writes Swedish Markdown to stdout', async () => {
    const run = await cli([
      'conform',
      broker.url,
      '--profile',
      'mim1-core',
      '--lang',
      'sv',
      '--rps',
      '0',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('endast läsning (bara GET)');
    expect(run.stdout).toContain('överhoppad');
  }, 180_000);

  it('exits 2 with one line when the endpoint cannot be reached', async () => {
    const run = await cli([
      'conform',
      'http://127.0.0.1:9',
      '--format',
      'json',
      '--timeout',
      '2000',
    ]);
    expect(run.code).toBe(2);
    expect(oneLine(run)).toMatch(
      /^smartcity conform: cannot reach http:\/\/127\.0\.0\.1:9\/ngsi-ld\/v1: /,
    );
    expect(JSON.parse(run.stdout)).toMatchObject({ outcome: 'error' });
  }, 180_000);

  it('rejects an unknown profile and a bad URL in one line', async () => {
    const a = await cli(['conform', broker.url, '--profile', 'mim9']);
    expect(a.code).toBe(2);
    expect(oneLine(a)).toMatch(/Unknown profile "mim9"/);
    const b = await cli(['conform', 'ftp://x']);
    expect(oneLine(b)).toBe('smartcity conform: "ftp://x" must start with http:// or https://');
  });

  it('audits data with --types and exits 1 on a must failure', async () => {
    const run = await cli([
      'conform',
      broker.url,
      '--profile',
      'mim2-data',
      '--types',
      'WasteContainer',
      '--rps',
      '0',
      '--format',
      'json',
    ]);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as {
      checks: { id: string; status: string; reason?: string }[];
    };
    expect(report.checks[0]).toMatchObject({
      id: 'data.entities-present',
      status: 'fail',
      reason: 'no entities of type WasteContainer',
    });
  }, 180_000);
});

describe('smartcity spec', () => {
  it('writes the requirement text, schemas and profiles citing versions', async () => {
    const dir = workdir({});
    const run = await cli(
      [
        'spec',
        '--models',
        'WasteContainer,AirQualityObserved',
        '--profiles',
        'mim1-core,mim1-query',
        '--min-score',
        '0.95',
        '--lang',
        'sv',
        '--out',
        'upphandling',
      ],
      { cwd: dir },
    );
    expect(run.code).toBe(0);
    const root = join(dir, 'upphandling');
    expect(readdirSync(root).sort()).toEqual(['kravspecifikation.md', 'profiles', 'schemas']);
    expect(readdirSync(join(root, 'schemas')).sort()).toEqual([
      'AirQualityObserved.schema.json',
      'WasteContainer.schema.json',
    ]);
    expect(readdirSync(join(root, 'profiles')).sort()).toEqual([
      'mim1-core.json',
      'mim1-query.json',
    ]);
    const text = readFileSync(join(root, 'kravspecifikation.md'), 'utf8');
    expect(text).toContain('urn:npm:@smartcitylab/conformance@0.0.0:profile:mim1-core');
    expect(text).toContain('@smartcitylab/models@0.0.0');
    expect(text).toContain('minst 0.95');
    expect(text).toMatch(/WasteContainer, schema \d+\.\d+\.\d+/);
  });

  it('names an unknown model in one line', async () => {
    const run = await cli(['spec', '--models', 'Nope', '--out', workdir({})]);
    expect(run.code).toBe(2);
    expect(oneLine(run)).toMatch(/^smartcity spec: unknown Smart Data Model "Nope"/);
  });
});
