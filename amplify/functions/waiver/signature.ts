import { waiverActor, WRITERS } from '../../data/audit';
import { auditPut } from '../audit';
import { claimSk, eventPk, EVENT_SK, patronSk, submissionSk, waiverSk, walkUpSk } from '../../data/keys';
import type { WaiverLink } from '../../data/resolvers/lib/model';
import { coveredPeople } from '../../domain/people';
import type { EventItem } from './event';
import { rateItems, type LimitName } from './limits';
import type { SigningInput } from './validate';

/**
 * The items of one signature's TransactWriteItems, as a pure function of what was read, each
 * conditioned on that read (so no change is lost to a concurrent one): the event's times (they decide whether it has
 * ended), the roster entry's or walk-up's current waiver (the people it covers decide the change to
 * Event.waiversSigned), and the form's one-time token (a double submit is one signature).
 *
 * What a signature links to:
 * - the roster entry of the signer's email, when the signer came through that patron's personal
 *   link (only the patron has it): the entry carries the waiver's link fields, and the event's
 *   `waiversSigned` (people covered on the roster, each entry at most its party: coveredPeople)
 *   moves by the difference, so the entry's write also pins the party size it was computed with;
 * - a roster entry's email typed into the public event link: anyone can type any address, so the
 *   signature is held as a claim (`HELD#…`, "claims to be <booked patron>") and the entry is left
 *   exactly as it was. Staff attach it (matchWaiverClaim), or the patron signs through their
 *   personal link;
 * - no roster entry: a walk-up item (`GUEST#<email>`), "signed, not on the roster". It is not a
 *   booking: no head count, no money, no capacity used. Crew add the party with addPatron, which
 *   moves the link onto the new roster entry.
 */

/** What one signature stores (the waiver record, minus its keys): the signer's input and context. */
export interface WaiverRecord extends SigningInput {
  id: string;
  eventId: string;
  /** SHA-256 (hex) of `text`. */
  waiverVersion: string;
  /** Not stored on the signature: kept once, as the WAIVERTEXT item of its version. */
  text: string;
  signedAt: string;
  ip: string;
  userAgent: string;
  /** Signed through the booking's personal link (its email locked), not the public event link. */
  personalLink?: boolean;
}

type Item = Record<string, unknown>;

export function linkOf(waiver: WaiverRecord): WaiverLink {
  return {
    waiverId: waiver.id,
    waiverSignedAt: waiver.signedAt,
    waiverSignedBy: waiver.name,
    waiverMinors: waiver.minors.map((m) => m.name),
    waiverPeople: 1 + waiver.minors.length,
    waiverVersion: waiver.waiverVersion,
  };
}

const LINK_FIELDS: (keyof WaiverLink)[] = [
  'waiverId',
  'waiverSignedAt',
  'waiverSignedBy',
  'waiverMinors',
  'waiverPeople',
  'waiverVersion',
];

/** The link fields of an item, for an audit image limited to what the write's condition pinned. */
function linkImage(item: Item): Item {
  const out: Item = { email: item.email };
  for (const f of LINK_FIELDS) if (item[f] !== undefined) out[f] = item[f];
  return out;
}

interface Expression {
  ConditionExpression: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, unknown>;
}

/**
 * The roster entry still has the party size read (what the change to waiversSigned was capped at),
 * and is still booked here: one moved away meanwhile (rebookPatron) counts nowhere on this event.
 */
const ASHORE = '(attribute_not_exists(aboard) OR aboard = :ashore)';

function sameParty(entry: Item): Expression {
  const read = sameLink(entry);
  // Nobody of the party aboard (store.ts refuses otherwise), as read: the waiver names who boards.
  const link = {
    ConditionExpression: `${read.ConditionExpression} AND (attribute_not_exists(#entryStatus) OR #entryStatus <> :moved) AND ${ASHORE}`,
    ExpressionAttributeNames: { '#entryStatus': 'status' },
    ExpressionAttributeValues: { ...read.ExpressionAttributeValues, ':moved': 'MOVED', ':ashore': 0 },
  };
  if (typeof entry.partySize !== 'number')
    return { ...link, ConditionExpression: `${link.ConditionExpression} AND attribute_not_exists(partySize)` };
  return {
    ConditionExpression: `${link.ConditionExpression} AND partySize = :prevParty`,
    ExpressionAttributeNames: link.ExpressionAttributeNames,
    ExpressionAttributeValues: { ...link.ExpressionAttributeValues, ':prevParty': entry.partySize },
  };
}

/** The item still carries the waiver link that was read (none, a legacy signature, or a waiver id). */
function sameLink(item: Item): Expression {
  if (typeof item.waiverId === 'string') {
    return {
      ConditionExpression: 'attribute_exists(PK) AND waiverId = :prevId',
      ExpressionAttributeValues: { ':prevId': item.waiverId },
    };
  }
  if (typeof item.waiverSignedAt === 'string') {
    return {
      ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(waiverId) AND waiverSignedAt = :prevAt',
      ExpressionAttributeValues: { ':prevAt': item.waiverSignedAt },
    };
  }
  return {
    ConditionExpression:
      'attribute_exists(PK) AND attribute_not_exists(waiverId) AND (attribute_not_exists(waiverSignedAt) OR attribute_type(waiverSignedAt, :null))',
    ExpressionAttributeValues: { ':null': 'NULL' },
  };
}

/**
 * The event still has the times its "not ended yet" was decided on, and the capacity its rate limit
 * was, and is not cancelled (a cancellation landing meanwhile refuses the signature).
 */
function sameTimes(event: EventItem): Expression {
  const values: Record<string, unknown> = { ':startsAt': event.startsAt, ':capacity': event.capacity ?? null };
  let ends = '(attribute_not_exists(endsAt) OR attribute_type(endsAt, :null))';
  if (typeof event.endsAt === 'string') {
    ends = 'endsAt = :endsAt';
    values[':endsAt'] = event.endsAt;
  } else {
    values[':null'] = 'NULL';
  }
  const capacity = typeof event.capacity === 'number' ? '#capacity = :capacity' : 'attribute_not_exists(#capacity)';
  if (typeof event.capacity !== 'number') delete values[':capacity'];
  return {
    ConditionExpression: `attribute_exists(PK) AND startsAt = :startsAt AND ${ends} AND ${capacity} AND (attribute_not_exists(#status) OR #status <> :cancelled)`,
    ExpressionAttributeNames: { '#capacity': 'capacity', '#status': 'status' },
    ExpressionAttributeValues: { ...values, ':cancelled': 'CANCELLED' },
  };
}

export interface SignatureRead {
  event: EventItem;
  /** The roster entry of the signer's email, if any. */
  entry: Item | undefined;
  /** The walk-up item of the signer's email, if any (exists only while there is no roster entry). */
  walkUp: Item | undefined;
  waiver: WaiverRecord;
  token: string;
  auditId: string;
}

export interface SignaturePlan {
  /** Named, so a cancelled transaction's reasons say which read went stale. */
  items: {
    name: 'waiver' | 'submission' | 'party' | 'roster' | 'event' | 'audit' | LimitName;
    write: Record<string, Item>;
  }[];
  walkUp: boolean;
  /** Held as a claim on a booking, not attached to it. */
  held: boolean;
  people: number;
}

/** The claim a public-link signature under a booked email is held as, until staff match it. */
export function claimItem(waiver: WaiverRecord, entry: Item): Item {
  return {
    PK: eventPk(waiver.eventId),
    SK: claimSk(waiver.email, waiver.id),
    type: 'WaiverClaim',
    eventId: waiver.eventId,
    email: waiver.email,
    claimsName: entry.name,
    status: 'HELD',
    ...linkOf(waiver),
  };
}

/** The roster entry is still there and still booked here: the claim names a booking of this event. */
const stillBooked: Expression = {
  ConditionExpression: 'attribute_exists(PK) AND (attribute_not_exists(#entryStatus) OR #entryStatus <> :moved)',
  ExpressionAttributeNames: { '#entryStatus': 'status' },
  ExpressionAttributeValues: { ':moved': 'MOVED' },
};

export function signatureItems({ event, entry, walkUp, waiver, token, auditId }: SignatureRead): SignaturePlan {
  const PK = eventPk(waiver.eventId);
  const link = linkOf(waiver);
  // The text itself is stored once, under its hash (store.ts storeText): the record names it by `waiverVersion`.
  const { text: _text, ...record } = waiver;
  const items: SignaturePlan['items'] = [
    {
      name: 'waiver',
      write: {
        Put: {
          Item: { PK, SK: waiverSk(waiver.signedAt, waiver.id), type: 'Waiver', ...record },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
    },
    {
      name: 'submission',
      write: {
        Put: {
          Item: {
            PK,
            SK: submissionSk(token),
            type: 'Submission',
            token,
            eventId: waiver.eventId,
            waiverId: waiver.id,
            at: waiver.signedAt,
          },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
    },
  ];
  let before: Item | undefined;
  let after: Item;
  let delta = 0;
  const held = entry !== undefined && !waiver.personalLink;
  if (entry && held) {
    const claim = claimItem(waiver, entry);
    items.push(
      { name: 'party', write: { Put: { Item: claim, ConditionExpression: 'attribute_not_exists(PK)' } } },
      // Removed or moved meanwhile: read again, and it is a walk-up (or refused as moved).
      { name: 'roster', write: { ConditionCheck: { Key: { PK, SK: patronSk(waiver.email) }, ...stillBooked } } },
    );
    before = undefined;
    after = claim;
  } else if (entry) {
    const condition = sameParty(entry);
    delta = coveredPeople({ ...entry, ...link }) - coveredPeople(entry);
    items.push({
      name: 'party',
      write: {
        Update: {
          Key: { PK, SK: patronSk(waiver.email) },
          UpdateExpression:
            'SET waiverId = :id, waiverSignedAt = :at, waiverSignedBy = :by, waiverMinors = :minors, waiverPeople = :people, waiverVersion = :version',
          ...condition,
          ExpressionAttributeValues: {
            ...condition.ExpressionAttributeValues,
            ':id': link.waiverId,
            ':at': link.waiverSignedAt,
            ':by': link.waiverSignedBy,
            ':minors': link.waiverMinors,
            ':people': link.waiverPeople,
            ':version': link.waiverVersion,
          },
        },
      },
    });
    before = linkImage(entry);
    after = linkImage({ ...entry, ...link });
  } else {
    const guest: Item = {
      PK,
      SK: walkUpSk(waiver.email),
      type: 'WalkUp',
      eventId: waiver.eventId,
      email: waiver.email,
      name: waiver.name,
      phone: waiver.phone,
      partySize: link.waiverPeople,
      ...link,
    };
    const replaces = walkUp && typeof walkUp.waiverId === 'string';
    items.push(
      {
        name: 'party',
        write: {
          Put: {
            Item: guest,
            ConditionExpression: replaces ? `waiverId = :prevId AND ${ASHORE}` : 'attribute_not_exists(PK)',
            ...(replaces ? { ExpressionAttributeValues: { ':prevId': walkUp.waiverId, ':ashore': 0 } } : {}),
          },
        },
      },
      // Not booked meanwhile: otherwise this signature belongs on the new roster entry.
      {
        name: 'roster',
        write: {
          ConditionCheck: { Key: { PK, SK: patronSk(waiver.email) }, ConditionExpression: 'attribute_not_exists(PK)' },
        },
      },
    );
    before = walkUp;
    after = guest;
  }
  const times = sameTimes(event);
  items.push({
    name: 'event',
    write:
      delta !== 0
        ? {
            Update: {
              Key: { PK, SK: EVENT_SK },
              UpdateExpression: 'SET waiversSigned = if_not_exists(waiversSigned, :zero) + :delta',
              ...times,
              ExpressionAttributeValues: { ...times.ExpressionAttributeValues, ':zero': 0, ':delta': delta },
            },
          }
        : { ConditionCheck: { Key: { PK, SK: EVENT_SK }, ...times } },
  });
  items.push({
    name: 'audit',
    write: {
      Put: auditPut({
        id: auditId,
        entity: waiver.eventId,
        operation: WRITERS.waiver.operation,
        actor: waiverActor(waiver.email),
        at: waiver.signedAt,
        before,
        after,
      }),
    },
  });
  items.push(...rateItems(waiver.eventId, event.capacity, waiver.ip, waiver.signedAt));
  return { items, walkUp: !entry, held, people: link.waiverPeople };
}
