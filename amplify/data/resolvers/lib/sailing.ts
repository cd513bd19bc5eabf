import { conflict } from './errors';
import type { Condition } from './tx';

/**
 * A cancelled sailing and a rebooked patron. A cancelled event takes no new booking,
 * payment or check-in, and a roster entry MOVED to another sailing counts nowhere and takes no
 * change: each such write refuses at once on what it read (a Conflict that says why) and carries the
 * matching condition, so a cancellation or a move landing meanwhile cancels it too.
 */
export function notCancelled(): Condition {
  return {
    expression: 'attribute_not_exists(#c_evstatus) OR #c_evstatus <> :c_cancelled',
    expressionNames: { '#c_evstatus': 'status' },
    expressionValues: { ':c_cancelled': 'CANCELLED' },
  };
}

export function stillBooked(): Condition {
  return {
    expression: 'attribute_not_exists(#c_enstatus) OR #c_enstatus <> :c_moved',
    expressionNames: { '#c_enstatus': 'status' },
    expressionValues: { ':c_moved': 'MOVED' },
  };
}

export function refuseIfCancelled(event: { status?: string | null; cancelledAt?: string | null }, what: string): void {
  if (event.status === 'CANCELLED') {
    conflict('This sailing was cancelled on ' + event.cancelledAt + ': ' + what + '.', { reason: 'EVENT_CANCELLED' });
  }
}

export function refuseIfMoved(entry: { email: string; status?: string | null; movedTo?: string | null }): void {
  if (entry.status === 'MOVED') {
    conflict(entry.email + ' was rebooked onto "' + entry.movedTo + '": change their booking there.', {
      reason: 'PATRON_MOVED',
      movedTo: entry.movedTo,
    });
  }
}

/** A refund counts negative in every sum of money; a payment positive. */
export function signedCents(payment: { kind?: string | null; amountCents: number }): number {
  return payment.kind === 'REFUND' ? -payment.amountCents : payment.amountCents;
}
