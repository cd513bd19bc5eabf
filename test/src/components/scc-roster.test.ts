import { expect as chai, html, oneEvent, waitUntil } from '@open-wc/testing';
import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import '../../../src/components/scc-roster';
import { sameName, waiverLink, type SccRoster } from '../../../src/components/scc-roster';
import type { WalkUp } from '../../../src/graphql/types';
import { ApiError, toApiError } from '../../../src/graphql/errors';
import type { Group } from '../../../src/lib/domain/roles';
import { fixtureWith, memoryApi, sampleEntry, sampleEvent, user } from './support/fixtures';

const event = sampleEvent();
const jo = sampleEntry();
const amy = sampleEntry({
  email: 'amy@example.com',
  name: 'Amy March',
  partySize: 1,
  amountDueCents: 5000,
  paidCents: 5000,
  balanceCents: 0,
  waiverSignedAt: '2025-06-01T12:00:00.000Z',
  waiverSignedBy: 'amy  MARCH',
  waiverMinors: [],
  waiverPeople: 1,
});
/** Jo before paying anything: removePatron takes only a patron with no recorded payments. */
const unpaid = sampleEntry({ paidCents: 0, balanceCents: 10000 });
const walker: WalkUp = {
  eventId: event.id,
  email: 'walk@example.com',
  name: 'Walk Up',
  phone: '+1 555 010 0199',
  partySize: 3,
  waiverSignedAt: '2025-06-02T12:00:00.000Z',
  waiverMinors: ['Kid One', 'Kid Two'],
};

async function render(group: Group, api = memoryApi(), entries = [jo, amy], walkUps: WalkUp[] = []) {
  const { el } = await fixtureWith<SccRoster>(
    html`<scc-roster .event=${event} .entries=${entries} .walkUps=${walkUps}></scc-roster>`,
    { user: user(group), api },
  );
  return { el, api };
}

const item = (el: SccRoster, i: number) => el.shadowRoot!.querySelectorAll('li')[i];
const button = (root: ParentNode, label: string) =>
  [...root.querySelectorAll('button')].find((b) => b.textContent!.trim().startsWith(label))!;

/** The walk-ups block, its own element (scc-walk-ups) inside the roster. */
async function walkUpsOf(el: SccRoster) {
  const block = el.shadowRoot!.querySelector('scc-walk-ups')!;
  await block.updateComplete;
  return block.shadowRoot!;
}

const toApiKind = (e: unknown) => toApiError(e).kind;

describe('scc-roster', () => {
  it('shows each patron with party size, due, paid, balance and waiver status', async () => {
    const { el } = await render('CREW');
    expect(item(el, 0).querySelector('strong')!.textContent).toBe('Jo March');
    const figures = [...item(el, 0).querySelectorAll('dl > div')].map(
      (d) => `${d.querySelector('dt')!.textContent} ${d.querySelector('dd')!.textContent}`,
    );
    expect(figures).toEqual(['Party 2', 'Due $100.00', 'Paid $25.00', 'Balance $75.00']);
    expect(item(el, 1).textContent).toContain('Waiver signed');
    expect(el.shadowRoot!.querySelector('h2')!.textContent).toContain('3 booked of 40');
  });

  it('says "bounced: check the address" on the row of a patron whose mail bounced or drew a complaint, and nothing once delivered', async () => {
    const bounced = { ...jo, mailProblem: 'BOUNCED' as const, mailProblemKind: 'receipt', mailSuppressed: true };
    const complained = {
      ...amy,
      mailProblem: 'COMPLAINED' as const,
      mailProblemKind: 'waiverLink',
      mailSuppressed: true,
    };
    const { el } = await render('CREW', memoryApi(), [bounced, complained, unpaid]);
    expect(item(el, 0).querySelector('.mail-problem')!.textContent).toBe(
      'Receipt bounced: check the address. Nothing more is mailed to it.',
    );
    expect(item(el, 1).querySelector('.mail-problem')!.textContent).toContain(
      'Waiver link (reported as spam) bounced: check the address',
    );
    expect(item(el, 2).querySelector('.mail-problem')).toBeNull();
    expect(item(el, 2).textContent).not.toContain('bounced');
  });

  it('offers crew "Correct the email" on a bounced row, and moves the booking to the address typed', async () => {
    const bounced = { ...jo, mailProblem: 'BOUNCED' as const, mailProblemKind: 'waiverLink', mailSuppressed: true };
    const calls: string[][] = [];
    const api = memoryApi({
      correctPatronEmail: async (eventId, email, newEmail) => {
        calls.push([eventId, email, newEmail]);
        return { ...jo, email: newEmail };
      },
    });
    const { el } = await render('CREW', api, [bounced, unpaid]);
    expect(item(el, 1).querySelector('scc-correct-email')).toBeNull();
    const correct = item(el, 0).querySelector('scc-correct-email')!;
    button(correct.shadowRoot!, 'Correct the email').click();
    await correct.updateComplete;
    const input = correct.shadowRoot!.querySelector<HTMLInputElement>('input[type=email]')!;
    input.value = 'jo.march@example.com';
    const changed = oneEvent(el, 'scc-patron-changed');
    button(correct.shadowRoot!, 'Correct').click();
    expect((await changed).detail).toMatchObject({ entry: { email: 'jo.march@example.com' }, change: 'updated' });
    expect(calls).toEqual([[event.id, 'jo@example.com', 'jo.march@example.com']]);
    await waitUntil(
      () => correct.shadowRoot!.textContent!.includes('now goes to jo.march@example.com'),
      'corrected shown',
    );
  });

  it('offers no email correction to accounting', async () => {
    const bounced = { ...jo, mailProblem: 'BOUNCED' as const, mailProblemKind: 'receipt', mailSuppressed: true };
    const { el } = await render('ACCOUNTING', memoryApi(), [bounced]);
    expect(item(el, 0).querySelector('.mail-problem')).not.toBeNull();
    expect(item(el, 0).querySelector('scc-correct-email')).toBeNull();
  });

  it('asks for the payment modal pre-filled with the row’s patron', async () => {
    const { el } = await render('CREW');
    const fired = oneEvent(el, 'scc-open-payment');
    button(item(el, 0), 'Log payment').click();
    expect((await fired).detail).toEqual({ eventId: event.id, patronEmail: 'jo@example.com' });
  });

  it('offers no payment for a patron who has paid in full', async () => {
    const { el } = await render('CREW');
    expect(button(item(el, 1), 'Log payment')).toBeUndefined();
  });

  it('asks for a patron’s payment history', async () => {
    const { el } = await render('CREW');
    const fired = oneEvent(el, 'scc-show-history');
    button(item(el, 0), 'History').click();
    expect((await fired).detail).toEqual({ email: 'jo@example.com' });
  });

  it('builds the waiver link the edge routes to the waiver Lambda', () => {
    expect(waiverLink('2025-07-04-fireworks-sail', 'https://scc.example')).toBe(
      'https://scc.example/g/2025-07-04-fireworks-sail/waiver',
    );
  });

  it('lets crew add patrons but not edit or remove them', async () => {
    const { el } = await render('CREW');
    expect(button(el.shadowRoot!, 'Add patron')).toBeDefined();
    expect(button(item(el, 0), 'Edit')).toBeUndefined();
    expect(button(item(el, 0), 'Remove')).toBeUndefined();
  });

  it('offers Remove only for a patron with no recorded payments (removePatron refuses the others), saying so once', async () => {
    const { el } = await render('ADMINS', memoryApi(), [jo, unpaid, amy]);
    expect([0, 1, 2].map((i) => !!button(item(el, i), 'Remove'))).toEqual([false, true, false]);
    const why = [...el.shadowRoot!.querySelectorAll('p.hint')].filter((p) =>
      p.textContent!.includes('void their payments first'),
    );
    expect(why).toHaveLength(1);
    expect(why[0].textContent).toBe('To remove a patron who paid, void their payments first.');
  });

  it('offers no change to a patron moved to another sailing (each is refused as PATRON_MOVED), names where they went, and counts them nowhere', async () => {
    const moved = sampleEntry({
      email: 'beth@example.com',
      name: 'Beth March',
      partySize: 3,
      paidCents: 0,
      status: 'MOVED',
      movedTo: 'sail-2',
    });
    const api = memoryApi({
      eventSummaries: async (ids) =>
        ids.map((id) => ({
          id,
          title: 'Sunset Cruise',
          startsAt: '2025-07-06T01:00:00.000Z',
          status: 'SCHEDULED' as const,
        })),
    });
    const { el } = await render('ADMINS', api, [unpaid, moved]);
    const row = item(el, 1);
    expect([...row.querySelectorAll('button')].map((b) => b.textContent!.replace(/\s+/g, ' ').trim())).toEqual([
      'History for Beth March',
    ]);
    expect(row.querySelector('scc-waiver-link')).toBeNull();
    await waitUntil(() => row.textContent!.includes('Sunset Cruise'), 'the new sailing named');
    expect(row.querySelector('a')!.getAttribute('href')).toBe('/events/sail-2');
    expect(el.shadowRoot!.querySelector('h2')!.textContent).toContain('2 booked of 40');
  });

  it('offers no booking that does not fit (addPatron refuses it as NO_ROOM): no Add patron on a full boat, no Add to roster for a walk-up party too large', async () => {
    const { el: roomy } = await fixtureWith<SccRoster>(
      html`<scc-roster .event=${sampleEvent({ capacity: 7, headCount: 5 })}
      .entries=${[jo]} .walkUps=${[walker]}></scc-roster>`,
      { user: user('CREW'), api: memoryApi() },
    );
    expect(button(roomy.shadowRoot!, 'Add patron')).toBeDefined();
    const walkUps = (await walkUpsOf(roomy)).querySelector('ul[part=walk-ups]')!;
    expect(button(walkUps, 'Add to roster')).toBeUndefined();
    expect(walkUps.textContent!.replace(/\s+/g, ' ')).toContain('No room for a party of 3: 2 of 7 places left.');
    const { el: full } = await fixtureWith<SccRoster>(
      html`<scc-roster .event=${sampleEvent({ capacity: 5, headCount: 5 })}
      .entries=${[jo]}></scc-roster>`,
      { user: user('CREW'), api: memoryApi() },
    );
    expect(button(full.shadowRoot!, 'Add patron')).toBeUndefined();
    expect(full.shadowRoot!.querySelector('.toolbar')!.textContent).toContain('Full: no place left to book.');
  });

  it('lets admins remove a patron after confirming', async () => {
    const { el, api } = await render('ADMINS', memoryApi(), [unpaid, amy]);
    button(item(el, 0), 'Remove').click();
    const dialog = el.shadowRoot!.querySelector('dialog.remove') as HTMLDialogElement;
    expect(dialog.open).toBe(true);
    const fired = oneEvent(el, 'scc-patron-changed');
    button(dialog, 'Remove').click();
    expect((await fired).detail.change).toBe('removed');
    expect(api.calls.find((c) => c.method === 'removePatron')!.args).toEqual([event.id, 'jo@example.com']);
  });

  it('explains why a patron who paid meanwhile cannot be removed', async () => {
    const api = memoryApi({
      removePatron: async () => {
        throw new ApiError('Conflict', 'has payments');
      },
    });
    const { el } = await render('ADMINS', api, [unpaid, amy]);
    button(item(el, 0), 'Remove').click();
    button(el.shadowRoot!.querySelector('dialog.remove')!, 'Remove').click();
    await waitUntil(() => el.shadowRoot!.querySelector('dialog.remove [role=alert]'), 'error shown');
    expect(el.shadowRoot!.querySelector('dialog.remove [role=alert]')!.textContent).toContain(
      'Jo March has recorded payments',
    );
  });

  it('has every view reload when a removal is refused, since the roster on screen was out of date', async () => {
    const refused = new ApiError('Conflict', 'has payments');
    const api = memoryApi({
      removePatron: async () => {
        throw refused;
      },
    });
    const { el } = await render('ADMINS', api, [unpaid, amy]);
    button(item(el, 0), 'Remove').click();
    const stale = oneEvent(el, 'scc-data-stale');
    button(el.shadowRoot!.querySelector('dialog.remove')!, 'Remove').click();
    const fired = await stale;
    expect(fired.detail.error).toBe(refused);
    expect(fired.composed).toBe(true);
  });

  it('does not ask for a reload when a removal fails for a reason other than stale data', async () => {
    const api = memoryApi({
      removePatron: async () => {
        throw new ApiError('Network', 'Failed to fetch');
      },
    });
    const { el } = await render('ADMINS', api, [unpaid, amy]);
    let stale = 0;
    el.addEventListener('scc-data-stale', () => {
      stale += 1;
    });
    button(item(el, 0), 'Remove').click();
    button(el.shadowRoot!.querySelector('dialog.remove')!, 'Remove').click();
    await waitUntil(() => el.shadowRoot!.querySelector('dialog.remove [role=alert]'), 'error shown');
    expect(stale).toBe(0);
  });

  it('shows who signed each waiver and for whom, and counts the people covered against the people aboard', async () => {
    const signed = sampleEntry({
      waiverSignedAt: '2025-06-01T12:00:00.000Z',
      waiverSignedBy: 'Jo March',
      waiverMinors: ['Beth March'],
      waiverPeople: 2,
    });
    const { el } = await render('CREW', memoryApi(), [signed, amy]);
    const text = item(el, 0).textContent!.replace(/\s+/g, ' ');
    expect(text).toContain('by Jo March for themselves and Beth March');
    expect(text).toContain('covers 2 of 2');
    expect(item(el, 0).querySelector('.warn')).toBeNull();
    expect(el.shadowRoot!.querySelector('h2')!.textContent!.replace(/\s+/g, ' ')).toContain('waivers cover 3 of 3');
  });

  it('says why a patron moved here from another sailing has no waiver on this one', async () => {
    const moved = sampleEntry({
      email: 'mo@example.com',
      name: 'Mo Ved',
      movedFrom: '2025-06-01-earlier-sail',
      waiverSignedAt: null,
    });
    const { el } = await render('CREW', memoryApi(), [jo, moved]);
    const text = item(el, 1)!.querySelector('.waiver')!.textContent!.replace(/\s+/g, ' ');
    expect(text).toContain('Waiver not signed for this sailing');
    expect(text).toContain('moved here from another sailing: a waiver is signed for its own sailing');
    expect(item(el, 0)!.querySelector('.waiver')!.textContent).not.toContain('moved here');
  });

  it('lists the signatures held as claims on a booking, apart from the roster', async () => {
    const claim = {
      eventId: event.id,
      email: jo.email,
      claimsName: jo.name,
      waiverId: 'w-1',
      waiverSignedAt: '2025-06-02T12:00:00.000Z',
      waiverSignedBy: 'Mallory Impostor',
      waiverMinors: [],
      waiverPeople: 1,
    };
    const { el } = await fixtureWith<SccRoster>(
      html`<scc-roster .event=${event} .entries=${[jo]} .claims=${[claim]}></scc-roster>`,
      { user: user('CREW'), api: memoryApi() },
    );
    const block = el.shadowRoot!.querySelector('scc-waiver-claims')!;
    await block.updateComplete;
    expect(block.shadowRoot!.textContent).toContain('claims to be Jo March');
    expect(item(el, 0)!.querySelector('.waiver')!.textContent).not.toContain('Mallory');
  });

  it('flags a waiver signed under another name than the booking’s', async () => {
    const impostor = sampleEntry({
      waiverSignedAt: '2025-06-01T12:00:00.000Z',
      waiverSignedBy: 'Mallory Impostor',
      waiverMinors: [],
      waiverPeople: 1,
    });
    const { el } = await render('CREW', memoryApi(), [impostor]);
    const flag = item(el, 0).querySelector('.warn')!;
    expect(flag.textContent!.replace(/\s+/g, ' ')).toContain('Signed as “Mallory Impostor”, booked as “Jo March”');
    expect(item(el, 0).textContent).toContain('1 in the party still need a waiver');
  });

  it('flags a waiver covering more people than booked, and counts it only for the party booked', async () => {
    const pat = sampleEntry({
      waiverSignedAt: '2025-06-01T12:00:00.000Z',
      waiverSignedBy: 'Jo March',
      waiverMinors: ['A', 'B', 'C'],
      waiverPeople: 4,
      partySize: 1,
    });
    const { el } = await render('CREW', memoryApi(), [pat, amy]);
    const text = item(el, 0).textContent!.replace(/\s+/g, ' ');
    expect(text).toContain('covers 1 of 1');
    expect(item(el, 0).querySelector('.warn')!.textContent!.replace(/\s+/g, ' ')).toContain(
      'Waiver covers 4, booked 1: fix the party size',
    );
    expect(el.shadowRoot!.querySelector('h2')!.textContent!.replace(/\s+/g, ' ')).toContain('waivers cover 2 of 2');
  });

  it('compares names without case or extra spaces, but with accents', () => {
    expect(sameName('Amy March', ' amy  MARCH ')).toBe(true);
    expect(sameName('Zoë Brown', 'Zoe Brown')).toBe(false);
    expect(sameName('Amy March', 'Amy Marsh')).toBe(false);
  });

  it('lists walk-ups apart from the roster, with their party, owing nothing and never shown as paid', async () => {
    const { el } = await render('CREW', memoryApi(), [jo], [walker]);
    expect(el.shadowRoot!.querySelectorAll('ul[part=list] > li')).toHaveLength(1);
    const walkUps = (await walkUpsOf(el)).querySelector('ul[part=walk-ups]')!;
    expect((await walkUpsOf(el)).querySelector('#walk-ups-heading')!.textContent).toContain(
      'Signed, not on the roster (1)',
    );
    const text = walkUps.textContent!.replace(/\s+/g, ' ');
    expect(text).toContain('Walk Up');
    expect(text).toContain('party of 3 (with Kid One, Kid Two) · not booked');
    expect(text).not.toMatch(/Balance|Paid/);
    expect(walkUps.querySelector('.ok')).toBeNull();
    // The head count is the roster's: the walk-up's three take no place.
    expect(el.shadowRoot!.querySelector('h2')!.textContent).toContain('2 booked of 40');
  });

  it('adds a walk-up to the roster with their whole party, then reports the change', async () => {
    const { el, api } = await render('CREW', memoryApi(), [jo], [walker]);
    const add = button((await walkUpsOf(el)).querySelector('ul[part=walk-ups]')!, 'Add to roster');
    expect(add.textContent!.replace(/\s+/g, ' ')).toContain('(party of 3, $150.00 due)');
    const fired = oneEvent(el, 'scc-patron-changed');
    add.click();
    expect((await fired).detail.change).toBe('added');
    expect(api.calls.find((c) => c.method === 'addPatron')!.args).toEqual([
      { eventId: event.id, email: 'walk@example.com', name: 'Walk Up', partySize: 3, phone: '+1 555 010 0199' },
    ]);
  });

  it('says which refusal kept a walk-up off the roster: no room for the party, or already on it', async () => {
    const refusedWith = async (info: Record<string, unknown>) => {
      const api = memoryApi({
        addPatron: async () => {
          throw new ApiError('Conflict', 'refused', info);
        },
      });
      const { el } = await render('CREW', api, [jo], [walker]);
      const walkUps = await walkUpsOf(el);
      button(walkUps.querySelector('ul[part=walk-ups]')!, 'Add to roster').click();
      await waitUntil(() => walkUps.querySelector('[role=alert]'), 'error shown');
      return walkUps.querySelector('[role=alert]')!.textContent!.trim();
    };
    expect(await refusedWith({ reason: 'NO_ROOM', placesLeft: 2, capacity: 40 })).toBe(
      'Not enough room: a party of 3 does not fit, only 2 of 40 places are left.',
    );
    expect(await refusedWith({ reason: 'ALREADY_ON_ROSTER' })).toContain(
      'walk@example.com is already on this event’s roster.',
    );
  });

  it('has every view reload when adding a walk-up is refused', async () => {
    const api = memoryApi({
      addPatron: async () => {
        throw new ApiError('Conflict', 'does not fit');
      },
    });
    const { el } = await render('CREW', api, [jo], [walker]);
    const stale = oneEvent(el, 'scc-data-stale');
    button((await walkUpsOf(el)).querySelector('ul[part=walk-ups]')!, 'Add to roster').click();
    expect(toApiKind((await stale).detail.error)).toBe('Conflict');
  });

  it('keeps a charter’s amounts apart on a 375 px phone: each in view with room between them', async () => {
    const before = { width: window.innerWidth, height: window.innerHeight };
    await page.viewport(375, 740);
    try {
      const charter = sampleEntry({
        partySize: 20,
        amountDueCents: 1_360_000,
        paidCents: 1_150_000,
        balanceCents: 210_000,
      });
      // 343 px wide, as inside the dashboard's main area (1 rem padding) on a 375 px screen.
      const { el } = await fixtureWith<SccRoster>(
        html`<scc-roster style="width: 343px" .event=${event} .entries=${[charter]} .walkUps=${[]}></scc-roster>`,
        { user: user('CREW') },
      );
      const li = item(el, 0).getBoundingClientRect();
      const cells = [...item(el, 0).querySelectorAll('dd')].map((dd) => {
        const text = document.createRange();
        text.selectNodeContents(dd);
        return {
          row: Math.round(dd.getBoundingClientRect().top),
          ...(text.getBoundingClientRect().toJSON() as DOMRect),
        };
      });
      expect(cells).toHaveLength(4);
      for (const c of cells) expect(c.left >= li.left && c.right <= li.right).toBe(true);
      for (const [a, b] of cells.slice(0, -1).map((c, i) => [c, cells[i + 1]])) {
        if (a.row === b.row)
          expect(b.left - a.right, 'space between two amounts side by side').toBeGreaterThanOrEqual(8);
      }
    } finally {
      await page.viewport(before.width, before.height);
    }
  });

  it('is accessible', async () => {
    const { el } = await render('ADMINS', memoryApi(), [jo, amy], [walker]);
    await chai(el).to.be.accessible();
  });
});
