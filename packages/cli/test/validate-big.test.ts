import { spawn } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PassThrough, Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { runCli } from '@smartcitylab/cli';
import { type StreamSummary, validateStream } from '@smartcitylab/validate';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  deliveryEntity,
  deliveryTemplates,
  writeDelivery,
} from '../../../test-support/deliveries.js';
import { describeWithFixtures } from '../../../test-support/fixtures.js';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'bin.ts');
const LINES = 30_000;

interface ChildRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the real `smartcity` in a child process with a deliberately small old-space heap. */
function smartcity(args: readonly string[], heapMb: number): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        `--max-old-space-size=${heapMb}`,
        '--conditions=@smartcitylab/source',
        '--import',
        'tsx',
        BIN,
        ...args,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CI: 'true' } },
    );
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({
        code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      }),
    );
  });
}

describeWithFixtures(
  'smartcity validate on a big delivery runs in bounded memory in every format',
  'smart-data-models',
  () => {
    let dir = '';
    let file = '';
    let injected = 0;
    let expected: StreamSummary;

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'smartcity-big-'));
      file = join(dir, 'delivery.ndjson');
      ({ injected } = await writeDelivery(file, LINES));
      // The library, in this process, is the oracle for the counts the CLI prints.
      for await (const r of validateStream(createReadStream(file), { emit: 'none' })) {
        if (r.kind === 'summary') expected = r;
      }
    }, 300_000);
    afterAll(() => {
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    const countsLine = (): string =>
      `${LINES} records: ${expected.valid} valid, ${expected.invalid} with errors, 0 unreadable`;

    it('the generated delivery holds exactly the injected errors', () => {
      expect(expected.total).toBe(LINES);
      expect(expected.invalid).toBe(injected);
    });

    it('json: one document, streamed, that parses, with the right summary', {
      timeout: 300_000,
    }, async () => {
      const run = await smartcity(['validate', file, '--format', 'json'], 64);
      expect(run.stderr).toContain(countsLine());
      expect(run.code).toBe(1);
      const doc = JSON.parse(run.stdout) as {
        reports: { valid: boolean }[];
        summary: { total: number; valid: number; invalid: number; issuesByRule: object };
      };
      expect(doc.reports).toHaveLength(LINES);
      expect(doc.reports.filter((r) => !r.valid)).toHaveLength(injected);
      expect(doc.summary).toMatchObject({
        total: LINES,
        valid: expected.valid,
        invalid: expected.invalid,
        issuesByRule: expected.issuesByRule,
      });
    });

    it('ndjson: a line per record, then the summary line', { timeout: 300_000 }, async () => {
      const run = await smartcity(['validate', file, '--format', 'ndjson'], 64);
      expect(run.code).toBe(1);
      const lines = run.stdout.trimEnd().split('\n');
      expect(lines).toHaveLength(LINES + 1);
      const records = lines.slice(0, -1).map((l) => JSON.parse(l) as { kind: string });
      expect(records.every((r) => r.kind === 'entity')).toBe(true);
      expect(JSON.parse(lines.at(-1) ?? '')).toMatchObject({
        kind: 'summary',
        total: LINES,
        invalid: injected,
      });
    });

    it('dqa: a DataQualityAssessment entity per record', { timeout: 300_000 }, async () => {
      const run = await smartcity(['validate', file, '--format', 'dqa'], 64);
      expect(run.code).toBe(1);
      const lines = run.stdout.trimEnd().split('\n');
      expect(lines).toHaveLength(LINES);
      expect((JSON.parse(lines[0] ?? '') as { type: string }).type).toBe('DataQualityAssessment');
      expect(run.stderr).toContain(countsLine());
    });

    it('markdown and table: the summary, counts per rule and the first --limit findings', {
      timeout: 600_000,
    }, async () => {
      const md = await smartcity(['validate', file, '--format', 'markdown', '--limit', '7'], 64);
      expect(md.code).toBe(1);
      expect(md.stdout).toContain(`- Records: ${LINES}`);
      expect(md.stdout).toContain(`- With errors: ${injected}`);
      expect(md.stdout).toContain(
        `| \`plausibility.range\` | ${expected.issuesByRule['plausibility.range']} |`,
      );
      const total = Object.values(expected.issuesByRule).reduce((a, b) => a + (b ?? 0), 0);
      expect(md.stdout).toContain(`## First 7 of ${total} findings`);
      expect(md.stdout).toContain(`and ${total - 7} more findings`);
      const table = await smartcity(['validate', file], 64);
      expect(table.code).toBe(1);
      expect(table.stderr).toContain(countsLine());
      // header, rule line, the default 50 findings, the "more" note, then the per-rule counts
      const findingRows = table.stdout.split('\n').filter((l) => l.startsWith('urn:ngsi-ld:'));
      expect(findingRows).toHaveLength(50);
      expect(table.stdout).toContain(`and ${total - 50} more findings`);
    });
  },
);

/** A stdout that takes one block per event-loop turn and reports a full buffer at 1 KiB. */
function slowStdout(onBlock: (text: string) => void): Writable {
  return new Writable({
    highWaterMark: 1024,
    write(chunk: Buffer, _enc, done) {
      onBlock(chunk.toString('utf8'));
      setImmediate(done);
    },
  });
}

describeWithFixtures('smartcity validate waits for a slow stdout', 'smart-data-models', () => {
  it('reads the input only as fast as stdout drains, and loses nothing', {
    timeout: 120_000,
  }, async () => {
    const templates = deliveryTemplates();
    const now = Date.now();
    const count = 6_000;
    let produced = 0;
    let written = 0;
    let maxAhead = 0;
    const stdin = Readable.from(
      (function* () {
        for (let i = 0; i < count; i++) {
          produced++;
          maxAhead = Math.max(maxAhead, produced - written);
          yield `${JSON.stringify(deliveryEntity(templates, i, now))}\n`;
        }
      })(),
    );
    let text = '';
    const stdout = slowStdout((block) => {
      text += block;
      written += block.split('\n').length - 1;
    });
    const stderr = new PassThrough();
    stderr.resume();
    const code = await runCli(['validate', '-', '--format', 'ndjson'], {
      stdout,
      stderr,
      stdin,
      interactive: false,
      cwd: process.cwd(),
      env: {},
    });
    await new Promise<void>((resolve) => stdout.end(resolve));
    expect(code).toBe(1);
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(count + 1);
    expect(JSON.parse(lines.at(-1) ?? '')).toMatchObject({ kind: 'summary', total: count });
    // Without waiting for drain, the whole input would be read before the first block is taken.
    expect(maxAhead).toBeLessThan(1_000);
  });
});
