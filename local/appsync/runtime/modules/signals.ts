/**
 * util.error, util.unauthorized and runtime.earlyReturn stop the handler. They throw a Signal,
 * which resolver code cannot catch (APPSYNC_JS has no try/catch) and the sandbox's runner does.
 */
export class Signal {
  constructor(
    readonly kind: 'error' | 'earlyReturn',
    readonly payload: Record<string, unknown>,
  ) {}
}

export function errorPayload(message: unknown, errorType?: unknown, data?: unknown, errorInfo?: unknown) {
  const payload: Record<string, unknown> = { message: String(message) };
  if (errorType !== undefined && errorType !== null) payload.errorType = errorType;
  if (data !== undefined) payload.data = data;
  if (errorInfo !== undefined) payload.errorInfo = errorInfo;
  return payload as { message: string; errorType?: string; data?: unknown; errorInfo?: unknown };
}

/**
 * An error a built-in module raises for bad input: AWS reports it at the resolver's call site
 * (`code.js:L:C: <message>`), without an error name before the message.
 */
export class ModuleError extends Error {}
