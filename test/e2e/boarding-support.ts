import { expect } from 'vitest';
import { DEFAULT_WAIVER_VERSION, formBody } from '../waiver/fixtures';
import type { Dashboard } from './dashboard-support';

/** A patron signs the event's waiver on the public form, through the product's edge (the real Lambda). */
export async function signWaiver(d: Dashboard, eventId: string, email: string, name: string, minors: string[] = []) {
  const res = await fetch(`${d.product.endpoints.edgeUrl}/g/${eventId}/waiver`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: formBody({ name, signature: name, email, minorName: minors, minorDateOfBirth: minors.map(() => '2016-03-04') }, DEFAULT_WAIVER_VERSION),
    redirect: 'manual',
  });
  expect(res.status).toBe(303);
}
