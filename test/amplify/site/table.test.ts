import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { createSccTable } from '../../../amplify/site/table';

const synthTable = (keep: boolean) => {
  const stack = new Stack(new App(), 'T');
  createSccTable(stack, { keep });
  return Object.values(Template.fromStack(stack).findResources('AWS::DynamoDB::Table'))[0];
};

describe('createSccTable', () => {
  it('keeps a branch deployment’s table: retained and deletion-protected', () => {
    const table = synthTable(true);
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.Properties.DeletionProtectionEnabled).toBe(true);
  });

  it('lets a sandbox be deleted, still with point-in-time recovery', () => {
    const table = synthTable(false);
    expect(table.DeletionPolicy).toBe('Delete');
    expect(table.Properties.DeletionProtectionEnabled).toBe(false);
    expect(table.Properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
  });
});
