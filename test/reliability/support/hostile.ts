import fc from 'fast-check';
import { parse } from 'parse5';

/**
 * Hostile input for the fuzz tests, and the check that none of it became markup. Injected markup
 * uses the marker `fz` in its tag and attribute names, so an element or attribute that came from
 * the input is recognisable in the parsed page whatever else the page contains.
 */
export const MARKUP = [
  '<fzx fzattr="1">',
  '"><fzx fzattr>',
  "'><fzx fzattr>",
  '</textarea><fzx>',
  '</title><fzx>',
  '</style><fzx>',
  '<!--<fzx>-->',
  '<![CDATA[<fzx>]]>',
  '<svg><fzx onload="fz()"></svg>',
  '<img src=x onerror="fz()">',
  '<script>fz()</script>',
  '" onfocus="fz()" autofocus fzattr="',
  'javascript:fz()',
  '&lt;fzx&gt;',
  '&#60;fzx&#62;',
];

const specials = fc.constantFrom(
  ...MARKUP,
  "'; DROP TABLE events; --",
  '${7*7}{{7*7}}<%= 7*7 %>',
  '\u0000',
  '\ud800',
  '\udfff',
  '\u202eevil',
  '\ufeff',
  'e\u0301',
  '😀'.repeat(300),
  '../../etc/passwd',
  '%00%E0%A4%A',
  'EVENT#x',
  'PATRON#a@b.c',
  'IDEMPOTENCY#',
  ':c_amount',
  '#c_balance',
  '   ',
  '',
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  '0x7fffffff',
  'ann@example.com',
  'ANN@EXAMPLE.COM\u0000',
  'a@b',
  '"@example.com',
  '2026-02-30T25:61:00Z',
  '0000-00-00',
  '9999-12-31T23:59:59.999Z',
);

export const hostileString = fc.oneof(
  { weight: 3, arbitrary: specials },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.string({ maxLength: 10 }), fc.constantFrom(...MARKUP), fc.string({ maxLength: 10 }))
      .map((p) => p.join('')),
  },
  { weight: 1, arbitrary: fc.integer({ min: 1_001, max: 200_000 }).map((n) => 'x'.repeat(n)) },
);

/** A string as it arrives after UTF-8 encoding: lone surrogates become U+FFFD (encodeURIComponent throws on them). */
export const wellFormed = (s: string) => Buffer.from(s, 'utf8').toString('utf8');

export const hostileNumber = fc.oneof(
  fc.constantFrom(
    2 ** 31,
    2 ** 31 - 1,
    -(2 ** 31),
    -(2 ** 31) - 1,
    -1,
    0,
    -0,
    0.5,
    1.000001,
    1e308,
    -1e308,
    Number.MAX_SAFE_INTEGER,
    2 ** 53 + 2,
    5e-324,
  ),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Any JSON value a client could send for a variable. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 3, arbitrary: hostileNumber },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false) },
  { weight: 1, arbitrary: fc.array(hostileString, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 5 }), hostileString, { maxKeys: 3 }) },
);

interface Node {
  nodeName: string;
  value?: string;
  tagName?: string;
  attrs?: { name: string; value: string }[];
  childNodes?: Node[];
  content?: Node;
}

/**
 * A page as parse5 (a browser's parser) reads it: every element's tag name and attribute names,
 * the attribute values, and the text a reader sees.
 */
export function readPage(html: string) {
  const tags = new Set<string>();
  const attributes = new Set<string>();
  const values: string[] = [];
  const text: string[] = [];
  const walk = (node: Node) => {
    if (node.nodeName === '#text') text.push(node.value ?? '');
    if (node.tagName) {
      tags.add(node.tagName);
      for (const a of node.attrs ?? []) {
        attributes.add(a.name);
        values.push(a.value);
      }
    }
    for (const child of node.childNodes ?? []) walk(child);
    if (node.content) walk(node.content);
  };
  walk(parse(html) as unknown as Node);
  return { tags, attributes, values, text: text.join('') };
}

/**
 * What in a page came from the input rather than from the template: elements or attributes
 * carrying the marker, event-handler attributes, scripts, or any tag or attribute name the
 * product's own pages (`known`) never use.
 */
export function injectedMarkup(html: string, known: { tags: Set<string>; attributes: Set<string> }): string[] {
  const { tags, attributes } = readPage(html);
  const found: string[] = [];
  for (const t of tags) if (t.startsWith('fz') || t === 'script' || !known.tags.has(t)) found.push(`<${t}>`);
  for (const a of attributes)
    if (a.startsWith('fz') || a.startsWith('on') || !known.attributes.has(a)) found.push(`@${a}`);
  return found;
}

export function mergeMarkup(pages: string[]): { tags: Set<string>; attributes: Set<string> } {
  const tags = new Set<string>();
  const attributes = new Set<string>();
  for (const page of pages) {
    const m = readPage(page);
    m.tags.forEach((t) => tags.add(t));
    m.attributes.forEach((a) => attributes.add(a));
  }
  return { tags, attributes };
}

/** The text a reader sees: hostile input shown safely appears here verbatim. */
export const textOf = (html: string) => readPage(html).text;
