/**
 * Reading the markdown guides in docs/guides: their titles, their fenced code blocks (which
 * the playground package's tests compile and run) and their local links.
 */
import { readdirSync } from 'node:fs';

/** One fenced code block of a markdown file. */
export interface CodeBlock {
  /** Language of the fence, lower-cased (`ts`, `sh`, `json`, ...); `typescript` counts as `ts`. */
  lang: string;
  /** Words after the language, e.g. `['no-run']` for a fence written ```` ```ts no-run ````. */
  flags: string[];
  /** The code, without the fences. */
  code: string;
  /** 1-based line of the opening fence. */
  line: number;
}

/** The guide file names in `dir` (`*.md`), sorted. */
export function listGuides(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort();
}

/** Every fenced (```) code block of a markdown text, in order. An unclosed fence runs to the end. */
export function extractCodeBlocks(markdown: string): CodeBlock[] {
  const lines = markdown.split(/\r?\n/);
  const blocks: CodeBlock[] = [];
  let open:
    | { fence: string; lang: string; flags: string[]; line: number; body: string[] }
    | undefined;
  for (const [i, text] of lines.entries()) {
    const fence = /^(\s*)(`{3,}|~{3,})\s*([^\s`]*)\s*(.*)$/.exec(text);
    if (open === undefined) {
      if (!fence?.[2]) continue;
      const lang = (fence[3] ?? '').toLowerCase();
      open = {
        fence: fence[2],
        lang: lang === 'typescript' ? 'ts' : lang,
        flags: (fence[4] ?? '').split(/\s+/).filter(Boolean),
        line: i + 1,
        body: [],
      };
    } else if (fence?.[2]?.startsWith(open.fence) && !fence[3] && !fence[4]) {
      blocks.push({
        lang: open.lang,
        flags: open.flags,
        code: `${open.body.join('\n')}\n`,
        line: open.line,
      });
      open = undefined;
    } else {
      open.body.push(text);
    }
  }
  if (open)
    blocks.push({
      lang: open.lang,
      flags: open.flags,
      code: `${open.body.join('\n')}\n`,
      line: open.line,
    });
  return blocks;
}

/** The first `# Heading` of a markdown text, or `fallback`. */
export function guideTitle(markdown: string, fallback: string): string {
  return /^#\s+(.+?)\s*$/m.exec(markdown)?.[1] ?? fallback;
}

/**
 * Relative link targets of a markdown text outside code (`[text](path)`), without their
 * `#fragment`. Web links (`https:`, `mailto:`), pure anchors and absolute paths are left out.
 */
export function localLinks(markdown: string): string[] {
  const prose = markdown
    .replace(/^(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1[ \t]*$/gm, '')
    .replace(/`[^`\n]*`/g, '');
  const links: string[] = [];
  for (const m of prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
    const target = m[1] ?? '';
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#') || target.startsWith('/'))
      continue;
    const path = target.split('#')[0] ?? '';
    if (path !== '') links.push(decodeURIComponent(path));
  }
  return links;
}
