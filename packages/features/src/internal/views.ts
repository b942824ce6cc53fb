/** HTML renderings of the landing page, collections, items and one feature. */
import type { ResolvedCollection } from '../collection.js';
import type { Feature } from '../feature.js';
import { escapeHtml, linkList, page, table, valueCell } from './html.js';

interface LinkLike {
  href: string;
  rel: string;
  type?: string;
  title?: string;
}

export function renderLanding(body: {
  title: string;
  description: string;
  links: readonly LinkLike[];
}): string {
  return page(body.title, `<p>${escapeHtml(body.description)}</p>${linkList(body.links)}`);
}

export function renderCollections(title: string, list: readonly Record<string, unknown>[]): string {
  const rows = list.map((c) => {
    const id = String(c.id);
    return [
      `<a href="collections/${encodeURIComponent(id)}?f=html">${escapeHtml(id)}</a>`,
      escapeHtml(String(c.title ?? '')),
      `<a href="collections/${encodeURIComponent(id)}/items?f=html">items</a>`,
    ];
  });
  return page(`${title}: collections`, table(['id', 'title', 'features'], rows));
}

export function renderCollection(c: Record<string, unknown>): string {
  const extent = c.extent === undefined ? 'no data yet' : `<code>${valueCell(c.extent)}</code>`;
  return page(
    String(c.title ?? c.id),
    `<p>${escapeHtml(String(c.description ?? ''))}</p><p>Extent: ${extent}</p><p>Storage CRS: <code>${escapeHtml(String(c.storageCrs))}</code></p>${linkList(c.links as LinkLike[])}`,
  );
}

export function renderItems(
  c: ResolvedCollection,
  features: readonly string[],
  links: readonly LinkLike[],
  numberMatched: number | undefined,
): string {
  const rows = features.map((text) => {
    const f = JSON.parse(text) as Feature;
    return [
      `<a href="items/${encodeURIComponent(f.id)}?f=html">${escapeHtml(f.id)}</a>`,
      f.geometry ? `<code>${valueCell(f.geometry)}</code>` : '',
      `<code>${valueCell(f.properties)}</code>`,
    ];
  });
  const count = numberMatched === undefined ? '' : ` of ${numberMatched}`;
  return page(
    `${c.title}: features`,
    `<p>${features.length}${count} features.</p>${linkList(links)}${table(['id', 'geometry', 'properties'], rows)}`,
  );
}

export function renderFeature(c: ResolvedCollection, f: Feature): string {
  const rows = Object.entries(f.properties).map(([k, v]) => [escapeHtml(k), valueCell(v)]);
  return page(
    f.id,
    `<p>In collection ${escapeHtml(c.title)}.</p><p>Geometry: <code>${valueCell(f.geometry)}</code></p>${table(['property', 'value'], rows)}${linkList(f.links ?? [])}`,
  );
}
