import { readdirSync, readFileSync } from 'node:fs';
import { getProfile, PROFILE_NAMES, VERSION } from '@smartcitylab/conformance';
import { describe, expect, it } from 'vitest';
import { implementations } from '../src/profiles.js';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};
const files = readdirSync(new URL('../profiles/', import.meta.url)).filter((f) =>
  f.endsWith('.json'),
);

describe('the profiles', () => {
  it('name the package version in their $id (run "npm run stamp" after a version bump)', () => {
    expect(VERSION).toBe(pkg.version);
    for (const name of PROFILE_NAMES) {
      expect(getProfile(name).$id).toBe(
        `urn:npm:@smartcitylab/conformance@${pkg.version}:profile:${name}`,
      );
    }
  });

  it('are the shipped files, one per profile', () => {
    expect(files.sort()).toEqual(PROFILE_NAMES.map((n) => `${n}.json`).sort());
  });

  it('describe every check completely, with unique ids', () => {
    const ids = PROFILE_NAMES.flatMap((n) => getProfile(n).checks.map((c) => c.id));
    expect(new Set(ids).size).toBe(ids.length);
    for (const n of PROFILE_NAMES) {
      for (const c of getProfile(n).checks) {
        expect(c.title.en.length, c.id).toBeGreaterThan(10);
        expect(c.title.sv.length, c.id).toBeGreaterThan(10);
        expect(c.title.sv, c.id).not.toBe(c.title.en);
        expect(['must', 'should', 'may']).toContain(c.level);
        expect(c.clause, c.id).toMatch(/^(\d+(\.\d+)*(, )?)+$|^MIM2$/);
        expect(c.sends.length, c.id).toBeGreaterThan(5);
        expect(c.expects.length, c.id).toBeGreaterThan(5);
        expect(typeof c.write).toBe('boolean');
      }
    }
  });

  it('have an implementation for every check and no implementation without a check', () => {
    const ids = PROFILE_NAMES.flatMap((n) => getProfile(n).checks.map((c) => c.id)).sort();
    expect(Object.keys(implementations()).sort()).toEqual(ids);
  });
});
