export { type Command, commandHelp, type OptionSpec, type ParsedArgs } from './command.js';
export { CliError, UsageError } from './errors.js';
export { type CliIo, EXIT } from './io.js';
export { COMMANDS, runCli } from './main.js';
