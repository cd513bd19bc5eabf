import { createDataClient, type DataClient } from '../../src/graphql/client';
import { putRaw, type Api } from './harness';

/** The dashboard's own client (src/graphql/client.ts), over HTTP as the holder of `token`. */
export const clientAs = (api: Api, token: () => string): DataClient =>
  createDataClient(async (query, variables) => {
    const res = await api.gql(token(), query, variables);
    if (res.errors?.length) throw { errors: res.errors };
    return res.data;
  });

/**
 * A payment logged at a given instant, written straight to the table (the API stamps loggedAt with
 * now). `kind` (REFUND) and the MOVED status with its copy's `movedFrom` are the refunds contract's
 * (issue 17 §3), written here only until that branch's mutations exist.
 * TODO(after merging s5-refunds): make today's refunds with refundPayment and the moves with its
 * rebooking mutation instead of writing these items.
 */
export async function storedPayment(api: Api, id: string, eventId: string, loggedAt: string, amountCents: number, method: string, over: Record<string, unknown> = {}) {
  const email = 'recon@example.com';
  await putRaw(api.tableName, {
    PK: `EVENT#${eventId}`, SK: `PAYMENT#${id}`, type: 'Payment',
    GSI1PK: `PATRON#${email}`, GSI1SK: `${loggedAt}#${id}`, GSI3PK: `PAYMENTS#${loggedAt.slice(0, 4)}`, GSI3SK: `${loggedAt}#${id}`,
    id, eventId, patronEmail: email, patronName: 'Rec Oncile', amountCents, currency: 'USD', method,
    receivedAt: loggedAt, loggedAt, loggedBy: 'crew@scc.test', status: 'RECORDED', idempotencyKey: id, ...over,
  });
}
