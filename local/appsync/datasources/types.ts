/** What a data source hands back to the function's response handler (ctx.result / ctx.error). */
export interface DataSourceOutcome {
  result: unknown;
  error?: { message: string; type: string } | null;
}

/** The parts of the resolver context a data source may need (Lambda events, direct invokes). */
export interface InvocationContext {
  arguments: Record<string, unknown>;
  identity: unknown;
  source: unknown;
  request: { headers: Record<string, string>; domainName: string | null };
  info: {
    fieldName: string;
    parentTypeName: string;
    variables: Record<string, unknown>;
    selectionSetList: string[];
    selectionSetGraphQL: string;
  };
  prev: { result: unknown } | undefined;
  stash: Record<string, unknown>;
}

export interface DataSource {
  readonly name: string;
  readonly type: 'AMAZON_DYNAMODB' | 'AWS_LAMBDA' | 'NONE';
  invoke(request: unknown, ctx: InvocationContext): Promise<DataSourceOutcome>;
}

/** An in-process Lambda handler: AppSync's event in, the function's return value out. */
export type LambdaHandler = (event: unknown, context: unknown) => Promise<unknown>;

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
