import { defineFunction } from '@aws-amplify/backend';

/**
 * The waiver Lambda (HTML GET + form POST). amplify/backend.ts gives it its Function URL, the
 * table (TABLE_NAME + read/write), ORIGIN_VERIFY_SECRET (the value CloudFront sends in
 * `x-scc-origin-verify`), SENDER_EMAIL / AUDIT_EMAIL and SES send permission.
 */
export const waiver = defineFunction({
  name: 'waiver',
  entry: './handler.ts',
  timeoutSeconds: 10,
  memoryMB: 512,
  runtime: 24,
  resourceGroupName: 'data',
});
