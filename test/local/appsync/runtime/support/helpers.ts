import {
  compileResolver,
  type Evaluation,
  type ResolverContextInput,
} from '../../../../../local/appsync/runtime/index';

/** One expression evaluated in a resolver's request handler, inside the vm, as AWS's harness does. */
export function evaluate(expression: string, ctx: ResolverContextInput = {}): Evaluation {
  const code = `
    import { util, runtime } from '@aws-appsync/utils';
    import * as ddb from '@aws-appsync/utils/dynamodb';
    export function request(ctx) { return ${expression}; }
    export function response(ctx) { return ctx.result; }
  `;
  return compileResolver(code).run('request', ctx);
}

/** The value of an expression; fails the test with the runtime's error if it threw. */
export function valueOf(expression: string, ctx: ResolverContextInput = {}): unknown {
  const evaluation = evaluate(expression, ctx);
  if (evaluation.error) throw new Error(`${expression} failed: ${evaluation.error.message}`);
  return evaluation.value;
}

/** The transforms return JSON strings; the tests compare the parsed objects (key order is free). */
export function parsed(expression: string): unknown {
  const value = valueOf(expression);
  return typeof value === 'string' ? JSON.parse(value) : value;
}
