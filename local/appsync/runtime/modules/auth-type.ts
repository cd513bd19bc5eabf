/**
 * `util.authType()` derived from the shape of `ctx.identity`, as AWS's EvaluateCode answers it:
 * an identity counts as a mode only when it carries that mode's fields and nothing else;
 * anything ambiguous falls back to an API key. The GraphQL server may pass the mode instead.
 */
import { isPlainObject } from './values';

const API_KEY = 'API Key Authorization';

interface Shape {
  name: string;
  required: string[];
  optional?: string[];
  nonNull?: string[];
}

const SHAPES: Shape[] = [
  {
    name: 'IAM Authorization',
    required: [
      'accountId',
      'cognitoIdentityPoolId',
      'cognitoIdentityId',
      'sourceIp',
      'username',
      'userArn',
      'cognitoIdentityAuthType',
      'cognitoIdentityAuthProvider',
    ],
    nonNull: ['accountId', 'sourceIp', 'username', 'userArn'],
  },
  {
    name: 'User Pool Authorization',
    required: ['sourceIp', 'username', 'sub', 'issuer', 'claims', 'defaultAuthStrategy'],
    optional: ['groups'],
    nonNull: ['sourceIp', 'defaultAuthStrategy'],
  },
  { name: 'Open ID Connect Authorization', required: ['sub', 'issuer', 'claims'] },
  { name: 'Lambda Authorization', required: [], optional: ['resolverContext'] },
];

function fits(identity: Record<string, unknown>, shape: Shape): boolean {
  const allowed = new Set([...shape.required, ...(shape.optional ?? [])]);
  const keys = Object.keys(identity);
  return (
    keys.every((key) => allowed.has(key)) &&
    shape.required.every((key) => key in identity) &&
    (shape.nonNull ?? []).every((key) => identity[key] !== null && identity[key] !== undefined)
  );
}

export function authTypeOf(identity: unknown): string {
  if (!isPlainObject(identity)) return API_KEY;
  return SHAPES.find((shape) => fits(identity, shape))?.name ?? API_KEY;
}
