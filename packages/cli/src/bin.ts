import { runCli } from './index.js';

const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  interactive: Boolean(process.stderr.isTTY) && process.env.CI !== 'true',
  cwd: process.cwd(),
  env: process.env,
});
process.exitCode = code;
