import { a } from '@aws-amplify/backend';
import { allowed, mailing, table, tableSteps } from './builders';
import { delivery } from './mail';

/**
 * Waivers: personal links sent to patrons (each send recorded on the roster entry and audited),
 * public-link signatures matched to their booking, and the signed records kept for the office.
 * docs/waivers.md.
 */
export const waiversSchema = {
  // types
  /** one personal waiver link's delivery, recorded on the roster entry */
  WaiverLinkDelivery: delivery(),
  /** one page of sendWaiverLinksPage's deliveries */
  WaiverLinkDeliveryPage: a.customType({
    items: a.ref('WaiverLinkDelivery').required().array().required(),
    nextToken: a.string(),
  }),
  /**
   * A signature made through the public event link under a booked email: held as "claims to be
   * <claimsName>", off the booking, until staff match it (matchWaiverClaim) or the patron signs
   * through their personal link. docs/waivers.md.
   */
  WaiverClaim: a.customType({
    eventId: a.id().required(),
    /** the booked email it was signed under */
    email: a.email().required(),
    claimsName: a.string().required(),
    waiverId: a.id().required(),
    waiverSignedAt: a.datetime().required(),
    waiverSignedBy: a.string().required(),
    waiverMinors: a.string().required().array().required(),
    waiverPeople: a.integer().required(),
    waiverVersion: a.string(),
  }),
  WaiverMinor: a.customType({ name: a.string().required(), dateOfBirth: a.date() }),
  /** A signature as the waiver Lambda stored it; its text is `waiverText(waiverVersion)`. */
  SignedWaiver: a.customType({
    id: a.id().required(),
    eventId: a.id().required(),
    name: a.string().required(),
    email: a.string().required(),
    phone: a.string(),
    dateOfBirth: a.date(),
    minors: a.ref('WaiverMinor').required().array().required(),
    /** the signature as typed */
    signature: a.string().required(),
    signedAt: a.datetime().required(),
    /** SHA-256 (hex) of the text signed */
    waiverVersion: a.string().required(),
    ip: a.string(),
    userAgent: a.string(),
  }),
  SignedWaiverPage: a.customType({
    items: a.ref('SignedWaiver').required().array().required(),
    nextToken: a.string(),
  }),
  /** A waiver text exactly as signed, stored once under its SHA-256. */
  WaiverText: a.customType({ version: a.string().required(), text: a.string().required() }),
  SignedWaiverDocument: a.customType({ waiver: a.ref('SignedWaiver').required(), text: a.ref('WaiverText') }),
  // queries
  signedWaivers: a
    .query()
    .arguments({ eventId: a.id().required(), limit: a.integer(), nextToken: a.string() })
    .returns(a.ref('SignedWaiverPage').required())
    .authorization(allowed('signedWaivers'))
    .handler(table('signedWaivers')),
  /** one signature (its key: the event, when it was signed, its id) and the exact text it signed */
  signedWaiver: a
    .query()
    .arguments({ eventId: a.id().required(), signedAt: a.string().required(), id: a.id().required() })
    .returns(a.ref('SignedWaiverDocument'))
    .authorization(allowed('signedWaiver'))
    .handler(tableSteps('signedWaiver', ['load', 'text'])),
  waiverText: a
    .query()
    .arguments({ version: a.string().required() })
    .returns(a.ref('WaiverText'))
    .authorization(allowed('waiverText'))
    .handler(table('waiverText')),
  // mutations
  /** one patron's personal link, signed for their booking (the mailer signs it, the waiver Lambda checks it) */
  sendWaiverLink: a
    .mutation()
    .arguments({ eventId: a.id().required(), email: a.email().required() })
    .returns(a.ref('WaiverLinkDelivery').required())
    .authorization(allowed('sendWaiverLink'))
    .handler(mailing('sendWaiverLink', ['load'], ['record'])),
  /** to every roster entry no waiver covers yet (at most 49 per call; sendWaiverLinksPage pages any roster) */
  sendWaiverLinks: a
    .mutation()
    .arguments({ eventId: a.id().required() })
    .returns(a.ref('WaiverLinkDelivery').required().array().required())
    .authorization(allowed('sendWaiverLinks'))
    .handler(mailing('sendWaiverLinks', ['load'], ['record'])),
  /** "to everyone not signed" for any roster: one page of the roster a call, follow nextToken to the end */
  sendWaiverLinksPage: a
    .mutation()
    .arguments({ eventId: a.id().required(), nextToken: a.string() })
    .returns(a.ref('WaiverLinkDeliveryPage').required())
    .authorization(allowed('sendWaiverLinksPage'))
    .handler(mailing('sendWaiverLinksPage', ['event', 'roster'], ['record'])),
  /** Attaches a held public-link signature to the booking it claims, once staff have checked who signed. */
  matchWaiverClaim: a
    .mutation()
    .arguments({ eventId: a.id().required(), email: a.email().required(), waiverId: a.id().required() })
    .returns(a.ref('RosterEntry').required())
    .authorization(allowed('matchWaiverClaim'))
    .handler(tableSteps('matchWaiverClaim', ['load', 'write'])),
};
