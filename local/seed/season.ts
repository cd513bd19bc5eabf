/**
 * The demo season as data (pure, deterministic for a given start day): what a tall ship's next
 * 60 days look like — sunset sails on Fridays and Saturdays, whale watches on Sunday mornings,
 * a few private charters — with captains, crew, rosters and some payments.
 */
import { operatorTimeZone } from '../../amplify/time-zone';

/** The demo season's wall times are the operator's (SCC_TIME_ZONE, as npm start publishes it). */
export const HOME_TIME_ZONE = operatorTimeZone(process.env.SCC_TIME_ZONE);
export const BOAT = 'Lady Grace';
const CAPTAINS = ['Elena Marsh', 'Tobias Reed'];
const CREW = ['Sam Ortiz', 'Priya Nair', 'Jonah Fisk', 'Ava Lindqvist', 'Kofi Mensah', 'Rosa Delgado'];
const PATRONS: [name: string, phone: string][] = [
  ['Maya Chen', '+1 360 555 0142'],
  ['Daniel Okafor', '+1 206 555 0188'],
  ['Lucía Romero', '+1 253 555 0107'],
  ['Henrik Nilsson', '+1 360 555 0163'],
  ['Grace Whitfield', '+1 425 555 0120'],
  ['Omar Haddad', '+1 206 555 0199'],
  ['Bea Thompson', '+1 503 555 0131'],
  ['Kenji Watanabe', '+1 360 555 0175'],
  ['Fatima Diallo', '+1 253 555 0114'],
  ['Liam O\u2019Brien', '+1 206 555 0156'],
  ['Sofia Rossi', '+1 425 555 0192'],
  ['Noah Begay', '+1 360 555 0108'],
  ['Ingrid Halvorsen', '+1 503 555 0177'],
  ['Marcus Bell', '+1 206 555 0135'],
  ['Yara Haddad', '+1 206 555 0198'],
  ['Tom Kowalski', '+1 253 555 0149'],
];
const METHODS = ['CARD', 'CASH', 'CHECK', 'ACH'] as const;

export interface SeedPatron {
  email: string;
  name: string;
  phone: string;
  partySize: number;
  /** when not price × party size (a charter's flat fee) */
  amountDueCents?: number;
  /** payments already taken, in cents */
  payments: { amountCents: number; method: (typeof METHODS)[number]; notes?: string }[];
}
export interface SeedEvent {
  /** given only where the default `<day>-<slug>` could clash (nearSailing) */
  id?: string;
  title: string;
  startsAt: string;
  endsAt: string;
  boat: string;
  captain: string;
  crew: string[];
  capacity: number;
  priceCents: number;
  patrons: SeedPatron[];
}

export const emailOf = (name: string) =>
  name
    .normalize('NFD')
    .replace(/[^A-Za-z ]/g, '')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, '.') + '@example.com';

/** "2026-11-27" + "19:00" in the home time zone → an ISO instant with that zone's offset. */
export function localDateTime(day: string, time: string, timeZone = HOME_TIME_ZONE): string {
  const guess = new Date(`${day}T${time}:00Z`);
  const offset = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(guess)
    .find((p) => p.type === 'timeZoneName')!
    .value.replace('GMT', '');
  return `${day}T${time}:00${offset || '+00:00'}`;
}

const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const weekday = (day: string) => new Date(`${day}T12:00:00Z`).getUTCDay();

/** Days since 1970-01-01: what every choice for an event is derived from. */
const dayNumber = (day: string) => Math.round(Date.parse(`${day}T12:00:00Z`) / 86_400_000);

/**
 * The events starting in the 60 days after `today` (a yyyy-mm-dd in the home time zone). Each
 * event's crew, roster and payments depend on its own date only, never on `today`: a seed stopped
 * one day and resumed on another plans the days they share alike, so the payments it already
 * logged replay under the same idempotency keys instead of clashing with them.
 */
export function planSeason(today: string): SeedEvent[] {
  const events: SeedEvent[] = [];
  const pick = <T>(list: readonly T[], i: number) => list[i % list.length]!;
  const roster = (n: number, count: number, price: number, paidShare: number): SeedPatron[] =>
    Array.from({ length: count }, (_, i) => {
      const k = n * 7 + i;
      // consecutive names from a start that moves per day: varied, never twice on one roster
      const [name, phone] = pick(PATRONS, n * 5 + i);
      const partySize = 1 + ((k + i) % 3);
      const due = price * partySize;
      const payments: SeedPatron['payments'] = [];
      if ((i + k) % 4 < paidShare) payments.push({ amountCents: due, method: pick(METHODS, k + i) });
      else if ((i + k) % 4 === paidShare)
        payments.push({ amountCents: Math.round(due / 2), method: 'CARD', notes: 'Deposit, balance due at boarding' });
      return { email: emailOf(name), name, phone, partySize, payments };
    });
  for (let d = 1; d <= 60; d++) {
    const day = addDays(today, d);
    const n = dayNumber(day);
    const wd = weekday(day);
    const captain = pick(CAPTAINS, n);
    const crew = [pick(CREW, n), pick(CREW, n + 2), pick(CREW, n + 4)];
    if (wd === 5 || wd === 6) {
      events.push({
        title: 'Sunset Sail',
        startsAt: localDateTime(day, '18:30'),
        endsAt: localDateTime(day, '21:00'),
        boat: BOAT,
        captain,
        crew,
        capacity: 40,
        priceCents: 6_500,
        patrons: roster(n, 3 + (n % 4), 6_500, 2),
      });
    } else if (wd === 0) {
      events.push({
        title: 'Whale Watch',
        startsAt: localDateTime(day, '09:00'),
        endsAt: localDateTime(day, '13:00'),
        boat: BOAT,
        captain,
        crew,
        capacity: 30,
        priceCents: 8_900,
        patrons: roster(n, 2 + (n % 3), 8_900, 1),
      });
    } else if (wd === 3 && n % 14 < 7) {
      const [host] = pick(PATRONS, n);
      events.push({
        title: `Private Charter: ${host.split(' ')[1]} Party`,
        startsAt: localDateTime(day, '16:00'),
        endsAt: localDateTime(day, '20:00'),
        boat: BOAT,
        captain,
        crew: crew.slice(0, 2),
        capacity: 24,
        priceCents: 0,
        patrons: [
          {
            email: emailOf(host),
            name: host,
            phone: '+1 206 555 0100',
            partySize: 20,
            amountDueCents: 360_000,
            payments: [{ amountCents: 150_000, method: 'ACH', notes: 'Charter deposit' }],
          },
        ],
      });
    }
  }
  return events;
}

/**
 * A sailing that departs soon after `now` (two hours on, at the next half hour), so the reminder
 * job that `npm start` runs right after seeding has someone to remind and the mail viewer shows it:
 * Liam has paid and will sign (the seed signs every other patron), Sofia paid a
 * deposit and will not sign (a waiver and a balance reminder), Noah will sign and owes it all (a
 * balance reminder). Its id carries the time, so a later start's tour never clashes with one from
 * an earlier start the same day.
 */
export function nearSailing(now: Date, timeZone = HOME_TIME_ZONE): SeedEvent {
  const halfHour = 30 * 60_000;
  const starts = new Date(Math.ceil((now.getTime() + 2 * 3_600_000) / halfHour) * halfHour);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(starts)
      .map((p) => [p.type, p.value]),
  );
  const day = `${parts.year}-${parts.month}-${parts.day}`;
  const price = 4_500;
  const patron = (name: string, partySize: number, payments: SeedPatron['payments']): SeedPatron => {
    const phone = PATRONS.find(([n]) => n === name)![1];
    return { email: emailOf(name), name, phone, partySize, payments };
  };
  return {
    id: `${day}-harbor-tour-${parts.hour}${parts.minute}`,
    title: 'Harbor Tour',
    startsAt: starts.toISOString(),
    endsAt: new Date(starts.getTime() + 90 * 60_000).toISOString(),
    boat: BOAT,
    captain: CAPTAINS[0]!,
    crew: CREW.slice(0, 2),
    capacity: 20,
    priceCents: price,
    patrons: [
      patron('Liam O\u2019Brien', 2, [{ amountCents: 2 * price, method: 'CARD' }]),
      patron('Sofia Rossi', 3, [{ amountCents: price, method: 'CARD', notes: 'Deposit, balance due at boarding' }]),
      patron('Noah Begay', 1, []),
    ],
  };
}
