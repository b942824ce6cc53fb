/**
 * Loads the vendors' published JavaScript codecs stored beside the shared fixtures
 * (`../shared/fixtures/decoders/reference-codecs/`), for cross-checks in tests and for the
 * side-by-side benchmark. Never shipped: nothing under src/ imports this.
 *
 * Each codec is compiled into an ordinary function in the caller's realm, as The Things Stack's
 * codec host would run a plain script, so the comparison is neither flattered nor penalised by
 * a sandbox.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** What a TTS-style reference codec receives. */
export interface ReferenceInput {
  bytes: number[];
  fPort: number;
  recvTime?: string;
}

/** A compiled reference codec: `decodeUplink`-shaped whatever the file's own entry point. */
export type ReferenceDecode = (input: ReferenceInput) => unknown;

/** Device id -> codec file under reference-codecs/, and the entry point it defines. */
const FILES: Readonly<Record<string, { file: string; legacy?: true }>> = {
  'adeunis/comfort-co2': { file: 'adeunis/comfort_co2_lib.js' },
  'adeunis/pulse': { file: 'adeunis/pulse_lib.js' },
  'axioma/qalcosonic-w1': { file: 'axioma/qalcosonic-w1-codec.js' },
  'browan/tbdw100': { file: 'browan/tbdw100.js' },
  'browan/tbhh100': { file: 'browan/tbhh100.js' },
  'browan/tbms100': { file: 'browan/tbms100.js' },
  'decentlab/dl-5tm': { file: 'decentlab/dl-5tm.js' },
  'decentlab/dl-lp8p': { file: 'decentlab/dl-lp8p.js' },
  'decentlab/dl-mbx': { file: 'decentlab/dl-mbx.js' },
  'dragino/lht65': { file: 'dragino/lht65.js' },
  'dragino/lsn50-v2': { file: 'dragino/lsn50-v2.js' },
  'elsys/elt-2': { file: 'elsys/elsys.js' },
  'elsys/ems-door': { file: 'elsys/elsys.js' },
  'elsys/ers': { file: 'elsys/elsys.js' },
  'elsys/ers-co2': { file: 'elsys/elsys.js' },
  'imbuildings/people-counter': { file: 'imbuildings/imbuildings.js' },
  'kamstrup/flowiq2200': { file: 'kamstrup/mbusparser.js' },
  'milesight-iot/am307': { file: 'milesight-iot/am307.js' },
  'milesight-iot/am319': { file: 'milesight-iot/am319.js' },
  'milesight-iot/em300-th': { file: 'milesight-iot/em300-th.js' },
  'milesight-iot/em310-udl': { file: 'milesight-iot/em310-udl.js' },
  'milesight-iot/em500-co2': { file: 'milesight-iot/em500-co2.js', legacy: true },
  'milesight-iot/em500-udl': { file: 'milesight-iot/em500-udl.js' },
  'milesight-iot/ws101': { file: 'milesight-iot/ws101.js' },
  'milesight-iot/ws301': { file: 'milesight-iot/ws301.js' },
  'netvox/r311a': { file: 'netvox/r311a_r718f_r730f.js' },
  'netvox/r718a': { file: 'netvox/r711_r718a_r718ab_r720a.js' },
  'netvox/r718b': { file: 'netvox/r718cj_ck_ct_cr_ce_r718b.js' },
  'sensative/strips': { file: 'sensative/strips.js' },
  'tektelic/t00061xx-smart-room-sensor': { file: 'tektelic/decoder_smart_room_sensor.js' },
  'watteco/vaqao-lite': { file: 'watteco/vaqao-lite.js' },
};

/** Device ids that have a stored reference codec, sorted. */
export const REFERENCE_DEVICE_IDS: readonly string[] = Object.keys(FILES).sort();

/**
 * Compiles the reference codec of one device, or returns `undefined` when the codec folder is
 * absent (fixtures not checked out). Each call compiles a fresh copy, so codecs that keep state
 * in globals of their own script do not share it.
 */
export function loadReferenceCodec(
  fixturesRoot: string,
  deviceId: string,
): ReferenceDecode | undefined {
  const entry = FILES[deviceId];
  if (entry === undefined) return undefined;
  const path = join(fixturesRoot, 'decoders', 'reference-codecs', entry.file);
  if (!existsSync(path)) return undefined;
  const source = readFileSync(path, 'utf8');
  if (entry.legacy === true) {
    // The legacy TTN v2 entry point: Decoder(bytes, port) returns the data object.
    const legacy = new Function(`${source}\n; return Decoder;`)() as (
      bytes: number[],
      port: number,
    ) => unknown;
    return (input) => ({ data: legacy(input.bytes, input.fPort) });
  }
  return new Function(`${source}\n; return decodeUplink;`)() as ReferenceDecode;
}
