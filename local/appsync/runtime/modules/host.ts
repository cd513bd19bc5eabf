/**
 * What the in-vm modules ask of Node. Every capability takes and returns primitives, so no host
 * object (and no host `Function` constructor) is ever reachable from resolver code.
 */
export interface HostCaps {
  autoId(): string;
  autoUlid(): string;
  autoKsuid(): string;
  randomDouble(): number;
  base64Encode(text: string): string;
  base64Decode(base64: string): string;
  nowMillis(): number;
  /** Java DateTimeFormatter pattern, IANA zone (UTC when absent). */
  formatTime(millis: number, pattern: string, zone?: string): string;
  parseTime(text: string, pattern: string, zone?: string): number;
  parseISO8601(text: string): number;
  /** An XML document as AppSync's util.xml.toMap reads it, returned as JSON (null when it is not XML). */
  xmlToJson(xml: string): string;
}

/** Per-call state the util functions read and write; the sandbox installs one per invocation. */
export interface CallState {
  identity: unknown;
  authType?: string;
  appendedErrors: { message: string; errorType?: string; data?: unknown; errorInfo?: unknown }[];
  /** console lines with the stack of their call; the host turns them into AWS's log lines. */
  logs: { level: string; message: string; stack: string }[];
  /** What the subscription extensions asked for; the real-time server acts on it. */
  extensions: SubscriptionExtensions;
}

export interface SubscriptionExtensions {
  subscriptionFilter?: unknown;
  invalidationFilter?: unknown;
  invalidations: { subscriptionField: unknown; payload: unknown }[];
}
