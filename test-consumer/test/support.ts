import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Root of the repository. */
export const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');

/** The canonical repository URL, used by every package's `repository` field and README links. */
export const REPO_URL = 'https://github.com/smartcitylab-se/sdk';

export interface PublishedPackage {
  /** npm name, e.g. `@smartcitylab/models`. */
  name: string;
  /** Folder name under `packages/`. */
  folder: string;
  dir: string;
  manifest: Manifest;
}

export interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  bin?: Record<string, string>;
  exports?: Record<string, unknown>;
  files?: string[];
  repository?: { type?: string; url?: string; directory?: string };
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

/** Every package under `packages/*` that is not private: what `changeset publish` would publish. */
export function publishedPackages(): PublishedPackage[] {
  const out: PublishedPackage[] = [];
  for (const folder of readdirSync(join(ROOT, 'packages')).sort()) {
    const dir = join(ROOT, 'packages', folder);
    const path = join(dir, 'package.json');
    if (!existsSync(path)) continue;
    const manifest = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
    if (manifest.private) continue;
    out.push({ name: manifest.name, folder, dir, manifest });
  }
  return out;
}

/** The subpaths a package exports, without `./package.json`: `.`, `./geo`, ... */
export function exportedSubpaths(manifest: Manifest): string[] {
  return Object.keys(manifest.exports ?? { '.': null }).filter((k) => !k.endsWith('.json'));
}

/** `@scope/name` + `./sub` → `@scope/name/sub`. */
export function specifier(name: string, subpath: string): string {
  return subpath === '.' ? name : `${name}/${subpath.slice(2)}`;
}

export interface CodeBlock {
  lang: string;
  code: string;
}

/**
 * The first fenced code block of the README's `## Quick start` section, or undefined when the
 * README has no such section.
 */
export function quickStart(readme: string): CodeBlock | undefined {
  const section = /^## Quick start\b[^\n]*$([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(readme);
  if (!section?.[1]) return undefined;
  const block = /^```(\w*)\n([\s\S]*?)^```/m.exec(section[1]);
  if (!block) return undefined;
  return { lang: block[1] ?? '', code: block[2] ?? '' };
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command without a shell and collects its output; never rejects on a non-zero exit. */
export function run(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; input?: string },
): Promise<RunResult> {
  return new Promise((ok, fail) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 600_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      fail(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      ok({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

/** Like `run`, but throws with the command's output when it exits non-zero. */
export async function runOk(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; input?: string },
): Promise<RunResult> {
  const r = await run(command, args, options);
  if (r.code !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} (in ${options.cwd}) exited ${r.code}\n--- stdout\n${r.stdout.slice(-4000)}\n--- stderr\n${r.stderr.slice(-4000)}`,
    );
  }
  return r;
}

/** npm flags for installs in temporary projects: the local cache first, no audit noise. */
export const NPM_INSTALL_FLAGS = [
  '--no-audit',
  '--no-fund',
  '--prefer-offline',
  '--ignore-scripts',
  '--loglevel=error',
];

/** The lowest version a `^x.y.z` or `>=x.y.z` range admits. */
export function minimumOf(range: string): string {
  const m = /^(?:\^|>=|~)?(\d+\.\d+\.\d+)/.exec(range.trim());
  if (!m?.[1]) throw new Error(`Cannot read a minimum version from the range "${range}"`);
  return m[1];
}
