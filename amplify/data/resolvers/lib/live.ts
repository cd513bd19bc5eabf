import { extensions, util, type Context } from '@aws-appsync/utils';
import { requireId } from './validate';

/**
 * The live subscriptions (issue 16 §1) run on the NONE data source: subscribing reads nothing, and
 * each mutation's own response is what AppSync publishes.
 */
export function subscribeRequest(ctx: Context) {
  requireId(ctx.args.eventId, 'eventId');
  return { payload: null };
}

/**
 * Deliver only the subscribed event's changes. `field` names where the published type holds the
 * event's id (`id` on Event, `eventId` elsewhere). An enhanced filter replaces argument matching,
 * so the filter is the whole of what a subscriber receives.
 */
export function filterToEvent(ctx: Context, field: string) {
  extensions.setSubscriptionFilter(util.transform.toSubscriptionFilter({ [field]: { eq: ctx.args.eventId } }));
  return null;
}
