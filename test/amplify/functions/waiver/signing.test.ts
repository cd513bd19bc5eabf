import { describe, expect, it } from 'vitest';

import {
  auditPk,
  eventPk,
  EVENT_SK,
  patronSk,
  WAIVER_TEXT_SK,
  waiverTextPk,
  walkUpSk,
} from '../../../../amplify/data/keys';
import { scanAll, sesMessages } from '../../../support/stack';
import {
  DEFAULT_WAIVER_TEXT,
  DEFAULT_WAIVER_VERSION as VERSION,
  formBody,
  getItem,
  queryPrefix,
  seedPatron,
  startDistEdge,
  waiverConfig,
  waiverSuite,
} from './support/fixtures';
const suite = waiverSuite('2026-06-01-sail');
const { freshEvent, post, postPersonal } = suite;

describe('signing a waiver', () => {
  it('answers 303 to a confirmation page', async () => {
    const id = await freshEvent();
    const res = await post(id, formBody({}, VERSION));
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    expect(location).toMatch(new RegExp(`^/g/${id}/waiver\\?signed=[0-9a-f-]{36}$`));
    const confirmation = await fetch(suite.edge.url + location);
    expect(confirmation.status).toBe(200);
    const html = await confirmation.text();
    expect(html).toContain('Waiver signed');
    expect(html).toContain(location.split('=')[1]);
  });

  it('stores who signed it and the SHA-256 of the text signed, with no expiry; the text itself once, under that hash', async () => {
    const id = await freshEvent();
    await seedPatron(suite.table, id, 'alice@example.com');
    const body = formBody({ minorName: ['Bobby Period', ''], minorDateOfBirth: ['2015-09-01', ''] }, VERSION);
    await post(id, body);
    const [waiver] = await queryPrefix(suite.table, eventPk(id), 'WAIVER#');
    expect(waiver).toMatchObject({
      type: 'Waiver',
      eventId: id,
      waiverVersion: VERSION,
      name: 'Alice Period',
      email: 'alice@example.com',
      phone: '+1 555 010 0199',
      dateOfBirth: '1985-04-12',
      signature: 'Alice Period',
      minors: [{ name: 'Bobby Period', dateOfBirth: '2015-09-01' }],
      ip: '127.0.0.1',
      userAgent: 'WaiverTest/1.0',
    });
    expect(waiver!.SK).toBe(`WAIVER#${waiver!.signedAt}#${waiver!.id}`);
    expect(Date.now() - Date.parse(waiver!.signedAt)).toBeLessThan(60_000);
    expect(waiver).not.toHaveProperty('expiresAt');
    expect(waiver).not.toHaveProperty('text');
    expect(await getItem(suite.table, waiverTextPk(VERSION), WAIVER_TEXT_SK)).toMatchObject({
      type: 'WaiverText',
      version: VERSION,
      text: DEFAULT_WAIVER_TEXT,
    });
  });

  it('links the waiver to the roster entry: who signed, for whom, and the people it covers', async () => {
    const id = await freshEvent({ rosterCount: 1, headCount: 2, waiversSigned: 0 });
    await seedPatron(suite.table, id, 'alice@example.com');
    await postPersonal(
      id,
      'alice@example.com',
      formBody({ minorName: ['Bobby Period'], minorDateOfBirth: ['2015-09-01'] }, VERSION),
    );
    const [waiver] = await queryPrefix(suite.table, eventPk(id), 'WAIVER#');
    const entry = await getItem(suite.table, eventPk(id), patronSk('alice@example.com'));
    expect(entry).toMatchObject({
      waiverSignedAt: waiver!.signedAt,
      waiverId: waiver!.id,
      waiverSignedBy: 'Alice Period',
      waiverMinors: ['Bobby Period'],
      waiverPeople: 2,
      waiverVersion: VERSION,
      name: 'Alice Period',
      balanceCents: 10000,
    });
    expect(await getItem(suite.table, eventPk(id), EVENT_SK)).toMatchObject({
      rosterCount: 1,
      headCount: 2,
      waiversSigned: 2,
    });
  });

  it('keeps both records when the same patron signs twice, counting the people of the latest once', async () => {
    const id = await freshEvent({ rosterCount: 1, headCount: 2 });
    await seedPatron(suite.table, id, 'alice@example.com');
    await postPersonal(
      id,
      'alice@example.com',
      formBody({ minorName: ['Bobby Period'], minorDateOfBirth: ['2015-09-01'] }, VERSION),
    );
    await postPersonal(id, 'alice@example.com', formBody({ phone: '+1 555 010 0200' }, VERSION));
    const waivers = await queryPrefix(suite.table, eventPk(id), 'WAIVER#');
    expect(waivers.map((w) => w.phone).sort()).toEqual(['+1 555 010 0199', '+1 555 010 0200']);
    expect(await getItem(suite.table, eventPk(id), EVENT_SK)).toMatchObject({ rosterCount: 1, waiversSigned: 1 });
    const entry = await getItem(suite.table, eventPk(id), patronSk('alice@example.com'));
    expect(entry!.waiverId).toBe(waivers.sort((a, b) => a.SK.localeCompare(b.SK)).at(-1)!.id);
  });

  it('stores both of two signatures for the same patron made at once, one of them current, counted once', async () => {
    const id = await freshEvent({ rosterCount: 1, headCount: 2, waiversSigned: 0 });
    await seedPatron(suite.table, id, 'alice@example.com');
    const results = await Promise.all([
      postPersonal(
        id,
        'alice@example.com',
        formBody({ minorName: ['Bobby Period'], minorDateOfBirth: ['2015-09-01'] }, VERSION),
      ),
      postPersonal(id, 'alice@example.com', formBody({ phone: '+1 555 010 0200' }, VERSION)),
    ]);
    expect(results.map((r) => r.status)).toEqual([303, 303]);
    const waivers = await queryPrefix(suite.table, eventPk(id), 'WAIVER#');
    expect(waivers).toHaveLength(2);
    const entry = await getItem(suite.table, eventPk(id), patronSk('alice@example.com'));
    const current = waivers.find((w) => w.id === entry!.waiverId)!;
    expect(current).toBeDefined();
    expect(entry!.waiverPeople).toBe(1 + current.minors.length);
    expect(await getItem(suite.table, eventPk(id), EVENT_SK)).toMatchObject({ waiversSigned: entry!.waiverPeople });
  });

  it('keeps a signer who is not on the roster off it, as a walk-up with their party', async () => {
    const id = await freshEvent({ rosterCount: 3, headCount: 3, waiversSigned: 1 });
    await post(
      id,
      formBody(
        {
          name: 'Walk Up',
          signature: 'walk up',
          email: 'WALK@example.com',
          minorName: ['Kid One', 'Kid Two'],
          minorDateOfBirth: ['2014-01-01', '2016-02-02'],
        },
        VERSION,
      ),
    );
    expect(await getItem(suite.table, eventPk(id), patronSk('walk@example.com'))).toBeUndefined();
    expect(await getItem(suite.table, eventPk(id), walkUpSk('walk@example.com'))).toMatchObject({
      type: 'WalkUp',
      eventId: id,
      email: 'walk@example.com',
      name: 'Walk Up',
      partySize: 3,
      waiverSignedBy: 'Walk Up',
      waiverMinors: ['Kid One', 'Kid Two'],
      waiverPeople: 3,
      waiverVersion: VERSION,
    });
    expect(await getItem(suite.table, eventPk(id), EVENT_SK)).toMatchObject({
      rosterCount: 3,
      headCount: 3,
      waiversSigned: 1,
    });
  });

  it('keeps one walk-up and unchanged counters when the same new signer submits several forms at once', async () => {
    const id = await freshEvent({ rosterCount: 2, headCount: 2, waiversSigned: 0 });
    const results = await Promise.all(
      Array.from({ length: 4 }, () => post(id, formBody({ email: 'race@example.com' }, VERSION))),
    );
    expect(results.map((r) => r.status)).toEqual([303, 303, 303, 303]);
    const waivers = await queryPrefix(suite.table, eventPk(id), 'WAIVER#');
    expect(waivers).toHaveLength(4);
    expect(await queryPrefix(suite.table, eventPk(id), 'GUEST#')).toEqual([
      expect.objectContaining({ email: 'race@example.com', waiverPeople: 1 }),
    ]);
    expect(waivers.map((w) => w.id)).toContain(
      (await getItem(suite.table, eventPk(id), walkUpSk('race@example.com')))!.waiverId,
    );
    expect(await getItem(suite.table, eventPk(id), EVENT_SK)).toMatchObject({
      rosterCount: 2,
      headCount: 2,
      waiversSigned: 0,
    });
  });

  it('writes an audit record of the waiver link, its before-image the one the write was conditioned on', async () => {
    const id = await freshEvent();
    await seedPatron(suite.table, id, 'alice@example.com');
    await postPersonal(id, 'alice@example.com', formBody({}, VERSION));
    const [audit] = await queryPrefix(suite.table, auditPk(id), '2');
    expect(audit).toMatchObject({
      type: 'Audit',
      actor: 'waiver:alice@example.com',
      operation: 'signWaiver',
      entity: id,
    });
    expect(audit!.before).toEqual({ email: 'alice@example.com' });
    expect(audit!.after).toMatchObject({ email: 'alice@example.com', waiverSignedAt: audit!.at, waiverPeople: 1 });
    expect(audit).not.toHaveProperty('expiresAt');
  });

  it('emails the signer a copy, with the operator in Bcc', async () => {
    const id = await freshEvent({ title: 'Copy test sail' });
    await post(id, formBody({ email: 'copy@example.com' }, VERSION));
    const [mail] = await sesMessages('copy@example.com');
    expect(mail).toBeDefined();
    expect(mail!.subject).toBe('Signed waiver: Copy test sail');
    expect(mail!.from).toBe('bookings@example.com');
    expect(mail!.body.text).toContain('Release of liability, assumption of risk and indemnity');
    expect(mail!.body.text).toContain(VERSION);
    expect(await sesMessages('audit@example.com')).toContainEqual(
      expect.objectContaining({ messageId: mail!.messageId }),
    );
  });

  it('still records the signature when the email copy cannot be sent', async () => {
    const id = await freshEvent();
    // The same Lambda, with nothing listening where its SES should be (the discard port).
    const noMail = await startDistEdge({ waiverConfig: waiverConfig({ mail: { endpoint: 'http://127.0.0.1:9' } }) });
    try {
      const res = await fetch(`${noMail.url}/g/${id}/waiver`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: formBody({ email: 'nomail@example.com' }, VERSION),
        redirect: 'manual',
      });
      expect(res.status).toBe(303);
    } finally {
      await noMail.close();
    }
    expect(await sesMessages('nomail@example.com')).toEqual([]);
    expect(await queryPrefix(suite.table, eventPk(id), 'WAIVER#')).toHaveLength(1);
  });
});

describe('an invalid form', () => {
  const cases: [string, Record<string, string | string[]>, string][] = [
    ['a missing name', { name: '', signature: '' }, 'Enter your full name'],
    ['a malformed email', { email: 'alice@' }, 'Enter an email address like name@example.com'],
    ['a phone without enough digits', { phone: '12-34' }, 'Enter a phone number with at least 7 digits'],
    ['an impossible date of birth', { dateOfBirth: '1990-02-30' }, 'Enter your date of birth as a real date'],
    ['a signer under 18', { dateOfBirth: '2012-01-01' }, 'You must be 18 or older to sign'],
    ['an unticked agreement', { agree: '' }, 'Tick the box to confirm you have read and agree'],
    ['a signature that is not the name', { signature: 'Someone Else' }, 'Your signature must match your full name'],
    [
      'a minor without a date of birth',
      { minorName: ['Bobby Period'], minorDateOfBirth: [''] },
      'Enter minor 1&#39;s date of birth',
    ],
    ['a minor who is an adult', { minorName: ['Big Kid'], minorDateOfBirth: ['2000-01-01'] }, 'Minor 1 is 18 or older'],
  ];
  for (const [what, fields, message] of cases) {
    it(`reports ${what}, keeps the values and writes nothing`, async () => {
      const id = await freshEvent();
      const before = await scanAll(suite.table);
      const res = await post(id, formBody(fields, VERSION));
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(html).toContain(message);
      expect(html).toContain('role="alert"');
      expect(html).toContain('aria-invalid="true"');
      const typed =
        Object.values(fields)
          .flat()
          .find((v) => v && v !== 'yes') ?? 'Alice@Example.com';
      expect(html).toContain(`value="${typed}"`);
      expect(await scanAll(suite.table)).toEqual(before);
    });
  }

  it('asks for a fresh read when the waiver text changed after the page was loaded', async () => {
    const id = await freshEvent();
    const res = await post(id, formBody({}, 'a'.repeat(64)));
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain('The waiver text was updated');
    expect(html).not.toMatch(/name="agree"[^>]*checked/);
    expect(await queryPrefix(suite.table, eventPk(id), 'WAIVER#')).toHaveLength(0);
  });
});
