import { basename, dirname } from 'node:path';
import { isModelType, listModels, loadModel } from '@smartcitylab/models';
import { checkEntityStructure as validateStructure } from '@smartcitylab/ngsi-ld/schema';
import {
  createValidator,
  type QualityReport,
  reportToDataQualityAssessment,
  reportToMarkdown,
  validateBatch,
  validateEntity,
} from '@smartcitylab/validate';
import { expect, it } from 'vitest';
import {
  describeWithFixtures,
  listFixtureFiles,
  readFixtureJson,
} from '../../../test-support/fixtures.js';

const NOW = new Date('2026-11-25T12:00:00Z');
const rules = (r: QualityReport): string[] => r.issues.map((i) => i.rule);

describeWithFixtures(
  'quality rules on official Smart Data Models examples',
  'smart-data-models',
  () => {
    const allExamples = listFixtureFiles('smart-data-models', 'example-normalized.jsonld');
    const modelOf = (file: string): string => basename(dirname(file));
    // The shared fixtures grow ahead of the package: an example whose model is not shipped yet is
    // named as such below instead of failing (or silently passing) the checks meant for shipped models.
    const examples = allExamples.filter((f) => isModelType(modelOf(f)));
    for (const file of allExamples.filter((f) => !isModelType(modelOf(f)))) {
      it(`${modelOf(file)}: fixture only; no shipped model, so the report names none`, async () => {
        const report = await validateEntity(readFixtureJson<Record<string, unknown>>(file), {
          now: () => NOW,
        });
        expect(report.model).toBeUndefined();
      });
    }

    it('has an official normalized example for every shipped model', () => {
      expect(examples.map(modelOf).sort()).toEqual(
        listModels()
          .map((m) => m.type)
          .sort(),
      );
    });

    it('reads every official normalized example and names its model', async () => {
      for (const file of examples) {
        const entity = readFixtureJson<Record<string, unknown>>(file);
        const report = await validateEntity(entity, { now: () => NOW });
        const type = basename(dirname(file));
        expect(report.model, file).toBe(type);
        expect(report.representation, file).toBe('normalized');
        // Where the NGSI-LD core itself rejects an official example (Device uses the reserved
        // name "value" as an attribute), the report must say so; otherwise structure passes.
        const structural = validateStructure(entity, 'normalized').success;
        expect(rules(report).includes('structure'), file).toBe(!structural);
        expect(report.score, file).toBeGreaterThan(0);
        expect(report.score, file).toBeLessThanOrEqual(1);
      }
    });

    it('flags the swapped or foreign locations some official examples carry', async () => {
      const aq = readFixtureJson<Record<string, unknown>>(
        'smart-data-models/Environment/AirQualityObserved/example.jsonld',
      );
      // The official example sits in Madrid: valid GeoJSON, but outside Sweden.
      const report = await validateEntity(aq, { now: () => NOW });
      expect(report.representation).toBe('keyValues');
      expect(rules(report)).toContain('location.region');
    });

    it('finds the data-quality problems of the issue in a real AirQualityObserved entity', async () => {
      const base = readFixtureJson<Record<string, unknown>>(
        'smart-data-models/Environment/AirQualityObserved/example.jsonld',
      );
      const sundsvall = {
        ...base,
        id: 'urn:ngsi-ld:AirQualityObserved:sundsvall-1',
        dateObserved: '2026-11-25T11:00:00Z',
        location: { type: 'Point', coordinates: [17.3069, 62.3908] },
        // The official example's 500 mg/m³ of CO is far above anything measured in Swedish air.
        co: 0.4,
      };
      const cases: { name: string; change: Record<string, unknown>; want: string }[] = [
        { name: '900 °C', change: { temperature: 900 }, want: 'plausibility.range' },
        {
          name: 'swapped coordinates',
          change: { location: { type: 'Point', coordinates: [62.3908, 17.3069] } },
          want: 'location.swapped',
        },
        {
          name: 'a reading from last year',
          change: { dateObserved: '2025-11-25T11:00:00Z' },
          want: 'timeliness.max-age',
        },
        {
          name: 'a reading from tomorrow',
          change: { dateObserved: '2026-11-26T11:00:00Z' },
          want: 'timeliness.future',
        },
        {
          name: 'a negative air quality index the schema forbids',
          change: { airQualityIndex: -5 },
          want: 'schema',
        },
      ];
      const clean = await validateEntity(sundsvall, { now: () => NOW });
      for (const c of cases) {
        expect(rules(clean), c.name).not.toContain(c.want);
        const report = await validateEntity({ ...sundsvall, ...c.change }, { now: () => NOW });
        expect(rules(report), c.name).toContain(c.want);
        expect(report.score, c.name).toBeLessThan(clean.score);
      }
    });

    it('detects duplicates and conflicting updates in a batch of real entities', async () => {
      const base = readFixtureJson<Record<string, unknown>>(
        'smart-data-models/Weather/WeatherObserved/example.jsonld',
      );
      const reports = await validateBatch([base, base, { ...base, temperature: 99 }], {
        now: () => NOW,
      });
      expect(reports.map((r) => rules(r).filter((x) => x.startsWith('consistency')))).toEqual([
        [],
        ['consistency.duplicate'],
        ['consistency.conflict'],
      ]);
    });

    it('renders a DataQualityAssessment entity that validates with its own model', async () => {
      const dqaModel = await loadModel('DataQualityAssessment');
      const entity = readFixtureJson<Record<string, unknown>>(
        'smart-data-models/Weather/WeatherObserved/example-normalized.jsonld',
      );
      const report = await validateEntity(entity, { now: () => NOW });
      const normalized = reportToDataQualityAssessment(report);
      const keyValues = reportToDataQualityAssessment(report, { representation: 'keyValues' });
      expect(dqaModel.validate(normalized, 'normalized')).toMatchObject({ success: true });
      expect(dqaModel.validate(keyValues, 'keyValues')).toMatchObject({ success: true });
      const again = createValidator({ models: [dqaModel], now: () => NOW }).check(normalized);
      expect(rules(again)).not.toContain('schema');
    });

    it('renders Markdown in Swedish with every issue', async () => {
      const entity = readFixtureJson<Record<string, unknown>>(
        'smart-data-models/Environment/AirQualityObserved/example-normalized.jsonld',
      );
      const report = await validateEntity(entity, { now: () => NOW });
      const md = reportToMarkdown(report, { lang: 'sv' });
      expect(md).toContain('# Datakvalitetsrapport');
      for (const i of report.issues) expect(md).toContain(i.rule);
    });
  },
);
