import { GROUPS, mayCall, type Field, type Group } from '../../../amplify/data/contract/access-rules';

/**
 * Who may do what in the dashboard: each action is allowed to the groups that may call the field it
 * calls (amplify/data/contract/access-rules.ts, which the API enforces), so a screen never offers
 * what the API would refuse.
 */
export type { Group };

export interface CurrentUser {
  email: string;
  groups: Group[];
}

const any = (user: CurrentUser | undefined, ...groups: Group[]) =>
  !!user && user.groups.some((g) => groups.includes(g));
const calls = (field: Field) => (u?: CurrentUser) => !!u && mayCall(field, u.groups);

export const can = {
  seeEvents: calls('listEvents'),
  logPayment: calls('logPayment'),
  addPatron: calls('addPatron'),
  sendWaiverLinks: calls('sendWaiverLinks'),
  /** narrower on screen than updatePatron: the roster offers Edit to admins only */
  editPatron: (u?: CurrentUser) => any(u, 'ADMINS'),
  removePatron: calls('removePatron'),
  matchWaiverClaim: calls('matchWaiverClaim'),
  editEvent: calls('updateEvent'),
  voidPayment: calls('voidPayment'),
  /** the CSV of payments between two dates */
  exportCsv: calls('paymentsBetween'),
  seeEventPayments: calls('paymentsByEvent'),
  seeAllPayments: calls('paymentsBetween'),
  /** money given back is the office's; cancelling and moving bookings the admins' */
  refundPayment: calls('refundPayment'),
  /** a receipt emailed to the patron (notifyPatron): staff who take payments, not the office */
  emailReceipt: calls('notifyPatron'),
  cancelEvent: calls('cancelEvent'),
  rebookPatron: calls('rebookPatron'),
  /** a bounced address corrected at the dock (correctPatronEmail) */
  correctEmail: calls('correctPatronEmail'),
  /** audit trails and signed waivers */
  seeRecords: calls('auditByEvent'),
  manageTeam: calls('teamMembers'),
  /** totals, cash counts (recordCashCount), the reconciliation CSV */
  reconcile: calls('recordCashCount'),
};

/**
 * Where `/` (and signing in there) leads: crew start on Today, their phone screen on the dock;
 * admins keep the charters list, where they plan the season (an admin who is also crew is an admin
 * here); accounting, who see no charters, their payments.
 */
export function startPage(user: CurrentUser | undefined): 'today' | 'events' | 'payments' {
  if (any(user, 'ADMINS')) return 'events';
  if (any(user, 'CREW')) return 'today';
  return 'payments';
}

export function groupsFromClaim(claim: unknown): Group[] {
  const list = Array.isArray(claim) ? claim : typeof claim === 'string' ? claim.split(',') : [];
  return GROUPS.filter((g) => list.includes(g));
}
