import { parseArgs } from 'node:util';
import { UsageError } from './errors.js';
import type { CliIo } from './io.js';

/** One option of a command, in `node:util` parseArgs form plus help text. */
export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  readonly multiple?: boolean;
  readonly description: string;
  /** Placeholder shown in help, e.g. `<url>`. */
  readonly value?: string;
}

/** Parsed arguments of a command. */
export interface ParsedArgs {
  readonly values: Readonly<Record<string, string | boolean | string[] | boolean[] | undefined>>;
  readonly positionals: readonly string[];
}

/** A `smartcity` sub-command. */
export interface Command {
  readonly name: string;
  readonly summary: string;
  /** Usage line after `smartcity <name>`, e.g. `<files|dirs|->... [options]`. */
  readonly usage: string;
  readonly options: Readonly<Record<string, OptionSpec>>;
  readonly examples: readonly string[];
  run(args: ParsedArgs, io: CliIo): Promise<number>;
}

/** Parses `argv` for `command`, turning parse failures into a {@link UsageError}. */
export function parseCommandArgs(command: Command, argv: readonly string[]): ParsedArgs {
  const options: Record<
    string,
    { type: 'string' | 'boolean'; short?: string; multiple?: boolean }
  > = {
    help: { type: 'boolean', short: 'h' },
  };
  for (const [name, spec] of Object.entries(command.options)) {
    options[name] = {
      type: spec.type,
      ...(spec.short ? { short: spec.short } : {}),
      ...(spec.multiple ? { multiple: true } : {}),
    };
  }
  try {
    const parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
    return { values: parsed.values as ParsedArgs['values'], positionals: parsed.positionals };
  } catch (e) {
    const msg = e instanceof Error ? e.message.replace(/\. To specify.*$/s, '') : String(e);
    throw new UsageError(`${msg}. Run "smartcity ${command.name} --help" for the options.`);
  }
}

/** Help text of a command. */
export function commandHelp(command: Command): string {
  const lines = [`smartcity ${command.name} ${command.usage}`, '', command.summary, '', 'Options:'];
  const rows = Object.entries(command.options).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : '    '}--${name}${o.value ? ` ${o.value}` : ''}`;
    return [flag, o.description] as const;
  });
  rows.push(['-h, --help', 'Show this help.']);
  const width = Math.max(...rows.map(([f]) => f.length)) + 2;
  for (const [f, d] of rows) lines.push(`  ${f.padEnd(width)}${d}`);
  if (command.examples.length > 0) {
    lines.push('', 'Examples:');
    for (const ex of command.examples) lines.push(`  ${ex}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Reads a string option, or undefined. */
export function stringOpt(args: ParsedArgs, name: string): string | undefined {
  const v = args.values[name];
  return typeof v === 'string' ? v : undefined;
}

/** Reads a boolean flag. */
export function flag(args: ParsedArgs, name: string): boolean {
  return args.values[name] === true;
}

/** Reads a choice option, rejecting values outside `choices` with a usage error. */
export function choiceOpt<T extends string>(
  args: ParsedArgs,
  name: string,
  choices: readonly T[],
  fallback: T,
): T {
  const v = stringOpt(args, name);
  if (v === undefined) return fallback;
  if ((choices as readonly string[]).includes(v)) return v as T;
  throw new UsageError(`--${name} must be one of ${choices.join(', ')}, not "${v}".`);
}

/** Reads a positive integer option. */
export function intOpt(args: ParsedArgs, name: string, fallback: number): number {
  const v = stringOpt(args, name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0)
    throw new UsageError(`--${name} must be a positive whole number, not "${v}".`);
  return n;
}
