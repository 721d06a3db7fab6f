import { describe, expect, it } from 'vitest';
import { WorkBudget } from '../src/index.js';
import { readIisConfig } from '../src/deploy/iisConfig.js';
import { rejectionCode } from './fixtures.js';

// applicationHost.config is read with sax (strict mode); these are the checks the reader adds
// around it, and the bounds it keeps while sax streams.
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const read = (text: string) => readIisConfig(utf8(text), 'c.config', new WorkBudget());
const config = (body: string) => read(`<configuration>${body}</configuration>`);
const site = (attributes: string) =>
  `<system.applicationHost><sites><site ${attributes}/></sites></system.applicationHost>`;

describe('applicationHost.config through sax', () => {
  it('"&lt;" in a value is a "<", a raw "<" after it in the same tag is still refused', async () => {
    const c = await config(site('name="a &lt;b&gt;" id="3"'));
    expect(c.sites.map((s) => [s.name, s.id])).toEqual([['a <b>', 3]]);
    await expect(config('<a x="&lt;" b="<"/>')).rejects.toThrow(/line 1: a "<" in the value of b/);
  });

  it.each([
    ['<a>x &foo; y</a>', /an entity reference in text that is neither predefined/],
    ['<!DOCTYPE x>', /has a DOCTYPE/],
    ['<!ENTITY x "y">', /has a DOCTYPE/],
    ['<!ELEMENT x ANY>', /"<!" that starts no comment or CDATA section/],
    ['<!-- a -- b -->', /"--" inside a comment/],
    ['<a b="1"c="2"/>', /no space before an attribute of <a>/],
    ['< a/>', /line 1: a "<" that starts no tag/],
    ['<a></ a>', /line 1: a "<" that starts no tag/],
    ['<a>< /a>', /line 1: a "<" that starts no tag/],
    ['<a></\ta>', /line 1: a "<" that starts no tag/],
    ['<a>\n</\na>', /line 3: a "<" that starts no tag/],
    ['<a><b/>\n<b/></b></a>', /line 2: <\/b> closes <a>/],
    ['<a">', /line 1: a character XML does not allow in the tag name <a…>/],
    [site('name="a" name="b"'), /the attribute name is repeated/],
    ['</configuration>x<configuration>', /text outside the root element/],
  ])('%s is refused as MALFORMED', async (body, message) => {
    await expect(config(body)).rejects.toThrow(message);
    expect(await rejectionCode(config(body))).toBe('MALFORMED');
  });

  it('white space after "<" inside a comment or CDATA is not a tag: the file is read', async () => {
    const c = await config(`<!-- < a </ b -->${site('name="s" id="2"')}<![CDATA[</ c>]]>`);
    expect(c.sites.map((s) => [s.name, s.id])).toEqual([['s', 2]]);
  });

  it.each([
    ['x<configuration/>', /line 1: text before the root element/],
    ['<configuration/>\n\nx', /line 3: text outside the root element/],
    ['<configuration></x>', /<\/x> closes <configuration>/],
    ['<configuration/></x>', /<\/x> closes no element/],
    ['<configuration><?xml ', /a processing instruction that never ends/],
    ['<configuration></configuration', /the end tag <\/configuration> is not closed by ">"/],
    ['<configuration><![CDATA[ x', /comment or CDATA section that never ends/],
  ])('%j is MALFORMED, saying where', async (text, message) => {
    await expect(read(text)).rejects.toThrow(message);
    expect(await rejectionCode(read(text))).toBe('MALFORMED');
  });

  it('a value over 4,096 characters is LIMIT_EXCEEDED, read or not, ended or not', async () => {
    for (const text of [
      `<configuration><x a="${'v'.repeat(4097)}"/></configuration>`,
      `<configuration>${site(`name="${'v'.repeat(4097)}"`)}</configuration>`,
      `<configuration><x a="${'v'.repeat(200_000)}`,
    ])
      expect(await rejectionCode(read(text))).toBe('LIMIT_EXCEEDED');
  });

  it('a tag and a value across the boundary of two writes to the parser are read whole', async () => {
    for (const pad of [65_500, 65_520, 65_530, 65_536, 65_540]) {
      const c = await config(`${' '.repeat(pad)}${site('name="Across" id="9"')}`);
      expect(c.sites.map((s) => [s.name, s.id])).toEqual([['Across', 9]]);
    }
  });

  it('an element with more than 4,096 distinct attributes is LIMIT_EXCEEDED; 4,096 are read, repeats cost nothing', async () => {
    const attributes = (n: number): string =>
      Array.from({ length: n }, (_, i) => `a${i}="1"`).join(' ');
    await expect(read(`<configuration><x ${attributes(4097)}/></configuration>`)).rejects.toThrow(
      /an element <x> with more than 4,096 attributes \(line 1\)/,
    );
    expect(
      await rejectionCode(read(`<configuration><x ${attributes(4097)}/></configuration>`)),
    ).toBe('LIMIT_EXCEEDED');
    expect((await read(`<configuration><x ${attributes(4096)}/></configuration>`)).sites).toEqual(
      [],
    );
    // The same name again and again: sax drops each repeat before this reader sees it.
    expect(
      (await read(`<configuration><x ${'a="1" '.repeat(100_000)}/></configuration>`)).sites,
    ).toEqual([]);
  });

  it('one element of 2.7 million "&lt;" values (24 MiB) is read: the raw "<" check stays linear (its time: npm run bench, hostile cases)', async () => {
    const text = `<configuration><x ${'a="&lt;" '.repeat(2_700_000)}/></configuration>`;
    expect(text.length).toBeGreaterThan(24_000_000);
    expect((await read(text)).sites).toEqual([]);
  });
});
