/**
 * `npm run docs`: builds the static docs site into docs/site/.
 *
 * - docs/site/api/: typedoc API reference of every package, with the guides of docs/guides
 *   as project documents (typedoc.json at the root);
 * - docs/site/playground/: the browser playground (scripts/docs-playground.ts);
 * - docs/site/index.html: a start page linking the three.
 *
 * Run: `node --conditions=@smartcitylab/source --import tsx scripts/build-docs.ts [--skip-api]`.
 * Exits non-zero when typedoc reports errors (warnings are fine) or a step fails.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { guideTitle, listGuides } from './docs-guides.js';
import { buildPlayground } from './docs-playground.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SITE = join(ROOT, 'docs', 'site');
const GUIDES = join(ROOT, 'docs', 'guides');

/** One link of the start page. */
export interface SiteLink {
  title: string;
  href: string;
  note?: string;
}

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function list(links: readonly SiteLink[]): string {
  return links
    .map(
      (l) =>
        `<li><a href="${escapeHtml(l.href)}">${escapeHtml(l.title)}</a>${l.note ? ` <span>${escapeHtml(l.note)}</span>` : ''}</li>`,
    )
    .join('\n        ');
}

/** The HTML of the start page. */
export function startPage(guides: readonly SiteLink[], packages: readonly SiteLink[]): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Smart City Lab SDK documentation</title>
    <link rel="icon" href="data:," />
    <style>
      body { font-family: system-ui, sans-serif; color: #1d2733; background: #f6f8fa; max-width: 960px; margin: 0 auto; padding: 1.5rem; }
      section { background: #fff; border: 1px solid #d5dbe2; border-radius: 8px; padding: 0.5rem 1.25rem 1rem; margin-bottom: 1rem; }
      a { color: #005b96; } li { margin: 0.35rem 0; } li span, p { color: #5b6775; }
    </style>
  </head>
  <body>
    <h1>Smart City Lab SDK</h1>
    <p>Typed NGSI-LD, FIWARE Smart Data Models, data-quality checks, LoRaWAN decoders and a
    command line for Swedish municipalities and their suppliers.</p>
    <section>
      <h2>Guides</h2>
      <ul>
        ${list(guides)}
      </ul>
    </section>
    <section>
      <h2>API reference</h2>
      <ul>
        ${list(packages)}
      </ul>
    </section>
    <section>
      <h2>Playground</h2>
      <p><a href="playground/index.html">Check an entity or decode a LoRaWAN payload in your browser</a>.
      It runs entirely in the page; nothing you paste is sent anywhere.</p>
    </section>
  </body>
</html>
`;
}

function runTypedoc(): void {
  const typedoc = join(ROOT, 'node_modules', 'typedoc', 'bin', 'typedoc');
  const result = spawnSync(process.execPath, [typedoc], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    process.stderr.write(
      `build-docs: typedoc failed (exit ${result.status ?? result.signal}); see its errors above.\n`,
    );
    process.exit(1);
  }
}

/** The start page's links: guides as typedoc rendered them, packages by their module page. */
export function siteLinks(site: string = SITE): { guides: SiteLink[]; packages: SiteLink[] } {
  // typedoc names a document page after its path below the common folder of all documents.
  const documents = existsSync(join(site, 'api', 'documents'))
    ? readdirSync(join(site, 'api', 'documents'))
    : [];
  const guides = listGuides(GUIDES).map((file) => {
    const name = file.replace(/\.md$/, '');
    const page = documents.find((d) => d === `${name}.html` || d.endsWith(`_${name}.html`));
    return {
      title: guideTitle(readFileSync(join(GUIDES, file), 'utf8'), name),
      href: `api/documents/${page ?? `${name}.html`}`,
    };
  });
  const packages = [
    'ngsi-ld',
    'models',
    'validate',
    'client',
    'testkit',
    'decoders',
    'conformance',
    'features',
    'indicators',
    'catalog',
    'cli',
  ].map((name) => {
    const page = `api/modules/_smartcitylab_${name}.html`;
    return {
      title: `@smartcitylab/${name}`,
      href: existsSync(join(site, page)) ? page : 'api/index.html',
    };
  });
  return { guides, packages };
}

async function main(): Promise<void> {
  const skipApi = process.argv.includes('--skip-api');
  if (!skipApi) runTypedoc();
  const playground = await buildPlayground(join(SITE, 'playground'));
  await mkdir(SITE, { recursive: true });
  const links = siteLinks();
  await writeFile(join(SITE, 'index.html'), startPage(links.guides, links.packages));
  process.stdout.write(
    `docs: ${skipApi ? 'API reference skipped, ' : ''}${links.guides.length} guides, playground (${(playground.scriptBytes / 1024).toFixed(0)} KiB) in ${SITE}\n`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await main();
}
