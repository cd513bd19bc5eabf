import { describe, expect, it } from 'vitest';

import { auditRecord, patronOf, readAudit } from '../../../amplify/data/audit';

/** The one audit-record shape (amplify/data/audit.ts), and older records read into it. */
describe('an audit record', () => {
  it('holds the change without the keys of what changed, leaves out an image there is none of, and is indexed under its patron', () => {
    const record = auditRecord({
      id: '01J0000000000000000000000A',
      entity: 'e1',
      operation: 'addPatron',
      actor: 'crew@example.com',
      at: '2026-05-01T10:00:00.000Z',
      before: null,
      after: { PK: 'EVENT#e1', SK: 'PATRON#a@example.com', GSI1PK: 'x', email: 'a@example.com' },
    });
    expect(record).toEqual({
      type: 'Audit',
      id: '01J0000000000000000000000A',
      entity: 'e1',
      operation: 'addPatron',
      actor: 'crew@example.com',
      at: '2026-05-01T10:00:00.000Z',
      after: { email: 'a@example.com' },
      GSI1PK: 'AUDIT#PATRON#a@example.com',
      GSI1SK: '2026-05-01T10:00:00.000Z#01J0000000000000000000000A',
    });
  });

  it('finds the patron of any change by the fields images carry (payment, entry, receipt), and none for an event', () => {
    expect(patronOf(null, { patronEmail: 'Pat@Example.com', amountCents: 100 })).toBe('pat@example.com');
    expect(patronOf({ email: 'gone@example.com', name: 'Gone' }, null)).toBe('gone@example.com');
    expect(patronOf({ paymentId: 'p1' }, { to: 'r@example.com', status: 'SENT' })).toBe('r@example.com');
    expect(patronOf({ title: 'Old' }, { title: 'New', crew: ['deck@example.com'] })).toBeNull();
    const change = {
      id: 'a',
      entity: 'e1',
      operation: 'updateEvent',
      actor: 'x@example.com',
      at: 't',
      before: { title: 'Old' },
      after: { title: 'New' },
    };
    expect(auditRecord(change)).not.toHaveProperty('GSI1PK');
  });

  it('reads a signature stored before the shapes were one (`who`, `entity: RosterEntry#…`, keys in the images) into the one shape', () => {
    const stored = {
      PK: 'AUDIT#e1',
      SK: '2026-04-01T09:00:00.000Z#5d8c0f5e-4c1b-4b44-9d43-2d1f6f0c1a11',
      type: 'Audit',
      id: '5d8c0f5e-4c1b-4b44-9d43-2d1f6f0c1a11',
      eventId: 'e1',
      at: '2026-04-01T09:00:00.000Z',
      who: 'alice@example.com',
      operation: 'signWaiver',
      entity: 'RosterEntry#alice@example.com',
      waiverId: 'w1',
      before: { PK: 'EVENT#e1', SK: 'PATRON#alice@example.com', email: 'alice@example.com' },
      after: { PK: 'EVENT#e1', SK: 'PATRON#alice@example.com', email: 'alice@example.com', waiverId: 'w1' },
    };
    expect(readAudit(stored)).toEqual({
      type: 'Audit',
      id: '5d8c0f5e-4c1b-4b44-9d43-2d1f6f0c1a11',
      entity: 'e1',
      operation: 'signWaiver',
      actor: 'waiver:alice@example.com',
      at: '2026-04-01T09:00:00.000Z',
      before: { email: 'alice@example.com' },
      after: { email: 'alice@example.com', waiverId: 'w1' },
    });
  });

  it('reads a record in the one shape as it is, a missing image as null', () => {
    const record = auditRecord({
      id: 'a',
      entity: 'e1',
      operation: 'createEvent',
      actor: 'x@example.com',
      at: 't',
      before: null,
      after: { id: 'e1' },
    });
    expect(readAudit({ PK: 'AUDIT#e1', SK: 't#a', ...record })).toEqual({ ...record, before: null });
  });
});
