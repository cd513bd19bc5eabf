import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_STATUS, ERROR_TYPES } from '../../../../amplify/domain/errors';
import * as lambdaErrors from '../../../../amplify/functions/errors';
import { ctx, RESOLVERS, run } from './support/context';

/**
 * What every response handler answers for every kind of DynamoDB failure: the error a client gets
 * (message, errorType, errorInfo), or what the step hands on. The snapshot is the contract's error
 * shapes as clients see them: a change to it is a change to the API, never a refactor.
 */
const reasons = (failed: number[], length = 5) =>
  Array.from({ length }, (_, i) => ({ type: failed.includes(i) ? 'ConditionalCheckFailed' : 'None', message: null }));
const cancelled = (result: unknown) => ({
  error: {
    message: 'Transaction cancelled, please refer cancellation reasons for specific reasons',
    type: 'DynamoDB:TransactionCanceledException',
  },
  result,
});
const FAILURES: Record<string, { error: { message: string; type: string }; result: unknown }> = {
  'item 0 failed its condition': cancelled({ cancellationReasons: reasons([0]) }),
  'item 1 failed its condition': cancelled({ cancellationReasons: reasons([1]) }),
  'item 2 failed its condition': cancelled({ cancellationReasons: reasons([2]) }),
  'item 3 failed its condition': cancelled({ cancellationReasons: reasons([3]) }),
  'item 4 failed its condition': cancelled({ cancellationReasons: reasons([4]) }),
  'items 1 and 3 failed their conditions': cancelled({ cancellationReasons: reasons([1, 3]) }),
  'a TransactionConflict (no condition failed)': cancelled({
    cancellationReasons: [{ type: 'None' }, { type: 'TransactionConflict' }],
  }),
  'a cancellation without reasons': cancelled(null),
  // No step writes with a single conditional operation today; one that does gets its item-0 refusal.
  'a single operation failed its condition': {
    error: { message: 'The conditional request failed', type: 'DynamoDB:ConditionalCheckFailedException' },
    result: null,
  },
  'DynamoDB unavailable': {
    error: { message: 'connect ECONNREFUSED 10.0.0.1:8000', type: 'DynamoDB:ServiceUnavailable' },
    result: null,
  },
  'DynamoDB refused the request': {
    error: { message: 'One or more parameter values were invalid', type: 'DynamoDB:ValidationException' },
    result: null,
  },
};

const payment = {
  PK: 'EVENT#e',
  SK: 'PAYMENT#P1',
  id: 'P1',
  eventId: 'e',
  patronEmail: 'pat@example.com',
  status: 'RECORDED',
  amountCents: 1_000,
};
/** Each step's stash as its request left it, and its arguments. */
const STEPS: Record<string, { field: string; arguments?: Record<string, unknown>; stash: Record<string, unknown> }> = {
  'addPatron.load.ts': { field: 'addPatron', stash: { loadNames: ['event', 'walkUp'] } },
  'addPatron.write.ts': { field: 'addPatron', stash: { entry: { email: 'pat@example.com' } } },
  'createEvent.ts': { field: 'createEvent', stash: { event: { id: '2027-06-05-sunset-sail' } } },
  'getEvent.ts': { field: 'getEvent', stash: {} },
  'listEvents.ts': { field: 'listEvents', stash: { pageScope: 's', partitions: ['2027'] } },
  'logPayment.direct.ts': { field: 'logPayment', stash: { payment: { id: 'P2' } } },
  'logPayment.write.ts': { field: 'logPayment', stash: { payment: { id: 'P2' } } },
  'logPayment.replay.ts': { field: 'logPayment', stash: { raced: true, input: { idempotencyKey: 'k-1' } } },
  'notifyPatron.load.ts': {
    field: 'notifyPatron',
    arguments: { eventId: 'e', paymentId: 'P1' },
    stash: { loadNames: ['event', 'payment'] },
  },
  'notifyPatron.patron.ts': { field: 'notifyPatron', stash: { loaded: { payment } } },
  'notifyPatron.record.ts': {
    field: 'notifyPatron',
    stash: { notification: { paymentId: 'P1', to: 'pat@example.com', status: 'SENT' } },
  },
  'paymentsByEvent.ts': {
    field: 'paymentsByEvent',
    stash: { pageScope: 's', partitions: ['event'], cursor: { p: 'event', t: 'ddb-token' } },
  },
  'removePatron.write.ts': { field: 'removePatron', stash: { before: { email: 'pat@example.com' } } },
  'updateEvent.write.ts': { field: 'updateEvent', stash: { after: { id: 'e' } } },
  'updatePatron.write.ts': { field: 'updatePatron', stash: { after: { email: 'pat@example.com' } } },
  'voidPayment.write.ts': { field: 'voidPayment', stash: { after: payment } },
  'refundPayment.write.ts': { field: 'refundPayment', stash: { refund: { ...payment, kind: 'REFUND' } } },
  'cancelEvent.mark.ts': { field: 'cancelEvent', stash: { event: { id: 'e', status: 'CANCELLED' } } },
  'rebookPatron.write.ts': {
    field: 'rebookPatron',
    stash: { result: { from: { email: 'pat@example.com' }, to: { email: 'pat@example.com' }, payments: [] } },
  },
  'recordCashCount.cash.ts': { field: 'recordCashCount', stash: { cashCents: 0 } },
  'recordCashCount.write.ts': {
    field: 'recordCashCount',
    stash: { after: { id: 'C1', day: '2026-06-01', countedCents: 100 } },
  },
  'cashCounts.ts': { field: 'cashCounts', stash: { pageScope: 's', partitions: ['2026'] } },
  'takings.ts': { field: 'takings', stash: { pageScope: 's', partitions: ['2026'] } },
};

async function answer(file: string, failure: keyof typeof FAILURES) {
  const step = STEPS[file]!;
  const out = await run(
    file,
    'response',
    ctx(step.field, { arguments: step.arguments ?? {}, stash: structuredClone(step.stash), ...FAILURES[failure] }),
  );
  if (out.error)
    return { errorType: out.error.errorType, message: out.error.message, errorInfo: out.error.errorInfo ?? null };
  return { value: out.value ?? null, raced: out.stash.raced ?? null };
}

describe('every response handler, for every kind of DynamoDB failure', () => {
  for (const file of Object.keys(STEPS)) {
    it(`${file} answers as the contract says`, async () => {
      const answers: Record<string, unknown> = {};
      for (const failure of Object.keys(FAILURES)) answers[failure] = await answer(file, failure);
      expect(answers).toMatchSnapshot();
    });
  }
});

describe('one way to fail (the convention at the top of lib/errors.ts)', () => {
  const files = readdirSync(RESOLVERS, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  const source = (f: string) => readFileSync(path.join(RESOLVERS, f), 'utf8');

  it('makes every error in lib/errors.ts: resolvers refuse through its helpers', () => {
    expect(files.filter((f) => f !== path.join('lib', 'errors.ts') && /util\.error\(/.test(source(f)))).toEqual([]);
  });

  it('spells no sort key inline that keys.ts names', () => {
    expect(files.filter((f) => /['"]IDEMPOTENCY['"]/.test(source(f)))).toEqual([]);
  });
});

describe('one vocabulary, from resolver to Lambda to screen (amplify/domain/errors.ts)', () => {
  const FUNCTIONS = path.resolve(RESOLVERS, '../../functions');
  const files = readdirSync(FUNCTIONS, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  const source = (f: string) => readFileSync(path.join(FUNCTIONS, f), 'utf8');
  const TYPE_LITERAL = new RegExp(`['"](${Object.values(ERROR_TYPES).join('|')})['"]`);

  it('gives every Lambda error class a type of the vocabulary, as its name and with its status', () => {
    const made = {
      ValidationError: new lambdaErrors.ValidationError('m'),
      NotFound: new lambdaErrors.NotFound('m'),
      Conflict: new lambdaErrors.Conflict('m', 'REASON'),
      Gone: new lambdaErrors.Gone('m'),
      TooManyRequests: new lambdaErrors.TooManyRequests('m', 1),
      ServiceUnavailable: new lambdaErrors.ServiceUnavailable('m'),
    };
    const classes = Object.keys(lambdaErrors).filter((k) => /^[A-Z]/.test(k) && k !== 'LambdaError');
    expect(classes.sort()).toEqual(Object.keys(made).sort());
    for (const [type, error] of Object.entries(made)) {
      expect(error, type).toBeInstanceOf(lambdaErrors.LambdaError);
      expect({ name: error.name, type: error.type, status: error.status }).toEqual({
        name: type,
        type,
        status: ERROR_STATUS[type as keyof typeof ERROR_STATUS],
      });
    }
  });

  it('has the Lambdas fail only with those classes (or what extends them)', () => {
    const parents = new Set(['LambdaError', ...Object.keys(lambdaErrors)]);
    const classes = files.flatMap((f) =>
      [...source(f).matchAll(/class (\w+) extends (\w+)/g)].map((m) => ({ file: f, name: m[1]!, parent: m[2]! })),
    );
    classes.forEach((c) => parents.add(c.name));
    // SettingsError stops a Lambda from starting with a setting wrong: no request ever sees it.
    const foreign = classes.filter(
      (c) =>
        !parents.has(c.parent) &&
        !(c.name === 'SettingsError' && c.file === 'config.ts') &&
        !(c.name === 'LambdaError' && c.file === 'errors.ts'),
    );
    expect(foreign).toEqual([]);
  });

  it('spells no error type inline outside amplify/domain/errors.ts, in a resolver or a Lambda', () => {
    const resolvers = readdirSync(RESOLVERS, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    const inline = [
      ...resolvers
        .filter((f) => TYPE_LITERAL.test(readFileSync(path.join(RESOLVERS, f), 'utf8')))
        .map((f) => `resolvers/${f}`),
      // SES's own error names, which the mailer retries on, are not ours.
      ...files
        .filter((f) => f !== path.join('mailer', 'ses.ts') && TYPE_LITERAL.test(source(f)))
        .map((f) => `functions/${f}`),
    ];
    expect(inline).toEqual([]);
  });
});
