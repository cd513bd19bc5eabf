/**
 * What the payment form checks before sending (pure, so it is tested on its own): an amount
 * logPayment would refuse as more than the patron owes (Conflict), counting first what already waits
 * on this phone for signal (the outbox), since that goes through before this payment.
 */
import type { RosterEntry } from '../../graphql/types';
import { formatCents } from './money';

/** Why `cents` cannot be taken from the patron, in words for the amount field; '' when it can. */
export function overBalance(
  patron: Pick<RosterEntry, 'name' | 'balanceCents'>,
  cents: number,
  waitingCents = 0,
): string {
  const owes = patron.balanceCents - waitingCents;
  if (cents <= owes) return '';
  const once = waitingCents ? ` once the ${formatCents(waitingCents)} waiting for signal is recorded` : '';
  return owes > 0
    ? `That is more than the ${formatCents(owes)} ${patron.name} still owes${once}.`
    : `${patron.name} has nothing left to pay${once}.`;
}
