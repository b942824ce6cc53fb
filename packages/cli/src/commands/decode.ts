import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { decode, getDeviceInfo, listDevices } from '@smartcitylab/decoders';
import { safeParseUplinks, type Uplink } from '@smartcitylab/decoders/envelopes';
import { type DeviceRegistry, uplinksToEntities } from '@smartcitylab/decoders/mapping';
import { decodedToSenml } from '@smartcitylab/decoders/senml';
import { type Command, choiceOpt, flag, intOpt, stringOpt } from '../command.js';
import { CliError, oneLine, UsageError } from '../errors.js';
import { expandInputs, readRecords } from '../input.js';
import { type CliIo, EXIT, println } from '../io.js';
import { renderTable } from '../table.js';

const FORMATS = ['json', 'senml', 'entities'] as const;

/** A device registry file: devEui → decoder id and optional placement. */
interface RegistryFile {
  readonly [devEui: string]: { readonly deviceId: string; readonly [k: string]: unknown };
}

/** `smartcity decode`: LoRaWAN payloads or network-server envelopes to readings. */
export const decodeCommand: Command = {
  name: 'decode',
  summary:
    'Decodes a LoRaWAN payload (hex or base64) with a device decoder, or a file of network-server uplinks (The Things Stack v3, ChirpStack v4/v3, Netmore, Helium), to decoded JSON, SenML or Smart Data Models entities. Exit code 1 when a payload could not be decoded.',
  usage: '(<payload> --device <vendor/model> | --envelopes <files>...) [options]',
  options: {
    device: {
      type: 'string',
      short: 'd',
      value: '<vendor/model>',
      description: 'Decoder id, e.g. elsys/ers (see --list).',
    },
    fport: {
      type: 'string',
      value: '<n>',
      description: 'LoRaWAN fPort of the payload (default: the device default).',
    },
    envelopes: {
      type: 'boolean',
      short: 'e',
      description: 'Arguments are files of uplink messages.',
    },
    'dev-eui': {
      type: 'string',
      value: '<16 hex digits>',
      description:
        'DevEUI of the device that sent the payload: the SenML base name (urn:dev:mac:<deveui>:). Envelopes carry their own.',
    },
    registry: {
      type: 'string',
      value: '<file.json>',
      description:
        'JSON object devEui → { "deviceId": "elsys/ers", "location": [lon, lat], ... } for envelopes.',
    },
    format: {
      type: 'string',
      short: 'f',
      value: '<json|senml|entities>',
      description: 'Output (default json).',
    },
    encoding: {
      type: 'string',
      value: '<hex|base64>',
      description:
        'How the payload is written (default: hex, or padded base64 of 4 bytes or more). Needed for shorter base64.',
    },
    list: { type: 'boolean', description: 'List the supported devices.' },
  },
  examples: [
    'smartcity decode 0100e202290400270506060308070d62 --device elsys/ers',
    'smartcity decode AQDiAikEACcFBgYDCAcNYg== --device elsys/ers --format senml --dev-eui 70b3d57ed0000001',
    'smartcity decode --envelopes uplinks.ndjson --registry devices.json --format entities',
    'smartcity decode --list',
  ],
  async run(args, io) {
    if (flag(args, 'list')) {
      println(
        io.stdout,
        renderTable(
          ['id', 'name', 'class', 'fPort', 'measures'],
          listDevices().map((d) => [
            d.id,
            d.name,
            d.lorawanClass,
            String(d.defaultFPort),
            d.quantities.map((q) => q.name).join(', '),
          ]),
        ),
      );
      return EXIT.ok;
    }
    const format = choiceOpt(args, 'format', FORMATS, 'json');
    if (flag(args, 'envelopes'))
      return decodeEnvelopes(
        args.positionals,
        stringOpt(args, 'registry'),
        stringOpt(args, 'device'),
        format,
        io,
      );
    const [payload, extra] = args.positionals;
    if (payload === undefined)
      throw new UsageError('Give a payload (hex or base64) and --device, or --envelopes <files>.');
    if (extra !== undefined)
      throw new UsageError(`Unexpected argument "${extra}"; give one payload at a time.`);
    const deviceId = stringOpt(args, 'device');
    if (deviceId === undefined)
      throw new UsageError(
        '--device is required with a payload, e.g. --device elsys/ers (see --list).',
      );
    const info = getDeviceInfo(deviceId);
    if (!info)
      throw new CliError(
        `Unknown device "${deviceId}". Run "smartcity decode --list" for the supported ids.`,
      );
    if (format === 'entities') {
      throw new UsageError(
        '--format entities needs a devEui and time: use --envelopes with a --registry.',
      );
    }
    const bytes = payloadBytes(
      payload,
      stringOpt(args, 'encoding') === undefined
        ? undefined
        : choiceOpt(args, 'encoding', ['hex', 'base64'] as const, 'hex'),
    );
    const devEui = stringOpt(args, 'dev-eui');
    if (devEui !== undefined && !/^[0-9A-Fa-f]{16}$/.test(devEui))
      throw new UsageError(
        `--dev-eui must be the device's 16 hex digit DevEUI, e.g. 70b3d57ed0000001; got "${devEui}".`,
      );
    const fPort = intOpt(args, 'fport', info.defaultFPort);
    const result = await decode(deviceId, { bytes, fPort });
    if ('errors' in result) {
      println(io.stderr, result.errors.join('; '));
      return EXIT.findings;
    }
    for (const w of result.warnings ?? []) println(io.stderr, `warning: ${w}`);
    println(
      io.stdout,
      JSON.stringify(
        format === 'senml'
          ? decodedToSenml(result.data, {
              ...(devEui === undefined ? {} : { devEui }),
              quantities: info.quantities,
              time: new Date(),
            })
          : result.data,
        null,
        2,
      ),
    );
    return EXIT.ok;
  },
};

async function decodeEnvelopes(
  inputs: readonly string[],
  registryPath: string | undefined,
  deviceId: string | undefined,
  format: (typeof FORMATS)[number],
  io: CliIo,
): Promise<number> {
  if (inputs.length === 0)
    throw new UsageError('Give at least one envelope file or "-" for stdin.');
  const registry = registryPath === undefined ? {} : await readRegistry(registryPath, io);
  if (format === 'entities' && registryPath === undefined) {
    throw new UsageError(
      '--format entities needs --registry to know each device, its model and location.',
    );
  }
  const files = await expandInputs(inputs, io);
  let failed = 0;
  for (const file of files) {
    for await (const rec of readRecords(file, io, file === '-' ? 'stdin' : file)) {
      const where = `${rec.source}${rec.line === undefined ? '' : `:${rec.line}`}`;
      if ('error' in rec) {
        failed++;
        println(io.stderr, `${where}: ${rec.error}`);
        continue;
      }
      if (format === 'entities') {
        const results = await uplinksToEntities(rec.value, {
          registry: registry as DeviceRegistry,
        });
        for (const r of results) {
          for (const w of r.warnings) println(io.stderr, `${where}: warning: ${w}`);
          if (r.errors.length > 0) {
            failed++;
            println(io.stderr, `${where}: ${r.errors.join('; ')}`);
          }
          for (const e of r.entities) println(io.stdout, JSON.stringify(e));
        }
        continue;
      }
      for (const parsed of safeParseUplinks(rec.value)) {
        if (!parsed.success) {
          failed++;
          println(io.stderr, `${where}: ${oneLine(parsed.error)}`);
          continue;
        }
        const uplink = parsed.data;
        const id = deviceId ?? registry[uplink.devEui]?.deviceId;
        const out = await decodeUplink(uplink, id, format);
        if (!out.ok) {
          failed++;
          println(io.stderr, `${where} (${uplink.devEui}): ${out.error}`);
          continue;
        }
        println(io.stdout, JSON.stringify(out.value));
      }
    }
  }
  return failed > 0 ? EXIT.findings : EXIT.ok;
}

async function decodeUplink(
  uplink: Uplink,
  deviceId: string | undefined,
  format: 'json' | 'senml',
): Promise<{ ok: true; value: unknown } | { ok: false; error: string }> {
  let data: unknown = uplink.decoded;
  if (deviceId !== undefined) {
    const result = await decode(deviceId, { bytes: uplink.bytes, fPort: uplink.fPort });
    if ('errors' in result) return { ok: false, error: result.errors.join('; ') };
    data = result.data;
  } else if (data === undefined) {
    return {
      ok: false,
      error:
        'no decoder known for this device and the network server sent no decoded object; pass --device or a --registry entry',
    };
  }
  const time = Date.parse(uplink.receivedAt) / 1000;
  if (format === 'senml') {
    const quantities = deviceId === undefined ? [] : (getDeviceInfo(deviceId)?.quantities ?? []);
    const baseName = `urn:dev:mac:${uplink.devEui.toLowerCase()}:`;
    return { ok: true, value: decodedToSenml(data, { baseName, quantities, time }) };
  }
  return {
    ok: true,
    value: {
      devEui: uplink.devEui,
      fPort: uplink.fPort,
      receivedAt: uplink.receivedAt,
      deviceId,
      data,
    },
  };
}

async function readRegistry(path: string, io: CliIo): Promise<RegistryFile> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(resolve(io.cwd, path), 'utf8'));
  } catch (e) {
    throw new CliError(`Cannot read the device registry "${path}": ${oneLine(e)}.`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new CliError(
      `"${path}" must be a JSON object mapping devEui to { "deviceId": "vendor/model" }.`,
    );
  }
  const out: Record<string, RegistryFile[string]> = Object.create(null) as Record<
    string,
    RegistryFile[string]
  >;
  for (const [eui, entry] of Object.entries(parsed)) {
    const id = (entry as { deviceId?: unknown } | null)?.deviceId;
    if (typeof id !== 'string' || !getDeviceInfo(id)) {
      throw new CliError(
        `${path}: device ${eui} needs a known "deviceId" (got ${JSON.stringify(id)}); see "smartcity decode --list".`,
      );
    }
    out[eui.toLowerCase()] = entry as RegistryFile[string];
  }
  return out;
}

const HEX = /^(?:[0-9a-fA-F]{2})+$/;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

/**
 * Reads a payload given as hex (with or without spaces, an optional 0x prefix) or base64.
 * Without `--encoding`, base64 is accepted only when it cannot be a mistyped hex payload:
 * padded, canonical and at least 4 bytes long. Anything else is a usage error naming the input.
 */
function payloadBytes(text: string, encoding: 'hex' | 'base64' | undefined): Uint8Array {
  const compact = text.replace(/\s+/g, '');
  const shown = `"${text.slice(0, 40)}${text.length > 40 ? '…' : ''}"`;
  const hex = compact.replace(/^0x/i, '');
  if (encoding !== 'base64') {
    if (HEX.test(hex))
      return Uint8Array.from(hex.match(/../g) ?? [], (h) => Number.parseInt(h, 16));
    if (encoding === 'hex' || /^[0-9a-fA-F]+$/.test(hex)) {
      throw new UsageError(
        /^[0-9a-fA-F]+$/.test(hex)
          ? `Payload ${shown} has an odd number of hex digits (${hex.length}): each byte is two digits.`
          : `Payload ${shown} is not hex: only 0-9 and a-f are allowed (an optional 0x prefix and spaces too).`,
      );
    }
  }
  const bytes = BASE64.test(compact) ? base64Bytes(compact) : undefined;
  if (bytes === undefined) {
    throw new UsageError(
      `Payload ${shown} is neither hex nor base64: give hex such as 0100e20229 or base64 such as AQDiAik=.`,
    );
  }
  if (encoding === undefined && (compact.length % 4 !== 0 || bytes.length < 4)) {
    throw new UsageError(
      `Payload ${shown} is not hex, and as base64 it is too short or unpadded to tell it from a typo. Pass --encoding base64 if it is base64.`,
    );
  }
  return bytes;
}

/** Decodes standard or URL-safe base64; undefined when the text is not canonical base64. */
function base64Bytes(text: string): Uint8Array | undefined {
  const standard = text.replace(/-/g, '+').replace(/_/g, '/');
  const unpadded = standard.replace(/=+$/, '');
  if (unpadded.length % 4 === 1) return undefined;
  const bytes = Uint8Array.from(atob(unpadded + '='.repeat((4 - (unpadded.length % 4)) % 4)), (c) =>
    c.charCodeAt(0),
  );
  // Canonical: encoding the bytes again gives the same characters (no stray low bits).
  const again = btoa(String.fromCharCode(...bytes)).replace(/=+$/, '');
  return again === unpadded ? bytes : undefined;
}
