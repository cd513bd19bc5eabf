import { describe, expect, it } from 'vitest';

import { eventPk, WAIVER_TEXT_SK, waiverTextPk } from '../../../../amplify/data/keys';
import { policiesWithout } from '../../../support/iam';
import { DEFAULT_WAIVER_VERSION as VERSION, formBody, getItem, queryPrefix, waiverSuite } from './support/fixtures';

/**
 * The waiver Lambda runs locally as its synthesized role (local/iam): what AWS would refuse it, the
 * local stack refuses too. Its first signature stores the text signed under WAIVERTEXT#<sha256>.
 */
const granted = waiverSuite('2026-06-03-iam', 'Harbor sail');
const withoutTexts = waiverSuite('2026-06-04-iam', 'Harbor sail', {
  policies: policiesWithout('waiver', 'StoreWaiverTexts'),
});

describe('the waiver Lambda under its IAM role', () => {
  it('signs as its synthesized role allows: the text stored once, the waiver recorded', async () => {
    const id = await granted.freshEvent();
    const res = await granted.post(id, formBody({}, VERSION));
    expect(res.status).toBe(303);
    expect(await getItem(granted.table, waiverTextPk(VERSION), WAIVER_TEXT_SK)).toMatchObject({ type: 'WaiverText' });
    expect(await queryPrefix(granted.table, eventPk(id), 'WAIVER#')).toHaveLength(1);
  });

  it('cannot sign when its role may not put WAIVERTEXT#: refused as on AWS, nothing signed', async () => {
    const id = await withoutTexts.freshEvent();
    const res = await withoutTexts.post(id, formBody({}, VERSION));
    expect(res.status).toBe(503);
    expect(await getItem(withoutTexts.table, waiverTextPk(VERSION), WAIVER_TEXT_SK)).toBeUndefined();
    expect(await queryPrefix(withoutTexts.table, eventPk(id), 'WAIVER#')).toEqual([]);
  });
});
