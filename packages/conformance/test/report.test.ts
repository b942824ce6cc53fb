import { readFileSync } from 'node:fs';
import {
  type ConformanceReport,
  exitCodeOf,
  REPORT_SCHEMA_ID,
  reportToHtml,
  reportToJson,
  reportToJUnit,
  reportToMarkdown,
  runConformance,
} from '@smartcitylab/conformance';
import { type Broker, startBroker } from '@smartcitylab/testkit';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MUTANTS } from './support/mutants.js';
import { startMutationProxy } from './support/proxy.js';
import { seedWeather } from './support/seed.js';
import { closedPort } from './support/servers.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const schema = JSON.parse(
  readFileSync(new URL('../report.schema.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;
const NOW = new Date('2026-11-25T08:00:00Z');

let broker: Broker;
const reports: Record<string, ConformanceReport> = {};

beforeAll(async () => {
  broker = await startBroker();
  await seedWeather(broker.url, 20, '2026-11-25T07:00:00Z');
  const audit = { types: ['WeatherObserved'], now: () => NOW };
  reports.passing = await runConformance({
    endpoint: broker.url,
    profiles: ['mim1-core', 'mim1-tenancy', 'mim2-data'],
    allowWrite: true,
    rps: 0,
    audit,
  });
  reports.readOnly = await runConformance({ endpoint: broker.url, rps: 0, tenant: 'lund' });
  const proxy = await startMutationProxy(broker.url);
  proxy.use(MUTANTS.find((m) => m.id === 'data-violates-model'));
  reports.failing = await runConformance({
    endpoint: proxy.url,
    profiles: ['mim1-core', 'mim2-data'],
    allowWrite: true,
    rps: 0,
    audit,
  });
  await proxy.close();
  reports.error = await runConformance({
    endpoint: `http://127.0.0.1:${await closedPort()}`,
    rps: 0,
  });
}, 180_000);
afterAll(() => broker.close());

describe('the JSON report', () => {
  const ajv = addFormats(new Ajv2020({ allErrors: true, strict: true }));
  const validate = ajv.compile(schema);

  it.each(['passing', 'readOnly', 'failing', 'error'])(
    'validates against the published schema (%s run)',
    (name) => {
      const json = JSON.parse(reportToJson(reports[name] as ConformanceReport)) as unknown;
      const ok = validate(json);
      expect(validate.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
      expect((json as { $schema: string }).$schema).toBe(REPORT_SCHEMA_ID);
    },
  );

  it('maps outcomes to exit codes 0, 1 and 2', () => {
    expect(
      [reports.passing, reports.failing, reports.error].map((r) =>
        exitCodeOf(r as ConformanceReport),
      ),
    ).toEqual([0, 1, 2]);
  });

  it('names profiles, tool, endpoint and times', () => {
    const r = reports.passing as ConformanceReport;
    expect(r.profiles.map((p) => p.$id)).toEqual([
      'urn:npm:@smartcitylab/conformance@0.0.0:profile:mim1-core',
      'urn:npm:@smartcitylab/conformance@0.0.0:profile:mim1-tenancy',
      'urn:npm:@smartcitylab/conformance@0.0.0:profile:mim2-data',
    ]);
    expect(r.endpoint).toBe(broker.url);
    expect(Date.parse(r.endedAt)).toBeGreaterThanOrEqual(Date.parse(r.startedAt));
    expect(r.leftovers.map((l) => l.kind)).toEqual(['tenant']);
  });

  it('gives the audit figures and the most frequent issues with examples', () => {
    const audit = (reports.failing as ConformanceReport).audit?.[0];
    expect(audit).toMatchObject({
      type: 'WeatherObserved',
      entitiesSeen: 20,
      schemaValidPercent: 50,
    });
    expect(audit?.topIssues[0]).toMatchObject({ rule: 'schema', count: 10 });
    expect(audit?.topIssues[0]?.examples[0]).toMatch(/^urn:ngsi-ld:WeatherObserved:seed-/);
    const check = reports.failing?.checks.find((c) => c.id === 'data.schema-valid');
    expect(check?.status).toBe('fail');
    expect(check?.reason).toMatch(/WeatherObserved: 50% schema-valid \(needs 100%\)/);
  });
});

describe('Markdown, HTML and JUnit', () => {
  it('writes Markdown in Swedish and English', () => {
    const r = reports.failing as ConformanceReport;
    const sv = reportToMarkdown(r, { lang: 'sv' });
    expect(sv).toContain('# Intyg om NGSI-LD-överensstämmelse');
    expect(sv).toContain('UNDERKÄND');
    expect(sv).toContain('Datagranskning (MIM2)');
    expect(sv).toContain('urn:npm:@smartcitylab/conformance@0.0.0:profile:mim2-data');
    const en = reportToMarkdown(r);
    expect(en).toContain('FAIL: a must check failed');
    expect(en).toContain(
      '| `data.schema-valid` The entities are valid against their Smart Data Model | must |',
    );
  });

  it('writes one self-contained printable HTML page', () => {
    const html = reportToHtml(reports.failing as ConformanceReport, { lang: 'sv' });
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('@media print');
    expect(html).not.toMatch(/<script|<link|src=|url\(/i);
    expect(html).toContain('<td class="fail">UNDERKÄND</td>');
  });

  it('escapes what the endpoint sent', () => {
    const r = { ...(reports.failing as ConformanceReport) };
    r.checks = [
      {
        ...(r.checks[0] as ConformanceReport['checks'][number]),
        status: 'fail',
        reason: '<img src=x onerror=alert(1)>',
      },
    ];
    expect(reportToHtml(r)).not.toContain('<img');
    expect(reportToJUnit(r)).not.toContain('<img');
  });

  it('writes JUnit XML with one suite per profile and must failures as failures', () => {
    const xml = reportToJUnit(reports.failing as ConformanceReport);
    expect(xml.match(/<testsuite /g)).toHaveLength(2);
    expect(xml).toMatch(
      /<testcase classname="mim2-data" name="data.schema-valid \[must\][^"]*"[^>]*><failure message="WeatherObserved: 50% schema-valid/,
    );
    const errorXml = reportToJUnit(reports.error as ConformanceReport);
    expect(errorXml).toMatch(/<error message="cannot reach/);
  });
});
