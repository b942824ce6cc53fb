/**
 * validateStream over a generated NDJSON file read with a Node stream, as a municipality checks a
 * delivery: entities per second and peak RSS, in constant memory. Reference: reading the same file
 * and only splitting lines and JSON.parse, which every consumer pays anyway; the ratio says how
 * much the quality checks add.
 *
 * Run: node --conditions=@smartcitylab/source --import tsx bench/validate-stream.bench.ts [count]
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateStream } from '@smartcitylab/validate';

const COUNT = Number(process.argv[2] ?? 1_000_000);
const NOW = new Date('2026-11-25T12:00:00Z');

function line(i: number): string {
  const lon = 11 + (i % 1300) / 100;
  const lat = 56 + (i % 1200) / 100;
  const bad = i % 97 === 0;
  return JSON.stringify({
    id: `urn:ngsi-ld:WeatherObserved:station-${i % 5000}-${i}`,
    type: 'WeatherObserved',
    dateObserved: '2026-11-25T11:00:00Z',
    temperature: bad ? 900 : -5 + (i % 20),
    relativeHumidity: 0.5 + (i % 40) / 100,
    atmosphericPressure: 990 + (i % 40),
    windSpeed: (i % 25) / 2,
    location: { type: 'Point', coordinates: [lon, lat] },
  });
}

/** Generates the input lazily in 64 KiB chunks so the generator itself stays in constant memory. */
function* ndjson(count: number): Generator<string> {
  let buf = '';
  for (let i = 0; i < count; i++) {
    buf += `${line(i)}\n`;
    if (buf.length > 65_536) {
      yield buf;
      buf = '';
    }
  }
  if (buf) yield buf;
}

const FILE = join(tmpdir(), `smartcitylab-validate-stream-${COUNT}.ndjson`);

/** Writes the input file once (reused by later runs with the same count). */
async function ensureFile(): Promise<void> {
  if (existsSync(FILE) && statSync(FILE).size > 0) return;
  const out = createWriteStream(FILE);
  for (const chunk of ndjson(COUNT)) {
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) =>
    out.end((err?: Error | null) => (err ? reject(err) : resolve())),
  );
}

let peakRss = 0;

async function baseline(): Promise<number> {
  const t0 = performance.now();
  let rest = '';
  let n = 0;
  for await (const chunk of createReadStream(FILE, { encoding: 'utf8', highWaterMark: 65_536 })) {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop() ?? '';
    for (const p of parts) if (JSON.parse(p)) n++;
  }
  if (n !== COUNT) throw new Error(`baseline parsed ${n} of ${COUNT}`);
  return performance.now() - t0;
}

async function run(): Promise<void> {
  // validateStream runs first so the baseline's garbage does not count in its peak RSS.
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 50);
  const t0 = performance.now();
  let summary: unknown;
  for await (const r of validateStream(createReadStream(FILE, { highWaterMark: 65_536 }), {
    now: () => NOW,
    maxIssuesPerEntity: 3,
  })) {
    if (r.kind === 'summary') summary = r;
  }
  const ms = performance.now() - t0;
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const base = await baseline();
  const rate = COUNT / (ms / 1000);
  console.log(
    `validateStream over a file of ${COUNT.toLocaleString('en')} generated NDJSON entities (one core)`,
  );
  console.log(
    `  entities/s:            ${Math.round(rate).toLocaleString('en')} (target >= 50,000)`,
  );
  console.log(
    `  peak RSS:              ${(peakRss / 1024 / 1024).toFixed(0)} MB (target < 150 MB)`,
  );
  console.log(`  time vs split+JSON.parse only: ${(ms / base).toFixed(2)}x`);
  console.log('  summary:', JSON.stringify(summary));
}

// The parent runs the measurement twice in fresh processes: with V8's default heap sizing
// (which grows the heap lazily, so RSS overstates what is live) and with the old space capped
// at 96 MB, which shows the stream really runs in constant memory.
if (process.argv[3] === '--child') await run();
else {
  await ensureFile();
  for (const flags of [[], ['--max-old-space-size=96']]) {
    console.log(`\n--- node ${flags.join(' ') || '(default heap)'}`);
    spawnSync(
      process.execPath,
      [...process.execArgv, ...flags, fileURLToPath(import.meta.url), String(COUNT), '--child'],
      {
        stdio: 'inherit',
      },
    );
  }
}
