import { util, type Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import { groupsOf, mayRead, redactPersonal } from '../../domain/personal';
import { nameSearchKey, phoneSearchKey, searchPk } from '../keys';
import { unauthorized, validationError } from './lib/errors';
import { pageLimit, pageResponse, startCursor } from './lib/page';
import { requireText } from './lib/validate';

/**
 * findPatrons (ADMINS CREW ACCOUNTING): roster entries across events whose name, email or phone
 * starts with the query, one Query a page on one of three sparse indexes of the entries themselves
 * (keys.ts patronSearchKeys), so each match is the entry as it is now. The query's shape says which
 * index: with "@" it is an email; only digits and phone punctuation, a phone (matched by how the
 * number ends, so "4567" or "555 123 4567" find "+1 (555) 123-4567"); anything else, a name
 * (matched from its start, case-insensitively). One index per kind rather than one index of small
 * search-key items: an item has one key per index, and copies of the entry would have to be kept
 * in step with every payment and waiver. Entries written before these indexes have no keys until
 * their next updatePatron or the backfill (amplify/storage/search-backfill.ts) writes them.
 *
 * ACCOUNTING may search (they may call paymentsByPatron, which needs the patron's email,
 * and a bookkeeper knows a patron by name), but gets only the personal fields their groups may read
 * (amplify/domain/personal.ts: no phone or notes); nor may they search by phone, which would tell
 * them whose number it is.
 */

export function request(ctx: Context) {
  const query = requireText(ctx.args.query, 'query', 100);
  if (query.length < 2) validationError('query must be 2 to 100 characters.');
  let kind: 'NAME' | 'EMAIL' | 'PHONE' = 'NAME';
  let key = nameSearchKey(query);
  if (query.indexOf('@') >= 0) {
    kind = 'EMAIL';
  } else if (util.matches('[+]?[0-9 ().-]+', query) && phoneSearchKey(query).length >= 2) {
    if (!mayRead(groupsOf(ctx.identity), 'phone'))
      unauthorized('Accounting can find a patron by name or email, not by phone.');
    kind = 'PHONE';
    key = phoneSearchKey(query);
  }
  const index = kind === 'NAME' ? '4' : kind === 'EMAIL' ? '5' : '6';
  const pk = searchPk(kind, key);
  const limit = pageLimit(ctx.args.limit);
  const cursor = startCursor(ctx, 'findPatrons|' + kind + '|' + key, [pk], ctx.args.nextToken);
  const keyCondition: Record<string, unknown> = {};
  keyCondition['GSI' + index + 'PK'] = { eq: pk };
  keyCondition['GSI' + index + 'SK'] = { beginsWith: key };
  return ddb.query({ index: 'GSI' + index, query: keyCondition, limit, nextToken: cursor.t });
}

export function response(ctx: Context) {
  const page = pageResponse(ctx);
  const groups = groupsOf(ctx.identity);
  return { ...page, items: page.items.map((e) => redactPersonal(e, groups)) };
}
