import { assetTracker2, decoders } from '@smartcitylab/decoders/abeeway';
import { describe, expect, it } from 'vitest';
import { describeArbitraryBytes, describeFixtureVectors, hex } from './support.js';

describeFixtureVectors('abeeway', [['abeeway/asset-tracker-2', 'asset-tracker-2.json']], decoders);

describeArbitraryBytes('abeeway', decoders, 300);

// Own vectors from the Abeeway Asset Tracker 2 uplink reference: common header
// (type, mode and flags, battery, condensed temperature, ack token and option),
// POSITION_MESSAGE GPS / GPS timeout bodies and EXTENDED_POSITION_MESSAGE GPS body.
describe('abeeway/asset-tracker-2', () => {
  const header = {
    messageType: 'POSITION_MESSAGE',
    trackingMode: 'MOTION_START_END_TRACKING',
    deviceConfiguration: { mode: 'MOTION_START_END_TRACKING' },
    sosFlag: 0,
    appState: 1,
    dynamicMotionState: 'STATIC',
    temperatureMeasure: 25.3,
    periodicPosition: true,
    onDemand: false,
    ackToken: 0,
  };

  it('reports battery voltage instead of level outside fPort 18', () => {
    const result = assetTracker2.decodeUplink({
      bytes: hex('036ac18900001d28b901603702'),
      fPort: 17,
    });
    expect(result).toMatchObject({ data: { ...header, batteryVoltage: 3.86 } });
    expect(result).not.toHaveProperty('data.batteryLevel');
  });

  it.each([
    { byte: '00', want: { batteryLevel: null, batteryStatus: 'CHARGING' } },
    { byte: 'ff', want: { batteryLevel: null, batteryStatus: 'UNKNOWN' } },
    { byte: '64', want: { batteryLevel: 100, batteryStatus: 'OPERATING' } },
  ])('maps battery byte $byte on fPort 18', ({ byte, want }) => {
    const result = assetTracker2.decodeUplink({
      bytes: hex(`036a${byte}8900001d28b901603702`),
      fPort: 18,
    });
    expect(result).toMatchObject({ data: want });
  });

  it('decodes southern and western coordinates (signed 24-bit)', () => {
    const result = assetTracker2.decodeUplink({
      bytes: hex('036ac1890000e2d747fe9fc902'),
      fPort: 18,
    });
    expect(result).toMatchObject({
      data: { gpsLatitude: -48.9208064, gpsLongitude: -2.3082752, horizontalAccuracy: 7.84 },
    });
  });

  it('decodes a GPS timeout with the four best C/N values', () => {
    const result = assetTracker2.decodeUplink({
      bytes: hex('036ac1892101' + '1e1f2021'),
      fPort: 18,
    });
    expect(result).toEqual({
      data: {
        ...header,
        ackToken: 2,
        payload: '036ac18921011e1f2021',
        batteryLevel: 193,
        batteryStatus: 'OPERATING',
        rawPositionType: 'GPS_TIMEOUT',
        timeoutCause: 'T0_TIMEOUT',
        bestSatellitesCOverN: [30, 31, 32, 33],
      },
    });
  });

  it('decodes an extended GPS position (metre payload type)', () => {
    const bytes = hex(
      '0e6ac18900' + '000a' + '03' + '1d28b900' + '01603700' + '0064' + '0a' + '1194' + '0032',
    );
    const result = assetTracker2.decodeUplink({ bytes, fPort: 18 });
    expect(result).toMatchObject({
      data: {
        messageType: 'EXTENDED_POSITION_MESSAGE',
        rawPositionType: 'GPS',
        age: 10,
        gpsFixStatus: 'FIX_3D',
        gpsPayloadType: 1,
        gpsLatitude: 48.9208064,
        gpsLongitude: 2.3082752,
        gpsAltitude: 100,
        horizontalAccuracy: 10,
        gpsCourseOverGround: 4500,
        gpsSpeedOverGround: 50,
      },
    });
  });

  it('decodes an EVENT (example of the Abeeway TTN device repository codec)', () => {
    expect(assetTracker2.decodeUplink({ bytes: [10, 0, 249, 134, 0, 0], fPort: 18 })).toEqual({
      data: {
        ackToken: 0,
        appState: 0,
        batteryLevel: 249,
        batteryStatus: 'OPERATING',
        deviceConfiguration: { mode: 'STAND_BY' },
        dynamicMotionState: 'STATIC',
        eventType: 'GEOLOC_START',
        messageType: 'EVENT',
        onDemand: false,
        payload: '0a00f9860000',
        periodicPosition: false,
        sosFlag: 0,
        temperatureMeasure: 23.8,
        trackingMode: 'STAND_BY',
      },
    });
  });

  it.each([
    {
      name: 'heartbeat with firmware versions',
      given: '056ac1890003010203040506',
      want: {
        messageType: 'HEARTBEAT',
        resetCause: 3,
        firmwareVersion: '1.2.3',
        bleFirmwareVersion: '4.5.6',
      },
    },
    {
      name: 'frame pending',
      given: '0007',
      want: { messageType: 'FRAME_PENDING', currentAckTokenValue: 7 },
    },
    {
      name: 'shutdown',
      given: '096ac1890001',
      want: { messageType: 'SHUTDOWN', shutdownCause: 'LOW_BATTERY' },
    },
    {
      name: 'BLE MAC',
      given: '076ac1890005a1b2c3d4e5f6',
      want: { messageType: 'BLE_MAC', bleMac: 'a1:b2:c3:d4:e5:f6' },
    },
    {
      name: 'motion end event with orientation',
      given: '0a6ac1890002ffff0010fc18',
      want: { eventType: 'MOTION_END', trackerOrientation: [-1, 16, -1000] },
    },
    {
      name: 'temperature alert event',
      given: '0a6ac18900050189890002000a',
      want: {
        eventType: 'TEMPERATURE_ALERT',
        measuredTemperature: {
          state: 'HIGH',
          max: 25.3,
          min: 25.3,
          highCounter: 2,
          lowCounter: 10,
        },
      },
    },
  ])('decodes a $name', ({ given, want }) => {
    const result = assetTracker2.decodeUplink({ bytes: hex(given), fPort: 18 });
    expect(result).toMatchObject({ data: want });
    expect(result.warnings).toBeUndefined();
  });

  it.each([
    {
      name: 'energy status',
      given: '046ac18900',
      type: 'ENERGY_STATUS',
      warn: /ENERGY_STATUS body is not decoded/,
    },
    {
      name: 'BLE scan position',
      given: '036ac18907',
      type: 'POSITION_MESSAGE',
      warn: /BLE_BEACON_SCAN/,
    },
  ])('keeps the header of a $name uplink and warns about the body', ({ given, type, warn }) => {
    const result = assetTracker2.decodeUplink({ bytes: hex(given), fPort: 18 });
    expect(result).toMatchObject({ data: { messageType: type, payload: given } });
    expect(result.warnings?.join()).toMatch(warn);
  });

  it.each([
    { name: 'an unknown message type', given: '026ac18900', want: /unknown message type 2/ },
    { name: 'a header cut short', given: '036ac1', want: /5-byte header, received 3/ },
    { name: 'an unknown tracking mode', given: '03eac18900', want: /tracking mode 7/ },
    {
      name: 'an unknown GPS timeout cause',
      given: '036ac18901071e1f2021',
      want: /timeout cause 7/,
    },
    { name: 'a truncated GPS fix', given: '036ac18900001d28b9016037', want: /too short/ },
    { name: 'an empty payload', given: '', want: /empty payload/ },
    { name: 'a heartbeat without reset cause', given: '056ac18900', want: /too short/ },
    { name: 'an unknown event type', given: '0a6ac1890063', want: /event type 99/ },
  ])('rejects $name', ({ given, want }) => {
    const result = assetTracker2.decodeUplink({ bytes: hex(given), fPort: 18 });
    expect(result).toHaveProperty('errors');
    if ('errors' in result) expect(result.errors.join()).toMatch(want);
  });
});
