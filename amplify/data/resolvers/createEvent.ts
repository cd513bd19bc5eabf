import { util, type Context } from '@aws-appsync/utils';
import { EVENT_SK, eventPk, eventsByYearPk } from '../keys';
import { dataSourceError, validationError } from './lib/errors';
import { auditPut, putNew, table } from './lib/tx';
import {
  crewList,
  eventInstant,
  MAX_AMOUNT_CENTS,
  MAX_CAPACITY,
  optionalText,
  requireId,
  requireInt,
  requireText,
  slug,
} from './lib/validate';
import type { EventItem } from './lib/model';
import { dayIn, operatorZone } from './lib/zone';

/** createEvent (ADMINS): the event and its audit record, refused if the id is taken. */
export function request(ctx: Context) {
  const input = ctx.args.input;
  const title = requireText(input.title, 'title', 200);
  const startsAt = eventInstant(input.startsAt, 'startsAt');
  const endsAt = input.endsAt ? eventInstant(input.endsAt, 'endsAt') : null;
  if (endsAt && endsAt <= startsAt) validationError('endsAt must be after startsAt.');
  // The id's date is the event's day in the operator's zone (a 6 PM sail is not tomorrow's in UTC).
  const id = input.id ? requireId(input.id, 'id') : dayIn(startsAt, operatorZone(ctx)) + '-' + slug(title);
  if (!input.id && slug(title) === '') validationError('title needs at least one letter or digit to make an id.');
  const crew = crewList(input.crew);
  const now = util.time.nowISO8601();
  const event: EventItem = {
    PK: eventPk(id),
    SK: EVENT_SK,
    id,
    title,
    startsAt,
    endsAt,
    boat: optionalText(input.boat, 'boat', 100),
    captain: optionalText(input.captain, 'captain', 100),
    crew,
    capacity: requireInt(input.capacity, 'capacity', 1, MAX_CAPACITY),
    priceCents: requireInt(input.priceCents, 'priceCents', 0, MAX_AMOUNT_CENTS),
    dueCents: 0,
    paidCents: 0,
    balanceCents: 0,
    rosterCount: 0,
    headCount: 0,
    waiversSigned: 0,
  };
  ctx.stash.event = event;
  const tableName = table(ctx);
  const { PK, SK, ...attributes } = event;
  const item = { ...attributes, type: 'Event', GSI2PK: eventsByYearPk(startsAt), GSI2SK: startsAt + '#' + id };
  return {
    operation: 'TransactWriteItems',
    transactItems: [putNew(tableName, { PK, SK }, item), auditPut(tableName, ctx, id, now, null, event)],
  };
}

export function response(ctx: Context) {
  if (ctx.error) {
    dataSourceError(ctx, [
      {
        item: 0,
        message: 'An event with id "' + ctx.stash.event.id + '" already exists: choose another title, date or id.',
      },
    ]);
  }
  return ctx.stash.event;
}
