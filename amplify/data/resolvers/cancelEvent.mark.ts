import { util, type Context } from '@aws-appsync/utils';
import { dataSourceError } from './lib/errors';
import { notCancelled } from './lib/sailing';
import { actor, allOf, auditPut, table, updateItem } from './lib/tx';

/**
 * cancelEvent, step 2: the event is marked CANCELLED (who, when, why), audited, in one transaction
 * conditioned on it not being cancelled already and nobody checked in. From then on logPayment, addPatron and checkIn
 * refuse it (their own conditions). Its totals are left to the refunds and moves that follow.
 */
export function request(ctx: Context) {
  const event = ctx.stash.event;
  const now = util.time.nowISO8601();
  const set = { status: 'CANCELLED', cancelledAt: now, cancelledBy: actor(ctx), cancelReason: ctx.stash.reason };
  ctx.stash.event = { ...event, ...set };
  const tableName = table(ctx);
  return {
    operation: 'TransactWriteItems',
    transactItems: [
      updateItem(
        tableName,
        { PK: event.PK, SK: event.SK },
        { set },
        allOf([
          { expression: 'attribute_exists(PK)' },
          notCancelled(),
          {
            expression: 'attribute_not_exists(#c_checkedIn) OR #c_checkedIn = :c_none',
            expressionNames: { '#c_checkedIn': 'checkedIn' },
            expressionValues: { ':c_none': 0 },
          },
        ]),
      ),
      auditPut(
        tableName,
        ctx,
        event.id,
        now,
        { id: event.id, status: event.status || 'SCHEDULED' },
        { id: event.id, ...set },
      ),
    ],
  };
}

export function response(ctx: Context) {
  if (ctx.error) {
    dataSourceError(ctx, [
      {
        item: 0,
        message: 'Someone else cancelled this sailing, or checked someone in on it, a moment ago: reload to see it.',
        info: { reason: 'EVENT_CHANGED', retryable: true },
      },
    ]);
  }
  return ctx.stash.event;
}
