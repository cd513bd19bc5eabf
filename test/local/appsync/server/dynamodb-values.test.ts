import { describe, expect, it } from 'vitest';
import { toSdkItem } from '../../../../local/appsync/datasources/dynamodb/requests';
import { toPlain } from '../../../../local/appsync/datasources/dynamodb';

describe('typed values between AppSync and DynamoDB', () => {
  it('accepts the numbers, nulls and base64 binaries util.dynamodb produces and sends DynamoDB wire values', () => {
    expect(
      toSdkItem({
        n: { N: 20 },
        ns: { NS: [1, 2.5] },
        z: { NULL: null },
        b: { B: 'aGk=' },
        l: { L: [{ N: 1 }, { S: 'x' }] },
        m: { M: { inner: { N: -3 } } },
        s: { S: 'a' },
        t: { BOOL: true },
        ss: { SS: ['a'] },
      }),
    ).toEqual({
      n: { N: '20' },
      ns: { NS: ['1', '2.5'] },
      z: { NULL: true },
      b: { B: Buffer.from('hi') },
      l: { L: [{ N: '1' }, { S: 'x' }] },
      m: { M: { inner: { N: '-3' } } },
      s: { S: 'a' },
      t: { BOOL: true },
      ss: { SS: ['a'] },
    });
  });

  it('refuses a value that is not typed', () => {
    expect(() => toSdkItem({ n: 20 })).toThrow(/Not a typed DynamoDB value/);
  });

  it('gives resolvers plain JSON: numbers, lists for sets, base64 for binary', () => {
    expect(toPlain({ n: { N: '20' }, ss: { SS: ['a', 'b'] }, b: { B: Buffer.from('hi') }, z: { NULL: true } })).toEqual(
      { n: 20, ss: ['a', 'b'], b: 'aGk=', z: null },
    );
  });
});
