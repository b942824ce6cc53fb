import { isHttpError, isNetworkError, isNgsiLdError, isTimeoutError } from '@smartcitylab/ngsi-ld';
import { type Command, commandHelp, parseCommandArgs } from './command.js';
import { brokerCommand } from './commands/broker.js';
import { catalogCommand } from './commands/catalog.js';
import { conformCommand } from './commands/conform.js';
import { convertCommand } from './commands/convert.js';
import { decodeCommand } from './commands/decode.js';
import { demoCommand } from './commands/demo.js';
import { featuresCommand } from './commands/features.js';
import { importFeaturesCommand } from './commands/import-features.js';
import { kpiCommand } from './commands/kpi.js';
import { modelsCommand } from './commands/models.js';
import { pushCommand } from './commands/push.js';
import { queryCommand } from './commands/query.js';
import { specCommand } from './commands/spec.js';
import { validateCommand } from './commands/validate.js';
import { CliError, oneLine, UsageError } from './errors.js';
import { type CliIo, EXIT, println } from './io.js';

/** Every sub-command, in the order `smartcity --help` lists them. */
export const COMMANDS: readonly Command[] = [
  validateCommand,
  decodeCommand,
  convertCommand,
  pushCommand,
  queryCommand,
  modelsCommand,
  kpiCommand,
  catalogCommand,
  brokerCommand,
  featuresCommand,
  importFeaturesCommand,
  demoCommand,
  conformCommand,
  specCommand,
];

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 2;
  const lines = [
    'smartcity: Smart City Lab SDK on the command line (NGSI-LD, Smart Data Models, data quality, LoRaWAN).',
    '',
    'Usage: smartcity <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map(
      (c) => `  ${c.name.padEnd(width)}${c.summary.split('. ')[0]?.replace(/\.$/, '')}.`,
    ),
    '',
    'Run "smartcity <command> --help" for its options and examples.',
    'Exit codes: 0 ok, 1 findings (invalid data, failed entities), 2 usage or runtime error.',
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * Runs the command line with `argv` (without the node and script paths) and returns the exit
 * code. Errors a user can cause print one line on stderr, never a stack trace.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(overview());
    return name === undefined ? EXIT.error : EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    println(io.stdout, '0.0.0');
    return EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    println(
      io.stderr,
      `smartcity: unknown command "${name}". Run "smartcity --help" for the list.`,
    );
    return EXIT.error;
  }
  try {
    const args = parseCommandArgs(command, rest);
    if (args.values.help === true) {
      io.stdout.write(commandHelp(command));
      return EXIT.ok;
    }
    return await command.run(args, io);
  } catch (e) {
    const prefix = `smartcity ${command.name}:`;
    if (e instanceof UsageError || e instanceof CliError)
      println(io.stderr, `${prefix} ${oneLine(e)}`);
    else if (isNetworkError(e) || isTimeoutError(e)) {
      println(
        io.stderr,
        `${prefix} ${oneLine(e)}. Check the broker URL and that the broker is running.`,
      );
    } else if (isHttpError(e)) {
      println(io.stderr, `${prefix} the broker answered ${e.status} ${e.code}: ${oneLine(e)}`);
    } else if (isNgsiLdError(e)) println(io.stderr, `${prefix} ${oneLine(e)}`);
    else
      println(
        io.stderr,
        `${prefix} ${oneLine(e)} (unexpected; please report it with the command you ran)`,
      );
    return EXIT.error;
  }
}
