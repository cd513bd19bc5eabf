/**
 * Loaded into the local SES stand-in's process (`node --import tsx --import <this file>`), like
 * loopback/serve-guard.ts: aws-ses-v2-local accepts SendEmail but keeps neither its configuration
 * set nor its tags, and publishes no events. This watches each SendEmail it answers and, for SES's
 * mailbox simulator addresses, publishes the events SES would (ses-events.ts) after
 * SCC_SES_EVENT_DELAY_MS, as SES does some time after accepting the mail. They are read at
 * `GET /scc/events?after=<seq>`, as EventBridge hands them on (local/mail-events.ts).
 */
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { eventBridgeEnvelope, queryList, queryTags, simulatorEvents } from './ses-events';

const delayMs = Number(process.env.SCC_SES_EVENT_DELAY_MS ?? 300);
const region = process.env.AWS_REGION ?? 'us-east-1';
const published: { seq: number; event: unknown }[] = [];

function observe(req: http.IncomingMessage & { body?: Record<string, unknown> }, response: string) {
  const body = req.body;
  if (!body || body.Action !== 'SendEmail') return;
  const messageId = /<MessageId>([^<]+)<\/MessageId>/.exec(response)?.[1];
  if (!messageId) return;
  const destination = ['Destination.ToAddresses', 'Destination.CcAddresses', 'Destination.BccAddresses'].flatMap((p) =>
    queryList(body, p),
  );
  const mail = {
    messageId,
    source: String(body.Source ?? ''),
    destination,
    timestamp: new Date().toISOString(),
    configurationSet: typeof body.ConfigurationSetName === 'string' ? body.ConfigurationSetName : undefined,
    tags: queryTags(body),
  };
  setTimeout(() => {
    for (const event of simulatorEvents(mail, new Date()))
      published.push({ seq: published.length + 1, event: eventBridgeEnvelope(event, randomUUID(), region) });
  }, delayMs).unref();
}

const emit = http.Server.prototype.emit as (this: http.Server, event: string, ...args: unknown[]) => boolean;
http.Server.prototype.emit = function (this: http.Server, event: string, ...args: unknown[]) {
  if (event === 'request') {
    const [req, res] = args as [http.IncomingMessage, http.ServerResponse];
    const url = new URL(req.url ?? '/', 'http://stand-in');
    if (req.method === 'GET' && url.pathname === '/scc/events') {
      const after = Number(url.searchParams.get('after') ?? 0);
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ last: published.length, events: published.filter((e) => e.seq > after) }));
      return true;
    }
    if (req.method === 'POST') {
      // The stand-in answers after express has parsed the body (req.body): read both then.
      const end = res.end.bind(res) as (...a: unknown[]) => http.ServerResponse;
      res.end = ((...a: unknown[]) => {
        if (res.statusCode === 200 && (typeof a[0] === 'string' || Buffer.isBuffer(a[0]))) observe(req, String(a[0]));
        return end(...a);
      }) as typeof res.end;
    }
  }
  return emit.call(this, event, ...args);
} as typeof http.Server.prototype.emit;
