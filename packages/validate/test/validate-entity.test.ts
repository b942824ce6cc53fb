import { createValidator, validateEntity } from '@smartcitylab/validate';
import { describe, expect, it } from 'vitest';

const NOW = new Date('2026-11-25T12:00:00Z');
const now = () => NOW;
const entity = {
  id: 'urn:ngsi-ld:WeatherObserved:sundsvall-1',
  type: 'WeatherObserved',
  dateObserved: '2026-11-25T08:00:00Z',
  temperature: -3,
  location: { type: 'Point', coordinates: [17.3069, 62.3908] },
};

describe('validateEntity reuses a validator across calls with equal options', () => {
  it('gives the same report as a fresh createValidator with the model preloaded', async () => {
    const first = await validateEntity(entity, { now });
    const second = await validateEntity(entity, { now });
    expect(second).toEqual(first);
    expect(first.model).toBe('WeatherObserved');
    const { loadModel } = await import('@smartcitylab/models');
    const validator = createValidator({ now, models: [await loadModel('WeatherObserved')] });
    await validator.ready();
    expect(validator.check(entity)).toEqual(first);
  });

  it('does not mix up calls whose options differ', async () => {
    const lenient = await validateEntity(entity, { now, maxAge: 'P1D' });
    const strict = await validateEntity(entity, { now, maxAge: 'PT1H' });
    const lenientAgain = await validateEntity(entity, { now, maxAge: 'P1D' });
    expect(lenient.issues.map((i) => i.rule)).not.toContain('timeliness.max-age');
    expect(strict.issues.map((i) => i.rule)).toContain('timeliness.max-age');
    expect(lenientAgain).toEqual(lenient);
  });

  it('sees a change made to a reused options object', async () => {
    const options: { now: () => Date; maxAge: string } = { now, maxAge: 'P1D' };
    expect((await validateEntity(entity, options)).valid).toBe(true);
    options.maxAge = 'PT1H';
    const after = await validateEntity(entity, options);
    expect(after.issues.map((i) => i.rule)).toContain('timeliness.max-age');
  });

  it('loads the model of each new type on first use, also with a cached validator', async () => {
    const options = { now };
    await validateEntity(entity, options);
    const noise = await validateEntity(
      {
        id: 'urn:ngsi-ld:NoiseLevelObserved:n1',
        type: 'NoiseLevelObserved',
        dateObserved: '2026-11-25T08:00:00Z',
        LAeq: 50,
      },
      options,
    );
    expect(noise.model).toBe('NoiseLevelObserved');
  });

  it('a custom loader is asked once per type and its models are used', async () => {
    const asked: string[] = [];
    const loadModel = async (type: string) => {
      asked.push(type);
      return undefined;
    };
    const options = { now, loadModel };
    const a = await validateEntity(entity, options);
    await validateEntity(entity, options);
    expect(asked).toEqual(['WeatherObserved']);
    expect(a.issues.map((i) => i.rule)).toContain('model.unknown');
  });
});

describe('validateEntity under concurrent calls', () => {
  it('concurrent first calls for one type all wait for its model', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { loadModel: load } = await import('@smartcitylab/models');
    const options = {
      now,
      loadModel: async (type: string) => {
        await gate;
        return load(type);
      },
    };
    const reports = Promise.all([validateEntity(entity, options), validateEntity(entity, options)]);
    release();
    for (const report of await reports) expect(report.model).toBe('WeatherObserved');
  });
});
