/**
 * What IAM authorizes for one wire request to DynamoDB, SES or Cognito: the action, the resource ARN
 * and the condition keys, read from the request as the service reads it. A request can need several
 * authorizations: each item of a TransactWriteItems is authorized as its own PutItem, UpdateItem,
 * DeleteItem or ConditionCheckItem on its table ("Using IAM with DynamoDB transactions"), each of a
 * TransactGetItems as a GetItem; BatchGetItem and BatchWriteItem are authorized once per table, with
 * every partition key of that table's items as `dynamodb:LeadingKeys`.
 */
import { TABLE } from '../../amplify/storage/table';
import type { AuthRequest } from './evaluate';

export interface Account {
  partition: string;
  region: string;
  accountId: string;
}

// The services' wire JSON, read by its documented shape (the SDK's typed inputs are gone by now).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

export const tableArn = (a: Account, table: string) =>
  `arn:${a.partition}:dynamodb:${a.region}:${a.accountId}:table/${table}`;

/** The partition key's name on the table or one of its indexes (the project's one table). */
function hashKey(index?: string): string {
  if (!index) return TABLE.partitionKey.name;
  const gsi = TABLE.globalSecondaryIndexes.find((i) => i.indexName === index);
  if (!gsi) throw new Error(`unknown index ${index}`);
  return gsi.partitionKey.name;
}

/** An AttributeValue as IAM compares it: its scalar as a string. */
const scalar = (v: Json | undefined): string[] => {
  if (!v) return [];
  const [type, value] = Object.entries(v)[0] ?? [];
  return type === 'S' || type === 'N' || type === 'B' ? [String(value)] : [];
};

const leadingKeys = (values: string[]) => ({ 'dynamodb:LeadingKeys': values });

/** The value a Query's key condition gives the partition key (`#pk = :pk` or the legacy KeyConditions). */
function queriedPartition(body: Json): string[] {
  const key = hashKey(body.IndexName);
  if (body.KeyConditions?.[key]) return scalar(body.KeyConditions[key].AttributeValueList?.[0]);
  const expression: string = body.KeyConditionExpression ?? '';
  const names: Json = body.ExpressionAttributeNames ?? {};
  for (const m of expression.matchAll(/([#\w]+)\s*=\s*(:\w+)/g)) {
    const name = m[1].startsWith('#') ? names[m[1]] : m[1];
    if (name === key) return scalar(body.ExpressionAttributeValues?.[m[2]]);
  }
  return [];
}

const TRANSACT_WRITE: Record<string, string> = {
  Put: 'PutItem',
  Update: 'UpdateItem',
  Delete: 'DeleteItem',
  ConditionCheck: 'ConditionCheckItem',
};

export function dynamodbRequests(a: Account, operation: string, body: Json): AuthRequest[] {
  const pk = TABLE.partitionKey.name;
  const on = (table: string, index?: string) => tableArn(a, table) + (index ? `/index/${index}` : '');
  const action = `dynamodb:${operation}`;
  switch (operation) {
    case 'GetItem':
    case 'UpdateItem':
    case 'DeleteItem':
      return [{ action, resource: on(body.TableName), context: leadingKeys(scalar(body.Key?.[pk])) }];
    case 'PutItem':
      return [{ action, resource: on(body.TableName), context: leadingKeys(scalar(body.Item?.[pk])) }];
    case 'Query':
      return [{ action, resource: on(body.TableName, body.IndexName), context: leadingKeys(queriedPartition(body)) }];
    case 'Scan':
      return [{ action, resource: on(body.TableName, body.IndexName) }];
    case 'TransactWriteItems':
      return (body.TransactItems as Json[]).map((item) => {
        const [kind, op] = Object.entries(item)[0] as [string, Json];
        const key = kind === 'Put' ? op.Item : op.Key;
        return {
          action: `dynamodb:${TRANSACT_WRITE[kind]}`,
          resource: on(op.TableName),
          context: leadingKeys(scalar(key?.[pk])),
        };
      });
    case 'TransactGetItems':
      return (body.TransactItems as Json[]).map(({ Get }) => ({
        action: 'dynamodb:GetItem',
        resource: on(Get.TableName),
        context: leadingKeys(scalar(Get.Key?.[pk])),
      }));
    case 'BatchGetItem':
      return Object.entries(body.RequestItems as Record<string, Json>).map(([table, { Keys }]) => ({
        action,
        resource: on(table),
        context: leadingKeys((Keys as Json[]).flatMap((k) => scalar(k[pk]))),
      }));
    case 'BatchWriteItem':
      return Object.entries(body.RequestItems as Record<string, Json[]>).map(([table, writes]) => ({
        action,
        resource: on(table),
        context: leadingKeys(
          writes.flatMap((w) => scalar(w.PutRequest ? w.PutRequest.Item[pk] : w.DeleteRequest?.Key[pk])),
        ),
      }));
    default:
      // Table-level operations (DescribeTable, CreateTable, …): the table, no key.
      return [{ action, resource: body.TableName ? on(body.TableName) : '*' }];
  }
}

/**
 * SES (v1, query protocol) SendEmail / SendRawEmail: authorized on the identity the mail is sent
 * from; the sender address's own identity, or its domain's when only the domain is verified.
 */
export function sesRequests(a: Account, action: string, form: URLSearchParams): AuthRequest[][] {
  const source = form.get('Source') ?? form.get('FromArn') ?? '';
  const address = source.replace(/^.*<([^>]+)>.*$/, '$1').trim();
  const identity = (name: string) => `arn:${a.partition}:ses:${a.region}:${a.accountId}:identity/${name}`;
  const context = address ? { 'ses:FromAddress': address } : undefined;
  const domain = address.split('@')[1];
  // Either identity may be the verified one; the request passes if one of them is allowed.
  return [address, domain]
    .filter(Boolean)
    .map((name) => [{ action: `ses:${action}`, resource: identity(name), context }]);
}

export function cognitoRequests(a: Account, operation: string, body: Json): AuthRequest[] {
  const resource = body.UserPoolId
    ? `arn:${a.partition}:cognito-idp:${a.region}:${a.accountId}:userpool/${body.UserPoolId}`
    : '*';
  return [{ action: `cognito-idp:${operation}`, resource }];
}
