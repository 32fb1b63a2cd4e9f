import fc from 'fast-check';
import { parse as parseCsv } from 'csv-parse/sync';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import {
  csvField,
  csvRecord,
  escapeHtml,
  escapeMarkdown,
  foldIcsLine,
  icsText,
  markdownCode,
  mermaidLabel,
} from '../../../src/core/export/escape.js';
import { sanitize } from '../../../src/core/sanitize.js';

const markdown = new MarkdownIt({ html: true });
/** What a reader sees: the inline Markdown rendered by a CommonMark parser, tags stripped. */
const rendered = (source: string) => markdown.renderInline(source);
const ENTITIES: Record<string, string> = { quot: '"', amp: '&', lt: '<', gt: '>' };
const textOf = (html: string) => html.replace(/<[^>]+>/g, '').replace(/&(quot|amp|lt|gt);/g, (_, name: string) => ENTITIES[name]!);

describe('escapeMarkdown', () => {
  it.each([
    ['**bold** _em_ `code`'],
    ['[link](http://x) ![img](y)'],
    ['<script>alert(1)</script>'],
    ['a | b | c'],
    ['&lt;b&gt; &amp; &#60;'],
    ['C:\\path\\to'],
    ['~~strike~~'],
    ['< 20% and > 5'],
  ])('renders %j as exactly that text, with no markup', (text) => {
    const html = rendered(escapeMarkdown(text));
    expect(html).not.toMatch(/<(strong|em|code|a|img|script|del)\b/);
    expect(textOf(html)).toBe(text);
  });

  it('keeps a leading # or list marker from starting a block', () => {
    for (const text of ['# heading', '- item', '+ item', '1. item', '> quote', '=== setext']) {
      const html = markdown.render(escapeMarkdown(text));
      expect(html).toMatch(/^<p>/);
      expect(textOf(html).trim()).toBe(text);
    }
  });

  it('folds newlines so a heading or list item stays one line', () => {
    expect(escapeMarkdown('one\ntwo\r\nthree')).toBe('one two three');
  });

  it('renders any text as itself (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'ab <>&*_`[]()|#!~\\-+=.1 \'"') }), (text) => {
        const html = rendered(escapeMarkdown(text));
        expect(html).not.toMatch(/<(strong|em|code|a|img|script|del|s)\b/);
        expect(textOf(html)).toBe(text.replace(/\s+/g, ' ').trim());
      }),
      { numRuns: 300 },
    );
  });
});

describe('markdownCode', () => {
  it('fences code that contains backticks and escapes pipes for tables', () => {
    const code = markdownCode('a`b`c|d');
    expect(code).toBe('``a`b`c\\|d``');
    expect(markdown.renderInline(code)).toBe('<code>a`b`c\\|d</code>');
  });
});

describe('escapeHtml', () => {
  it('escapes the five characters that matter', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('leaves no tag or attribute break in any text (property)', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(escapeHtml(text)).not.toMatch(/[<>"']/);
      }),
      { numRuns: 300 },
    );
  });
});

describe('csvField', () => {
  it.each([
    ['=cmd|\' /C calc\'!A0', `'=cmd|' /C calc'!A0`],
    ['+1 555', "'+1 555"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', `'\tx`],
  ])('defuses the formula %j', (value, expected) => {
    expect(parseCsv(csvRecord([value]))[0][0]).toBe(expected);
  });

  it('quotes commas, quotes, line breaks and # and doubles quotes', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('one\ntwo')).toBe('"one\ntwo"');
    expect(csvField('#1')).toBe('"#1"');
    expect(csvField(-3)).toBe('-3');
  });

  it('round-trips any text through a real CSV parser (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 2, maxLength: 5 }), (values) => {
        const [row] = parseCsv(csvRecord(values), { comment: '#' }) as string[][];
        const expected = values.map((v) => sanitize(v.replace(/\r\n?/g, '\n'))).map((v) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v));
        expect(row).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });
});

describe('icsText and foldIcsLine', () => {
  it('escapes backslash, semicolon, comma and newlines', () => {
    expect(icsText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
  });

  it('folds at 75 octets without splitting a UTF-8 character (property)', () => {
    const encoder = new TextEncoder();
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        const folded = foldIcsLine(`SUMMARY:${text}`);
        expect(folded.endsWith('\r\n')).toBe(true);
        const lines = folded.slice(0, -2).split('\r\n');
        for (const [i, line] of lines.entries()) {
          expect(encoder.encode(line).length).toBeLessThanOrEqual(75);
          if (i > 0) expect(line.startsWith(' ')).toBe(true);
          expect(line).not.toMatch(/[\uD800-\uDBFF]$/); // never ends inside a surrogate pair
        }
        expect(lines.map((l, i) => (i === 0 ? l : l.slice(1))).join('')).toBe(`SUMMARY:${text}`);
      }),
      { numRuns: 300 },
    );
  });
});

describe('mermaidLabel', () => {
  it('writes separators as entity codes', () => {
    expect(mermaidLabel('a: b; c #d & <e>')).toBe('a#58; b#59; c #35;d #38; #60;e#62;');
  });

  it('keeps a label from reading as a gantt statement or a comment', () => {
    expect(mermaidLabel('section 5')).toBe('#115;ection 5');
    expect(mermaidLabel('2026-11-02 go')).toBe('#50;026-11-02 go');
    expect(mermaidLabel('%% x')).toBe('#37;% x');
    expect(mermaidLabel('')).toBe('#8203;');
  });

  it('never emits a raw separator or newline (property)', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(mermaidLabel(text).replace(/#\d+;/g, '')).not.toMatch(/[:;#\n\r]/);
      }),
      { numRuns: 300 },
    );
  });
});
