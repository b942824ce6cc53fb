import { listDevices } from '@smartcitylab/decoders';
import {
  buildSenml,
  checkSenmlUnits,
  decodedToSenml,
  isSenmlSecondaryUnit,
  isSenmlUnit,
  parseSenml,
  type ResolvedSenmlRecord,
  resolveSenml,
  SENML_SECONDARY_UNITS,
  SENML_UNITS,
  SenmlError,
  senmlUnitOf,
  validateSenml,
} from '@smartcitylab/decoders/senml';
import { isNgsiLdError } from '@smartcitylab/ngsi-ld';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const NOW = 1_700_000_000; // 2023-11-14T22:13:20Z, the "now" of relative times below
const DEV = 'urn:dev:ow:10e2073a01080063:';

describe('resolveSenml follows RFC 8428 base-field resolution', () => {
  const cases: { name: string; given: unknown; want: ResolvedSenmlRecord[] }[] = [
    {
      name: 'a single reading with a full name and no time is "now"',
      given: [{ n: 'urn:dev:ow:10e2073a01080063', u: 'Cel', v: 23.1 }],
      want: [{ n: 'urn:dev:ow:10e2073a01080063', u: 'Cel', v: 23.1, t: NOW }],
    },
    {
      name: 'a base name is prepended to every following name',
      given: [
        { bn: DEV, n: 'voltage', u: 'V', v: 120.1 },
        { n: 'current', u: 'A', v: 1.2 },
      ],
      want: [
        { n: `${DEV}voltage`, u: 'V', v: 120.1, t: NOW },
        { n: `${DEV}current`, u: 'A', v: 1.2, t: NOW },
      ],
    },
    {
      name: 'an absolute base time plus per-record offsets, base unit overridden by u',
      given: [
        { bn: DEV, bt: 1.276020076001e9, bu: 'A', n: 'voltage', u: 'V', v: 120.1 },
        { n: 'current', t: -5, v: 1.2 },
        { n: 'current', t: -4, v: 1.3 },
        { n: 'current', v: 1.7 },
      ],
      want: [
        { n: `${DEV}voltage`, u: 'V', v: 120.1, t: 1.276020076001e9 },
        { n: `${DEV}current`, u: 'A', v: 1.2, t: 1.276020076001e9 - 5 },
        { n: `${DEV}current`, u: 'A', v: 1.3, t: 1.276020076001e9 - 4 },
        { n: `${DEV}current`, u: 'A', v: 1.7, t: 1.276020076001e9 },
      ],
    },
    {
      name: 'times below 2^28 are relative to now (negative = in the past)',
      given: [
        { n: 'a', v: 1, t: -60 },
        { n: 'b', v: 2, t: 0 },
        { n: 'c', v: 3, bt: 10, t: 5 },
      ],
      want: [
        { n: 'a', v: 1, t: NOW - 60 },
        { n: 'b', v: 2, t: NOW },
        { n: 'c', v: 3, t: NOW + 15 },
      ],
    },
    {
      name: 'base value and base sum are added to v and s; other value types pass through',
      given: [
        { bn: 'meter1/', bt: 1.7e9, bv: 100, bs: 5000, n: 'flow', v: 2.5, s: 20 },
        { n: 'state', vs: 'open' },
        { n: 'alarm', vb: false },
        { n: 'raw', vd: 'AQID' },
        { n: 'total', s: 1 },
      ],
      want: [
        { n: 'meter1/flow', v: 102.5, s: 5020, t: 1.7e9 },
        { n: 'meter1/state', vs: 'open', t: 1.7e9 },
        { n: 'meter1/alarm', vb: false, t: 1.7e9 },
        { n: 'meter1/raw', vd: 'AQID', t: 1.7e9 },
        { n: 'meter1/total', s: 5001, t: 1.7e9 },
      ],
    },
    {
      name: 'a later base name replaces the earlier one; bver other than 10 is kept',
      given: [
        { bn: 'a:', bver: 5, n: 'x', v: 1, ut: 30 },
        { bn: 'b:', n: 'y', v: 2 },
      ],
      want: [
        { n: 'a:x', v: 1, ut: 30, t: NOW, bver: 5 },
        { n: 'b:y', v: 2, t: NOW, bver: 5 },
      ],
    },
    {
      name: 'JSON text is accepted and unknown extension labels are ignored',
      given: '[{"n":"lamp","vb":true,"t":1.7e9,"vendorExtra":{"x":1}}]',
      want: [{ n: 'lamp', vb: true, t: 1.7e9 }],
    },
  ];

  it.each(cases)('$name', ({ given, want }) => {
    expect(resolveSenml(given, { now: NOW })).toEqual(want);
  });

  it('takes now as a Date too', () => {
    expect(resolveSenml([{ n: 'a', v: 1, t: -1 }], { now: new Date(NOW * 1000) })[0]?.t).toBe(
      NOW - 1,
    );
  });
});

describe('validateSenml reports every problem with its path', () => {
  const cases: {
    name: string;
    given: unknown;
    want: { path: (string | number)[]; code: string }[];
  }[] = [
    { name: 'not an array', given: { n: 'a', v: 1 }, want: [{ path: [], code: 'InvalidPack' }] },
    { name: 'invalid JSON text', given: '[{"n":', want: [{ path: [], code: 'InvalidJson' }] },
    {
      name: 'a record that is not an object',
      given: [1],
      want: [{ path: [0], code: 'InvalidRecord' }],
    },
    {
      name: 'wrong field types',
      given: [{ n: 1, v: '2', vb: 'yes', t: 'now', bver: 1.5 }],
      want: [
        { path: [0, 'n'], code: 'InvalidField' },
        { path: [0, 'v'], code: 'InvalidField' },
        { path: [0, 'vb'], code: 'InvalidField' },
        { path: [0, 't'], code: 'InvalidField' },
        { path: [0, 'bver'], code: 'InvalidField' },
      ],
    },
    { name: 'no name at all', given: [{ v: 1 }], want: [{ path: [0, 'n'], code: 'InvalidName' }] },
    {
      name: 'names outside the RFC character set or starting with a symbol',
      given: [
        { n: 'room 1', v: 1 },
        { n: '-temp', v: 1 },
        { n: 'temp°', v: 1 },
        { bn: '/dev/', n: 'x', v: 1 },
      ],
      want: [
        { path: [0, 'n'], code: 'InvalidName' },
        { path: [1, 'n'], code: 'InvalidName' },
        { path: [2, 'n'], code: 'InvalidName' },
        { path: [3, 'n'], code: 'InvalidName' },
      ],
    },
    {
      name: 'two value fields in one record',
      given: [{ n: 'a', v: 1, vs: 'one' }],
      want: [{ path: [0], code: 'MultipleValues' }],
    },
    {
      name: 'no value and no sum',
      given: [{ n: 'a', u: 'Cel' }],
      want: [{ path: [0], code: 'MissingValue' }],
    },
    {
      name: 'a must-understand label',
      given: [{ n: 'a', v: 1, rt_: 'x' }],
      want: [{ path: [0, 'rt_'], code: 'UnsupportedMustUnderstand' }],
    },
    {
      name: 'a newer version',
      given: [{ bver: 11, n: 'a', v: 1 }],
      want: [{ path: [0, 'bver'], code: 'UnsupportedVersion' }],
    },
    {
      name: 'vd that is not base64url',
      given: [{ n: 'a', vd: 'AQ==' }],
      want: [{ path: [0, 'vd'], code: 'InvalidField' }],
    },
    {
      name: 'a negative update time',
      given: [{ n: 'a', v: 1, ut: -1 }],
      want: [{ path: [0, 'ut'], code: 'InvalidField' }],
    },
    {
      name: 'a non-finite number',
      given: [{ n: 'a', v: Number.NaN }],
      want: [{ path: [0, 'v'], code: 'InvalidField' }],
    },
  ];

  it.each(cases)('$name', ({ given, want }) => {
    const r = validateSenml(given);
    expect(r.success).toBe(false);
    if (!r.success) expect(r.issues.map(({ path, code }) => ({ path, code }))).toEqual(want);
    let thrown: unknown;
    try {
      parseSenml(given);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(SenmlError);
    expect(isNgsiLdError(thrown)).toBe(true);
    expect((thrown as SenmlError).code).toBe('InvalidSenml');
    expect((thrown as SenmlError).message).toMatch(/^invalid SenML pack: /);
  });

  it('accepts an empty pack', () => {
    expect(parseSenml([])).toEqual([]);
  });

  it('copies only known labels, so __proto__ and constructor keys cannot pollute', () => {
    // "__proto__" ends in "_", which RFC 8428 reserves for must-understand labels.
    const r = validateSenml(JSON.parse('[{"n":"a","v":1,"__proto__":{"polluted":1}}]'));
    expect(r.success).toBe(false);
    if (!r.success) expect(r.issues[0]?.code).toBe('UnsupportedMustUnderstand');
    const pack = parseSenml(
      JSON.parse('[{"n":"a","v":1,"constructor":{"prototype":{"polluted":1}}}]'),
    );
    expect(pack).toEqual([{ n: 'a', v: 1 }]);
    expect(Object.keys(pack[0] ?? {})).toEqual(['n', 'v']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('never throws from validateSenml on arbitrary input (2,000 runs)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.json()), (value) => {
        const r = validateSenml(value);
        expect(typeof r.success).toBe('boolean');
      }),
      { numRuns: 2000 },
    );
  });
});

describe('buildSenml factors common base fields', () => {
  it('factors name, time and unit out of resolved records', () => {
    const resolved: ResolvedSenmlRecord[] = [
      { n: `${DEV}temp`, u: 'Cel', v: 23.5, t: 1_320_067_464 },
      { n: `${DEV}temp`, u: 'Cel', v: 23.6, t: 1_320_067_524 },
      { n: `${DEV}temp`, u: 'Cel', v: 23.7, t: 1_320_067_584 },
    ];
    const pack = buildSenml(resolved);
    expect(pack).toEqual([
      { bn: DEV, bt: 1_320_067_464, bu: 'Cel', n: 'temp', v: 23.5 },
      { n: 'temp', t: 60, v: 23.6 },
      { n: 'temp', t: 120, v: 23.7 },
    ]);
    expect(resolveSenml(pack)).toEqual(resolved);
  });

  it('keeps differing units per record and uses given base name and time', () => {
    const pack = buildSenml(
      [
        { n: 'dev1/voltage', u: 'V', v: 230, t: 1_700_000_010 },
        { n: 'dev1/current', u: 'A', v: 1.5, t: 1_700_000_010 },
      ],
      { baseName: 'dev1/', baseTime: new Date(1_700_000_000_000) },
    );
    expect(pack).toEqual([
      { bn: 'dev1/', bt: 1_700_000_000, n: 'voltage', u: 'V', t: 10, v: 230 },
      { n: 'current', u: 'A', t: 10, v: 1.5 },
    ]);
  });

  it('restates the base time when subtraction would lose precision', () => {
    const resolved: ResolvedSenmlRecord[] = [
      { n: 'a', v: 1, t: 1_700_000_000.1 },
      { n: 'a', v: 2, t: 1_700_000_000.3 },
    ];
    expect(resolveSenml(buildSenml(resolved))).toEqual(resolved);
  });

  it('rejects a name outside the given base name and malformed records', () => {
    expect(() => buildSenml([{ n: 'dev2/x', v: 1, t: 1.7e9 }], { baseName: 'dev1/' })).toThrow(
      /does not start with the base name "dev1\/"/,
    );
    expect(() => buildSenml([{ n: 'bad name', v: 1, t: 1.7e9 }])).toThrow(SenmlError);
    expect(() => buildSenml([{ n: 'a', t: 1.7e9 }])).toThrow(
      /exactly one of v, vs, vb, vd, or a sum s/,
    );
  });

  it('round-trips random resolved packs: resolve(build(x)) equals x (500 runs)', () => {
    const name = fc.stringMatching(/^[a-z0-9][a-z0-9:./_-]{0,12}$/);
    const record = fc.record(
      {
        n: fc
          .tuple(fc.constantFrom('urn:dev:mac:0024befffe804ff1:', 'dev/1/', ''), name)
          .map(([a, b]) => a + b),
        t: fc.double({ min: 2 ** 28, max: 4e9, noNaN: true }),
        value: fc.oneof(
          fc
            .double({ noNaN: true, noDefaultInfinity: true })
            .map((v) => ({ v: Object.is(v, -0) ? 0 : v })),
          fc.string().map((vs) => ({ vs })),
          fc.boolean().map((vb) => ({ vb })),
        ),
        u: fc.option(fc.constantFrom('Cel', '%RH', 'V'), { nil: undefined }),
      },
      { requiredKeys: ['n', 't', 'value'] },
    );
    fc.assert(
      fc.property(
        fc.array(record, { minLength: 1, maxLength: 6 }),
        fc.boolean(),
        (records, sameUnit) => {
          const resolved: ResolvedSenmlRecord[] = records.map((r) => {
            const out: ResolvedSenmlRecord = { n: r.n, t: r.t, ...r.value };
            const u = sameUnit ? 'Cel' : r.u;
            if (u !== undefined) out.u = u;
            return out;
          });
          expect(resolveSenml(buildSenml(resolved))).toEqual(resolved);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('SenML units registry', () => {
  it('lists the RFC 8428 / RFC 8798 units as typed constants', () => {
    expect(SENML_UNITS.Cel.description).toBe('degrees Celsius');
    expect(SENML_UNITS['%RH'].description).toBe('percentage (relative humidity)');
    expect(SENML_SECONDARY_UNITS.kWh).toEqual({ primary: 'J', scale: 3_600_000, offset: 0 });
    expect(SENML_SECONDARY_UNITS.dBm).toEqual({ primary: 'dBW', scale: 1, offset: -30 });
    expect([isSenmlUnit('lx'), isSenmlUnit('lux'), isSenmlUnit('toString')]).toEqual([
      true,
      false,
      false,
    ]);
    expect([isSenmlSecondaryUnit('hPa'), isSenmlSecondaryUnit('Pa')]).toEqual([true, false]);
  });

  it('flags unregistered and not-recommended units, checking u and bu', () => {
    const warnings = checkSenmlUnits([
      { bn: 'd/', bu: 'Cel', n: 'a', v: 1 } as { bu: string },
      { u: '°C' },
      { u: 'kWh' },
      { u: 'l' },
      { u: 'furlongs' },
      { u: 'ug/m3' },
    ]);
    expect(warnings).toEqual([
      {
        index: 1,
        unit: '°C',
        code: 'UnregisteredUnit',
        suggestion: 'Cel',
        message: 'unit "°C" is not a registered SenML unit (did you mean "Cel"?)',
      },
      {
        index: 3,
        unit: 'l',
        code: 'NotRecommendedUnit',
        message: 'unit "l" is registered but not recommended for new senders',
      },
      {
        index: 4,
        unit: 'furlongs',
        code: 'UnregisteredUnit',
        message: 'unit "furlongs" is not a registered SenML unit',
      },
    ]);
  });
});

describe('decodedToSenml: decoder output as SenML', () => {
  const ers = [
    { name: 'temperature', unit: 'CEL' },
    { name: 'humidity', unit: 'P1' },
    { name: 'light', unit: 'LUX' },
    { name: 'co2', unit: '59' },
    { name: 'vdd', unit: '2Z' },
  ];

  it('names the device by its DevEUI (RFC 9039 mac URN), not its type, and carries units', () => {
    const pack = decodedToSenml(
      { temperature: 22.6, humidity: 41, light: 39, motion: 6, vdd: 3597 },
      { devEui: '70B3D57ED0000001', quantities: ers, time: 1764892800 },
    );
    expect(pack).toEqual([
      {
        bn: 'urn:dev:mac:70b3d57ed0000001:',
        bt: 1764892800,
        n: 'temperature',
        u: 'Cel',
        v: 22.6,
      },
      { n: 'humidity', u: '%RH', v: 41 },
      { n: 'light', u: 'lx', v: 39 },
      { n: 'motion', v: 6 },
      { n: 'vdd', u: 'mV', v: 3597 },
    ]);
    // Every unit it writes is in the SenML registries.
    expect(checkSenmlUnits(pack)).toEqual([]);
    expect(resolveSenml(pack)[0]).toEqual({
      n: 'urn:dev:mac:70b3d57ed0000001:temperature',
      u: 'Cel',
      v: 22.6,
      t: 1764892800,
    });
  });

  it('maps each catalog unit to its SenML unit by quantity', () => {
    const cases: [name: string, unit: string, want: string | undefined][] = [
      ['temperature', 'CEL', 'Cel'],
      ['humidity', 'P1', '%RH'],
      ['batteryLevel', 'P1', '%EL'],
      ['flood', 'P1', '%'],
      ['co2', '59', 'ppm'],
      ['battery', 'VLT', 'V'],
      ['pressure', 'A97', 'hPa'],
      ['soundAvg', '2N', 'dB'],
      ['distance', 'MMT', 'mm'],
      ['gpsLatitude', 'DD', 'lat'],
      ['gpsLongitude', 'DD', 'lon'],
      ['pm10', 'GQ', 'ug/m3'],
      ['SoilMoistures', 'KPA', undefined],
    ];
    for (const [name, unit, want] of cases) expect(senmlUnitOf({ name, unit }), name).toBe(want);
  });

  it('uses the decoders catalog: every unit it derives for a device is registered', () => {
    for (const device of listDevices()) {
      for (const q of device.quantities) {
        const u = senmlUnitOf(q);
        if (u !== undefined) expect(isSenmlUnit(u) || isSenmlSecondaryUnit(u), u).toBe(true);
      }
    }
  });

  it('nests keys with "/", keeps text and booleans, and leaves out what SenML cannot name', () => {
    const pack = decodedToSenml(
      { door: 'open', alarm: true, gps: { lat: 57.7 }, list: [1], bad: Number.NaN, _x: 1 },
      { time: 10 },
    );
    expect(pack).toEqual([
      { bt: 10, n: 'door', vs: 'open' },
      { n: 'alarm', vb: true },
      { n: 'gps/lat', v: 57.7 },
      { n: 'list/0', v: 1 },
    ]);
  });

  it('finds the unit of nested readings: series, {value, unit} and {variable, value} wrappers', () => {
    const pack = decodedToSenml(
      {
        bytes: { co2: { values: [412, 415] }, status: { frameCounter: 3 } },
        air: { unit: '°C', value: 21.5 },
        pressure: { unit: 'Pa', value: 96800 },
        raw: { unit: 'raw', value: 7 },
        samples: [{ variable: 'co2', value: 420 }],
        values: [{ Type: 'Volume', Unit: 'm3', Value: 0.2 }],
      },
      { quantities: ers, time: 0 },
    );
    expect(pack.map((r) => [r.n, r.u])).toEqual([
      ['bytes/co2/values/0', 'ppm'],
      ['bytes/co2/values/1', 'ppm'],
      ['bytes/status/frameCounter', undefined],
      ['air/unit', undefined],
      ['air/value', 'Cel'],
      ['pressure/unit', undefined],
      ['pressure/value', 'Pa'],
      ['raw/unit', undefined],
      ['raw/value', undefined],
      ['samples/0/variable', undefined],
      ['samples/0/value', 'ppm'],
      ['values/0/Type', undefined],
      ['values/0/Unit', undefined],
      ['values/0/Value', 'm3'],
    ]);
    expect(checkSenmlUnits(pack)).toEqual([]);
  });

  it('rejects a DevEUI that is not 16 hex digits, naming it', () => {
    expect(() => decodedToSenml({ a: 1 }, { devEui: 'elsys/ers' })).toThrow(
      /devEui must be 16 hex digits, got "elsys\/ers"/,
    );
  });
});
