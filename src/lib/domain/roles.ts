/** Who may do what in the dashboard; mirrors the API's group rules (docs/architecture.md, The contract), which the API enforces. */
export type Group = 'ADMINS' | 'CREW' | 'ACCOUNTING';

export interface CurrentUser {
  email: string;
  groups: Group[];
}

const any = (user: CurrentUser | undefined, ...groups: Group[]) =>
  !!user && user.groups.some((g) => groups.includes(g));

export const can = {
  seeEvents: (u?: CurrentUser) => any(u, 'ADMINS', 'CREW'),
  logPayment: (u?: CurrentUser) => any(u, 'ADMINS', 'CREW'),
  addPatron: (u?: CurrentUser) => any(u, 'ADMINS', 'CREW'),
  sendWaiverLinks: (u?: CurrentUser) => any(u, 'ADMINS', 'CREW'),
  editPatron: (u?: CurrentUser) => any(u, 'ADMINS'),
  removePatron: (u?: CurrentUser) => any(u, 'ADMINS'),
  matchWaiverClaim: (u?: CurrentUser) => any(u, 'ADMINS', 'CREW'),
  editEvent: (u?: CurrentUser) => any(u, 'ADMINS'),
  voidPayment: (u?: CurrentUser) => any(u, 'ADMINS'),
  exportCsv: (u?: CurrentUser) => any(u, 'ADMINS', 'ACCOUNTING'),
  seeEventPayments: (u?: CurrentUser) => any(u, 'ADMINS', 'CREW', 'ACCOUNTING'),
  seeAllPayments: (u?: CurrentUser) => any(u, 'ADMINS', 'ACCOUNTING'),
  // Issue 17 §3: money given back is the office's; cancelling and moving bookings the admins'.
  refundPayment: (u?: CurrentUser) => any(u, 'ADMINS', 'ACCOUNTING'),
  /** a receipt emailed to the patron (notifyPatron): staff who take payments, not the office */
  emailReceipt: (u?: CurrentUser) => any(u, 'ADMINS', 'CREW'),
  cancelEvent: (u?: CurrentUser) => any(u, 'ADMINS'),
  rebookPatron: (u?: CurrentUser) => any(u, 'ADMINS'),
  /** a bounced address corrected at the dock (correctPatronEmail) */
  correctEmail: (u?: CurrentUser) => any(u, 'ADMINS', 'CREW'),
  /** audit trails and signed waivers */
  seeRecords: (u?: CurrentUser) => any(u, 'ADMINS', 'ACCOUNTING'),
  manageTeam: (u?: CurrentUser) => any(u, 'ADMINS'),
  /** totals, cash counts (recordCashCount), the reconciliation CSV */
  reconcile: (u?: CurrentUser) => any(u, 'ADMINS', 'ACCOUNTING'),
};

/**
 * Where `/` (and signing in there) leads: crew start on Today, their phone screen on the dock;
 * admins keep the charters list, where they plan the season (an admin who is also
 * crew is an admin here); accounting, who see no charters, their payments.
 */
export function startPage(user: CurrentUser | undefined): 'today' | 'events' | 'payments' {
  if (any(user, 'ADMINS')) return 'events';
  if (any(user, 'CREW')) return 'today';
  return 'payments';
}

export function groupsFromClaim(claim: unknown): Group[] {
  const known: Group[] = ['ADMINS', 'CREW', 'ACCOUNTING'];
  const list = Array.isArray(claim) ? claim : typeof claim === 'string' ? claim.split(',') : [];
  return known.filter((g) => list.includes(g));
}
