import { readFileSync } from 'node:fs';
import { createDecoderRegistry, decode, listDevices, loadDecoder } from '@smartcitylab/decoders';
import { ers } from '@smartcitylab/decoders/elsys';
import { describe, expect, it } from 'vitest';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('quick start decodes what the comments say', async () => {
    expect(await decode('elsys/ers', { bytes: [0x01, 0x00, 0xe2, 0x02, 0x29], fPort: 5 })).toEqual({
      data: { temperature: 22.6, humidity: 41 },
    });
    expect(ers.decodeUplink({ bytes: new Uint8Array([0x05, 0x03]), fPort: 5 })).toEqual({
      data: { motion: 3 },
    });
  });

  it('preload snippet decodes what the comments say', async () => {
    const registry = await createDecoderRegistry(['elsys/ers', 'milesight-iot/ws301']);
    expect(
      registry.decode('milesight-iot/ws301', { bytes: [0x03, 0x00, 0x01], fPort: 85 }),
    ).toEqual({
      data: { door: 'open' },
    });
    const loaded = await loadDecoder('elsys/ers');
    expect(loaded.decodeUplink({ bytes: [0x01, 0x00, 0xe2], fPort: 5 })).toEqual({
      data: { temperature: 22.6 },
    });
    expect(readme).toContain("createDecoderRegistry(['elsys/ers', 'milesight-iot/ws301'])");
  });

  it('device table lists every registered device with its subpath', () => {
    for (const d of listDevices()) {
      const row = readme.split('\n').find((line) => line.startsWith(`| \`${d.id}\` `));
      expect(row, `no README row for ${d.id}`).toBeDefined();
      expect(row).toContain(`\`@smartcitylab/decoders/${d.subpath}\``);
    }
  });
});
