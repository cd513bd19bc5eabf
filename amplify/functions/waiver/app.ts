import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import type { Context, LambdaFunctionURLEvent } from 'aws-lambda';
import { ulid } from 'ulid';

import { ORIGIN_VERIFY_HEADER } from '../../edge/routes';
import { operatorTimeZone } from '../../time-zone';
import { dayOf } from '../dates';
import { readPersonalLink } from '../outreach/link';
import type { MailMessage } from '../mailer/ses';
import { renderWaiverEmail } from './email';
import { SECURITY_HEADERS } from './html';
import { hasEnded, type EventItem } from './event';
import { renderConfirmation, renderEndedPage, renderErrorPage, renderWaiverPage, type EventView } from './render';
import { EventEndedError, EventNotFoundError, RateLimitedError, type WaiverStore } from './store';
import { emptyForm, parseForm, validateForm, type FieldErrors, type WaiverForm } from './validate';

/**
 * The waiver Lambda's request flow over injected dependencies (store, waiver text, mail, clock),
 * so the whole of it runs in tests without the bundler-only parts of handler.ts.
 */

export const MAX_BODY_BYTES = 32 * 1024;
const EVENT_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface WaiverResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded: false;
}

export interface WaiverDeps {
  store: WaiverStore;
  waiverText(eventId: string): Promise<string>;
  sendMail(message: MailMessage): Promise<{ messageId: string }>;
  now?: () => Date;
  newId?: () => string;
  /** Powertools' Logger (the Lambdas' one log shape); one named `waiver` if not given. */
  logger?: Logger;
}

export const waiverVersion = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** Constant-time comparison of the origin header with the configured secret (fails closed). */
export function fromEdge(headers: Record<string, string | undefined>, secret: string | undefined): boolean {
  const given = headers[ORIGIN_VERIFY_HEADER];
  if (!secret || given === undefined) return false;
  return timingSafeEqual(digest(given), digest(secret));
}

/** The viewer's address: CloudFront's `cloudfront-viewer-address` (ip:port), else the caller's. */
export function viewerIp(event: LambdaFunctionURLEvent): string {
  const viewer = event.headers['cloudfront-viewer-address'];
  if (viewer && viewer.includes(':')) return viewer.slice(0, viewer.lastIndexOf(':')).replace(/^\[|\]$/g, '');
  return event.requestContext.http.sourceIp;
}

const respond = (statusCode: number, body: string, extra: Record<string, string> = {}): WaiverResponse => ({
  statusCode,
  headers: { ...SECURITY_HEADERS, ...extra },
  body,
  isBase64Encoded: false,
});

const errorPage = (status: number, extra?: Record<string, string>) => respond(status, renderErrorPage(status), extra);

function eventView(item: EventItem): EventView {
  return { id: item.id, title: String(item.title ?? ''), startsAt: String(item.startsAt ?? ''), boat: item.boat ?? null };
}

/** The form's one-time token: a double submit carries the same one, and is one signature. */
const submittedToken = (body: string) => {
  const token = new URLSearchParams(body).get('token') ?? '';
  return UUID.test(token) ? token : undefined;
};

export function createWaiverHandler(deps: WaiverDeps) {
  const now = deps.now ?? (() => new Date());
  const newId = deps.newId ?? randomUUID;
  const logger = deps.logger ?? new Logger({ serviceName: 'waiver' });

  // Every failure, a DynamoDB outage included, is answered with the waiver's own page and headers:
  // never the Function URL's bare 502. Internals go to the log only.
  return async function handleOrFail(event: LambdaFunctionURLEvent, context?: Context): Promise<WaiverResponse> {
    // Every line of this invocation carries its request id (function_request_id).
    if (context) logger.addContext(context);
    try {
      return await handle(event);
    } catch (err) {
      const unavailable = isUnavailable(err);
      logger.error('waiver request failed', { path: event.rawPath, method: event.requestContext.http.method, error: String(err) });
      const response = unavailable ? errorPage(503, { 'retry-after': '30' }) : errorPage(500);
      return event.requestContext.http.method.toUpperCase() === 'HEAD' ? { ...response, body: '' } : response;
    }
  };

  async function handle(event: LambdaFunctionURLEvent): Promise<WaiverResponse> {
    const method = event.requestContext.http.method.toUpperCase();
    const timeZone = operatorTimeZone(process.env.TIME_ZONE);
    const secret = process.env.ORIGIN_VERIFY_SECRET;
    if (!secret) logger.error('ORIGIN_VERIFY_SECRET is not configured: refusing every request');
    if (!fromEdge(event.headers, secret)) return errorPage(403);

    const match = /^\/g\/([^/]+)\/waiver$/.exec(event.rawPath);
    if (!match) return errorPage(404);
    let eventId: string;
    try {
      eventId = decodeURIComponent(match[1]!);
    } catch {
      return errorPage(400);
    }
    if (!EVENT_ID.test(eventId)) return errorPage(400);
    if (method !== 'GET' && method !== 'HEAD' && method !== 'POST') return errorPage(405, { allow: 'GET, HEAD, POST' });

    let body = '';
    if (method === 'POST') {
      const raw = Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8');
      if (raw.length > MAX_BODY_BYTES) return errorPage(413);
      const type = (event.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      if (type !== 'application/x-www-form-urlencoded') return errorPage(400);
      body = raw.toString('utf8');
    }

    // A personal link (issue 15 §4) binds the form to one booking: its email is filled in and locked.
    const personal = readPersonalLink(event.rawQueryString, eventId, process.env.WAIVER_LINK_SECRET);
    if (personal === 'invalid') return errorPage(403);

    const item = await deps.store.getEvent(eventId);
    if (!item) return errorPage(404);
    const view = eventView(item);
    const path = `/g/${encodeURIComponent(eventId)}/waiver`;
    const text = await deps.waiverText(eventId);

    const token = (method === 'POST' && submittedToken(body)) || newId();
    const formPage = (status: number, form: WaiverForm, errors: FieldErrors) =>
      respond(status, renderWaiverPage({ event: view, path, waiverText: text, waiverVersion: waiverVersion(text), token, form, errors, timeZone, personalToken: personal?.token }));
    const endedPage = () => respond(410, renderEndedPage({ event: view, path, timeZone }));

    if (method !== 'POST') {
      const signed = new URLSearchParams(event.rawQueryString ?? '').get('signed');
      const response =
        signed && UUID.test(signed)
          ? respond(200, renderConfirmation({ event: view, path, waiverId: signed, timeZone }))
          : hasEnded(item, now())
            ? endedPage()
            : formPage(200, { ...emptyForm(), email: personal?.email ?? '' }, {});
      return method === 'HEAD' ? { ...response, body: '' } : response;
    }

    const form = parseForm(body);
    if (personal && form.email.trim().toLowerCase() !== personal.email) return errorPage(403);
    const version = waiverVersion(text);
    const signedAt = now().toISOString();
    if (hasEnded(item, new Date(signedAt))) return endedPage();
    // Ages count by the operator's day: from late afternoon in Los Angeles it is already tomorrow in UTC,
    // when a minor's 18th birthday has not come yet.
    const result = validateForm(form, dayOf(new Date(signedAt), timeZone));
    if (!result.ok) return formPage(400, form, result.errors);
    // The text may have changed (a deploy) since the page was loaded: what is signed must be what was read.
    if (new URLSearchParams(body).get('waiverVersion') !== version) {
      return formPage(409, { ...form, agree: false }, {
        agree: 'The waiver text was updated since you opened this page: please read it again and tick the box',
      });
    }
    // Without the page's token a resubmission could not be told from a new signature.
    if (!submittedToken(body)) {
      return formPage(400, form, { token: 'This form was not loaded from the waiver page, or has expired: check your details and press Sign again' });
    }

    const waiver = {
      id: newId(),
      eventId,
      waiverVersion: version,
      text,
      ...result.value,
      signedAt,
      ip: viewerIp(event),
      userAgent: event.requestContext.http.userAgent ?? event.headers['user-agent'] ?? '',
      ...(personal ? { personalLink: true } : {}),
    };
    let outcome;
    try {
      // A ULID, as the resolvers' audit ids (util.autoUlid()): ids sort by time within one `at`.
      outcome = await deps.store.recordSignature(item, waiver, token, ulid());
      logger.info('waiver signed', { eventId, ...outcome });
    } catch (err) {
      if (err instanceof EventNotFoundError) return errorPage(404);
      if (err instanceof EventEndedError) return endedPage();
      if (err instanceof RateLimitedError) {
        logger.warn('waiver rate limit reached', { eventId, limit: err.limit, client: waiver.ip });
        return errorPage(429, { 'retry-after': String(err.retryAfterSeconds) });
      }
      throw err;
    }
    // The same form sent again: the first signature stands, and its copy was sent then.
    if (outcome.kind === 'duplicate') return respond(303, '', { location: `${path}?signed=${outcome.waiverId}` });

    // The signature is what matters: a failed copy is logged, never shown as a failed signing.
    try {
      const mail = renderWaiverEmail(view, waiver, timeZone);
      const audit = process.env.AUDIT_EMAIL;
      const { messageId } = await deps.sendMail({ to: [waiver.email], ...(audit ? { bcc: [audit] } : {}), ...mail });
      logger.info('waiver copy sent', { waiverId: waiver.id, messageId });
    } catch (err) {
      logger.error('waiver copy failed', { waiverId: waiver.id, error: String(err) });
    }
    return respond(303, '', { location: `${path}?signed=${waiver.id}` });
  }
}

/** A dependency that is down or unreachable (try again later), as opposed to a fault of ours. */
function isUnavailable(err: unknown): boolean {
  const e = err as { name?: string; code?: string; $metadata?: unknown; $fault?: string; cause?: unknown } | null;
  if (!e || typeof e !== 'object') return false;
  if (e.$fault === 'server' || ['TimeoutError', 'ThrottlingException', 'ProvisionedThroughputExceededException', 'RequestLimitExceeded', 'ServiceUnavailable', 'InternalServerError'].includes(e.name ?? '')) return true;
  if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN'].includes(e.code ?? '')) return true;
  return e.cause !== undefined && isUnavailable(e.cause);
}
