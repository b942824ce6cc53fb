import { basename, dirname } from 'node:path';
import { decode, getDeviceInfo } from '@smartcitylab/decoders';
import { describe, expect, it } from 'vitest';
import {
  describeWithFixtures,
  listFixtureFiles,
  readFixtureJson,
} from '../../../test-support/fixtures.js';
import { diffDecoded } from './support/compare.js';

interface Vector {
  description: string;
  fPort: number;
  bytesHex: string;
  expected: Record<string, unknown> | null;
  expectedErrors?: string[];
  expectedWarnings?: string[];
  expectedPartial?: boolean;
  recvTime?: string;
  knownIssue?: string;
}

interface DeviceFile {
  vendor: string;
  model: string;
  vectors: Vector[];
}

/** Fixture folders whose name differs from the package subpath. */
const SUBPATH_OF_FOLDER: Readonly<Record<string, string>> = { 'milesight-iot': 'milesight' };

/**
 * Keys a fixture's `knownIssue` says not to require, per `<device id>#<vector index>`.
 * Each entry must match a vector that carries a `knownIssue`, so none goes stale.
 */
const KNOWN_ISSUE_IGNORES: Readonly<Record<string, readonly string[]>> = {
  // The example claims battery 92 but the bytes carry no battery channel (01 75 ..).
  'milesight-iot/am319#0': ['battery'],
};

function bytesOf(hexString: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < hexString.length; i += 2)
    out.push(Number.parseInt(hexString.slice(i, i + 2), 16));
  return out;
}

describeWithFixtures('fixture vectors decode to the reference output', 'decoders', () => {
  const files = listFixtureFiles('decoders', '.json');

  it('finds the fixture files', () => {
    expect(files.length).toBeGreaterThan(30);
  });

  for (const file of files) {
    const folder = basename(dirname(file));
    const id = `${folder}/${basename(file, '.json')}`;
    const device = readFixtureJson<DeviceFile>('decoders', folder, basename(file));

    describe(id, () => {
      it('is registered under the expected subpath', () => {
        const info = getDeviceInfo(id);
        expect(info, `no catalog entry for ${id}`).toBeDefined();
        expect(info?.subpath).toBe(SUBPATH_OF_FOLDER[folder] ?? folder);
      });

      device.vectors.forEach((vector, index) => {
        const key = `${id}#${index}`;
        it(`${vector.description} (fPort ${vector.fPort}, #${index})`, async () => {
          const input = {
            bytes: bytesOf(vector.bytesHex),
            fPort: vector.fPort,
            ...(vector.recvTime === undefined ? {} : { recvTime: vector.recvTime }),
          };
          const result = await decode(id, input);

          if (vector.expectedErrors !== undefined) {
            expect(result, JSON.stringify(result)).toHaveProperty('errors');
            if ('errors' in result) expect(result.errors.length).toBeGreaterThan(0);
            return;
          }
          expect('data' in result ? [] : result.errors).toEqual([]);
          if (!('data' in result)) return;

          const ignore = KNOWN_ISSUE_IGNORES[key];
          if (ignore !== undefined)
            expect(vector.knownIssue, `${key} has no knownIssue`).toBeTypeOf('string');
          const diff = diffDecoded(result.data, vector.expected, {
            partial: vector.expectedPartial === true,
            ...(ignore === undefined ? {} : { ignore }),
          });
          expect(diff).toEqual([]);
          if (vector.expectedWarnings !== undefined) {
            expect(result.warnings ?? []).toEqual(vector.expectedWarnings);
          }
        });
      });
    });
  }
});
