import { buildRequirementSpec } from '@smartcitylab/conformance';
import { describe, expect, it } from 'vitest';

describe('the requirement specification', () => {
  it('cites the profile $ids, the models version and schema versions, in English', async () => {
    const files = await buildRequirementSpec({
      models: ['WasteContainer'],
      profiles: ['mim1-core'],
      minScore: 0.9,
    });
    expect(Object.keys(files).sort()).toEqual([
      'profiles/mim1-core.json',
      'requirements.md',
      'schemas/WasteContainer.schema.json',
    ]);
    const text = files['requirements.md'] ?? '';
    expect(text).toContain('`urn:npm:@smartcitylab/conformance@0.0.0:profile:mim1-core`');
    expect(text).toMatch(/@smartcitylab\/models@\d+\.\d+\.\d+/);
    expect(text).toContain('at least 0.9 per type');
    expect(JSON.parse(files['profiles/mim1-core.json'] ?? '{}').checks.length).toBe(18);
  });

  it('names an unknown model or profile', async () => {
    await expect(buildRequirementSpec({ models: ['Nope'] })).rejects.toThrow(
      /unknown Smart Data Model "Nope"/,
    );
    await expect(buildRequirementSpec({ models: [] })).rejects.toThrow(/at least one/);
  });
});
