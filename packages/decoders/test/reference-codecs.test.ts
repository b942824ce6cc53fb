/**
 * Cross-check against the vendors' own JavaScript codecs (stored beside the shared fixtures,
 * loaded only here and in the bench, never shipped): on every fixture vector where the vendor's
 * codec agrees with the fixture, our decoder must give the same data, for `Uint8Array` and
 * `number[]` input alike. Where the vendor's codec and the fixture disagree, the table below
 * says why, and the test checks that the disagreement is still there.
 */
import { basename } from 'node:path';
import { loadDecoder } from '@smartcitylab/decoders';
import { describe, expect, it } from 'vitest';
import {
  describeWithFixtures,
  FIXTURES_ROOT,
  readFixtureJson,
} from '../../../test-support/fixtures.js';
import { diffDecoded } from './support/compare.js';
import { loadReferenceCodec, REFERENCE_DEVICE_IDS } from './support/reference-codecs.js';

interface Vector {
  description: string;
  fPort: number;
  bytesHex: string;
  expected: Record<string, unknown> | null;
  expectedErrors?: string[];
  expectedPartial?: boolean;
  recvTime?: string;
}

/** `<device id>#<vector index>` where the stored vendor codec and the fixture disagree. */
const REFERENCE_DISAGREES: Readonly<Record<string, string>> = {
  'decentlab/dl-mbx#0':
    'the fixture lists `unit: null` for number_of_valid_samples; the stored codec leaves the key out',
  'milesight-iot/am319#0':
    'the fixture example claims battery 92, but the bytes carry no battery channel (knownIssue)',
  'milesight-iot/em310-udl#0':
    'the stored codec is the 2025 rewrite, which names the tilt channel `position`; the fixture has `tilt`',
  'milesight-iot/em500-udl#0':
    'the stored codec reports distance in m (0.03); the fixture, like our decoder, in mm (30)',
  'sensative/strips#2':
    'a real capture decoded by the network server’s codec; the stored TTN codec gives no buildId or sequence numbers for it',
};

function bytesOf(hexString: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < hexString.length; i += 2)
    out.push(Number.parseInt(hexString.slice(i, i + 2), 16));
  return out;
}

describeWithFixtures(
  'decoders agree with the vendors’ reference codecs',
  'decoders/reference-codecs',
  () => {
    it('has a reference codec for every listed device', () => {
      expect(REFERENCE_DEVICE_IDS.length).toBe(31);
      for (const id of REFERENCE_DEVICE_IDS)
        expect(loadReferenceCodec(FIXTURES_ROOT, id), id).toBeDefined();
    });

    const seen = new Set<string>();
    for (const id of REFERENCE_DEVICE_IDS) {
      const [folder, model] = id.split('/') as [string, string];
      const { vectors } = readFixtureJson<{ vectors: Vector[] }>(
        'decoders',
        folder,
        `${basename(model)}.json`,
      );
      describe(id, () => {
        vectors.forEach((vector, index) => {
          const key = `${id}#${index}`;
          if (REFERENCE_DISAGREES[key] !== undefined) seen.add(key);
          it(`${vector.description} (#${index})`, async () => {
            const reference = loadReferenceCodec(FIXTURES_ROOT, id);
            if (reference === undefined) throw new Error(`no reference codec for ${id}`);
            const decoder = await loadDecoder(id);
            const bytes = bytesOf(vector.bytesHex);
            const time = vector.recvTime === undefined ? {} : { recvTime: vector.recvTime };
            const theirs = reference({ bytes: [...bytes], fPort: vector.fPort, ...time }) as {
              data?: unknown;
              errors?: unknown[];
            };
            const fromArray = decoder.decodeUplink({ bytes, fPort: vector.fPort, ...time });
            const fromU8 = decoder.decodeUplink({
              bytes: Uint8Array.from(bytes),
              fPort: vector.fPort,
              ...time,
            });
            expect(fromU8).toEqual(fromArray);

            if (vector.expectedErrors !== undefined) {
              expect(
                theirs.errors?.length ?? 0,
                'the reference codec reports errors',
              ).toBeGreaterThan(0);
              expect(fromArray).toHaveProperty('errors');
              return;
            }
            const referenceVsFixture = diffDecoded(theirs.data, vector.expected, {
              partial: vector.expectedPartial === true,
            });
            const why = REFERENCE_DISAGREES[key];
            if (why !== undefined) {
              expect(referenceVsFixture, `${key} should still disagree: ${why}`).not.toEqual([]);
              return;
            }
            expect(referenceVsFixture, 'the reference codec agrees with the fixture').toEqual([]);
            expect(
              'data' in fromArray ? diffDecoded(fromArray.data, theirs.data) : fromArray,
            ).toEqual([]);
          });
        });
      });
    }

    it('lists only disagreements that match a fixture vector', () => {
      expect([...seen].sort()).toEqual(Object.keys(REFERENCE_DISAGREES).sort());
    });
  },
);
