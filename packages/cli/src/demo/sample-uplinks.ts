/**
 * Sample data of the demo: uplinks as three network servers would deliver them, for sensors
 * placed around Sundsvall. The payload bytes are real frames of each device type (the same
 * frames the decoders are tested with); the envelopes, EUIs and places are made up. A few
 * readings are bad on purpose so the quality report has something to show.
 */

/** Sundsvall town centre (Stora torget), WGS84 [lon, lat]. */
export const SUNDSVALL_CENTRE: readonly [number, number] = [17.3069, 62.3908];

/** A registry entry of the demo's devices. */
export interface DemoDevice {
  readonly deviceId: string;
  readonly name: string;
  readonly location: readonly [number, number];
  readonly indoor?: boolean;
  readonly containerDepthM?: number;
}

/** The municipality's device registry: devEui → decoder, name and place. */
export const DEMO_REGISTRY: Readonly<Record<string, DemoDevice>> = {
  a81758fffe0301a1: {
    deviceId: 'elsys/ers-co2',
    name: 'Stadshuset, sammanträdesrum 3',
    location: [17.3095, 62.3913],
    indoor: true,
  },
  a81758fffe0301a2: {
    deviceId: 'elsys/ers-co2',
    name: 'Kulturmagasinet, läsesal',
    location: [17.3037, 62.3925],
    indoor: true,
  },
  '24e124136b3242a1': {
    deviceId: 'milesight-iot/em500-udl',
    name: 'Återvinningsstation Esplanaden',
    location: [17.3121, 62.3889],
    containerDepthM: 1.2,
  },
  '24e124136b3242a2': {
    deviceId: 'milesight-iot/em300-th',
    name: 'Väderstation Norra stadsberget',
    location: [17.2841, 62.3984],
    indoor: false,
  },
  // Swapped on purpose: the installer typed latitude first.
  '24e124136b3242a3': {
    deviceId: 'milesight-iot/em300-th',
    name: 'Väderstation Södra stadsberget',
    location: [62.3712, 17.3258],
    indoor: false,
  },
};

/** Builds a The Things Stack v3 uplink message (webhook body). */
function tts(
  devEui: string,
  fPort: number,
  hex: string,
  receivedAt: string,
): Record<string, unknown> {
  return {
    end_device_ids: {
      device_id: `sensor-${devEui.slice(-4)}`,
      application_ids: { application_id: 'sundsvall-sensors' },
      dev_eui: devEui.toUpperCase(),
    },
    received_at: receivedAt,
    uplink_message: {
      f_port: fPort,
      f_cnt: 1042,
      frm_payload: hexToBase64(hex),
      rx_metadata: [{ gateway_ids: { gateway_id: 'sundsvall-gw-1' }, rssi: -97, snr: 7.5 }],
      received_at: receivedAt,
    },
  };
}

/** Builds a ChirpStack v4 `up` event. */
function chirpstack(
  devEui: string,
  fPort: number,
  hex: string,
  time: string,
): Record<string, unknown> {
  return {
    deduplicationId: `dedup-${devEui}`,
    time,
    deviceInfo: {
      tenantName: 'Sundsvalls kommun',
      applicationName: 'miljo',
      deviceName: `sensor-${devEui.slice(-4)}`,
      devEui,
    },
    fCnt: 311,
    fPort,
    data: hexToBase64(hex),
    rxInfo: [{ gatewayId: '0016c001ff10a235', rssi: -104, snr: 3.2 }],
  };
}

/** Builds a Netmore HTTP push (compact form: strings for numbers, hex payload). */
function netmore(
  devEui: string,
  fPort: number,
  hex: string,
  timestamp: string,
): Record<string, unknown> {
  return { devEui, fPort: String(fPort), payload: hex, timestamp, rssi: '-101', snr: '4.8' };
}

/**
 * The demo's uplinks, timed relative to `now` so timeliness checks see fresh data. One reading
 * is a year old, one temperature frame reports 90 °C outdoors in November (a failing probe).
 */
export function demoUplinks(now: Date): unknown[] {
  const ago = (minutes: number): string => new Date(now.getTime() - minutes * 60_000).toISOString();
  return [
    tts('a81758fffe0301a1', 1, '0100e202290400270506060308', ago(4)),
    tts('a81758fffe0301a2', 5, '0100e8020c04005a05020601ab070e34', ago(7)),
    chirpstack('24e124136b3242a1', 85, '01755c03821e00', ago(2)),
    chirpstack('24e124136b3242a2', 1, '0175320367c80004683c', ago(9)),
    // 0x0384 = 900 → 90.0 °C from an outdoor probe: implausible in Sundsvall.
    netmore('24e124136b3242a2', 1, '01753203678403046832', ago(1)),
    netmore('24e124136b3242a3', 1, '0175320367c80004683c', ago(5)),
    // A reading held back in a gateway for a year.
    tts(
      'a81758fffe0301a1',
      1,
      '0100e202290400270506060308',
      new Date(now.getTime() - 365 * 86_400_000).toISOString(),
    ),
    // A device the municipality has not registered yet.
    chirpstack('0000000000000bad', 1, '0100e2', ago(3)),
  ];
}

function hexToBase64(hex: string): string {
  const bytes = hex.match(/../g)?.map((h) => Number.parseInt(h, 16)) ?? [];
  return btoa(String.fromCharCode(...bytes));
}
