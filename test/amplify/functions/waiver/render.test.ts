import { gzipSync } from 'node:zlib';
import { parse } from 'parse5';
import { describe, expect, it } from 'vitest';

import { renderWaiverEmail } from '../../../../amplify/functions/waiver/email';
import {
  renderConfirmation,
  renderErrorPage,
  renderWaiverPage,
  type EventView,
} from '../../../../amplify/functions/waiver/render';
import { emptyForm, MAX_MINORS, parseForm, type WaiverForm } from '../../../../amplify/functions/waiver/validate';
import { DEFAULT_WAIVER_TEXT } from './support/fixtures';

const XSS = `"><script>alert(1)</script><img src=x onerror=alert(2)>`;
const event: EventView = {
  id: '2026-05-23-alice-period',
  title: 'Sunset sail',
  startsAt: '2026-05-23T22:00:00.000Z',
  boat: 'Lady Washington',
};

const render = (
  over: { event?: Partial<EventView>; form?: Partial<WaiverForm>; text?: string; errors?: Record<string, string> } = {},
) =>
  renderWaiverPage({
    event: { ...event, ...over.event },
    path: '/g/2026-05-23-alice-period/waiver',
    waiverText: over.text ?? DEFAULT_WAIVER_TEXT,
    waiverVersion: 'v1',
    token: '6f1c2a9e-0000-4000-8000-000000000001',
    form: { ...emptyForm(), ...over.form },
    errors: over.errors ?? {},
    timeZone: 'America/New_York',
  });

/** Whether the payload became markup: a script or img element, or an on* attribute, as a browser parses it. */
function injected(html: string): boolean {
  const walk = (node: any): boolean =>
    ['script', 'img'].includes(node.tagName) ||
    (node.attrs ?? []).some((a: { name: string }) => a.name.startsWith('on')) ||
    (node.childNodes ?? []).some(walk);
  return walk(parse(html));
}

describe('the waiver page', () => {
  it('detects injected markup when it is there (the check below can fail)', () => {
    expect(injected(`<h1>${XSS}</h1>`)).toBe(true);
  });

  it('escapes markup in the event title and boat', () => {
    const html = render({ event: { title: XSS, boat: XSS } });
    expect(injected(html)).toBe(false);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('escapes markup in what the patron typed, names of minors included', () => {
    const minors = emptyForm().minors.map((m, i) => (i === 0 ? { name: XSS, dateOfBirth: XSS } : m));
    const html = render({
      form: { name: XSS, email: XSS, phone: XSS, dateOfBirth: XSS, signature: XSS, minors },
      errors: { name: XSS },
    });
    expect(injected(html)).toBe(false);
    expect(html).toContain('value="&quot;&gt;&lt;script&gt;');
  });

  it('shows raw HTML in the waiver text as text, and drops javascript: links', () => {
    const html = render({ text: `# Terms ${XSS}\n\n<b>bold?</b> [click](javascript:alert(3))` });
    expect(injected(html)).toBe(false);
    expect(html).toContain('&lt;b&gt;bold?&lt;/b&gt;');
    expect(html).not.toContain('href="javascript:');
  });

  it("renders the waiver's Markdown below the page's own headings", () => {
    const html = render({ text: '# Title\n\n## Section\n\n**Bold** text' });
    expect(html).toContain('<h3>Title</h3>');
    expect(html).toContain('<h4>Section</h4>');
    expect(html).toContain('<strong>Bold</strong>');
  });

  it('offers a row for each of up to 10 minors', () => {
    expect(render().match(/name="minorName"/g)).toHaveLength(MAX_MINORS);
  });

  it('links each error in the summary to its field', () => {
    const html = render({ errors: { 'minors.3.dateOfBirth': 'Enter minor 4’s date of birth' } });
    expect(html).toContain('<a href="#minor-3-dob">');
    expect(html).toContain('id="minor-3-dob"');
    expect(html).toMatch(/<details id="minors" open>/);
  });

  it('stays within 15 KB gzip with the default text and every field filled', () => {
    const minors = emptyForm().minors.map((_, i) => ({ name: `Minor Number ${i}`, dateOfBirth: '2015-01-01' }));
    const html = render({ form: { name: 'Alice Period', email: 'a@example.com', phone: '+1 555 010 0199', minors } });
    expect(gzipSync(html).length).toBeLessThan(15 * 1024);
  });
});

describe('the other pages', () => {
  it('escapes the reference on the confirmation page', () => {
    const html = renderConfirmation({
      event: { ...event, title: XSS },
      path: '/g/x/waiver',
      waiverId: XSS,
      timeZone: 'UTC',
    });
    expect(injected(html)).toBe(false);
  });

  it.each([400, 403, 404, 405, 410, 413, 429, 500, 503])('has an HTML page of its own for %i', (status) => {
    const html = renderErrorPage(status);
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toMatch(/<h1>[^<]+<\/h1>/);
    if (status !== 500) expect(html).not.toContain('Something went wrong');
    expect(html).not.toContain('>Retry</a>');
  });

  it('offers the waiver’s own path as a Retry link, escaped', () => {
    expect(renderErrorPage(503, '/g/a%22b/waiver')).toContain('<a href="/g/a%22b/waiver">Retry</a>');
    expect(injected(renderErrorPage(503, `/g/x/waiver${XSS}`))).toBe(false);
  });

  it('escapes the signer’s values in the emailed copy', () => {
    const { html } = renderWaiverEmail(
      { ...event, title: XSS },
      {
        id: 'w1',
        eventId: event.id,
        waiverVersion: 'v',
        text: `# T\n\n${XSS}`,
        name: XSS,
        email: 'a@example.com',
        phone: XSS,
        dateOfBirth: '1980-01-01',
        signature: XSS,
        minors: [{ name: XSS, dateOfBirth: '2015-01-01' }],
        signedAt: '2026-01-01T00:00:00.000Z',
        ip: '127.0.0.1',
        userAgent: 'ua',
      },
      'UTC',
    );
    expect(injected(html)).toBe(false);
  });
});

describe('the emailed copy’s subject', () => {
  it('keeps an event title carrying CR/LF on one line, adding no header', () => {
    const { subject } = renderWaiverEmail(
      { ...event, title: 'Sail\r\nBcc: victim@example.com\u0000' },
      {
        id: 'w1',
        eventId: event.id,
        waiverVersion: 'v',
        text: 'T',
        name: 'A B',
        email: 'a@example.com',
        phone: '1234567',
        dateOfBirth: '1980-01-01',
        signature: 'A B',
        minors: [],
        signedAt: '2026-01-01T00:00:00.000Z',
        ip: '127.0.0.1',
        userAgent: 'ua',
      },
      'UTC',
    );
    expect(subject).toBe('Signed waiver: Sail Bcc: victim@example.com');
    expect(subject).not.toMatch(/\p{Cc}/u);
  });
});

describe('parsing the form', () => {
  it('pairs minor names and dates by position, up to 10', () => {
    const body = new URLSearchParams([
      ['minorName', 'A'],
      ['minorDateOfBirth', '2015-01-01'],
      ['minorName', ''],
      ['minorDateOfBirth', ''],
      ['minorName', 'C'],
      ['minorDateOfBirth', '2016-01-01'],
    ]).toString();
    const form = parseForm(body);
    expect(form.minors).toHaveLength(MAX_MINORS);
    expect(form.minors.slice(0, 3)).toEqual([
      { name: 'A', dateOfBirth: '2015-01-01' },
      { name: '', dateOfBirth: '' },
      { name: 'C', dateOfBirth: '2016-01-01' },
    ]);
  });
});
