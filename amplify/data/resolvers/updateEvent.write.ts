import { util, type Context } from '@aws-appsync/utils';
import { eventsByYearPk } from '../keys';
import { conflict, dataSourceError, notFound, validationError } from './lib/errors';
import { loadedItem } from './lib/load';
import { EVENT_ATTRIBUTES } from './lib/model';
import type { BoardingEvent } from './lib/people';
import { allOf, asRead, attributesOf, auditPut, table, updateItem, type Condition } from './lib/tx';
import {
  crewList,
  eventInstant,
  MAX_AMOUNT_CENTS,
  MAX_CAPACITY,
  optionalText,
  requireInt,
  requireText,
} from './lib/validate';

/**
 * updateEvent, step 2: only the fields given change (null clears an optional one); capacity may not
 * drop below the people already booked, nor below the places booked plus the walk-ups aboard
 * (walk-ups board without a booking, into places no booking holds). The write requires the event exactly as read (its
 * boarding count too, present or not), and a new capacity is also checked by DynamoDB against the
 * stored counts, so a check-in landing in between cannot leave more aboard than the boat holds. The checks,
 * the answer and the audit's "before" all come from it, so a booking, payment or edit landing in
 * between cancels it (a retryable Conflict) rather than being misrecorded.
 */
export function request(ctx: Context) {
  const input = ctx.args.input;
  const before = loadedItem<BoardingEvent>(ctx, 'event');
  if (!before) notFound('No event with id "' + input.id + '".');
  const set: Record<string, unknown> = {};
  const remove: string[] = [];
  if (input.title !== undefined) set.title = requireText(input.title, 'title', 200);
  let startsAt = before.startsAt;
  if (input.startsAt !== undefined) {
    if (input.startsAt === null) validationError('startsAt cannot be cleared.');
    startsAt = eventInstant(input.startsAt, 'startsAt');
    set.startsAt = startsAt;
    set.GSI2PK = eventsByYearPk(startsAt);
    set.GSI2SK = startsAt + '#' + before.id;
  }
  let endsAt = before.endsAt;
  if (input.endsAt === null) {
    endsAt = null;
    remove.push('endsAt');
  } else if (input.endsAt !== undefined) {
    endsAt = eventInstant(input.endsAt, 'endsAt');
    set.endsAt = endsAt;
  }
  if (endsAt && endsAt <= startsAt) validationError('endsAt must be after startsAt.');
  ['boat', 'captain'].forEach((f) => {
    const value = optionalText(input[f], f, 100);
    if (value === null) remove.push(f);
    else if (value !== undefined) set[f] = value;
  });
  if (input.crew !== undefined) {
    set.crew = crewList(input.crew);
  }
  if (input.priceCents !== undefined) set.priceCents = requireInt(input.priceCents, 'priceCents', 0, MAX_AMOUNT_CENTS);
  const conditions: Condition[] = [asRead(before, attributesOf(before, EVENT_ATTRIBUTES))];
  if (input.capacity !== undefined) {
    const capacity = requireInt(input.capacity, 'capacity', 1, MAX_CAPACITY);
    if (capacity < before.headCount) {
      conflict('Capacity ' + capacity + ' is below the ' + before.headCount + ' people already booked on this event.', {
        reason: 'BELOW_BOOKED',
        headCount: before.headCount,
      });
    }
    const aboard = before.checkedIn || 0;
    const walkUps = before.walkUpsAboard || 0;
    // Walk-ups aboard hold places no booking does; the whole event is pinned as read, so these stand.
    if (capacity < aboard || capacity < before.headCount + walkUps) {
      conflict(
        'Capacity ' +
          capacity +
          ' is below the ' +
          before.headCount +
          ' places booked and the ' +
          walkUps +
          ' walk-ups checked in aboard (' +
          aboard +
          ' people checked in): undo check-ins first.',
        {
          reason: 'BELOW_ABOARD',
          checkedIn: aboard,
          headCount: before.headCount,
          walkUpsAboard: walkUps,
        },
      );
    }
    set.capacity = capacity;
    conditions.push({
      expression:
        '(attribute_not_exists(#c_booked) OR #c_booked <= :c_newCapacity) AND (attribute_not_exists(#c_aboard) OR #c_aboard <= :c_newCapacity)',
      expressionNames: { '#c_booked': 'headCount', '#c_aboard': 'checkedIn' },
      expressionValues: { ':c_newCapacity': capacity },
    });
  }
  if (Object.keys(set).length === 0 && remove.length === 0)
    validationError('Nothing to change: give at least one field.');
  const after = { ...before, ...set };
  remove.forEach((f) => {
    delete after[f as keyof BoardingEvent];
  });
  ctx.stash.after = after;
  const tableName = table(ctx);
  const now = util.time.nowISO8601();
  return {
    operation: 'TransactWriteItems',
    transactItems: [
      updateItem(tableName, { PK: before.PK, SK: before.SK }, { set, remove }, allOf(conditions)),
      auditPut(tableName, ctx, before.id, now, before, after),
    ],
  };
}

export function response(ctx: Context) {
  if (ctx.error) {
    dataSourceError(ctx, [
      {
        item: 0,
        message:
          'Someone else changed this event a moment ago (an edit, a booking, a payment or a check-in): nothing was saved, try again.',
        info: { retryable: true },
      },
    ]);
  }
  return ctx.stash.after;
}
