import { startBroker } from '@smartcitylab/testkit';
import { type Command, intOpt, stringOpt } from '../command.js';
import { EXIT, println } from '../io.js';

/** `smartcity broker`: the in-process NGSI-LD broker of the testkit, for local work. */
export const brokerCommand: Command = {
  name: 'broker',
  summary:
    'Starts the embedded NGSI-LD broker (in memory, API 1.8) for local development; stops on Ctrl-C. Not for production data.',
  usage: '[--port <n>] [--host <address>]',
  options: {
    port: {
      type: 'string',
      short: 'p',
      value: '<n>',
      description: 'Port to listen on (default 1026).',
    },
    host: {
      type: 'string',
      value: '<address>',
      description: 'Address to bind (default 127.0.0.1).',
    },
  },
  examples: ['smartcity broker', 'smartcity broker --port 9090'],
  async run(args, io) {
    const port = intOpt(args, 'port', 1026);
    const host = stringOpt(args, 'host') ?? '127.0.0.1';
    const broker = await startBroker({ port, host });
    println(io.stdout, `NGSI-LD broker listening on ${broker.url} (Ctrl-C to stop)`);
    await new Promise<void>((resolve) => {
      const stop = (): void => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    await broker.close();
    return EXIT.ok;
  },
};
