import { describe, expect, it } from 'vitest';
import { siteLinks, startPage } from '../../../scripts/build-docs.js';
import { extractCodeBlocks, guideTitle, localLinks } from '../../../scripts/docs-guides.js';

describe('reading code blocks from markdown', () => {
  it.each([
    {
      name: 'a ts block with its line and no flags',
      given: '# T\n\n```ts\nconst a = 1;\n```\n',
      want: [{ lang: 'ts', flags: [], code: 'const a = 1;\n', line: 3 }],
    },
    {
      name: 'flags after the language, and typescript read as ts',
      given: '```typescript no-run\nx();\n```',
      want: [{ lang: 'ts', flags: ['no-run'], code: 'x();\n', line: 1 }],
    },
    {
      name: 'a longer fence that holds a shorter one',
      given: '````md\n```ts\ny();\n```\n````\n',
      want: [{ lang: 'md', flags: [], code: '```ts\ny();\n```\n', line: 1 }],
    },
    {
      name: 'several blocks of different languages, in order',
      given: '```sh\nls\n```\ntext\n```ts\nz();\n```',
      want: [
        { lang: 'sh', flags: [], code: 'ls\n', line: 1 },
        { lang: 'ts', flags: [], code: 'z();\n', line: 5 },
      ],
    },
    {
      name: 'an unclosed fence running to the end',
      given: '```ts\nopen();',
      want: [{ lang: 'ts', flags: [], code: 'open();\n', line: 1 }],
    },
    { name: 'no blocks in prose', given: 'Just `inline` code.', want: [] },
  ])('finds $name', ({ given, want }) => {
    expect(extractCodeBlocks(given)).toEqual(want);
  });
});

describe('local links of a guide', () => {
  it.each([
    { given: 'See [a](other.md) and [b](../x/y.md#part).', want: ['other.md', '../x/y.md'] },
    { given: '[web](https://example.org) [mail](mailto:a@b.se) [anchor](#top)', want: [] },
    { given: '```md\n[in code](nope.md)\n```\nand `[inline](nope2.md)`', want: [] },
    { given: '[spaced](my%20file.md "title")', want: ['my file.md'] },
  ])('in $given', ({ given, want }) => {
    expect(localLinks(given)).toEqual(want);
  });

  it('takes the first heading as the title', () => {
    expect(guideTitle('intro\n# For procurement\n## x', 'f')).toBe('For procurement');
    expect(guideTitle('no heading', 'fallback')).toBe('fallback');
  });
});

describe('the start page of the site', () => {
  it('links every guide through its typedoc page and escapes titles', () => {
    const { guides } = siteLinks();
    expect(guides.map((g) => g.href)).toContain('api/documents/for-procurement.html');
    const html = startPage([{ title: 'A <b> & "c"', href: 'x.html?a=1&b=2' }], []);
    expect(html).toContain('A &#60;b&#62; &#38; &#34;c&#34;');
    expect(html).toContain('href="x.html?a=1&#38;b=2"');
    expect(html).toContain('href="playground/index.html"');
  });
});
