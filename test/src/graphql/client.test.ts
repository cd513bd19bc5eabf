import { describe, expect, it, vi } from 'vitest';
import { GraphQLError } from 'graphql';
import { createDataClient, type LiveTransport } from '../../../src/graphql/client';
import type { LiveStatus } from '../../../src/graphql/types';
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
    await expect(api.logPayment({} as never)).rejects.toMatchObject({
      kind: 'Conflict',
      detail: 'amount exceeds balance',
    });
  });
});

describe('the data client when a payment collides with another change', () => {
  const busy = {
    data: null,
    errors: [
      {
        message: 'Someone else was saving a change to the same records at the same moment: try again.',
        errorType: 'Conflict',
        errorInfo: { retryable: true },
      },
    ],
  };

  it('sends logPayment again, with the same idempotency key, until it goes through', async () => {
    const keys: unknown[] = [];
    const api = createDataClient(async (_q, v) => {
      keys.push((v.input as { idempotencyKey: string }).idempotencyKey);
      if (keys.length < 3) throw busy;
      return { logPayment: { id: 'P1' } };
    });
    expect(await api.logPayment({ idempotencyKey: 'k-1' } as never)).toEqual({ id: 'P1' });
    expect(keys).toEqual(['k-1', 'k-1', 'k-1']);
  });

  it('gives up after three tries with words that say nothing was written', async () => {
    let calls = 0;
    const api = createDataClient(async () => {
      calls += 1;
      throw busy;
    });
    const error = await api.logPayment({ idempotencyKey: 'k-2' } as never).catch((e: unknown) => e);
    expect(calls).toBe(3);
    expect(error).toMatchObject({ kind: 'Busy' });
    expect(describeError(error)).toBe(
      'Someone else was saving a change to the same records at that moment. Try again.',
    );
  });

  it('does not repeat a refusal that is not retryable, nor other mutations', async () => {
    let calls = 0;
    const api = createDataClient(async () => {
      calls += 1;
      throw calls === 1
        ? { data: null, errors: [{ message: 'Amount exceeds the balance due of $5.00.', errorType: 'Conflict' }] }
        : busy;
    });
    await expect(api.logPayment({} as never)).rejects.toMatchObject({ kind: 'Conflict' });
    await expect(api.addPatron({} as never)).rejects.toMatchObject({ kind: 'Busy' });
    expect(calls).toBe(2);
  });
});

describe('error words', () => {
  it('recognises a network failure wrapped by aws-amplify', () => {
    const wrapped = {
      data: {},
      errors: [new GraphQLError('Network error', null, null, null, null, new TypeError('Failed to fetch'))],
    };
    expect(toApiError(wrapped).kind).toBe('Network');
  });

  it('recognises a missing session', () => {
    const err = Object.assign(new Error('No current user'), { name: 'NoValidAuthTokens' });
    const wrapped = { data: {}, errors: [new GraphQLError(err.message, null, null, null, null, err)] };
    expect(describeError(wrapped)).toBe('You are signed out. Sign in again, then retry.');
  });

  it('takes a token AppSync no longer accepts (HTTP 401, disabled user or expired) for a session that has ended', () => {
    const cause = Object.assign(new Error('Token has expired.'), { name: 'UnauthorizedException' });
    expect(
      toApiError({ data: {}, errors: [new GraphQLError('Unauthorized', null, null, null, null, cause)] }).kind,
    ).toBe('SignedOut');
    expect(
      toApiError({
        errors: [{ errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.' }],
      }).kind,
    ).toBe('SignedOut');
  });

  it('recognises an authorization refusal', () => {
    expect(
      toApiError({
        errors: [{ message: 'Not Authorized to access voidPayment on type Mutation', errorType: 'Unauthorized' }],
      }).kind,
    ).toBe('Unauthorized');
  });

  it('keeps the server’s words for validation errors', () => {
    expect(describeError(new ApiError('ValidationError', 'amountCents must be positive.'))).toBe(
      'Something in the form is not right: amountCents must be positive.',
    );
  });

  it('lets a form say what a conflict means there', () => {
    expect(describeError(new ApiError('Conflict', 'x'), { Conflict: 'Over the balance.' })).toBe('Over the balance.');
  });
});

describe('watchEvent', () => {
  function transport() {
    const started: {
      query: string;
      variables: Record<string, unknown>;
      observer: { next(): void; error(e: unknown): void };
      ended: boolean;
    }[] = [];
    let listener: ((s: LiveStatus) => void) | undefined;
    const live: LiveTransport = {
      subscribe(query, variables, observer) {
        const entry = { query, variables, observer, ended: false };
        started.push(entry);
        return () => {
          entry.ended = true;
        };
      },
      connection(l) {
        listener = l;
        l('live');
        return () => (listener = undefined);
      },
    };
    return { live, started, setConnection: (s: LiveStatus) => listener?.(s) };
  }

  it('subscribes to every part of the event and reports its changes until stopped', () => {
    const { live, started } = transport();
    const seen: string[] = [];
    const stop = createDataClient(async () => ({}), live).watchEvent('e1', {
      changed: () => seen.push('changed'),
      status: (s) => seen.push(s),
    });
    expect(started.map((s) => /subscription (\w+)/.exec(s.query)![1])).toEqual([
      'OnEventChanged',
      'OnRosterChanged',
      'OnPaymentChanged',
      'OnCheckInChanged',
    ]);
    expect(started.every((s) => s.variables.eventId === 'e1')).toBe(true);
    started[2].observer.next();
    expect(seen).toEqual(['live', 'changed']);
    stop();
    expect(started.every((s) => s.ended)).toBe(true);
  });

  it('says it is lost when a subscription fails, tries again, and counts coming back as a change', () => {
    vi.useFakeTimers();
    try {
      const { live, started } = transport();
      const seen: string[] = [];
      createDataClient(async () => ({}), live).watchEvent('e1', {
        changed: () => seen.push('changed'),
        status: (s) => seen.push(s),
      });
      started[0].observer.error(new Error('socket closed'));
      started[1].observer.error(new Error('socket closed'));
      expect(seen).toEqual(['live', 'lost']);
      expect(started.slice(0, 4).every((s) => s.ended)).toBe(true);
      vi.advanceTimersByTime(2_000);
      expect(started).toHaveLength(8);
      expect(seen).toEqual(['live', 'lost', 'live', 'changed']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('is off without a live transport', () => {
    const seen: string[] = [];
    createDataClient(async () => ({})).watchEvent('e1', {
      changed: () => seen.push('changed'),
      status: (s) => seen.push(s),
    });
    expect(seen).toEqual(['off']);
  });
});
