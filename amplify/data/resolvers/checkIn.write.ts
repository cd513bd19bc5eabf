import { runtime, util, type Context } from '@aws-appsync/utils';
import {
  BOARDER_ATTRIBUTES,
  CHECK_IN_ATTRIBUTES,
  boarder,
  boardingProblems,
  countWrite,
  lostRace,
  placesHeld,
  type BoardingEvent,
  type CheckInItem,
} from './lib/boarding';
import { checkInSk } from '../keys';
import { conflict, dataSourceError, dollars, notFound } from './lib/errors';
import { loadedItem } from './lib/load';
import type { RosterItem } from './lib/model';
import type { Boarder } from '../../domain/people';
import { notCancelled, refuseIfCancelled, refuseIfMoved, stillBooked } from './lib/sailing';
import { actor, allOf, asRead, auditPut, plain, putNew, table, updateItem, type Condition } from './lib/tx';

/** The sentence naming what stops a person boarding without a second, deliberate step. */
function problemWords(name: string, entry: RosterItem, problems: string[]): string {
  const words: string[] = [];
  if (problems.indexOf('NO_WAIVER') >= 0) words.push(name + ' has no waiver');
  if (problems.indexOf('OWES') >= 0)
    words.push((entry.name === name ? name : entry.name) + '’s booking owes ' + dollars(entry.balanceCents));
  return words.join(', and ');
}

/**
 * The entry as the decision read it: who the person is, whether a waiver covers them (its
 * signature), and what the booking owes. Acknowledged debt pins the balance the record states;
 * none owed holds for any balance at or below zero, so a payment meanwhile does not refuse it.
 */
function balanceAsDecided(owedCents: number | null): Condition {
  if (owedCents !== null) {
    return {
      expression: '#c_bal = :c_bal',
      expressionNames: { '#c_bal': 'balanceCents' },
      expressionValues: { ':c_bal': owedCents },
    };
  }
  return {
    expression: 'attribute_not_exists(#c_bal) OR #c_bal <= :c_bal',
    expressionNames: { '#c_bal': 'balanceCents' },
    expressionValues: { ':c_bal': 0 },
  };
}

/**
 * checkIn, step 2: the person's check-in, their party's and the event's counts and the audit record
 * in one transaction. Already checked in: nothing is written and the check-in is answered as it
 * stands (idempotent). The check-in's write requires it exactly as read (absent, or UNDONE as read),
 * the entry the name, party and waiver the person was found in, and the event its capacity with
 * room left (DynamoDB compares the stored count); DynamoDB adds the ones. So two crew checking in at
 * once never lose a check-in, and the count is the number of CHECKED_IN items under any interleaving.
 *
 * The entry (or walk-up) keeps how many of its people are aboard (`aboard`): every change of who
 * belongs to the party (a move, a smaller party, a removal, a new waiver) is conditioned on it, so
 * none can leave a check-in counted for someone who no longer belongs to the sailing.
 *
 * A walk-up (signed the waiver, not on the roster) boards the same way: the signer and the minors
 * their waiver names, each counted in `checkedIn` and in `walkUpsAboard`, but only into a place no
 * booking holds (lib/boarding.ts placesHeld), so a booked patron is never refused for a walk-up.
 */
export function request(ctx: Context) {
  const event = loadedItem<BoardingEvent>(ctx, 'event');
  if (!event) notFound('No event with id "' + ctx.args.eventId + '".');
  // A walk-up's item has the attributes boarder() reads (name, partySize = people its waiver covers,
  // waiverSignedAt, waiverMinors), so it names its people as an entry does, guests aside.
  const entry = loadedItem<RosterItem>(ctx, 'entry') || loadedItem<RosterItem>(ctx, 'walkUp');
  if (!entry)
    notFound('No patron ' + ctx.args.email + ' on the roster of this event, nor a walk-up who signed its waiver.');
  const ev = event as BoardingEvent;
  const en = entry as RosterItem;
  refuseIfCancelled(ev, 'nobody boards it');
  refuseIfMoved(en);
  const person = ctx.stash.person as string;
  const who = boarder(en, person);
  if (!who)
    notFound(
      'No "' +
        person +
        '" in the party of ' +
        en.email +
        ': the patron, a minor named on their waiver, or one of their guests.',
    );
  const before = loadedItem<CheckInItem>(ctx, 'checkIn');
  if (before && before.status === 'CHECKED_IN') runtime.earlyReturn(plain(before));
  const aboard = ev.checkedIn || 0;
  if (aboard >= ev.capacity) {
    conflict('The boat is full: ' + aboard + ' of ' + ev.capacity + ' aboard.', {
      reason: 'NO_ROOM',
      capacity: ev.capacity,
      checkedIn: aboard,
    });
  }
  const walking = !loadedItem(ctx, 'entry');
  const walkUps = ev.walkUpsAboard || 0;
  if (walking && ev.headCount + walkUps >= ev.capacity) {
    conflict(
      'No place left for a walk-up: ' +
        ev.headCount +
        ' of ' +
        ev.capacity +
        ' places are booked, held for their patrons, and ' +
        walkUps +
        ' walk-ups are aboard.',
      {
        reason: 'NO_ROOM',
        capacity: ev.capacity,
        checkedIn: aboard,
        headCount: ev.headCount,
        walkUpsAboard: walkUps,
      },
    );
  }
  // No waiver, or money owed: boarded only when the input acknowledges each problem as it stands
  // now. A problem acknowledged that no longer stands (signed or paid meanwhile) is simply not one.
  const name = (who as { name: string }).name;
  const problems = boardingProblems(who as Boarder, walking ? 0 : en.balanceCents);
  const acknowledge = (ctx.args.acknowledge || []) as string[];
  const unacknowledged = problems.filter((p) => acknowledge.indexOf(p) < 0);
  if (unacknowledged.length > 0) {
    conflict(
      problemWords(name, en, problems) +
        ': board them only by acknowledging ' +
        (problems.length === 1 ? 'it' : 'both') +
        '.',
      {
        reason: unacknowledged[0],
        problems,
        unacknowledged,
        owedCents: problems.indexOf('OWES') >= 0 ? en.balanceCents : null,
      },
    );
  }
  const owed = problems.indexOf('OWES') >= 0 ? en.balanceCents : null;
  const now = util.time.nowISO8601();
  const by = actor(ctx);
  const record: Record<string, unknown> = {
    name,
    minor: (who as { minor: boolean }).minor,
    status: 'CHECKED_IN',
    checkedInAt: now,
    checkedInBy: by,
  };
  if (problems.length > 0) {
    record.acknowledged = problems;
    record.acknowledgedBy = by;
  }
  if (owed !== null) record.owedCents = owed;
  // What a check-in undone and boarded again no longer has: the undo, and problems since resolved.
  const stale = ['undoneAt', 'undoneBy', 'undoReason']
    .concat(problems.length > 0 ? [] : ['acknowledged', 'acknowledgedBy'])
    .concat(owed !== null ? [] : ['owedCents']);
  const tableName = table(ctx);
  const write = before
    ? updateItem(
        tableName,
        { PK: before.PK, SK: before.SK },
        { set: record, remove: stale },
        asRead(before, CHECK_IN_ATTRIBUTES),
      )
    : putNew(
        tableName,
        { PK: en.PK, SK: checkInSk(en.email, person) },
        { type: 'CheckIn', eventId: ev.id, email: en.email, person, ...record },
      );
  const after: Record<string, unknown> = {
    ...(before ? plain(before) : { type: 'CheckIn', eventId: ev.id, email: en.email, person }),
    ...record,
  };
  stale.forEach((k) => {
    delete after[k];
  });
  ctx.stash.after = after;
  const room = {
    expression: 'attribute_not_exists(#c_aboard) OR #c_aboard < :c_capacity',
    expressionNames: { '#c_aboard': 'checkedIn' },
    expressionValues: { ':c_capacity': ev.capacity },
  };
  return {
    operation: 'TransactWriteItems',
    transactItems: [
      write,
      countWrite(
        tableName,
        { PK: en.PK, SK: en.SK },
        { aboard: 1 },
        allOf([asRead(en, BOARDER_ATTRIBUTES), balanceAsDecided(owed), stillBooked()]),
      ),
      countWrite(
        tableName,
        { PK: ev.PK, SK: ev.SK },
        walking ? { checkedIn: 1, walkUpsAboard: 1 } : { checkedIn: 1 },
        allOf([room, asRead(ev, ['capacity']), notCancelled()].concat(walking ? [placesHeld(ev, 1)] : [])),
      ),
      auditPut(tableName, ctx, ev.id, now, before, after),
    ],
  };
}

export function response(ctx: Context) {
  if (ctx.error) {
    if (lostRace(ctx)) return null;
    dataSourceError(ctx, [
      {
        item: 1,
        message: 'This patron’s booking or waiver changed a moment ago: reload, then try again.',
        info: { reason: 'PATRON_CHANGED' },
      },
      {
        item: 2,
        message: 'The boat filled up, or its capacity or bookings changed, a moment ago: reload to see who is aboard.',
        info: { reason: 'NO_ROOM' },
      },
    ]);
  }
  return ctx.stash.after;
}
