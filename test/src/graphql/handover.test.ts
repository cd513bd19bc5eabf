import { describe, expect, it } from 'vitest';
import { createDataClient, type DataClient, type GraphqlSend, type LiveTransport } from '../../../src/graphql/client';
import { ApiError } from '../../../src/graphql/errors';
import { handover } from '../../../src/graphql/handover';
import type { LiveStatus } from '../../../src/graphql/types';

const detail = (title: string) => ({ getEvent: { event: { id: 'e1', title }, roster: [], walkUps: [] } });

/** A transport that records the fields it was asked for and answers from `answer`. */
function transport(name: string, answer: (field: string) => unknown = () => detail(name)) {
  const asked: string[] = [];
  const send: GraphqlSend = async (query) => {
    const field = /\{\s*(\w+)/.exec(query.slice(query.indexOf('{')))![1];
    asked.push(field);
    return answer(field);
  };
  return { asked, send };
}

/** A live transport whose connection state and deliveries the test drives. */
function liveTransport() {
  const observers: { next(): void }[] = [];
  const listeners: ((s: LiveStatus) => void)[] = [];
  const live: LiveTransport = {
    subscribe: (_q, _v, observer) => {
      observers.push(observer);
      return () => observers.splice(observers.indexOf(observer), 1);
    },
    connection: (listener) => {
      listeners.push(listener);
      listener('connecting');
      return () => undefined;
    },
  };
  return { live, observers, setStatus: (s: LiveStatus) => listeners.forEach((l) => l(s)) };
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const refused = () => {
  throw {
    data: null,
    errors: [{ errorType: 'UnauthorizedException', message: 'Valid authorization header not provided.' }],
  };
};

describe('the shell’s data client, before and after aws-amplify has loaded', () => {
  it('reads with the stored session until aws-amplify has loaded, then only through aws-amplify', async () => {
    const early = transport('early');
    const amplify = transport('amplify');
    const ready = deferred<DataClient>();
    const api = handover(createDataClient(early.send), ready.promise);
    expect((await api.getEvent('e1'))?.event.title).toBe('early');
    ready.resolve(createDataClient(amplify.send));
    await ready.promise;
    expect((await api.getEvent('e1'))?.event.title).toBe('amplify');
    expect(early.asked).toEqual(['getEvent']);
    expect(amplify.asked).toEqual(['getEvent']);
  });

  it('asks aws-amplify instead, once loaded, when the stored session is refused or missing', async () => {
    const early = transport('early', refused);
    const amplify = transport('amplify');
    const ready = deferred<DataClient>();
    const api = handover(createDataClient(early.send), ready.promise);
    const answer = api.getEvent('e1');
    ready.resolve(createDataClient(amplify.send));
    expect((await answer)?.event.title).toBe('amplify');
  });

  it('passes on every other refusal as it is (a network failure is not a reason to wait)', async () => {
    const early = transport('early', () => {
      throw new TypeError('Failed to fetch');
    });
    const api = handover(createDataClient(early.send), new Promise(() => undefined));
    await expect(api.getEvent('e1')).rejects.toMatchObject({ kind: 'Network' });
    const forbidden = transport('early', () => {
      throw {
        data: null,
        errors: [{ errorType: 'Unauthorized', message: 'Not Authorized to access getEvent on type Query' }],
      };
    });
    await expect(
      handover(createDataClient(forbidden.send), new Promise(() => undefined)).getEvent('e1'),
    ).rejects.toBeInstanceOf(ApiError);
  });

  it("hands a preloaded read to the page's identical call, once, even after it has arrived", async () => {
    const early = transport('early');
    const api = handover(createDataClient(early.send), new Promise(() => undefined));
    api.preload('getEvent', 'e1');
    await new Promise((r) => setTimeout(r, 10));
    expect((await api.getEvent('e1'))?.event.title).toBe('early');
    expect(early.asked).toEqual(['getEvent']);
    // A later call reads again: a preloaded answer is never handed out twice.
    await api.getEvent('e1');
    expect(early.asked).toEqual(['getEvent', 'getEvent']);
  });

  it('hands nothing preloaded or in flight to whoever signs in next', async () => {
    const early = transport('early');
    const api = handover(createDataClient(early.send), new Promise(() => undefined));
    api.preload('getEvent', 'e1');
    api.forget();
    await api.getEvent('e1');
    expect(early.asked).toEqual(['getEvent', 'getEvent']);
  });

  it('shares an identical read in flight, but never a write', async () => {
    const early = transport('early', (field) => (field === 'getEvent' ? detail('early') : { [field]: { id: 'p' } }));
    const api = handover(createDataClient(early.send), new Promise(() => undefined));
    await Promise.all([api.getEvent('e1'), api.getEvent('e1'), api.getEvent('e2')]);
    expect(early.asked).toEqual(['getEvent', 'getEvent']);
    await Promise.all([api.voidPayment('e1', 'p', 'typo'), api.voidPayment('e1', 'p', 'typo')]);
    expect(early.asked.filter((f) => f === 'voidPayment')).toHaveLength(2);
  });

  it('starts live updates once aws-amplify has loaded, and reads again when first live (changes may have been missed)', async () => {
    const early = transport('early');
    const live = liveTransport();
    const ready = deferred<DataClient>();
    const api = handover(createDataClient(early.send), ready.promise);
    await api.getEvent('e1');
    const statuses: LiveStatus[] = [];
    let changes = 0;
    api.watchEvent('e1', { status: (s) => statuses.push(s), changed: () => (changes += 1) });
    expect(statuses).toEqual(['connecting']);
    ready.resolve(createDataClient(transport('amplify').send, live.live));
    await ready.promise;
    await Promise.resolve();
    expect(live.observers.length).toBeGreaterThan(0);
    expect(changes).toBe(0);
    live.setStatus('live');
    expect(changes).toBe(1);
    live.setStatus('lost');
    live.setStatus('live');
    expect(changes).toBe(1);
    live.observers[0]!.next();
    expect(changes).toBe(2);
  });

  it('never subscribes for a watch stopped before aws-amplify loaded', async () => {
    const live = liveTransport();
    const ready = deferred<DataClient>();
    const api = handover(createDataClient(transport('early').send), ready.promise);
    const stop = api.watchEvent('e1', { status: () => undefined, changed: () => undefined });
    stop();
    ready.resolve(createDataClient(transport('amplify').send, live.live));
    await ready.promise;
    await Promise.resolve();
    expect(live.observers).toHaveLength(0);
  });
});
