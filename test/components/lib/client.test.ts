import { describe, expect, it } from 'vitest';
import { GraphQLError } from 'graphql';
import { createDataClient } from '../../../src/graphql/client';
import { ApiError, describeError, toApiError } from '../../../src/graphql/errors';

describe('the data client', () => {
  it('sends the operation with its variables and returns the field', async () => {
    const sent: unknown[] = [];
    const api = createDataClient(async (query, variables) => {
      sent.push({ query, variables });
      return { getEvent: { event: { id: 'e' }, roster: [] } };
    });
    expect(await api.getEvent('e')).toEqual({ event: { id: 'e' }, roster: [] });
    expect(sent[0]).toMatchObject({ variables: { id: 'e' } });
    expect((sent[0] as { query: string }).query).toContain('getEvent(id: $id)');
  });

  it('follows a nextToken across an empty page (a range crossing into next year)', async () => {
    const pages: Record<string, unknown> = {
      first: { items: [], nextToken: 'year2' },
      year2: { items: [{ id: 'b' }], nextToken: null },
    };
    const api = createDataClient(async (_q, v) => ({ listEvents: pages[(v.nextToken as string) ?? 'first'] }));
    expect(await api.listEvents('2025-12-01', '2026-01-31')).toEqual({ items: [{ id: 'b' }], nextToken: null });
  });

  it('turns AppSync error types into ApiErrors', async () => {
    const api = createDataClient(async () => {
      throw { data: null, errors: [{ message: 'amount exceeds balance', errorType: 'Conflict' }] };
    });
    await expect(api.logPayment({} as never)).rejects.toMatchObject({ kind: 'Conflict', detail: 'amount exceeds balance' });
  });
});

describe('error words', () => {
  it('recognises a network failure wrapped by aws-amplify', () => {
    const wrapped = { data: {}, errors: [new GraphQLError('Network error', null, null, null, null, new TypeError('Failed to fetch'))] };
    expect(toApiError(wrapped).kind).toBe('Network');
  });

  it('recognises a missing session', () => {
    const err = Object.assign(new Error('No current user'), { name: 'NoValidAuthTokens' });
    const wrapped = { data: {}, errors: [new GraphQLError(err.message, null, null, null, null, err)] };
    expect(describeError(wrapped)).toBe('You are signed out. Sign in again, then retry.');
  });

  it('recognises an authorization refusal', () => {
    expect(toApiError({ errors: [{ message: 'Not Authorized to access voidPayment on type Mutation', errorType: 'Unauthorized' }] }).kind).toBe('Unauthorized');
  });

  it('keeps the server’s words for validation errors', () => {
    expect(describeError(new ApiError('ValidationError', 'amountCents must be positive.'))).toBe('Something in the form is not right: amountCents must be positive.');
  });

  it('lets a form say what a conflict means there', () => {
    expect(describeError(new ApiError('Conflict', 'x'), { Conflict: 'Over the balance.' })).toBe('Over the balance.');
  });
});
