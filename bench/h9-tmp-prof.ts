import { loadDecoder } from '@smartcitylab/decoders';
import { decodedToEntities, getDefaultMapping, type Mapping } from '@smartcitylab/decoders/mapping';

const d = await loadDecoder('elsys/ers');
const bytes = Uint8Array.from([1, 0, 0xe2, 2, 0x29, 4, 0, 0x27, 5, 6]);
const m = getDefaultMapping('elsys/ers') as Mapping;
const entry = { deviceId: 'elsys/ers', location: [17.3, 62.3] as const };
const input = {
  devEui: '70b3d57ed0000001',
  entry,
  receivedAt: '2026-11-25T21:00:00.000Z',
  rssi: -97,
};
const decoded = (d.decodeUplink({ bytes, fPort: 5 }) as { data: Record<string, unknown> }).data;

import { readFileSync } from 'node:fs';

const text = JSON.stringify(
  JSON.parse(readFileSync('/work/shared/fixtures/envelopes/tts-v3-uplink-message.json', 'utf8')),
);
for (let r = 0; r < 3; r++) {
  let s = performance.now();
  for (let i = 0; i < 1000000; i++) decodedToEntities(decoded, m, input);
  const a = performance.now() - s;
  s = performance.now();
  for (let i = 0; i < 1000000; i++) JSON.parse(text);
  const b = performance.now() - s;
  console.log('map ns', a.toFixed(0), 'parse ns', b.toFixed(0), 'ratio', (a / b).toFixed(2));
}
