// A throwaway Mosquitto for trying the example (and for its test): bound to 127.0.0.1 on a
// free port, anonymous, nothing persisted, its config in a temporary folder that is removed
// on close. Production ingest connects to the network server's MQTT instead (see main.ts).
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Mosquitto is missing or did not start. */
export class LocalMosquittoError extends Error {
  override readonly name = 'LocalMosquittoError';
}

/** A running Mosquitto started by {@link startMosquitto}. */
export interface LocalMosquitto {
  /** `mqtt://127.0.0.1:<port>` */
  url: string;
  port: number;
  /** Stops Mosquitto and removes its temporary config. */
  close(): Promise<void>;
}

/**
 * The `mosquitto` binary to run, or undefined when there is none. `MOSQUITTO_BIN` names one
 * explicitly; otherwise PATH and the sbin folders are tried (Debian puts it in /usr/sbin,
 * which is not on every user's PATH).
 */
export function mosquittoCommand(): string | undefined {
  const explicit = process.env.MOSQUITTO_BIN;
  const candidates = explicit
    ? [explicit]
    : ['mosquitto', '/usr/sbin/mosquitto', '/usr/local/sbin/mosquitto'];
  for (const candidate of candidates) {
    const probe = spawnSync(candidate, ['-h'], { stdio: 'ignore' });
    // `mosquitto -h` prints its usage and exits 3; only a spawn failure means "not there".
    if (probe.error === undefined) return candidate;
  }
  return undefined;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') return 0;
  return address.port;
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Starts Mosquitto on a free 127.0.0.1 port and resolves once it accepts connections.
 * Rejects with the reason (and Mosquitto's own output) when it is missing or does not start.
 */
export async function startMosquitto(): Promise<LocalMosquitto> {
  const command = mosquittoCommand();
  if (command === undefined) {
    throw new LocalMosquittoError(
      'mosquitto is not installed: install it (Debian/Ubuntu: apt-get install mosquitto) or pass --mqtt <url>',
    );
  }
  const dir = await mkdtemp(join(tmpdir(), 'mqtt-ingest-'));
  const port = await freePort();
  const config = join(dir, 'mosquitto.conf');
  await writeFile(
    config,
    [
      `listener ${port} 127.0.0.1`,
      'allow_anonymous true',
      'persistence false',
      'log_dest stderr',
      'log_type error',
      'log_type warning',
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(command, ['-c', config], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let output = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const close = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
  };

  for (let waited = 0; waited < 5000; waited += 50) {
    if (child.exitCode !== null) break;
    if (await canConnect(port)) return { url: `mqtt://127.0.0.1:${port}`, port, close };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await close();
  throw new LocalMosquittoError(
    `mosquitto did not start on 127.0.0.1:${port}: ${output.trim() || 'no output'}`,
  );
}
