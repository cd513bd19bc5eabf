/**
 * The event as the waiver Lambda reads it, and when it stops taking signatures. Pure.
 */

/** The event item, attributes named as the GraphQL `Event` fields. */
export interface EventItem {
  id: string;
  title: string;
  startsAt: string;
  endsAt?: string | null;
  boat?: string | null;
  status?: string | null;
  [attribute: string]: unknown;
}

/**
 * An event without an end time is taken to last this long: long enough for any day sail, so a
 * patron signing at the dock after the start is still accepted, and a past event is still refused.
 */
export const DEFAULT_EVENT_HOURS = 12;

/** When the event ends (its endsAt, else startsAt + DEFAULT_EVENT_HOURS), or undefined if unreadable. */
export function eventEnd(event: Pick<EventItem, 'startsAt' | 'endsAt'>): Date | undefined {
  const end = event.endsAt
    ? Date.parse(event.endsAt)
    : Date.parse(String(event.startsAt)) + DEFAULT_EVENT_HOURS * 3_600_000;
  return Number.isNaN(end) ? undefined : new Date(end);
}

/** A waiver for an event that has ended protects no one: the form refuses it. */
export function hasEnded(event: Pick<EventItem, 'startsAt' | 'endsAt'>, now: Date): boolean {
  const end = eventEnd(event);
  return end !== undefined && now.getTime() >= end.getTime();
}

/** A cancelled sailing (cancelEvent) takes no signature: it will not sail. */
export function isCancelled(event: Pick<EventItem, 'status'>): boolean {
  return event.status === 'CANCELLED';
}

/** Where a roster entry moved by rebookPatron now is, or undefined if it is still booked here. */
export function movedTo(entry: Record<string, unknown> | undefined): string | undefined {
  return entry?.status === 'MOVED' ? String(entry.movedTo ?? '') : undefined;
}
