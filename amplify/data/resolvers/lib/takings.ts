import { util } from '@aws-appsync/utils';
import { takingsPk, takingsSk } from '../../keys';
import { contribution, merge, negate, type CountedPayment, type TakingsDelta } from '../../takings';
import { dayIn, operatorZone } from './zone';

/**
 * The daily takings kept in each payment writer's transaction (amplify/data/takings.ts). Their
 * items are appended after every other item of the transaction, so the positions the responses
 * map refusals by do not move; they carry no condition, so they never refuse a write.
 */
export interface LedgerPayment extends CountedPayment {
  loggedAt: string;
  receivedAt: string;
  /** true once the item's contribution is in the totals: every item written with them, and older ones once backfilled */
  inTotals?: boolean | null;
}

/** The attribute that says a payment item is counted in the totals (new items are written with it). */
export const IN_TOTALS = 'inTotals';

/** What a payment item in its state adds to its event's day (the operator's day of loggedAt). */
export function counted(ctx: { env: Record<string, string> }, p: LedgerPayment): TakingsDelta {
  const zone = operatorZone(ctx);
  return contribution(p, dayIn(p.loggedAt, zone), dayIn(p.receivedAt, zone));
}

/**
 * A stored payment item changing state (a void, a move): its old contribution out, its new one in.
 * Nothing when the item is not in the totals yet: the backfill counts it in whatever state it
 * finds it then (and the item's write is conditioned on `inTotals` as read, see PAYMENT_ATTRIBUTES).
 */
export function changed(
  ctx: { env: Record<string, string> },
  before: LedgerPayment,
  after: LedgerPayment,
): TakingsDelta[] {
  if (!before.inTotals) return [];
  return [negate(counted(ctx, before)), counted(ctx, after)];
}

/**
 * Payments moved (to another sailing, or to a corrected address): each original's contribution
 * becomes a MOVED one, and each copy (in the same order) counts where it now is.
 */
export function movedTakings(
  ctx: { env: Record<string, string> },
  payments: LedgerPayment[],
  copies: Record<string, unknown>[],
): TakingsDelta[] {
  const out: TakingsDelta[] = [];
  payments.forEach((p, i) => {
    changed(ctx, p, { ...p, status: 'MOVED' }).forEach((d) => out.push(d));
    out.push(counted(ctx, copies[i] as unknown as LedgerPayment));
  });
  return out;
}

/**
 * One UpdateItem per totals item touched: `ADD` of each delta, so DynamoDB computes every total
 * (an absent item or attribute counts from zero) and concurrent writers never lose an addition.
 */
export function takingsUpdates(tableName: string, deltas: TakingsDelta[]): unknown[] {
  return merge(deltas).map((d) => {
    const names: Record<string, string> = { '#day': 'day', '#eventId': 'eventId', '#type': 'type' };
    const values: Record<string, unknown> = { ':day': d.day, ':eventId': d.eventId, ':type': 'Takings' };
    const adds = Object.keys(d.adds).map((k) => {
      names['#' + k] = k;
      values[':' + k] = d.adds[k];
      return '#' + k + ' :' + k;
    });
    return {
      table: tableName,
      operation: 'UpdateItem',
      key: util.dynamodb.toMapValues({ PK: takingsPk(d.day), SK: takingsSk(d.day, d.eventId) }),
      update: {
        expression: 'SET #day = :day, #eventId = :eventId, #type = :type ADD ' + adds.join(', '),
        expressionNames: names,
        expressionValues: util.dynamodb.toMapValues(values),
      },
    };
  });
}
