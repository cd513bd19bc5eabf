import { signWaiverToken } from '../../../amplify/functions/outreach/link';
import {
  DEFAULT_WAIVER_VERSION,
  formBody,
  LINK_SECRET,
  startDistEdge,
} from '../../amplify/functions/waiver/support/fixtures';
import { stack } from '../../support/stack';
import type { Edge } from '../../../local/edge/index';
import type { Api } from './harness';

/**
 * Boarding tests' common ground: the GraphQL documents of boarding and a real waiver signature
 * (the waiver Lambda behind the local edge, on the API's own table), so the minors a check-in
 * names are the ones a patron signed for.
 */
export const CHECK_IN_FIELDS =
  'eventId email person name minor status checkedInAt checkedInBy undoneAt undoneBy undoReason acknowledged acknowledgedBy owedCents';
export const BOARDING = `query($eventId: ID!) { boarding(eventId: $eventId) {
  event { id capacity headCount checkedIn } roster { email name partySize waiverSignedAt waiverMinors }
  walkUps { email } checkIns { ${CHECK_IN_FIELDS} } } }`;
/**
 * checkIn, acknowledging both boarding problems unless the test says otherwise: a suite about who
 * is aboard is not about waivers and money (an acknowledgement of a problem not there is unneeded).
 */
export const CHECK_IN = `mutation($eventId: ID!, $email: AWSEmail!, $person: String!, $acknowledge: [BoardingProblem!] = [NO_WAIVER, OWES]) {
  checkIn(eventId: $eventId, email: $email, person: $person, acknowledge: $acknowledge) { ${CHECK_IN_FIELDS} } }`;
export const UNDO_CHECK_IN = `mutation($eventId: ID!, $email: AWSEmail!, $person: String!, $reason: String!) {
  undoCheckIn(eventId: $eventId, email: $email, person: $person, reason: $reason) { ${CHECK_IN_FIELDS} } }`;

/** The waiver Lambda, through the local edge, writing to `api`'s table. */
export async function waiverSigning(
  api: Api,
): Promise<{ edge: Edge; sign(eventId: string, email: string, name: string, minors?: string[]): Promise<void> }> {
  Object.assign(process.env, {
    TABLE_NAME: api.tableName,
    AWS_REGION: stack().region,
    DYNAMODB_ENDPOINT: stack().dynamodbEndpoint,
    TIME_ZONE: 'America/Los_Angeles',
    WAIVER_LINK_SECRET: LINK_SECRET,
  });
  const edge = await startDistEdge();
  return {
    edge,
    async sign(eventId, email, name, minors = []) {
      // Through the patron's personal link: their own signature, attached to their booking at once.
      const res = await fetch(`${edge.url}/g/${eventId}/waiver?t=${signWaiverToken(LINK_SECRET, eventId, email)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: formBody(
          { name, signature: name, email, minorName: minors, minorDateOfBirth: minors.map(() => '2016-03-04') },
          DEFAULT_WAIVER_VERSION,
        ),
        redirect: 'manual',
      });
      if (res.status !== 303) throw new Error(`waiver for ${email}: ${res.status} ${await res.text()}`);
    },
  };
}
