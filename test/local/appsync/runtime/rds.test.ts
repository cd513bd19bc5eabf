import { describe, expect, it } from 'vitest';
import { compileResolver, type Evaluation } from '../../../../local/appsync/runtime';

/** One rds expression in a request handler, the module imported as AWS's examples import it. */
function rds(expression: string, ctx = {}): Evaluation {
  return compileResolver(`
    import * as rds from '@aws-appsync/utils/rds';
    export function request(ctx) { return ${expression}; }
    export function response(ctx) { return ctx.result; }
  `).run('request', ctx);
}

describe('@aws-appsync/utils/rds, as AppSync builds statements', () => {
  it('numbers placeholders in reading order across both statements, hints beside their values', () => {
    expect(
      rds(
        'rds.createMySQLStatement(rds.sql`insert into Post(id, text) values(${rds.typeHint.UUID(ctx.args.id)}, ${ctx.args.text})`, rds.sql`select * from Post where id = ${ctx.args.id}`)',
        { arguments: { id: 'a1', text: 'hello' } },
      ).value,
    ).toEqual({
      statements: ['insert into Post(id, text) values(:P0, :P1)', 'select * from Post where id = :P2'],
      variableMap: { ':P0': 'a1', ':P1': 'hello', ':P2': 'a1' },
      variableTypeHintMap: { ':P0': 'UUID' },
    });
  });

  it('groups each member of an or in parentheses, quotes with backticks for MySQL, sorts and pages', () => {
    expect(
      rds(`rds.createMySQLStatement(rds.select({ table: 'UserGroup', columns: ['id', 'name'],
      where: { or: [{ name: { eq: 'Stephane' } }, { id: { gt: 10 } }] }, orderBy: [{ column: 'name' }, { column: 'id', dir: 'DESC' }], limit: 10, offset: 1 }))`)
        .value,
    ).toEqual({
      statements: [
        'SELECT `id`, `name` FROM `UserGroup` WHERE (`name` = :P0) OR (`id` > :P1) ORDER BY `name` ASC, `id` DESC LIMIT :P2 OFFSET :P3',
      ],
      variableMap: { ':P0': 'Stephane', ':P1': 10, ':P2': 10, ':P3': 1 },
      variableTypeHintMap: {},
    });
  });

  it('writes NULL for a null value instead of binding it', () => {
    expect(
      rds(
        `rds.createPgStatement(rds.update({ table: 'persons', values: { country: null }, where: { id: { eq: 1 } } }))`,
      ).value,
    ).toEqual({
      statements: ['UPDATE "persons" SET "country" = NULL WHERE "id" = :P0'],
      variableMap: { ':P0': 1 },
      variableTypeHintMap: {},
    });
  });

  it.each([
    [
      `rds.createPgStatement(rds.select({ table: 'persons', where: { id: { eq: null } } }))`,
      "Value for id.eq can't be null.",
    ],
    [
      `rds.createMySQLStatement(rds.insert({ table: 'persons', values: { name: 'x' }, returning: '*' }))`,
      'returning is not supported in MySQL.',
    ],
    [
      `rds.createPgStatement(rds.select({ table: 'persons', where: { id: { in: [1] } } }))`,
      'Unsupported condition id.in.',
    ],
    ['rds.createPgStatement()', 'An argument is expected to be passed to createPgStatement'],
  ])("refuses %s with AppSync's message, located in code.js", (expression, message) => {
    expect(rds(expression).error?.message).toMatch(
      new RegExp(`^code\\.js:3:\\d+: ${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`),
    );
  });

  it('toJsonObject answers null for what is not a Data API result', () => {
    expect(rds('rds.toJsonObject("not json")').value).toBeNull();
  });
});
