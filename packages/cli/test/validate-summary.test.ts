import { describe, expect, it } from 'vitest';
import { cli, workdir } from './harness.js';

const one = {
  id: 'urn:ngsi-ld:WeatherObserved:sundsvall-1',
  type: 'WeatherObserved',
  dateObserved: new Date().toISOString(),
  temperature: -3.5,
  location: { type: 'Point', coordinates: [17.3069, 62.3908] },
};

describe('smartcity validate: the summary line counts in the right number', () => {
  it.each([
    ['en', '1 record: 1 valid, 0 with errors, 0 unreadable'],
    ['sv', '1 post: 1 giltig, 0 med fel, 0 oläsbara'],
  ])('one record in %s', async (lang, line) => {
    const dir = workdir({ 'one.ndjson': `${JSON.stringify(one)}\n` });
    const run = await cli(['validate', 'one.ndjson', '--lang', lang], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(line);
  });
});
