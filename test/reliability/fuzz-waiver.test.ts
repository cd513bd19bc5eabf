import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NAME_FORBIDDEN } from '../../amplify/functions/waiver/validate';
import type { Edge } from '../../local/edge';
import { scanAll, sesMessages } from '../support/stack';
import {
  DEFAULT_WAIVER_VERSION as VERSION,
  formBody,
  seedEvent,
  seedPatron,
  startDistEdge,
  waiverEnvironment,
} from '../amplify/functions/waiver/support/fixtures';
import { hostileString, injectedMarkup, MARKUP, mergeMarkup, readPage, textOf, wellFormed } from './support/hostile';

/**
 * The patron's waiver page through the local edge, fed hostile form fields, bodies, encodings and
 * links: never a 5xx, nothing written unless the signing succeeded (303), and no element or
 * attribute in any page that came from the input (parsed as a browser would, with parse5).
 */
const SEED = Number(process.env.SCC_FUZZ_SEED ?? 31_337);
const RUNS = Number(process.env.SCC_FUZZ_RUNS ?? 40);
const EVENT = '2027-05-01-fuzz-charter';
const HOSTILE_EVENT = '2027-05-02-hostile-charter';
// Its own event, so the signatures it makes stay within one client's hourly limit per event.
const NAMES_EVENT = '2027-05-03-names-charter';
const HOSTILE_TITLE = `Charter ${MARKUP.join(' ')}`;
const FIELDS = [
  'name',
  'email',
  'phone',
  'dateOfBirth',
  'agree',
  'signature',
  'minorName',
  'minorDateOfBirth',
  'waiverVersion',
  'token',
];
const FORM = 'application/x-www-form-urlencoded';

let table: string;
let edge: Edge;
let known: ReturnType<typeof mergeMarkup>;

const url = (id = EVENT, query = '') => `${edge.url}/g/${id}/waiver${query}`;
const post = (body: BodyInit, type = FORM, id = EVENT) =>
  fetch(url(id), { method: 'POST', headers: type ? { 'content-type': type } : {}, body, redirect: 'manual' });

beforeAll(async () => {
  table = await waiverEnvironment();
  await seedEvent(table, { id: EVENT, title: 'Fuzz charter' });
  await seedPatron(table, EVENT, 'alice@example.com');
  await seedEvent(table, { id: NAMES_EVENT, title: 'Names charter' });
  await seedEvent(table, { id: HOSTILE_EVENT, title: HOSTILE_TITLE, boat: `Boat ${MARKUP[1]}` });
  edge = await startDistEdge();
  // The product's own markup: every page the handler renders from benign input, and the SPA's
  // index.html, which answers any path outside /g/*/waiver (e.g. one that `..` led out of it).
  const pages = await Promise.all([
    fetch(`${edge.url}/`),
    fetch(url()),
    post(formBody({ email: 'not-an-email', minorName: 'Kid', minorDateOfBirth: 'soon' }, VERSION)),
    post(formBody({}, 'an-old-version')),
    fetch(url(EVENT, `?signed=${randomUUID()}`)),
    fetch(url('2030-01-01-nobody')),
    fetch(url('bad%20id')),
    post('x'.repeat(40_000)),
    fetch(url(), { method: 'PUT' }),
  ]);
  known = mergeMarkup(await Promise.all(pages.map((p) => p.text())));
});
afterAll(async () => {
  await edge?.close();
});

/** What every answer must satisfy, given the table as it was before the request. */
async function expectSafe(res: Response, before: Awaited<ReturnType<typeof scanAll>>) {
  const html = await res.text();
  expect(res.status, html.slice(0, 300)).toBeLessThan(500);
  if (res.status !== 303) expect(await scanAll(table)).toEqual(before);
  if ((res.headers.get('content-type') ?? '').includes('html')) expect(injectedMarkup(html, known)).toEqual([]);
  return html;
}

describe('the waiver form under hostile input', () => {
  it('renders the product’s own markup as the baseline (so the checks below can fail)', () => {
    expect(injectedMarkup('<p><fzx fzattr></fzx><img src=x onerror=1></p>', known)).toEqual([
      '<fzx>',
      '<img>',
      '@fzattr',
      '@src',
      '@onerror',
    ]);
    expect(known.tags).toContain('form');
    expect(known.tags).not.toContain('script');
    expect([...known.attributes].filter((a) => a.startsWith('on'))).toEqual([]);
  });

  it('shows a hostile event title and boat as text', async () => {
    const res = await fetch(url(HOSTILE_EVENT));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(injectedMarkup(html, known)).toEqual([]);
    expect(textOf(html)).toContain(HOSTILE_TITLE);
  });

  it('takes random values in any fields: no 5xx, no write unless signed, no injected markup', async () => {
    const value = fc.oneof(hostileString, fc.array(hostileString, { minLength: 2, maxLength: 4 }));
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.constantFrom(...FIELDS), value, { minKeys: 1, maxKeys: 4 }),
        async (overrides) => {
          const before = await scanAll(table);
          const res = await post(formBody(overrides as Record<string, string | string[]>, VERSION));
          await expectSafe(res, before);
          if (res.status === 303)
            await expectSafe(await fetch(new URL(res.headers.get('location')!, edge.url)), await scanAll(table));
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  }, 120_000);

  it('signs with hostile but acceptable names, and the emailed copy shows them as text', async () => {
    // What the form accepts as a name: none of the validator's forbidden characters, at most 100 characters.
    const forbidden = new RegExp(NAME_FORBIDDEN.source, 'gu');
    const acceptable = hostileString
      .map((s) => wellFormed(s).replace(forbidden, '').replace(/\s+/g, ' ').trim().slice(0, 90))
      .filter((s) => s.length > 0);
    let signer = 0;
    const sign = async (name: string, minorName: string) => {
      signer += 1;
      const email = `fuzz-signer-${signer}-${randomUUID().slice(0, 6)}@example.com`;
      const res = await post(
        formBody(
          {
            name: `Al ${name}`,
            signature: `Al ${name}`,
            email,
            minorName: `Kid ${minorName}`,
            minorDateOfBirth: '2020-02-02',
          },
          VERSION,
        ),
        FORM,
        NAMES_EVENT,
      );
      expect(res.status, await res.text()).toBe(303);
      const [mail] = await sesMessages(email);
      return mail!.body.html ?? '';
    };
    const mailMarkup = mergeMarkup([await sign('Plain', 'Plain')]);
    await fc.assert(
      fc.asyncProperty(acceptable, acceptable, async (name, minorName) => {
        const html = await sign(name, minorName);
        expect(injectedMarkup(html, mailMarkup)).toEqual([]);
        expect(textOf(html).replace(/\s+/g, ' ')).toContain(`Al ${name}`);
      }),
      { seed: SEED, numRuns: Math.ceil(RUNS / 3) },
    );
  }, 90_000);

  it('re-renders each hostile value it refuses as text, never as markup', async () => {
    for (const markup of MARKUP) {
      const before = await scanAll(table);
      const res = await post(
        formBody(
          { name: `Al ${markup}`, email: `bad ${markup}`, minorName: `Kid ${markup}`, minorDateOfBirth: 'x' },
          VERSION,
        ),
      );
      const html = await expectSafe(res, before);
      expect(res.status).toBe(400);
      // The patron's own values come back, as attribute values (the inputs), not as markup.
      expect(readPage(html).values).toContain(`Al ${markup}`);
    }
  }, 60_000);

  it('answers odd encodings and content types without a 5xx or a write', async () => {
    const valid = formBody({}, VERSION);
    const bodies: [BodyInit, string][] = [
      [valid.replace('name=', 'name=%E0%A4%A'), FORM],
      [valid.replace('name=', 'name=%ZZ%'), FORM],
      [valid.replace('name=', 'name=%FF%FE%00'), FORM],
      [Buffer.concat([Buffer.from('name='), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), Buffer.from('&' + valid)]), FORM],
      [valid, `${FORM}; charset=ISO-8859-1`],
      [valid, FORM.toUpperCase()],
      [valid, 'multipart/form-data; boundary=x'],
      [valid, 'text/plain'],
      [valid, ''],
      [`${valid}&${'a=1&'.repeat(7_000)}`, FORM],
      ['x'.repeat(1024 * 1024), FORM],
      ['&&&===&&', FORM],
    ];
    for (const [body, type] of bodies) {
      const before = await scanAll(table);
      const res = await post(body, type);
      await expectSafe(res, before);
    }
  }, 60_000);

  it('answers random bytes as a form body without a 5xx or a write', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 3_000 }), async (bytes) => {
        const before = await scanAll(table);
        await expectSafe(await post(Buffer.from(bytes)), before);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  }, 60_000);

  it('answers hostile links (event ids and query strings) without a 5xx or injected markup', async () => {
    const percentBytes = fc
      .uint8Array({ minLength: 1, maxLength: 40 })
      .map((b) => [...b].map((x) => '%' + x.toString(16).padStart(2, '0')).join(''));
    const id = fc.oneof(
      hostileString.map((s) => encodeURIComponent(wellFormed(s))),
      hostileString.map((s) => s.replace(/[?#]/g, '')),
      percentBytes,
    );
    await fc.assert(
      fc.asyncProperty(id, hostileString, async (path, signed) => {
        const before = await scanAll(table);
        const res = await fetch(url(path || 'x', `?signed=${encodeURIComponent(wellFormed(signed))}`)).catch(
          () => null,
        );
        // fetch refuses some URLs outright (e.g. raw control characters): nothing was sent then.
        if (res) await expectSafe(res, before);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  }, 60_000);
});
