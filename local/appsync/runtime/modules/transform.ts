/**
 * `util.transform.toDynamoDBFilterExpression` / `toDynamoDBConditionExpression`: a filter object
 * to a DynamoDB expression, reproducing AWS's output byte for byte (the quirks included: an empty
 * member leaves a dangling " AND ", an empty `in` renders "(null)", top-level fields are joined
 * without parentheses). A filter AWS cannot render yields `null`. Runs inside the resolver's vm.
 */
import { toElasticsearchQueryDSL } from './opensearch';
import { toSubscriptionFilter } from './subscription-filter';
import { isPlainObject, toDynamoDB, type AttributeValue } from './values';

export interface DynamoDBExpression {
  expression: string;
  expressionNames: Record<string, string>;
  expressionValues: Record<string, AttributeValue>;
}

/** Thrown while rendering a filter AWS refuses; caught at the entry point, never leaves it. */
class Unrenderable {}

const COMPARISONS: Record<string, string> = { eq: '=', ne: '<>', lt: '<', le: '<=', gt: '>', ge: '>=' };
const FUNCTIONS: Record<string, [string, string]> = {
  contains: ['contains(', ')'],
  notContains: ['NOT contains(', ')'],
  beginsWith: ['begins_with(', ')'],
};
const ATTRIBUTE_TYPES: Record<string, string> = {
  _null: 'NULL',
  string: 'S',
  stringSet: 'SS',
  number: 'N',
  numberSet: 'NS',
  binary: 'B',
  binarySet: 'BS',
  boolean: 'BOOL',
  list: 'L',
  map: 'M',
};

class Renderer {
  readonly names: Record<string, string> = {};
  readonly values: Record<string, AttributeValue> = {};

  /** A filter object: its members joined by AND, unwrapped. */
  filter(filter: unknown, prefix: string): string {
    if (!isPlainObject(filter)) throw new Unrenderable();
    const parts: string[] = [];
    for (const key of Object.keys(filter)) {
      const value = filter[key];
      if (key === 'and' || key === 'or') parts.push(this.group(key, value, prefix));
      else if (key === 'not') parts.push(this.not(value, prefix));
      else parts.push(this.field(key, value, prefix));
    }
    return parts.join(' AND ');
  }

  private group(kind: 'and' | 'or', members: unknown, prefix: string): string {
    if (!Array.isArray(members)) throw new Unrenderable();
    const rendered = members.map((member, i) => this.filter(member, `${prefix}${kind}_${i}_`));
    if (rendered.length === 0) return '';
    if (rendered.length === 1) return rendered[0];
    return `(${rendered.join(kind === 'and' ? ' AND ' : ' OR ')})`;
  }

  private not(inner: unknown, prefix: string): string {
    return `(NOT ${this.filter(inner, `${prefix}not_`)})`;
  }

  private field(name: string, operators: unknown, prefix: string): string {
    if (!isPlainObject(operators)) throw new Unrenderable();
    const path = `#${name}`;
    this.names[path] = name;
    return this.operators(path, operators, `${prefix}${name}`);
  }

  /** The operators on one subject (an attribute or its size), wrapped when there are several. */
  private operators(subject: string, operators: Record<string, unknown>, base: string): string {
    const parts = Object.keys(operators).map((op) => this.operator(subject, op, operators[op], base));
    return parts.length > 1 ? `(${parts.join(' AND ')})` : (parts[0] ?? '');
  }

  private operator(subject: string, op: string, operand: unknown, base: string): string {
    const placeholder = `:${base}_${op}`;
    if (op in COMPARISONS) {
      this.values[placeholder] = toDynamoDB(operand);
      return `(${subject} ${COMPARISONS[op]} ${placeholder})`;
    }
    if (op in FUNCTIONS) {
      this.values[placeholder] = toDynamoDB(operand);
      const [open, close] = FUNCTIONS[op];
      return `(${open}${subject},${placeholder}${close})`;
    }
    switch (op) {
      case 'between': {
        if (!Array.isArray(operand) || operand.length < 2) throw new Unrenderable();
        this.values[`${placeholder}_start`] = toDynamoDB(operand[0]);
        this.values[`${placeholder}_end`] = toDynamoDB(operand[1]);
        return `(${subject} BETWEEN ${placeholder}_start AND ${placeholder}_end)`;
      }
      case 'in': {
        if (!Array.isArray(operand)) throw new Unrenderable();
        if (operand.length === 0) return '(null)';
        const names = operand.map((item, i) => {
          this.values[`${placeholder}_${i}`] = toDynamoDB(item);
          return `${placeholder}_${i}`;
        });
        return `(${subject} IN (${names.join(', ')}))`;
      }
      case 'attributeExists':
        if (typeof operand !== 'boolean') throw new Unrenderable();
        return operand ? `(attribute_exists(${subject}))` : `(attribute_not_exists(${subject}))`;
      case 'attributeType': {
        const code = typeof operand === 'string' ? ATTRIBUTE_TYPES[operand] : undefined;
        if (code === undefined || !Object.prototype.hasOwnProperty.call(ATTRIBUTE_TYPES, operand as string)) {
          throw new Unrenderable();
        }
        this.values[placeholder] = { S: code };
        return `(attribute_type(${subject},${placeholder}))`;
      }
      case 'size': {
        if (!isPlainObject(operand)) throw new Unrenderable();
        // AWS never nests size(size(x)): a nested size only lengthens the placeholder names.
        const sized = subject.startsWith('size(') ? subject : `size(${subject})`;
        return this.operators(sized, operand, `${base}_size`);
      }
      default:
        throw new Unrenderable();
    }
  }
}

/** Render a filter object; null when AWS would refuse it. */
export function renderFilter(filter: unknown): DynamoDBExpression | null {
  const renderer = new Renderer();
  try {
    const expression = renderer.filter(filter, '');
    return { expression, expressionNames: renderer.names, expressionValues: renderer.values };
  } catch (error) {
    if (error instanceof Unrenderable) return null;
    throw error;
  }
}

function toExpressionString(filter: unknown): string | null {
  const rendered = renderFilter(filter);
  return rendered === null ? null : JSON.stringify(rendered);
}

export const transformUtil = {
  toDynamoDBFilterExpression: toExpressionString,
  toDynamoDBConditionExpression: toExpressionString,
  toElasticsearchQueryDSL,
  toSubscriptionFilter,
};
