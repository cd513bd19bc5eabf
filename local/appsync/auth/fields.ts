import type { AppSyncSchema, UserPoolAccess } from '../server/schema';
import type { CognitoIdentity } from './cognito';
import type { IamIdentity } from './iam';

/**
 * AppSync's field-level rule: a field's own auth directives win; else its type's; else the API's
 * default mode (user pools here: any signed-in user). Introspection is open to any caller who
 * passed authentication.
 */
export function fieldAccess(schema: AppSyncSchema, typeName: string, fieldName: string): UserPoolAccess {
  if (fieldName.startsWith('__')) return null;
  const own = schema.fields.get(`${typeName}.${fieldName}`)?.access;
  if (own !== undefined) return own;
  const ofType = schema.types.get(typeName);
  return ofType === undefined ? null : ofType;
}

export function mayAccess(access: UserPoolAccess, identity: CognitoIdentity | IamIdentity): boolean {
  if (access === false) return false;
  if (access === null) return true;
  return ('groups' in identity ? (identity.groups ?? []) : []).some((g) => access.includes(g));
}

export const notAuthorizedMessage = (typeName: string, fieldName: string) =>
  `Not Authorized to access ${fieldName} on type ${typeName}`;
