/**
 * `ddb.operations` and the update expression `ddb.update` builds from an update object.
 * AWS pins the single-operation forms (`SET #expName_1 = #expName_1 + :expValue_1`, …); several
 * attributes become one `SET a, b REMOVE c` expression with placeholders numbered in order.
 */
import { isPlainObject, toDynamoDB } from './values';

const ADD = 'OPERATION_ADD';
const REMOVE = 'OPERATION_REMOVE';
const REPLACE = 'OPERATION_REPLACE';
const INCREMENT = 'OPERATION_INCREMENT';
const DECREMENT = 'OPERATION_DECREMENT';
const APPEND = 'OPERATION_APPEND';
const PREPEND = 'OPERATION_PREPEND';
const UPDATE_LIST_ITEM = 'OPERATION_UPDATE_LIST_ITEM';

export const operations = {
  add: (value: unknown) => ({ type: ADD, value }),
  remove: () => ({ type: REMOVE }),
  replace: (value: unknown) => ({ type: REPLACE, value }),
  increment: (by = 1) => ({ type: INCREMENT, by }),
  decrement: (by = 1) => ({ type: DECREMENT, by }),
  append: (items: unknown[]) => ({ type: APPEND, items }),
  prepend: (items: unknown[]) => ({ type: PREPEND, items }),
  updateListItem: (item: unknown, index: number) => ({ type: UPDATE_LIST_ITEM, item, index }),
};

type Operation = { type: string; [key: string]: unknown };

/**
 * A set made with util.dynamodb.toStringSet / toNumberSet / toBinarySet (`{ SS: [...] }`) is
 * already an attribute value: it is set as it is, never walked as a nested object (which would
 * make a list under an `SS` path).
 */
function isTypedSet(value: unknown): value is Record<string, unknown[]> {
  if (!isPlainObject(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && ['SS', 'NS', 'BS'].includes(keys[0]) && Array.isArray(value[keys[0]]);
}

function isOperation(value: unknown): value is Operation {
  return isPlainObject(value) && typeof value.type === 'string' && value.type.startsWith('OPERATION_');
}

class UpdateBuilder {
  readonly sets: string[] = [];
  readonly removes: string[] = [];
  readonly names: Record<string, string> = {};
  readonly values: Record<string, unknown> = {};
  private nameCount = 0;
  private valueCount = 0;

  private name(attribute: string): string {
    const placeholder = `#expName_${++this.nameCount}`;
    this.names[placeholder] = attribute;
    return placeholder;
  }

  private value(value: unknown): string {
    const placeholder = `:expValue_${++this.valueCount}`;
    this.values[placeholder] = isTypedSet(value) ? value : toDynamoDB(value);
    return placeholder;
  }

  object(update: Record<string, unknown>, parent: string): void {
    for (const attribute of Object.keys(update)) {
      if (update[attribute] === undefined) continue;
      const path = parent ? `${parent}.${this.name(attribute)}` : this.name(attribute);
      this.attribute(path, update[attribute]);
    }
  }

  private attribute(path: string, value: unknown): void {
    if (value === null) {
      this.removes.push(path);
    } else if (isOperation(value)) {
      this.operation(path, value);
    } else if (Array.isArray(value) && value.length > 0 && value.every(isOperation)) {
      for (const op of value) this.operation(path, op);
    } else if (isPlainObject(value) && !isTypedSet(value)) {
      // A nested object updates the fields it names, leaving the others in place.
      this.object(value, path);
    } else {
      this.sets.push(`${path} = ${this.value(value)}`);
    }
  }

  private operation(path: string, op: Operation): void {
    switch (op.type) {
      case ADD:
      case REPLACE:
        this.sets.push(`${path} = ${this.value(op.value)}`);
        break;
      case REMOVE:
        this.removes.push(path);
        break;
      case INCREMENT:
        this.sets.push(`${path} = ${path} + ${this.value(op.by)}`);
        break;
      case DECREMENT:
        this.sets.push(`${path} = ${path} - ${this.value(op.by)}`);
        break;
      case APPEND:
        this.sets.push(`${path} = list_append(${path}, ${this.value(op.items)})`);
        break;
      case PREPEND:
        this.sets.push(`${path} = list_append(${this.value(op.items)}, ${path})`);
        break;
      case UPDATE_LIST_ITEM:
        this.sets.push(`${path}[${Number(op.index)}] = ${this.value(op.item)}`);
        break;
      default:
        throw new TypeError(`Unknown update operation ${op.type}`);
    }
  }

  expression(): string {
    const clauses: string[] = [];
    if (this.sets.length > 0) clauses.push(`SET ${this.sets.join(', ')}`);
    if (this.removes.length > 0) clauses.push(`REMOVE ${this.removes.join(', ')}`);
    return clauses.join(' ');
  }
}

export function buildUpdate(update: unknown): Record<string, unknown> {
  if (!isPlainObject(update)) throw new TypeError('update must be an object');
  const builder = new UpdateBuilder();
  builder.object(update, '');
  const out: Record<string, unknown> = { expression: builder.expression(), expressionNames: builder.names };
  if (Object.keys(builder.values).length > 0) out.expressionValues = builder.values;
  return out;
}
