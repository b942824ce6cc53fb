import { fromKeyValues, NgsiLdError } from '@smartcitylab/ngsi-ld';
import {
  type AssessmentOptions,
  createValidator,
  DIMENSIONS,
  type DimensionScore,
  type QualityReport,
  reportToDataQualityAssessment,
  reportToDataQualityAssessmentJson,
  validateStream,
} from '@smartcitylab/validate';
import { describe, expect, it } from 'vitest';

const NOW = new Date('2026-11-25T12:00:00Z');
const reading = {
  id: 'urn:ngsi-ld:WeatherObserved:sundsvall-1',
  type: 'WeatherObserved',
  dateObserved: '2026-11-25T11:00:00Z',
  temperature: -3.5,
  location: { type: 'Point', coordinates: [17.3069, 62.3908] },
};

/** Entities whose reports cover what the assessment writes: clean, errors, no id, odd ids. */
const ENTITIES: readonly unknown[] = [
  reading,
  { ...reading, id: 'urn:ngsi-ld:WeatherObserved:sundsvall-2', temperature: 900 },
  { ...reading, id: 'urn:ngsi-ld:WeatherObserved:sundsvall-2', temperature: 900 },
  { ...reading, id: 'urn:ngsi-ld:WeatherObserved:sundsvall-3', temperature: 2 },
  { ...reading, id: 'urn:ngsi-ld:WeatherObserved:sundsvall-3', temperature: 3 },
  { type: 'WeatherObserved', temperature: 4 },
  { ...reading, id: 'urn:ngsi-ld:WeatherObserved:Växjö 12' },
  { ...reading, id: 'urn:ngsi-ld:WeatherObserved:"quoted"\\back\nline\ttab' },
  { ...reading, id: 'urn:ngsi-ld:WeatherObserved:emoji-🌧' },
  { ...reading, id: 'urn:ngsi-ld:Weather Observed:a?b#c%d' },
  { id: 'urn:ngsi-ld:Thing:1', type: 'Thing', name: 'no model for this type' },
  { id: 42, type: 'WeatherObserved' },
];

const dimension = (score: number | null): DimensionScore => ({
  score,
  checks: score === null ? 0 : 4,
  failed: score === null || score === 1 ? 0 : 1,
});

/** A report no validator run gives: every dimension not applicable. */
const EMPTY: QualityReport = {
  entityId: undefined,
  type: undefined,
  representation: undefined,
  model: undefined,
  valid: true,
  score: 0,
  dimensions: Object.fromEntries(DIMENSIONS.map((d) => [d, dimension(null)])) as Record<
    (typeof DIMENSIONS)[number],
    DimensionScore
  >,
  issues: [],
  checkedAt: NOW.toISOString(),
};

async function reports(): Promise<QualityReport[]> {
  const out: QualityReport[] = [EMPTY];
  for await (const r of validateStream(ENTITIES, { now: () => NOW })) {
    if (r.kind === 'entity') out.push(r.report);
  }
  return out;
}

const OPTIONS: readonly AssessmentOptions[] = [
  {},
  { representation: 'normalized' },
  { representation: 'keyValues' },
  { source: 'urn:ngsi-ld:Organization:sundsvall' },
  { source: 'a "quoted" source\\ with a\nnewline and ö', representation: 'keyValues' },
  { source: 'a "quoted" source\\ with a\nnewline and ö' },
];

describe('reportToDataQualityAssessmentJson', () => {
  it('covers duplicates, outliers, a missing id and every dimension left out', async () => {
    const all = await reports();
    expect(all).toHaveLength(ENTITIES.length + 1);
    const rules = all.flatMap((r) => r.issues.map((i) => i.rule));
    expect(rules).toContain('consistency.duplicate');
    expect(rules).toContain('plausibility.range');
    expect(all.some((r) => r.entityId === undefined)).toBe(true);
  });

  it('writes exactly the text of JSON.stringify(reportToDataQualityAssessment(...))', async () => {
    for (const report of await reports()) {
      for (const options of OPTIONS) {
        const want = JSON.stringify(reportToDataQualityAssessment(report, options));
        expect(reportToDataQualityAssessmentJson(report, options), want).toBe(want);
      }
    }
  });

  it('normalized: the same text as fromKeyValues over the keyValues assessment', async () => {
    for (const report of await reports()) {
      for (const source of [undefined, 'src "x"\n']) {
        const options = source === undefined ? {} : { source };
        const keyValues = reportToDataQualityAssessment(report, {
          ...options,
          representation: 'keyValues',
        });
        const want = JSON.stringify(fromKeyValues(keyValues));
        expect(JSON.stringify(reportToDataQualityAssessment(report, options))).toBe(want);
        expect(reportToDataQualityAssessmentJson(report, options)).toBe(want);
      }
    }
  });

  it('names the checked entity, its domains and its duplicate', async () => {
    const all = await reports();
    const second = all.find(
      (r) =>
        r.entityId === 'urn:ngsi-ld:WeatherObserved:sundsvall-2' &&
        r.issues.some((i) => i.rule === 'consistency.duplicate'),
    );
    expect(second).toBeDefined();
    const dqa = JSON.parse(
      reportToDataQualityAssessmentJson(second as QualityReport, { representation: 'keyValues' }),
    ) as Record<string, unknown>;
    expect(dqa.id).toBe(
      'urn:ngsi-ld:DataQualityAssessment:urn:ngsi-ld:WeatherObserved:sundsvall-2',
    );
    expect(dqa.duplicate).toEqual({
      isDuplicate: true,
      foundMatches: ['urn:ngsi-ld:WeatherObserved:sundsvall-2'],
    });
    expect((dqa.outlier as { isOutlier: boolean }).isOutlier).toBe(true);
    expect(JSON.parse(reportToDataQualityAssessmentJson(EMPTY))).toMatchObject({
      id: 'urn:ngsi-ld:DataQualityAssessment:unidentified',
      dataQualityAssessmentDomains: { type: 'Property', value: {} },
    });
  });

  it('throws NgsiLdError like reportToDataQualityAssessment when no id can be built', () => {
    const report = createValidator({ now: () => NOW }).check({ ...reading, id: 'urn:x:\ud800' });
    expect(() => reportToDataQualityAssessment(report)).toThrow(NgsiLdError);
    expect(() => reportToDataQualityAssessmentJson(report)).toThrow(NgsiLdError);
  });
});
