import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import type { Context, LambdaFunctionURLEvent } from 'aws-lambda';
import { ulid } from 'ulid';

import { ORIGIN_VERIFY_HEADER } from '../../edge/routes';
import { operatorTimeZone } from '../../time-zone';
import type { WaiverConfig } from '../config';
import { dayOf } from '../dates';
import { readPersonalLink } from '../outreach/link';
import {
  errorDetail,
  Gone,
  ValidationError,
  NotFound,
  TooManyRequests,
  typedError,
  ServiceUnavailable,
} from '../errors';
import type { PublishChanges } from '../live';
import type { SendMail } from '../mailer/ses';
import { renderWaiverEmail } from './email';
import { SECURITY_HEADERS } from './html';
import { hasEnded, isCancelled, movedTo, type EventItem } from './event';
import {
  renderCancelledPage,
  renderConfirmation,
  renderEndedPage,
  renderErrorPage,
  renderMovedPage,
  renderWaiverPage,
  type EventView,
} from './render';
import {
  EventCancelledError,
  EventEndedError,
  EventNotFoundError,
  PatronMovedError,
  RateLimitedError,
  type WaiverStore,
} from './store';
import { emptyForm, parseForm, validateForm, type FieldErrors, type WaiverForm } from './validate';

/**
 * The waiver Lambda's request flow over injected dependencies (config, store, waiver text, mail,
 * clock), so the whole of it runs in tests without the bundler-only parts of handler.ts.
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
  /** The time zone, origin secret, personal-link secret and Bcc address; the store and sendMail hold the rest. */
  config: Pick<WaiverConfig, 'timeZone' | 'originVerifySecret' | 'linkSecret'> & {
    mail: Pick<WaiverConfig['mail'], 'audit'>;
  };
  store: WaiverStore;
  waiverText(eventId: string): Promise<string>;
  sendMail: SendMail;
  now?: () => Date;
  newId?: () => string;
  /** Powertools' Logger (the Lambdas' one log shape); one named `waiver` if not given. */
  logger?: Logger;
  /** Tells open screens of a signature (../live.ts); nothing if not given. */
  publish?: PublishChanges;
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

/** How far a request got before it failed: what its answer can still show. */
interface Reached {
  eventId?: string;
  path?: string;
  view?: EventView;
  timeZone?: string;
  client?: string;
}

function eventView(item: EventItem): EventView {
  return {
    id: item.id,
    title: String(item.title ?? ''),
    startsAt: String(item.startsAt ?? ''),
    boat: item.boat ?? null,
  };
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

  // The one place a failure becomes an answer: each typed error (../errors.ts) its status, on the
  // waiver's own page and headers; anything else (DynamoDB or the texts failing) a 503 that says
  // try again. Never the Function URL's bare 502; internals go to the log only.
  return async function handleOrFail(event: LambdaFunctionURLEvent, context?: Context): Promise<WaiverResponse> {
    // Every line of this invocation carries its request id (function_request_id).
    if (context) logger.addContext(context);
    const reached: Reached = {};
    let response: WaiverResponse;
    try {
      response = await handle(event, reached);
    } catch (err) {
      response = await failure(err, event, reached);
    }
    return event.requestContext.http.method.toUpperCase() === 'HEAD' ? { ...response, body: '' } : response;
  };

  async function failure(err: unknown, event: LambdaFunctionURLEvent, reached: Reached): Promise<WaiverResponse> {
    const error = typedError(err);
    const line = {
      path: event.rawPath,
      method: event.requestContext.http.method,
      status: error.status,
      error: errorDetail(err),
    };
    if (error instanceof ServiceUnavailable) {
      logger.error('waiver request failed', line);
      // The form's own address, to load it again (a POST's answer would otherwise retry nothing).
      return respond(503, renderErrorPage(503, reached.path), { 'retry-after': String(error.retryAfterSeconds) });
    }
    if (error instanceof TooManyRequests) {
      logger.warn('waiver rate limit reached', {
        ...line,
        eventId: reached.eventId,
        limit: error instanceof RateLimitedError ? error.limit : undefined,
        client: reached.client,
      });
      return errorPage(429, { 'retry-after': String(error.retryAfterSeconds) });
    }
    logger.info('waiver request refused', line);
    if (error instanceof Gone && reached.view && reached.path && reached.timeZone) {
      const shown = { event: reached.view, path: reached.path, timeZone: reached.timeZone };
      if (error instanceof EventCancelledError) return respond(410, renderCancelledPage(shown));
      if (error instanceof PatronMovedError)
        return respond(410, renderMovedPage({ ...shown, to: await movedView(error.movedTo) }));
      return respond(410, renderEndedPage(shown));
    }
    return errorPage(error.status);
  }

  /** The sailing a booking moved to, to point at; the moved page is still answered without it. */
  async function movedView(eventId: string): Promise<EventView | undefined> {
    const item = await deps.store.getEvent(eventId).catch((err: unknown) => {
      logger.warn('moved-to event unreadable', { eventId, error: errorDetail(err) });
      return undefined;
    });
    return item ? eventView(item) : undefined;
  }

  async function refuseMoved(eventId: string, email: string) {
    const moved = movedTo(await deps.store.getEntry(eventId, email));
    if (moved !== undefined) throw new PatronMovedError(eventId, moved);
  }

  async function handle(event: LambdaFunctionURLEvent, reached: Reached): Promise<WaiverResponse> {
    const method = event.requestContext.http.method.toUpperCase();
    const secret = deps.config.originVerifySecret;
    if (!secret) logger.error('ORIGIN_VERIFY_SECRET is not configured: refusing every request');
    // Answers about the request itself, before anything runs: not failures, so not thrown.
    if (!fromEdge(event.headers, secret)) return errorPage(403);
    const timeZone = operatorTimeZone(deps.config.timeZone);

    const match = /^\/g\/([^/]+)\/waiver$/.exec(event.rawPath);
    if (!match) throw new NotFound(`no waiver at ${event.rawPath}`);
    const eventId = eventIdOf(match[1]!);
    if (method !== 'GET' && method !== 'HEAD' && method !== 'POST') return errorPage(405, { allow: 'GET, HEAD, POST' });
    const path = `/g/${encodeURIComponent(eventId)}/waiver`;
    Object.assign(reached, { eventId, path, timeZone });

    let body = '';
    if (method === 'POST') {
      const raw = Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8');
      if (raw.length > MAX_BODY_BYTES) return errorPage(413);
      const type = (event.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      if (type !== 'application/x-www-form-urlencoded') throw new ValidationError(`a form of type ${type || 'none'}`);
      body = raw.toString('utf8');
    }

    // A personal link binds the form to one booking: its email is filled in and locked.
    const personal = readPersonalLink(event.rawQueryString, eventId, deps.config.linkSecret);
    if (personal === 'invalid') return errorPage(403);

    const item = await deps.store.getEvent(eventId);
    if (!item) throw new EventNotFoundError(eventId);
    const view = eventView(item);
    reached.view = view;
    // Cancelled, or the link's booking moved elsewhere: a clear page, and nothing is written.
    if (isCancelled(item)) throw new EventCancelledError(eventId);
    if (personal) await refuseMoved(eventId, personal.email);
    const text = await deps.waiverText(eventId);

    const token = (method === 'POST' && submittedToken(body)) || newId();
    const formPage = (status: number, form: WaiverForm, errors: FieldErrors) =>
      respond(
        status,
        renderWaiverPage({
          event: view,
          path,
          waiverText: text,
          waiverVersion: waiverVersion(text),
          token,
          form,
          errors,
          timeZone,
          personalToken: personal?.token,
        }),
      );

    if (method !== 'POST') {
      const signed = new URLSearchParams(event.rawQueryString ?? '').get('signed');
      if (signed && UUID.test(signed))
        return respond(200, renderConfirmation({ event: view, path, waiverId: signed, timeZone }));
      if (hasEnded(item, now())) throw new EventEndedError(eventId);
      return formPage(200, { ...emptyForm(), email: personal?.email ?? '' }, {});
    }

    const form = parseForm(body);
    if (personal && form.email.trim().toLowerCase() !== personal.email) return errorPage(403);
    const version = waiverVersion(text);
    const signedAt = now().toISOString();
    if (hasEnded(item, new Date(signedAt))) throw new EventEndedError(eventId);
    // Ages count by the operator's day: from late afternoon in Los Angeles it is already tomorrow in UTC,
    // when a minor's 18th birthday has not come yet.
    const result = validateForm(form, dayOf(new Date(signedAt), timeZone));
    if (!result.ok) return formPage(400, form, result.errors);
    // The text may have changed (a deploy) since the page was loaded: what is signed must be what was read.
    if (new URLSearchParams(body).get('waiverVersion') !== version) {
      return formPage(
        409,
        { ...form, agree: false },
        {
          agree: 'The waiver text was updated since you opened this page: please read it again and tick the box',
        },
      );
    }
    // Without the page's token a resubmission could not be told from a new signature.
    if (!submittedToken(body)) {
      return formPage(400, form, {
        token: 'This form was not loaded from the waiver page, or has expired: check your details and press Sign again',
      });
    }

    // Before anything is stored (the text included); the signature's own write checks it again.
    await refuseMoved(eventId, result.value.email);
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
    reached.client = waiver.ip;
    // A ULID, as the resolvers' audit ids (util.autoUlid()): ids sort by time within one `at`.
    const outcome = await deps.store.recordSignature(item, waiver, token, ulid());
    logger.info('waiver signed', { eventId, ...outcome });
    // The same form sent again: the first signature stands, and its copy was sent then.
    if (outcome.kind === 'duplicate') return respond(303, '', { location: `${path}?signed=${outcome.waiverId}` });
    // Before the copy is mailed: the roster open on the dock shows the signature while the patron
    // is still on the page. A publish that fails is logged; the signature stands.
    await deps.publish?.([{ eventId, email: waiver.email }]);

    // The signature is what matters: a failed copy is logged, never shown as a failed signing.
    try {
      const mail = renderWaiverEmail(view, waiver, timeZone);
      const audit = deps.config.mail.audit;
      const { messageId } = await deps.sendMail({ to: [waiver.email], ...(audit ? { bcc: [audit] } : {}), ...mail });
      logger.info('waiver copy sent', { waiverId: waiver.id, messageId });
    } catch (err) {
      logger.error('waiver copy failed', { waiverId: waiver.id, error: errorDetail(err) });
    }
    return respond(303, '', { location: `${path}?signed=${waiver.id}` });
  }
}

/** The event id of a waiver path's segment; one that is not an id is a bad link. */
function eventIdOf(segment: string): string {
  let eventId: string | undefined;
  try {
    eventId = decodeURIComponent(segment);
  } catch {
    // Malformed percent-encoding: the same answer as any other id that is not one.
  }
  if (eventId === undefined || !EVENT_ID.test(eventId)) throw new ValidationError('not an event id');
  return eventId;
}
