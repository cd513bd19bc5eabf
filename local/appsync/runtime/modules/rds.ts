/**
 * `@aws-appsync/utils/rds`: SQL statements for an RDS Data API data source, built as AppSync
 * builds them. Every value goes to `variableMap` under `:P0`, `:P1`… in the order the statement
 * reads them, a type hint goes to `variableTypeHintMap` under the same name, and identifiers are
 * quoted (`"` for PostgreSQL, backtick for MySQL, each dotted part on its own). The layout follows
 * what AWS's EvaluateCode answers, its rough edges included: clauses are joined by single spaces
 * with empty ones dropped, a condition group keeps a dangling AND/OR when a member renders to
 * nothing, and an alias object `{ alias: 'table' }` renders as `"table" as "alias"`.
 * Runs inside the resolver's vm.
 */
import { ModuleError } from './signals';
import { isPlainObject } from './values';

type Dialect = { quote: string; name: 'createPgStatement' | 'createMySQLStatement'; returning: boolean };

const PG: Dialect = { quote: '"', name: 'createPgStatement', returning: true };
const MYSQL: Dialect = { quote: '`', name: 'createMySQLStatement', returning: false };

const HINTS = ['DECIMAL', 'JSON', 'TIMESTAMP', 'TIME', 'UUID', 'DATE'] as const;

/** A value with an RDS Data API type hint, as `typeHint.*` makes it. */
interface Hinted {
  type: (typeof HINTS)[number];
  value: unknown;
}

/** What `sql`, `select`, `insert`, `update`, `remove` and `agg.*` return; known by identity. */
const templates = new WeakSet<object>();
const statements = new WeakMap<
  object,
  { type: 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE'; payload: Record<string, unknown> }
>();
const aggregates = new WeakMap<object, { fn: string; column: string }>();

interface Template {
  strings: string[];
  values: unknown[];
}

function fail(message: string): never {
  // The resolver's frame lies under the builder's own; a longer trace keeps it for the location.
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 64;
  const error = new ModuleError(message);
  Error.stackTraceLimit = limit;
  throw error;
}

function isHinted(value: unknown): value is Hinted {
  return (
    isPlainObject(value) &&
    Object.keys(value).length === 2 &&
    HINTS.includes(value.type as Hinted['type']) &&
    'value' in value
  );
}

export function sql(strings: readonly string[], ...values: unknown[]): Template {
  if (!Array.isArray(strings) || strings.length !== values.length + 1) {
    fail('java.lang.IllegalArgumentException: Unexpected argument passed to sql tagged template');
  }
  const template = { strings: [...strings], values };
  templates.add(template);
  return template;
}

function statement(type: 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE', name: string) {
  return (payload: unknown) => {
    if (payload === undefined) fail(`An argument is expected to be passed to ${name}`);
    if (!isPlainObject(payload)) fail('Expected payload to be an Object.');
    const made = {};
    statements.set(made, { type, payload });
    return made;
  };
}

export const select = statement('SELECT', 'select');
export const insert = statement('INSERT', 'insert');
export const update = statement('UPDATE', 'update');
export const remove = statement('DELETE', 'remove');

const hint =
  (type: Hinted['type']) =>
  (value: unknown): Hinted => ({
    type,
    // A Date (only reachable from resolver code) is sent as its ISO text, as AWS does.
    value: value instanceof Date ? value.toISOString() : value,
  });

export const typeHint = {
  DECIMAL: hint('DECIMAL'),
  JSON: hint('JSON'),
  TIMESTAMP: hint('TIMESTAMP'),
  TIME: hint('TIME'),
  UUID: hint('UUID'),
  DATE: hint('DATE'),
};

const aggregate =
  (fn: string, distinct = false) =>
  (column: string) => {
    const made = {};
    aggregates.set(made, { fn: distinct ? `${fn}(DISTINCT` : `${fn}(`, column });
    return made;
  };

export const agg = {
  max: aggregate('MAX'),
  maxDistinct: aggregate('MAX', true),
  min: aggregate('MIN'),
  minDistinct: aggregate('MIN', true),
  count: aggregate('COUNT'),
  countDistinct: aggregate('COUNT', true),
  avg: aggregate('AVG'),
  avgDistinct: aggregate('AVG', true),
  sum: aggregate('SUM'),
  sumDistinct: aggregate('SUM', true),
};

const COMPARISONS: Record<string, string> = { eq: '=', ne: '!=', gt: '>', lt: '<', ge: '>=', le: '<=' };
const AGGREGATE_CONDITIONS: Record<string, string> = {
  max: 'MAX(',
  maxDistinct: 'MAX(DISTINCT ',
  min: 'MIN(',
  minDistinct: 'MIN(DISTINCT ',
  avg: 'AVG(',
  avgDistinct: 'AVG(DISTINCT ',
  sum: 'SUM(',
  sumDistinct: 'SUM(DISTINCT ',
  count: 'COUNT(',
  countDistinct: 'COUNT(DISTINCT ',
};

class Builder {
  readonly statements: string[] = [];
  readonly variableMap: Record<string, unknown> = {};
  readonly variableTypeHintMap: Record<string, string> = {};
  private next = 0;

  constructor(private readonly dialect: Dialect) {}

  private bind(value: unknown): string {
    if (value === null || value === undefined) return 'NULL';
    const name = `:P${this.next++}`;
    if (isHinted(value)) {
      this.variableMap[name] = value.value;
      this.variableTypeHintMap[name] = value.type;
    } else {
      this.variableMap[name] = value;
    }
    return name;
  }

  private quote(identifier: string): string {
    const q = this.dialect.quote;
    return identifier
      .split('.')
      .map((part) => `${q}${part.split(q).join(q + q)}${q}`)
      .join('.');
  }

  private template(template: Template): string {
    let out = template.strings[0];
    template.values.forEach((value, i) => {
      out += this.bind(value) + template.strings[i + 1];
    });
    return out;
  }

  /** A table, `{ alias: table }`, or (for `from`) a `sql` template or a `select`. */
  private source(value: unknown, key: 'table' | 'from'): string {
    if (typeof value === 'string') return this.quote(value);
    if (key === 'from' && isPlainObject(value) && templates.has(value))
      return `(${this.template(value as unknown as Template)})`;
    if (key === 'from' && isPlainObject(value) && statements.get(value)?.type === 'SELECT')
      return `(${this.render(value)})`;
    if (isPlainObject(value)) {
      const names = Object.keys(value);
      // AWS's own wording, the Java exception of an empty alias included.
      if (names.length === 0) fail('java.util.NoSuchElementException');
      if (names.length > 1) fail('table alias is allowed only one key-value pair.');
      const aliased = value[names[0]];
      if (typeof aliased === 'string') return `${this.quote(aliased)} as ${this.quote(names[0])}`;
      if (isPlainObject(aliased) && (templates.has(aliased) || statements.has(aliased)))
        return `${this.source(aliased, 'from')} as ${this.quote(names[0])}`;
      fail('Table alias value is expected to be a string.');
    }
    if (key === 'from') fail("'from' value is expected to be string or object.");
    fail('table name is expected to be a string or alias.');
  }

  private target(payload: Record<string, unknown>, type: string): string {
    const hasTable = payload.table !== undefined && payload.table !== null;
    const hasFrom = payload.from !== undefined && payload.from !== null;
    if (type === 'SELECT') {
      if (hasTable && hasFrom) fail("'from' and 'table' keys cannot be used together");
      if (!hasTable && !hasFrom) fail("'table' or 'from' key is required.");
      return hasFrom ? this.source(payload.from, 'from') : this.source(payload.table, 'table');
    }
    if (!hasTable) fail("'table' or 'from' key is required.");
    return this.source(payload.table, 'table');
  }

  private column(column: unknown): string {
    if (column === '*') return '*';
    if (typeof column === 'string') return this.quote(column);
    if (isPlainObject(column) && aggregates.has(column)) {
      const { fn, column: of } = aggregates.get(column)!;
      return `${fn}${fn.endsWith('(') ? '' : ' '}${of === '*' ? '*' : this.quote(of)})`;
    }
    if (isPlainObject(column) && Object.keys(column).length === 1) {
      const alias = Object.keys(column)[0];
      const value = column[alias];
      const expression =
        isPlainObject(value) && templates.has(value)
          ? this.template(value as unknown as Template)
          : isPlainObject(value) && statements.get(value)?.type === 'SELECT'
            ? `(${this.render(value)})`
            : this.column(value);
      return `${expression} as ${this.quote(alias)}`;
    }
    fail('Invalid type in column array.');
  }

  private columns(columns: unknown): string {
    if (columns === undefined || columns === null || columns === '*') return '*';
    if (!Array.isArray(columns)) fail('Expected column to be * or an array.');
    return columns.map((c) => this.column(c)).join(', ');
  }

  /** A condition object: its members joined by AND, a group's members each in parentheses. */
  private where(where: unknown): string {
    if (isPlainObject(where) && templates.has(where)) return this.template(where as unknown as Template);
    if (!isPlainObject(where)) fail('WHERE values are expected to be SQL templates or a condition object.');
    const parts: string[] = [];
    for (const key of Object.keys(where)) {
      const value = where[key];
      if (key === 'and' || key === 'or' || key === 'not') {
        if (!Array.isArray(value)) fail(`${key} expects conditions to be an array`);
        const members = value.map((member) => {
          if (!isPlainObject(member) || templates.has(member)) fail(`Expected ${key} to be an Object.`);
          const rendered = this.where(member);
          return rendered === '' ? '' : `(${rendered})`;
        });
        if (key === 'not') parts.push(members.length === 0 ? '' : `NOT (${members.join(' AND ')})`);
        else parts.push(members.join(key === 'and' ? ' AND ' : ' OR '));
      } else {
        parts.push(this.conditions(key, value));
      }
    }
    return parts.join(' AND ');
  }

  private conditions(column: string, condition: unknown): string {
    if (!isPlainObject(condition)) fail('Expected condition to be an Object.');
    return Object.keys(condition)
      .map((op) => this.condition(column, this.quote(column), op, condition[op]))
      .join(' AND ');
  }

  private condition(column: string, subject: string, op: string, value: unknown): string {
    const path = `${column}.${op}`;
    if (op in COMPARISONS) {
      if (value === null || value === undefined) fail(`Value for ${path} can't be null.`);
      return `${subject} ${COMPARISONS[op]} ${this.bind(value)}`;
    }
    switch (op) {
      case 'contains':
      case 'notContains':
      case 'beginsWith': {
        if (value === null || value === undefined) fail(`Value for ${path} can't be null.`);
        if (typeof value !== 'string') fail(`${path} expects a string value to be passed.`);
        const pattern = op === 'contains' ? `%${value}%` : op === 'beginsWith' ? `${value}%` : value;
        return `${subject} ${op === 'notContains' ? 'NOT LIKE' : 'LIKE'} ${this.bind(pattern)}`;
      }
      case 'between': {
        if (!Array.isArray(value)) fail(`${path} condition expects an array with length of 2.`);
        if (value.length !== 2)
          fail(`${path} condition expects an array with 2 values but received an array with length ${value.length}.`);
        return `${subject} BETWEEN ${this.bind(value[0])} AND ${this.bind(value[1])}`;
      }
      case 'attributeExists':
        if (value === null || value === undefined) fail(`Value for ${path} can't be null.`);
        if (typeof value !== 'boolean') fail(`${path} expects a boolean value to be passed.`);
        return `${subject} ${value ? 'IS NOT NULL' : 'IS NULL'}`;
      case 'size':
        return this.measured(column, `LENGTH (${subject})`, op, value);
      default:
        if (op in AGGREGATE_CONDITIONS)
          return this.measured(column, `${AGGREGATE_CONDITIONS[op]}${subject})`, op, value);
        fail(`Unsupported condition ${path}.`);
    }
  }

  /** `size` and the aggregates compare a computed value with eq, ne, lt, le, gt, ge or between. */
  private measured(column: string, subject: string, op: string, value: unknown): string {
    const path = `${column}.${op}`;
    if (!isPlainObject(value)) fail(`Expected ${path} to be an Object.`);
    return Object.keys(value)
      .map((inner) => {
        const operand = value[inner];
        if (inner in COMPARISONS) return `${subject} ${COMPARISONS[inner]} ${this.bind(operand)}`;
        if (inner === 'between') {
          if (!Array.isArray(operand) || operand.length !== 2) {
            fail(
              `${path} condition expects an array with 2 values but received an array with length ${Array.isArray(operand) ? operand.length : 0}.`,
            );
          }
          return `${subject} BETWEEN ${this.bind(operand[0])} AND ${this.bind(operand[1])}`;
        }
        fail(`${path} has invalid size operator.`);
      })
      .join(' AND ');
  }

  private number(value: unknown, name: string): string {
    const n =
      typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
    if (Number.isNaN(n)) fail(`${name} expects a number.`);
    return this.bind(n);
  }

  private orderBy(orderBy: unknown): string {
    if (!Array.isArray(orderBy)) fail('orderBy expects an array.');
    if (orderBy.length === 0) return '';
    return `ORDER BY ${orderBy
      .map((item) => {
        if (!isPlainObject(item)) fail('orderBy item expected to be an object.');
        if (typeof item.column !== 'string') fail('orderBy item expected to have property column.');
        let dir = 'ASC';
        if (typeof item.dir === 'string') {
          dir = item.dir.toUpperCase();
          if (dir !== 'ASC' && dir !== 'DESC') fail(`orderBy dir can have either ASC or DESC found ${item.dir}.`);
        }
        return `${this.quote(item.column)} ${dir}`;
      })
      .join(', ')}`;
  }

  private joins(payload: Record<string, unknown>): string[] {
    const kinds: Record<string, string> = {
      join: 'JOIN',
      innerJoin: 'INNER JOIN',
      leftJoin: 'LEFT JOIN',
      leftOuterJoin: 'LEFT OUTER JOIN',
      rightJoin: 'RIGHT JOIN',
      rightOuterJoin: 'RIGHT OUTER JOIN',
      fullOuterJoin: 'FULL OUTER JOIN',
      crossJoin: 'CROSS JOIN',
      joinNatural: 'NATURAL JOIN',
      innerJoinNatural: 'NATURAL INNER JOIN',
      leftJoinNatural: 'NATURAL LEFT JOIN',
      leftOuterJoinNatural: 'NATURAL LEFT OUTER JOIN',
      rightJoinNatural: 'NATURAL RIGHT JOIN',
      rightOuterJoinNatural: 'NATURAL RIGHT OUTER JOIN',
      fullOuterJoinNatural: 'NATURAL FULL OUTER JOIN',
    };
    const out: string[] = [];
    for (const key of Object.keys(kinds)) {
      const list = payload[key];
      if (list === undefined || list === null) continue;
      if (!Array.isArray(list)) fail(`${key} expects an array.`);
      for (const join of list) {
        if (!isPlainObject(join)) fail(`${key} item expected to be an object.`);
        const table = join.from !== undefined ? this.source(join.from, 'from') : this.source(join.table, 'table');
        let clause = `${kinds[key]} ${table}`;
        if (Array.isArray(join.using)) clause += ` USING (${join.using.map((c) => this.column(c)).join(', ')})`;
        else if (join.on !== undefined) clause += ` ON ${this.where(join.on)}`;
        out.push(clause);
      }
    }
    return out;
  }

  private returning(payload: Record<string, unknown>): string {
    if (payload.returning === undefined || payload.returning === null) return '';
    const columns = this.columns(payload.returning);
    if (!this.dialect.returning) fail('returning is not supported in MySQL.');
    return `RETURNING ${columns}`;
  }

  private whereClause(where: unknown): string {
    if (where === undefined || where === null) return '';
    const rendered = this.where(where);
    return rendered === '' ? '' : `WHERE ${rendered}`;
  }

  private values(values: unknown, verb: 'insert' | 'update'): Record<string, unknown> {
    if (values === undefined || values === null) fail(`values are expected to be passed to ${verb}`);
    if (!isPlainObject(values)) fail('Expected values to an Object.');
    return values;
  }

  render(made: object): string {
    const { type, payload } = statements.get(made)!;
    const parts: string[] = [];
    switch (type) {
      case 'SELECT': {
        // The column list is read before the table, the where clause after it: placeholders follow.
        const columns = this.columns(payload.columns);
        parts.push(
          'SELECT',
          columns,
          'FROM',
          this.target(payload, type),
          ...this.joins(payload),
          this.whereClause(payload.where),
        );
        if (payload.groupBy !== undefined && payload.groupBy !== null) {
          if (!Array.isArray(payload.groupBy)) fail('groupBy expects an array.');
          parts.push(
            `GROUP BY ${payload.groupBy.map((c) => (typeof c === 'number' ? String(c) : this.column(c))).join(', ')}`,
          );
        }
        if (payload.having !== undefined && payload.having !== null) parts.push(`HAVING ${this.where(payload.having)}`);
        if (payload.orderBy !== undefined && payload.orderBy !== null) parts.push(this.orderBy(payload.orderBy));
        if (payload.limit !== undefined && payload.limit !== null)
          parts.push(`LIMIT ${this.number(payload.limit, 'limit')}`);
        if (payload.offset !== undefined && payload.offset !== null)
          parts.push(`OFFSET ${this.number(payload.offset, 'offset')}`);
        break;
      }
      case 'INSERT': {
        const table = this.target(payload, type);
        const values = this.values(payload.values, 'insert');
        const names = Object.keys(values);
        parts.push('INSERT INTO', table, `(${names.map((n) => this.quote(n)).join(', ')})`);
        parts.push(`VALUES (${names.map((n) => this.bind(values[n])).join(', ')})`, this.returning(payload));
        break;
      }
      case 'UPDATE': {
        const table = this.target(payload, type);
        const values = this.values(payload.values, 'update');
        const sets = Object.keys(values)
          .map((n) => `${this.quote(n)} = ${this.bind(values[n])}`)
          .join(', ');
        parts.push('UPDATE', table, 'SET', sets, this.whereClause(payload.where), this.returning(payload));
        break;
      }
      case 'DELETE':
        parts.push('DELETE FROM', this.target(payload, type), this.whereClause(payload.where), this.returning(payload));
        break;
    }
    return parts
      .filter((part) => part !== '')
      .join(' ')
      .trimEnd();
  }

  add(input: unknown): void {
    if (typeof input === 'string') this.statements.push(input);
    else if (isPlainObject(input) && templates.has(input))
      this.statements.push(this.template(input as unknown as Template));
    else if (isPlainObject(input) && statements.has(input)) this.statements.push(this.render(input));
    else fail(`Unsupported type is passed as argument to ${this.dialect.name}`);
  }
}

function create(dialect: Dialect) {
  return (...inputs: unknown[]) => {
    const given = inputs.filter((input) => input !== undefined && input !== null);
    if (given.length === 0) fail(`An argument is expected to be passed to ${dialect.name}`);
    const builder = new Builder(dialect);
    for (const input of given) builder.add(input);
    return {
      statements: builder.statements,
      variableMap: builder.variableMap,
      variableTypeHintMap: builder.variableTypeHintMap,
    };
  };
}

export const createPgStatement = create(PG);
export const createMySQLStatement = create(MYSQL);

type Field = Record<string, unknown>;

/** A Data API ArrayValue (`{ stringValues }`, `{ longValues }`…, or nested `{ arrayValues }`) as a list. */
function arrayValue(array: unknown): unknown {
  if (!isPlainObject(array)) return null;
  if (Array.isArray(array.arrayValues)) return array.arrayValues.map(arrayValue);
  const list = Object.values(array)[0];
  return Array.isArray(list) ? list : null;
}

/** One Data API field (`{ stringValue }`, `{ isNull }`, `{ arrayValue }`…) as a plain value. */
function fieldValue(field: Field): unknown {
  if (!isPlainObject(field) || field.isNull === true) return null;
  if ('arrayValue' in field) return arrayValue(field.arrayValue);
  const key = Object.keys(field)[0];
  return key === undefined ? null : field[key];
}

/**
 * The Data API's ExecuteStatement result as rows: one list per statement, one object per row
 * keyed by column label. A statement without records (an INSERT or UPDATE) gives `[{}]`; an
 * input that is not such a result gives null, as the reference says.
 */
export function toJsonObject(result: unknown): unknown[][] | null {
  let parsed: unknown = result;
  if (typeof result === 'string') {
    try {
      parsed = JSON.parse(result);
    } catch {
      return null;
    }
  }
  if (!isPlainObject(parsed) || !Array.isArray(parsed.sqlStatementResults)) return null;
  return parsed.sqlStatementResults.map((statementResult: unknown) => {
    if (!isPlainObject(statementResult) || !Array.isArray(statementResult.records)) return [{}];
    const columns = Array.isArray(statementResult.columnMetadata) ? (statementResult.columnMetadata as Field[]) : [];
    return (statementResult.records as Field[][]).map((record) => {
      const row: Record<string, unknown> = {};
      record.forEach((field, i) => {
        // A NULL column is left out of its row.
        if (isPlainObject(field) && field.isNull === true) return;
        row[String(columns[i]?.label ?? columns[i]?.name ?? i)] = fieldValue(field);
      });
      return row;
    });
  });
}
