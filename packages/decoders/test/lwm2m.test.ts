import {
  fromLwm2mSenml,
  getLwm2mObject,
  IPSO_RESOURCES,
  LWM2M_OBJECTS,
  Lwm2mError,
  type Lwm2mReadings,
  lwm2mUrn,
  toLwm2mSenml,
} from '@smartcitylab/decoders/lwm2m';
import { checkSenmlUnits, parseSenml, type SenmlRecord } from '@smartcitylab/decoders/senml';
import { describe, expect, it } from 'vitest';

const TIME = new Date('2024-07-03T09:46:40Z'); // 1720000000 s
const BT = 1_720_000_000;
const ISO = '2024-07-03T09:46:40.000Z';

interface ObjectCase {
  objectId: number;
  name: string;
  readings: Lwm2mReadings;
  records: SenmlRecord[];
}

const CASES: ObjectCase[] = [
  {
    objectId: 3,
    name: 'Device',
    readings: { 0: 'Elsys', 1: 'ERS CO2', 9: 87, 11: 0, 20: 0 },
    records: [
      { n: '0', vs: 'Elsys' },
      { n: '1', vs: 'ERS CO2' },
      { n: '9', v: 87, u: '/100' },
      { n: '11', v: 0 },
      { n: '20', v: 0 },
    ],
  },
  {
    objectId: 3200,
    name: 'Digital Input',
    readings: { 5500: true, 5501: 12 },
    records: [
      { n: '5500', vb: true },
      { n: '5501', v: 12 },
    ],
  },
  {
    objectId: 3301,
    name: 'Illuminance',
    readings: { 5700: 389 },
    records: [{ n: '5700', v: 389, u: 'lx' }],
  },
  {
    objectId: 3302,
    name: 'Presence',
    readings: { 5500: false, 5501: 3, 5751: 'PIR' },
    records: [
      { n: '5500', vb: false },
      { n: '5501', v: 3 },
      { n: '5751', vs: 'PIR' },
    ],
  },
  {
    objectId: 3303,
    name: 'Temperature',
    readings: { 5700: 21.5, 5601: -3.2, 5602: 27.9, 5750: 'air' },
    records: [
      { n: '5601', v: -3.2, u: 'Cel' },
      { n: '5602', v: 27.9, u: 'Cel' },
      { n: '5700', v: 21.5, u: 'Cel' },
      { n: '5750', vs: 'air' },
    ],
  },
  {
    objectId: 3304,
    name: 'Humidity',
    readings: { 5700: 41 },
    records: [{ n: '5700', v: 41, u: '%RH' }],
  },
  {
    objectId: 3323,
    name: 'Pressure',
    readings: { 5700: 101_041 },
    records: [{ n: '5700', v: 101_041, u: 'Pa' }],
  },
  {
    objectId: 3324,
    name: 'Loudness',
    readings: { 5700: 54.2 },
    records: [{ n: '5700', v: 54.2, u: 'dB' }],
  },
  {
    objectId: 3327,
    name: 'Conductivity',
    readings: { 5700: 0.052 },
    records: [{ n: '5700', v: 0.052, u: 'S/m' }],
  },
  {
    objectId: 3328,
    name: 'Power',
    readings: { 5700: 1250 },
    records: [{ n: '5700', v: 1250, u: 'W' }],
  },
  {
    objectId: 3330,
    name: 'Distance',
    readings: { 5700: 3.25, 5701: 'metre' },
    records: [
      { n: '5700', v: 3.25, u: 'm' },
      { n: '5701', vs: 'metre' },
    ],
  },
  {
    objectId: 3331,
    name: 'Energy',
    readings: { 5700: 53_211 },
    records: [{ n: '5700', v: 53_211, u: 'Wh' }],
  },
  {
    objectId: 3340,
    name: 'Timer',
    readings: { 5521: 30, 5850: false },
    records: [
      { n: '5521', v: 30, u: 's' },
      { n: '5850', vb: false },
    ],
  },
  {
    objectId: 3350,
    name: 'Stopwatch',
    readings: { 5544: 90, 5501: 0 },
    records: [
      { n: '5501', v: 0 },
      { n: '5544', v: 90, u: 's' },
    ],
  },
  {
    objectId: 3411,
    name: 'Battery',
    readings: { 1: 76, 3: 3.61, 6: false },
    records: [
      { n: '1', v: 76, u: '/100' },
      { n: '3', v: 3.61, u: 'V' },
      { n: '6', vb: false },
    ],
  },
  {
    objectId: 3424,
    name: 'Water Meter',
    readings: [
      { resource: 1, value: 10.727, sum: 10.727 },
      { resource: 3, value: 'w1e' },
      { resource: 10, value: true },
    ],
    records: [
      { n: '1', v: 10.727, u: 'm3', s: 10.727 },
      { n: '3', vs: 'w1e' },
      { n: '10', vb: true },
    ],
  },
  {
    objectId: 3428,
    name: 'Air Quality',
    readings: { 1: 12.5, 3: 6.1, 17: 430 },
    records: [
      { n: '1', v: 12.5, u: 'ug/m3' },
      { n: '3', v: 6.1, u: 'ug/m3' },
      { n: '17', v: 430, u: 'ppm' },
    ],
  },
  {
    objectId: 3434,
    name: 'People Counter',
    readings: { 1: 7, 5: 124 },
    records: [
      { n: '1', v: 7 },
      { n: '5', v: 124 },
    ],
  },
  {
    objectId: 3435,
    name: 'Filling Level',
    readings: { 2: 78.5, 3: 94, 5: false, 7: false },
    records: [
      { n: '2', v: 78.5, u: '/100' },
      { n: '3', v: 94, u: 'cm' },
      { n: '5', vb: false },
      { n: '7', vb: false },
    ],
  },
];

describe('LwM2M objects to SenML and back', () => {
  it('covers every object of the table', () => {
    expect(CASES.map((c) => c.objectId)).toEqual(Object.keys(LWM2M_OBJECTS).map(Number));
  });

  it.each(CASES)('$objectId $name', ({ objectId, name, readings, records }) => {
    const pack = toLwm2mSenml(objectId, readings, { deviceId: 'dev-1', time: TIME });
    expect(pack).toEqual([
      { bn: `urn:oma:lwm2m:ext:${objectId}`, bt: BT, n: '0', vs: 'dev-1' },
      ...records,
    ]);
    // Valid SenML, with registered units only.
    expect(parseSenml(pack)).toEqual(pack);
    expect(checkSenmlUnits(pack)).toEqual([]);

    const back = fromLwm2mSenml(pack);
    expect(back.objectId).toBe(objectId);
    expect(back.objectName).toBe(name);
    expect(back.urn).toBe(lwm2mUrn(objectId));
    expect(back.deviceId).toBe('dev-1');
    expect(back.time).toBe(ISO);
    expect(back.otherRecords).toEqual([]);
    expect(back.readings.map((r) => [r.resource, r.value, r.unit, r.sum, r.time])).toEqual(
      records.map((r) => [Number(r.n), r.v ?? r.vs ?? r.vb, r.u, r.s, ISO]),
    );
    for (const r of back.readings) {
      expect(r.name).toBe(getLwm2mObject(objectId)?.resources[r.resource]?.name);
    }
  });
});

describe('LwM2M details', () => {
  it('names the main IPSO resources', () => {
    expect(IPSO_RESOURCES.SensorValue).toBe(5700);
    expect(LWM2M_OBJECTS[3303].resources[IPSO_RESOURCES.SensorValue]).toEqual({
      name: 'Sensor Value',
      type: 'float',
      unit: 'Cel',
      mandatory: true,
    });
    expect(LWM2M_OBJECTS[3435].resources[2].name).toBe('Actual Filling Percentage');
    expect(getLwm2mObject(9999)).toBeUndefined();
  });

  it('writes per-reading times relative to the base time and a unit override', () => {
    const pack = toLwm2mSenml(
      3424,
      [
        { resource: 1, value: 528.333, time: new Date('2024-07-03T08:46:40Z') },
        { resource: 1, value: 530.337, sum: 530.337, unit: 'm3', time: '2024-07-03T09:46:40Z' },
      ],
      { deviceId: 'w1', time: TIME },
    );
    expect(pack.slice(1)).toEqual([
      { n: '1', v: 528.333, u: 'm3', t: -3600 },
      { n: '1', v: 530.337, u: 'm3', s: 530.337 },
    ]);
    const back = fromLwm2mSenml(pack);
    expect(back.readings.map((r) => r.time)).toEqual(['2024-07-03T08:46:40.000Z', ISO]);
  });

  it('leaves units out on request and keeps unknown objects and resources', () => {
    expect(toLwm2mSenml(3303, { 5700: 20 }, { deviceId: 'd', time: BT, units: false })[1]).toEqual({
      n: '5700',
      v: 20,
    });
    const pack = toLwm2mSenml(33000, { 1: 'x', 2: 3 }, { deviceId: 'd', time: BT });
    expect(pack).toEqual([
      { bn: 'urn:oma:lwm2m:ext:33000', bt: BT, n: '0', vs: 'd' },
      { n: '1', vs: 'x' },
      { n: '2', v: 3 },
    ]);
    const back = fromLwm2mSenml(pack);
    expect(back.objectId).toBe(33000);
    expect(back).not.toHaveProperty('objectName');
  });

  it('reads the newer diwise shape (bn "<device>/<object>/", vs = URN) and keeps foreign records', () => {
    const back = fromLwm2mSenml([
      { bn: 'dev1/3303/', bt: BT, n: '0', vs: 'urn:oma:lwm2m:ext:3303' },
      { n: '5700', u: 'Cel', v: 21.5 },
      { bn: 'dev1/', n: 'env', vs: 'air' },
    ]);
    expect(back).toEqual({
      objectId: 3303,
      urn: 'urn:oma:lwm2m:ext:3303',
      objectName: 'Temperature',
      deviceId: 'dev1',
      time: ISO,
      readings: [{ resource: 5700, name: 'Sensor Value', value: 21.5, unit: 'Cel', time: ISO }],
      otherRecords: [{ n: 'dev1/env', vs: 'air', t: BT }],
    });
  });

  it('accepts JSON text', () => {
    const text = JSON.stringify(toLwm2mSenml(3304, { 5700: 55 }, { deviceId: 'h', time: TIME }));
    expect(fromLwm2mSenml(text).readings[0]?.value).toBe(55);
  });

  const BAD_TO: { name: string; call: () => unknown; message: RegExp }[] = [
    {
      name: 'a value of the wrong type for a known resource',
      call: () => toLwm2mSenml(3303, { 5700: 'warm' as unknown as number }, { deviceId: 'd' }),
      message:
        /readings\[5700\] \(Temperature resource 5700 "Sensor Value"\) must be a number, got string warm/,
    },
    {
      name: 'a fraction for an integer resource',
      call: () => toLwm2mSenml(3434, { 1: 2.5 }, { deviceId: 'd' }),
      message: /must be an integer, got number 2.5/,
    },
    {
      name: 'a boolean resource given a number',
      call: () => toLwm2mSenml(3200, { 5500: 1 }, { deviceId: 'd' }),
      message: /must be a boolean, got number 1/,
    },
    {
      name: 'a non-finite number',
      call: () => toLwm2mSenml(3303, { 5700: Number.POSITIVE_INFINITY }, { deviceId: 'd' }),
      message: /must be a finite number/,
    },
    {
      name: 'an empty device id',
      call: () => toLwm2mSenml(3303, { 5700: 1 }, { deviceId: '' }),
      message: /options\.deviceId must be a non-empty string/,
    },
    {
      name: 'an object id out of range',
      call: () => toLwm2mSenml(70000, {}, { deviceId: 'd' }),
      message: /objectId must be an integer 0-65535, got 70000/,
    },
    {
      name: 'a key that is not a resource id',
      call: () => toLwm2mSenml(3303, { temp: 1 } as unknown as Lwm2mReadings, { deviceId: 'd' }),
      message: /readings key "temp" is not a resource id/,
    },
    {
      name: 'an unreadable time',
      call: () => toLwm2mSenml(3303, { 5700: 1 }, { deviceId: 'd', time: 'tomorrow' }),
      message: /options\.time must be a Date, an ISO 8601 string or epoch seconds/,
    },
    {
      name: 'a pack whose first record names no object',
      call: () => fromLwm2mSenml([{ bn: 'dev1/', n: 'temp', v: 1 }]),
      message:
        /not an LwM2M SenML pack: expected the first record to have bn "urn:oma:lwm2m:ext:<id>"/,
    },
    {
      name: 'an empty pack',
      call: () => fromLwm2mSenml([]),
      message: /pack is empty/,
    },
  ];

  it.each(BAD_TO)('rejects $name with a Lwm2mError', ({ call, message }) => {
    expect(call).toThrow(Lwm2mError);
    expect(call).toThrow(message);
  });

  it('rejects invalid SenML with the SenML error', () => {
    expect(() => fromLwm2mSenml([{ bn: 'urn:oma:lwm2m:ext:3303', n: '0' }])).toThrow(
      /invalid SenML pack: \[0\]: has no value/,
    );
  });
});
