import { extensions, util, type Context } from '@aws-appsync/utils';
import { unauthorized } from './errors';
import { normalEmail, requireId } from './validate';

/**
 * The live subscriptions run on the NONE data source: subscribing reads nothing, and
 * each mutation's own response is what AppSync publishes.
 */
export function subscribeRequest(ctx: Context) {
  requireId(ctx.args.eventId, 'eventId');
  return { payload: null };
}

/** Every subscription field of the schema (a test holds this list to it): what endLiveUpdates closes. */
export const LIVE_FIELDS = ['onEventChanged', 'onRosterChanged', 'onPaymentChanged', 'onCheckInChanged'];

/**
 * Deliver only the subscribed event's changes. `field` names where the published type holds the
 * event's id (`id` on Event, `eventId` elsewhere). An enhanced filter replaces argument matching,
 * so the filter is the whole of what a subscriber receives.
 *
 * And end the subscription when the subscriber's access changes (endLiveUpdates): AppSync does not
 * authorize an open subscription again, so without this a disabled member's open screen would go
 * on receiving what their groups no longer may read.
 */
export function filterToEvent(ctx: Context, field: string) {
  extensions.setSubscriptionFilter(util.transform.toSubscriptionFilter({ [field]: { eq: ctx.args.eventId } }));
  const identity = (ctx.identity || {}) as { sub?: string };
  extensions.setSubscriptionInvalidationFilter(
    util.transform.toSubscriptionFilter({ userId: { eq: identity.sub || '' } }),
  );
  return null;
}

/**
 * Closes every open subscription of the member `userId` (a mutation's response handler only):
 * AppSync unsubscribes them and closes their WebSocket ("Unsubscribing WebSocket connections using
 * filters"); the dashboard subscribes again with a token the API still accepts, or not at all.
 */
export function endLiveUpdates(userId: string) {
  LIVE_FIELDS.forEach((subscriptionField) => {
    extensions.invalidateSubscriptions({ subscriptionField, payload: { userId } });
  });
}

/**
 * A publish mutation's request (NONE data source): only an IAM principal, a Lambda's role, may
 * publish (a Cognito user's identity has a `sub`, an IAM caller's a `userArn`), and what it
 * publishes is only what identifies the change: the subscribers reload what they show.
 */
export function publishRequest(ctx: Context, payload: Record<string, string>) {
  const identity = (ctx.identity || {}) as { sub?: string; userArn?: string };
  if (identity.sub || !identity.userArn) unauthorized('Only the backend publishes changes.');
  return { payload };
}

/** A roster entry's change: the event and the entry's email, as onRosterChanged's subscribers select. */
export function rosterChange(ctx: Context) {
  return { eventId: requireId(ctx.args.eventId, 'eventId'), email: normalEmail(ctx.args.email, 'email') };
}
