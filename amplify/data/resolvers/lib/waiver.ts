import { util } from '@aws-appsync/utils';
import { redactPersonal } from '../../../domain/personal';
import { validationError } from './errors';

/**
 * Signed waivers as the API answers them: a Waiver item (written by the waiver
 * Lambda, amplify/functions/waiver/signature.ts) without what is not the signer's (keys), and with
 * only the personal fields the caller's groups may read (amplify/domain/personal.ts): ip and user
 * agent are kept for those who may, since an insurer asks where a signature came from.
 */
export function signedWaiverOf(item: Record<string, unknown>, groups: readonly string[]) {
  const minors = (item.minors || []) as { name: string; dateOfBirth?: string }[];
  return redactPersonal(
    {
      id: item.id,
      eventId: item.eventId,
      name: item.name,
      email: item.email,
      phone: item.phone || null,
      dateOfBirth: item.dateOfBirth || null,
      minors: minors.map((m) => ({ name: m.name, dateOfBirth: m.dateOfBirth || null })),
      signature: item.signature,
      signedAt: item.signedAt,
      waiverVersion: item.waiverVersion,
      ip: item.ip || null,
      userAgent: item.userAgent || null,
    },
    groups,
  );
}

/** A waiver version: the SHA-256 of a text, 64 lower-case hex digits. */
export function requireVersion(value: unknown): string {
  const version = typeof value === 'string' ? value : '';
  if (!util.matches('[0-9a-f]{64}', version))
    validationError('version must be a SHA-256 in hex (64 characters 0-9, a-f).');
  return version;
}

/**
 * The text a signature signed: its WAIVERTEXT item, else (a signature stored before the texts were
 * kept once, not yet backfilled) the copy on the record itself.
 */
export function textOf(version: string, stored: Record<string, unknown> | null, legacy: unknown) {
  if (stored && typeof stored.text === 'string') return { version, text: stored.text };
  if (typeof legacy === 'string') return { version, text: legacy };
  return null;
}
