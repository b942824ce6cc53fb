import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { listModels } from '@smartcitylab/models';
import { fromKeyValues } from '@smartcitylab/ngsi-ld';
import { startBroker } from '@smartcitylab/testkit';
import { reportToDataQualityAssessment, validateStream } from '@smartcitylab/validate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, workdir } from './harness.js';

const NOW = new Date().toISOString();
const good = {
  id: 'urn:ngsi-ld:WeatherObserved:sundsvall-1',
  type: 'WeatherObserved',
  dateObserved: NOW,
  temperature: -3.5,
  location: { type: 'Point', coordinates: [17.3069, 62.3908] },
};
const hot = { ...good, id: 'urn:ngsi-ld:WeatherObserved:sundsvall-2', temperature: 900 };
const ndjson = `${JSON.stringify(good)}\n${JSON.stringify(hot)}\n`;

/** Every error a user can cause prints exactly one line on stderr and exits 2. */
function expectOneLineError(run: { code: number; stderr: string }, pattern: RegExp): void {
  expect(run.code).toBe(2);
  const lines = run.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

describe('smartcity (no command)', () => {
  it('prints the overview on --help and exits 0', async () => {
    const run = await cli(['--help']);
    expect(run.code).toBe(0);
    for (const c of [
      'validate',
      'decode',
      'convert',
      'push',
      'query',
      'models',
      'broker',
      'demo',
    ]) {
      expect(run.stdout).toContain(c);
    }
  });
  it('rejects an unknown command in one line', async () => {
    expectOneLineError(await cli(['frobnicate']), /unknown command "frobnicate"/);
  });
  it.each(['validate', 'decode', 'convert', 'push', 'query', 'models', 'broker', 'demo'])(
    '%s --help shows options and examples',
    async (name) => {
      const run = await cli([name, '--help']);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`smartcity ${name}`);
      expect(run.stdout).toContain('Examples:');
    },
  );
  it.each(['validate', 'decode', 'convert', 'push', 'query', 'models'])(
    '%s rejects a wrong flag',
    async (name) => {
      expectOneLineError(await cli([name, '--no-such-flag']), /--no-such-flag.*--help/);
    },
  );
});

describe('smartcity validate', () => {
  it('reports findings with exit code 1 and a table', async () => {
    const dir = workdir({ 'data.ndjson': ndjson });
    const run = await cli(['validate', 'data.ndjson'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('urn:ngsi-ld:WeatherObserved:sundsvall-2');
    expect(run.stdout).toContain('plausibility.range');
    expect(run.stderr).toContain('2 records: 1 valid, 1 with errors, 0 unreadable');
  });
  it('exits 0 when everything is valid, reading a folder and a pretty JSON object', async () => {
    const dir = workdir({ 'one.json': JSON.stringify(good, null, 2) });
    const run = await cli(['validate', '.', '--format', 'json'], { cwd: dir });
    expect(run.code).toBe(0);
    const parsed = JSON.parse(run.stdout) as { summary: { valid: number } };
    expect(parsed.summary.valid).toBe(1);
  });
  it('reads stdin and writes Markdown in Swedish', async () => {
    const run = await cli(['validate', '-', '--format', 'markdown', '--lang', 'sv'], {
      stdin: ndjson,
    });
    expect(run.stdout).toContain('# Datakvalitetsrapport');
    expect(run.stdout).toContain('fysikaliskt orimligt');
  });
  it('emits DataQualityAssessment entities', async () => {
    const run = await cli(['validate', '-', '--format', 'dqa'], { stdin: ndjson });
    const first = JSON.parse(run.stdout.split('\n')[0] ?? '') as { type: string };
    expect(first.type).toBe('DataQualityAssessment');
  });
  it('writes dqa lines identical to serializing reportToDataQualityAssessment', async () => {
    const input = [
      good,
      hot,
      hot,
      { type: 'WeatherObserved', temperature: 4 },
      { ...good, id: 'urn:ngsi-ld:WeatherObserved:"Växjö"\\12 🌧' },
    ]
      .map((e) => JSON.stringify(e))
      .join('\n');
    const run = await cli(['validate', '-', '--format', 'dqa'], { stdin: input });
    const want: string[] = [];
    for await (const r of validateStream(Readable.from([input]), { emit: 'all' })) {
      if (r.kind !== 'entity') continue;
      const kv = reportToDataQualityAssessment(r.report, { representation: 'keyValues' });
      want.push(JSON.stringify(fromKeyValues(kv)));
    }
    // The check time is the only member that differs between two runs.
    const stable = (line: string) =>
      line.replace(/"dateCalculated":\{"type":"Property","value":"[^"]+"\}/, '"dateCalculated":0');
    expect(want).toHaveLength(5);
    expect(run.stdout.trimEnd().split('\n').map(stable)).toEqual(want.map(stable));
  });
  it('honours --bbox and --max-age', async () => {
    const old = { ...good, dateObserved: '2020-01-01T00:00:00Z' };
    const run = await cli(
      ['validate', '-', '--bbox', '18,59,18.2,59.4', '--max-age', 'PT1H', '--json'],
      {
        stdin: JSON.stringify(old),
      },
    );
    const rules = (
      JSON.parse(run.stdout) as { reports: { issues: { rule: string }[] }[] }
    ).reports[0]?.issues.map((i) => i.rule);
    expect(rules).toContain('location.region');
    expect(rules).toContain('timeliness.max-age');
  });
  it('takes a --bbox with negative numbers in the "=" form its help shows', async () => {
    const inFrance = {
      ...good,
      id: 'urn:ngsi-ld:WeatherObserved:brest-1',
      location: { type: 'Point', coordinates: [-4.49, 48.39] },
    };
    const run = await cli(['validate', '-', '--bbox=-5,41,10,51.5', '--json'], {
      stdin: JSON.stringify(inFrance),
    });
    expect(run.code).toBe(0);
    const rules = (
      JSON.parse(run.stdout) as { reports: { issues: { rule: string }[] }[] }
    ).reports[0]?.issues.map((i) => i.rule);
    expect(rules).not.toContain('location.region');
    const help = await cli(['validate', '--help']);
    expect(help.stdout).toContain('--bbox=-5,41,10,51.5');
  });
  it('draws a progress bar with rate and ETA on an interactive stderr only', async () => {
    const many = Array.from({ length: 300 }, (_, i) =>
      JSON.stringify({ ...good, id: `urn:ngsi-ld:WeatherObserved:p${i}` }),
    ).join('\n');
    const tty = await cli(['validate', '-', '--json'], { stdin: many, interactive: true });
    expect(tty.stderr).toMatch(/validate \[.*\] \d+% \| \d+\/\d+ \| \d+\/s \| ETA/);
    const piped = await cli(['validate', '-', '--json'], { stdin: many });
    expect(piped.stderr).not.toMatch(/ETA/);
    expect(JSON.parse(tty.stdout)).toEqual(
      expect.objectContaining({ summary: expect.objectContaining({ valid: 300 }) }),
    );
  });

  it('counts unreadable lines and goes on', async () => {
    const run = await cli(['validate', '-'], {
      stdin: `${JSON.stringify(good)}\nnot json\n{"id":`,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/Line 2: not valid JSON/);
    expect(run.stderr).toContain('3 records: 1 valid, 0 with errors, 2 unreadable');
  });
  it('names a missing file in one line', async () => {
    expectOneLineError(
      await cli(['validate', 'nope.json']),
      /Cannot read "nope.json": no such file/,
    );
  });
  it('rejects a bad option value in one line', async () => {
    expectOneLineError(await cli(['validate', '-', '--format', 'pdf']), /--format must be one of/);
    expectOneLineError(
      await cli(['validate', '-', '--bbox', '1,2,3']),
      /--bbox must be four numbers/,
    );
    expectOneLineError(
      await cli(['validate', '-', '--max-age', 'soon']),
      /maxAge "soon" is not a duration/,
    );
  });
  it('survives hostile input: deep nesting and prototype keys', async () => {
    const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    const run = await cli(['validate', '-'], {
      stdin: `${deep}\n{"__proto__":{"x":1},"id":"urn:ngsi-ld:T:1","type":"T"}\n`,
    });
    expect(run.code).toBe(1);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});

describe('smartcity convert', () => {
  it('converts keyValues to normalized using the model for relationships', async () => {
    const kv = { ...good, refDevice: 'urn:ngsi-ld:Device:ws-1' };
    const run = await cli(['convert', '-', '--to', 'normalized'], { stdin: JSON.stringify(kv) });
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as Record<string, { type: string }>;
    expect(out.refDevice?.type).toBe('Relationship');
    expect(out.location?.type).toBe('GeoProperty');
    expect(out.temperature?.type).toBe('Property');
  });
  it('reprojects SWEREF 99 TM locations to WGS84', async () => {
    const projected = { ...good, location: { type: 'Point', coordinates: [616_542, 6_917_657] } };
    const run = await cli(['convert', '-', '--to', 'keyValues', '--sweref', 'TM'], {
      stdin: JSON.stringify(projected),
    });
    const [lon, lat] = (JSON.parse(run.stdout) as { location: { coordinates: number[] } }).location
      .coordinates;
    expect(lon).toBeCloseTo(17.3, 1);
    expect(lat).toBeCloseTo(62.39, 1);
  });
  it('needs --to and a known zone', async () => {
    expectOneLineError(await cli(['convert', '-']), /--to is required/);
    expectOneLineError(
      await cli(['convert', '-', '--to', 'normalized', '--sweref', '99 99']),
      /--sweref must be/,
    );
  });
  it('reports an invalid entity by line and continues', async () => {
    const run = await cli(['convert', '-', '--to', 'concise'], {
      stdin: `{"id":"not a uri","type":"T"}\n${JSON.stringify(good)}\n`,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^stdin:1: /);
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
  });
});

describe('smartcity models', () => {
  it('lists every model the models package ships', async () => {
    const run = await cli(['models', 'list', '--json']);
    const listed = (JSON.parse(run.stdout) as { type: string }[]).map((m) => m.type);
    expect(listed).toEqual(listModels().map((m) => m.type));
    expect(listed).toContain('WasteContainer');
  });
  it('shows attributes and prints a versioned JSON Schema', async () => {
    const show = await cli(['models', 'show', 'WasteContainer']);
    expect(show.stdout).toContain('fillingLevel');
    const schema = await cli(['models', 'schema', 'WasteContainer']);
    expect(JSON.parse(schema.stdout)).toHaveProperty('$id');
  });
  it('names an unknown model in one line', async () => {
    expectOneLineError(await cli(['models', 'show', 'WasteBin']), /Unknown model "WasteBin"/);
  });
});

describe('smartcity push and query against the embedded broker', () => {
  let broker: Awaited<ReturnType<typeof startBroker>>;
  beforeAll(async () => {
    broker = await startBroker();
  });
  afterAll(async () => {
    await broker.close();
  });

  it('pushes entities and reports each failure to a file', async () => {
    const bad = { id: 'not a uri', type: 'WeatherObserved' };
    const dir = workdir({ 'data.ndjson': `${ndjson}${JSON.stringify(bad)}\n` });
    const run = await cli(['push', broker.url, 'data.ndjson', '--report', 'failed.json'], {
      cwd: dir,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('2 of 3 entities upserted; 1 failed');
    const report = JSON.parse(readFileSync(join(dir, 'failed.json'), 'utf8')) as {
      failures: { source: string }[];
    };
    expect(report.failures).toHaveLength(1);
    expect(report.failures[0]?.source).toContain('data.ndjson:3');
  });

  it('queries back by type, q and near, as table, NDJSON and GeoJSON', async () => {
    const table = await cli(['query', broker.url, '--type', 'WeatherObserved']);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('urn:ngsi-ld:WeatherObserved:sundsvall-1');
    const nd = await cli([
      'query',
      broker.url,
      '--type',
      'WeatherObserved',
      '--q',
      'temperature>100',
      '-f',
      'ndjson',
    ]);
    expect(
      nd.stdout
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { id: string }).id),
    ).toEqual(['urn:ngsi-ld:WeatherObserved:sundsvall-2']);
    const geo = await cli([
      'query',
      broker.url,
      '--near',
      '17.3069,62.3908',
      '--max-distance',
      '100',
      '--type',
      'WeatherObserved',
      '-f',
      'geojson',
    ]);
    expect((JSON.parse(geo.stdout) as { features: unknown[] }).features).toHaveLength(2);
  });

  it('names an unreachable broker in one line', async () => {
    expectOneLineError(
      await cli(['query', 'http://127.0.0.1:9', '--type', 'X']),
      /127\.0\.0\.1:9.*Check the broker URL/,
    );
  });
  it('rejects a bad URL in one line', async () => {
    expectOneLineError(
      await cli(['query', 'localhost:1026', '--type', 'X']),
      /must start with http/,
    );
    expectOneLineError(await cli(['push', 'not a url', 'x.json']), /is not a URL/);
  });
});

describe('smartcity decode', () => {
  it('decodes a hex payload with a device decoder', async () => {
    const run = await cli(['decode', '0100e202290400270506', '--device', 'elsys/ers']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ temperature: 22.6, humidity: 41 });
  });
  it('decodes base64 to SenML', async () => {
    const run = await cli([
      'decode',
      'AQDiAikEACcFBg==',
      '--device',
      'elsys/ers',
      '--format',
      'senml',
      '--dev-eui',
      '70B3D57ED0000001',
    ]);
    const pack = JSON.parse(run.stdout) as { bn?: string; n: string; u?: string; v?: number }[];
    // The device (its DevEUI as an RFC 9039 URN), not the device type, is the base name.
    expect(pack[0]?.bn).toBe('urn:dev:mac:70b3d57ed0000001:');
    expect(pack.some((r) => r.n === 'temperature' && r.v === 22.6 && r.u === 'Cel')).toBe(true);
    expect(pack.some((r) => r.n === 'humidity' && r.v === 41 && r.u === '%RH')).toBe(true);
  });
  it('rejects a --dev-eui that is not a DevEUI', async () => {
    const run = await cli(['decode', '0100e2', '--device', 'elsys/ers', '--dev-eui', 'elsys/ers']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--dev-eui must be the device's 16 hex digit DevEUI/);
  });
  it('lists devices', async () => {
    const run = await cli(['decode', '--list']);
    expect(run.stdout).toContain('milesight-iot/em500-udl');
  });
  it('reports undecodable bytes with exit code 1', async () => {
    const run = await cli(['decode', '0100', '--device', 'elsys/ers']);
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
  it('names an unknown device and a bad payload in one line', async () => {
    expectOneLineError(
      await cli(['decode', '00', '--device', 'acme/x']),
      /Unknown device "acme\/x"/,
    );
    expectOneLineError(
      await cli(['decode', 'zz!!', '--device', 'elsys/ers']),
      /neither hex nor base64/,
    );
  });
});
