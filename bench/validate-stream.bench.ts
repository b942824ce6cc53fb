/**
 * validateStream and `smartcity validate` over a generated NDJSON delivery (default 1,000,000
 * entities: the official AirQualityObserved and WasteContainer examples with their own ids, Swedish
 * towns, varying readings, 4 % with an error), as a municipality checks a yearly export.
 *
 * Prints, side by side in this process (median of the rounds):
 *   - the reference: reading the file, splitting lines and JSON.parse, which every consumer pays;
 *   - validateStream yielding every report (`emit: 'all'`) and only the summary (`emit: 'none'`);
 *   - the ratio of their throughput to the reference (target >= 0.3x).
 * Then the peak RSS of child processes with Node's default heap settings: validateStream (target
 * < 150 MB) and the CLI in every output format, stdout a pipe (target < 200 MB, exit code 1).
 * Peak RSS comes from `/usr/bin/time -v` when present, else from the child's own
 * `process.resourceUsage().maxRSS`.
 *
 * Run: node --conditions=@smartcitylab/source --import tsx bench/validate-stream.bench.ts [count] [rounds]
 */
import { spawn } from 'node:child_process';
import { createReadStream, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadModel } from '@smartcitylab/models';
import {
  createValidator,
  type StreamEmit,
  type Validator,
  validateStream,
} from '@smartcitylab/validate';
import { writeDelivery } from '../test-support/deliveries.js';

const SELF = fileURLToPath(import.meta.url);
const ROOT = join(dirname(SELF), '..');
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const BUILT =
  existsSync(join(ROOT, 'packages', 'cli', 'dist', 'bin.js')) &&
  existsSync(join(ROOT, 'packages', 'validate', 'dist', 'index.js'));

/** How a child runs: from the sources through tsx (as the bench does), or from dist as users do. */
interface Runner {
  readonly name: string;
  readonly flags: readonly string[];
  readonly cli: string;
  /** Arguments that run validateStream over a file and print the child's own maxRSS to stderr. */
  readonly stream: (file: string) => readonly string[];
}

const STREAM_SCRIPT = [
  "import { createReadStream } from 'node:fs';",
  "import { validateStream } from '@smartcitylab/validate';",
  'let n = 0;',
  "for await (const r of validateStream(createReadStream(process.argv[1], { highWaterMark: 65536 }), { maxIssuesPerEntity: 3 })) if (r.kind === 'summary') n = r.total;",
  'process.stderr.write(n + " records\\nchild maxRSS " + process.resourceUsage().maxRSS + " kB\\n");',
].join('\n');

const RUNNERS: readonly Runner[] = [
  {
    name: 'source + tsx',
    flags: ['--conditions=@smartcitylab/source', '--import', 'tsx'],
    cli: join(ROOT, 'packages', 'cli', 'src', 'bin.ts'),
    stream: (file) => [SELF, '0', '--child-stream', file],
  },
  ...(BUILT
    ? [
        {
          name: 'dist (as installed)',
          flags: [],
          cli: join(ROOT, 'packages', 'cli', 'dist', 'bin.js'),
          stream: (file: string) => ['--input-type=module', '-e', STREAM_SCRIPT, file],
        },
      ]
    : []),
];

/** The reference: split lines and JSON.parse, reading the file the same way. */
async function splitAndParse(file: string): Promise<number> {
  let rest = '';
  let n = 0;
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 65_536 })) {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop() ?? '';
    for (const p of parts) if (JSON.parse(p)) n++;
  }
  if (rest && JSON.parse(rest)) n++;
  return n;
}

/**
 * The floor today's rules set: split, JSON.parse and `createValidator().check` in a plain loop (no
 * stream, no duplicate check). What validateStream costs beyond this is the pipeline's own.
 */
async function splitParseCheck(file: string, validator: Validator): Promise<number> {
  let rest = '';
  let n = 0;
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 65_536 })) {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop() ?? '';
    for (const p of parts) if (validator.check(JSON.parse(p))) n++;
  }
  if (rest && validator.check(JSON.parse(rest))) n++;
  return n;
}

async function stream(file: string, emit: StreamEmit): Promise<number> {
  let n = 0;
  for await (const r of validateStream(createReadStream(file, { highWaterMark: 65_536 }), {
    emit,
    maxIssuesPerEntity: 3,
  })) {
    if (r.kind === 'summary') n = r.total;
  }
  return n;
}

/** Entities per second, timed on this process's CPU so other load on the machine counts less. */
async function rate(count: number, run: () => Promise<number>): Promise<number> {
  const t0 = process.cpuUsage();
  const n = await run();
  const used = process.cpuUsage(t0);
  if (n !== count) throw new Error(`read ${n} of ${count} records`);
  return count / ((used.user + used.system) / 1e6);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
}

interface ChildResult {
  readonly code: number | null;
  readonly rssMb: number;
  readonly stdoutBytes: number;
  readonly stderrTail: string;
}

/** Runs node with `args` in a child process, stdout a pipe that is read and discarded. */
function child(runner: Runner, args: readonly string[]): Promise<ChildResult> {
  const node = [process.execPath, ...runner.flags, ...args];
  const [cmd, ...argv] = TIME ? [TIME, '-v', ...node] : node;
  return new Promise((resolve, reject) => {
    const p = spawn(cmd as string, argv, { stdio: ['ignore', 'pipe', 'pipe'], cwd: ROOT });
    let bytes = 0;
    let err = '';
    p.stdout.on('data', (c: Buffer) => {
      bytes += c.length;
    });
    p.stderr.on('data', (c: Buffer) => {
      err = (err + c.toString('utf8')).slice(-20_000);
    });
    p.on('error', reject);
    p.on('close', (code) => {
      const fromTime = /Maximum resident set size \(kbytes\): (\d+)/.exec(err);
      const fromChild = /child maxRSS (\d+) kB/.exec(err);
      const kb = Number(fromTime?.[1] ?? fromChild?.[1] ?? Number.NaN);
      // /usr/bin/time -v appends its report after the child's own stderr; its first line quotes
      // the command, which for `-e` scripts spans several lines, so cut the report off whole.
      const own = err.split(/\n?\tCommand being timed:/)[0] ?? '';
      const lines = own
        .split('\n')
        .filter((l) => l && !l.startsWith('\t') && !l.startsWith('Command exited'));
      resolve({
        code,
        rssMb: kb / 1024,
        stdoutBytes: bytes,
        stderrTail: lines.slice(-1).join(' '),
      });
    });
  });
}

async function childStream(file: string): Promise<void> {
  const n = await stream(file, 'all');
  process.stderr.write(`${n} records\n`);
  process.stderr.write(`child maxRSS ${process.resourceUsage().maxRSS} kB\n`);
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 1_000_000);
  const rounds = Number(process.argv[3] ?? 3);
  const file = join(tmpdir(), `smartcitylab-delivery-${count}-${process.pid}.ndjson`);
  // The generated file is hundreds of MB: removed also when the run is stopped (Ctrl-C, timeout).
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    process.once(signal, () => {
      rmSync(file, { force: true });
      process.exit(code);
    });
  }
  const { injected } = await writeDelivery(file, count);
  try {
    console.log(
      `validateStream over ${count.toLocaleString('en')} generated NDJSON entities (${injected.toLocaleString('en')} with an error), ${rounds} round(s), medians, CPU time`,
    );
    const validator = createValidator({
      models: [await loadModel('AirQualityObserved'), await loadModel('WasteContainer')],
    });
    await validator.ready();
    const ref: number[] = [];
    const rules: number[] = [];
    const all: number[] = [];
    const none: number[] = [];
    for (let r = 0; r < rounds; r++) {
      ref.push(await rate(count, () => splitAndParse(file)));
      rules.push(await rate(count, () => splitParseCheck(file, validator)));
      all.push(await rate(count, () => stream(file, 'all')));
      none.push(await rate(count, () => stream(file, 'none')));
    }
    const base = median(ref);
    const fmt = (x: number) => Math.round(x).toLocaleString('en').padStart(10);
    console.log(`  split + JSON.parse (reference)     ${fmt(base)} entities/s   1.00x`);
    for (const [name, xs] of [
      ['split + parse + validator.check', rules],
      ["validateStream, emit 'all'", all],
      ["validateStream, emit 'none'", none],
    ] as const) {
      const m = median(xs);
      console.log(
        `  ${name.padEnd(34)} ${fmt(m)} entities/s   ${(m / base).toFixed(3)}x${name.startsWith('validateStream') ? ' (target >= 0.3x)' : ''}`,
      );
    }
    console.log(
      `  pipeline efficiency: validateStream 'all' runs at ${(median(all) / median(rules)).toFixed(2)}x of parse + check alone (1.00 = no overhead beyond the rules)`,
    );

    console.log(
      `\nPeak RSS of a child process, default heap (${TIME ? '/usr/bin/time -v' : 'process.resourceUsage().maxRSS'}), stdout a pipe:`,
    );
    if (!BUILT) console.log('  (run "npm run build" first to measure the built packages as well)');
    const mb = (r: ChildResult) => `${r.rssMb.toFixed(0).padStart(5)} MB`;
    for (const runner of RUNNERS) {
      console.log(`  -- ${runner.name}`);
      const idle = await child(runner, [
        '-e',
        'process.stderr.write("child maxRSS " + process.resourceUsage().maxRSS + " kB\\n")',
      ]);
      console.log(`  node, idle                          ${mb(idle)}`);
      const s = await child(runner, runner.stream(file));
      console.log(
        `  validateStream, emit 'all'          ${mb(s)} (target < 150 MB); ${s.stderrTail}`,
      );
      for (const format of ['table', 'markdown', 'json', 'ndjson', 'dqa']) {
        const c = await child(runner, [runner.cli, 'validate', file, '--format', format]);
        console.log(
          `  smartcity validate --format ${format.padEnd(8)} ${mb(c)} (target < 200 MB), exit ${c.code} (want 1), ${(c.stdoutBytes / 1024).toFixed(0)} KiB written; ${c.stderrTail}`,
        );
      }
    }
  } finally {
    rmSync(file, { force: true });
  }
}

if (process.argv[3] === '--child-stream') await childStream(process.argv[4] ?? '');
else await main();
