import { AUDIT_CONDITION, auditItem, type AuditChange } from '../data/audit';

/**
 * A Lambda's Put of an audit record: the item the one builder (../data/audit.ts) makes of the
 * change, the resolvers' own, written only where no item is. Without TableName, which the caller's
 * request adds (a transaction item, or a PutCommand on its own).
 */
export function auditPut(change: AuditChange): { Item: Record<string, unknown>; ConditionExpression: string } {
  const item = auditItem(change);
  return { Item: { ...item.key, ...item.attributes }, ConditionExpression: AUDIT_CONDITION };
}
