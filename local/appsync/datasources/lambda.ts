import { randomUUID } from 'node:crypto';
import type { DataSource, InvocationContext, LambdaHandler } from './types';
import { isRecord } from './types';

/** A Lambda Context good enough for handlers that log or read the request id (also the local edge's). */
export function lambdaContext(functionName: string) {
  const deadline = Date.now() + 30_000;
  return {
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** Direct Lambda resolvers send the whole context; APPSYNC_JS `Invoke` sends the given payload. */
export function directLambdaEvent(ctx: InvocationContext) {
  return {
    arguments: ctx.arguments,
    identity: ctx.identity,
    source: ctx.source,
    request: ctx.request,
    prev: ctx.prev ?? null,
    info: ctx.info,
    stash: ctx.stash,
  };
}

/**
 * A Lambda data source invoking its handler in-process. The request handler returns
 * `{ operation: 'Invoke', payload, invocationType? }`; 'Event' invocations return null at once,
 * as AppSync does. A thrown error becomes ctx.error with the error's name as `Lambda:` type
 * (AppSync reports the function's `errorType`).
 */
export function lambdaDataSource(name: string, functionName: string, handler: LambdaHandler): DataSource {
  return {
    name,
    type: 'AWS_LAMBDA',
    async invoke(request, ctx) {
      if (!isRecord(request) || (request.operation !== 'Invoke' && request.operation !== 'BatchInvoke')) {
        return {
          result: null,
          error: {
            message: `Unsupported operation '${String(isRecord(request) ? request.operation : request)}' for a Lambda data source.`,
            type: 'Lambda:IllegalArgument',
          },
        };
      }
      const event = 'payload' in request ? request.payload : directLambdaEvent(ctx);
      const json = JSON.parse(JSON.stringify(event ?? null)) as unknown;
      if (request.invocationType === 'Event') {
        void handler(json, lambdaContext(functionName)).catch((e: unknown) =>
          console.error(`[appsync] async Lambda ${functionName} failed`, e),
        );
        return { result: null };
      }
      try {
        const result = await handler(json, lambdaContext(functionName));
        return { result: result === undefined ? null : (JSON.parse(JSON.stringify(result)) as unknown) };
      } catch (e) {
        const err = e instanceof Error ? e : new Error(String(e));
        return {
          result: null,
          error: { message: err.message, type: err.name && err.name !== 'Error' ? err.name : 'Lambda:Unhandled' },
        };
      }
    },
  };
}
