import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../../../src/lib/csv/csv';

describe('CSV', () => {
  it('joins rows with CRLF and ends with one', () => {
    expect(toCsv(['a', 'b'], [[1, 'x']])).toBe('"a","b"\r\n1,"x"\r\n');
  });

  it('quotes every text cell, doubling the quotes inside it', () => {
    expect(csvCell('Smith, Jo')).toBe('"Smith, Jo"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('plain')).toBe('"plain"');
  });

  it('keeps a separator inside a cell from starting a new one (`;` for a spreadsheet splitting on it, a tab)', () => {
    expect(csvCell('x;=1+1')).toBe('"x;=1+1"');
    expect(csvCell('x\t=1+1')).toBe('"x\t=1+1"');
  });

  it('defuses text that a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell('+1')).toBe('"\'+1"');
    expect(csvCell('@sum')).toBe('"\'@sum"');
    expect(csvCell('\t=1')).toBe('"\'\t=1"');
    expect(csvCell('\r=1')).toBe('"\'\r=1"');
    expect(csvCell('\0x')).toBe('"\'\0x"');
  });

  it('defuses the fullwidth and small forms of the formula signs', () => {
    for (const sign of ['＝', '﹦', '＋', '﹢', '－', '﹣', '＠', '﹫'])
      expect(csvCell(`${sign}1+1`)).toBe(`"'${sign}1+1"`);
  });

  it('defuses a formula behind leading spaces or invisible characters', () => {
    expect(csvCell('\u200B=1+1')).toBe('"\'\u200B=1+1"');
    expect(csvCell('\uFEFF=1+1')).toBe('"\'\uFEFF=1+1"');
    expect(csvCell('  =1+1')).toBe('"\'  =1+1"');
    expect(csvCell('\u200B')).toBe('"\'\u200B"');
  });

  it('leaves numbers, including negative ones, bare', () => {
    expect(csvCell(-25)).toBe('-25');
  });

  it("leaves a negative plain decimal (a refund's net amount) summable, but not a formula that starts like one", () => {
    expect(csvCell('-25.00')).toBe('"-25.00"');
    expect(csvCell('-2+3')).toBe('"\'-2+3"');
    expect(csvCell('-1.5e3')).toBe('"\'-1.5e3"');
    expect(csvCell('-cmd|calc')).toBe('"\'-cmd|calc"');
  });

  it('writes empty cells for missing values', () => {
    expect(toCsv(['a', 'b', 'c'], [[null, undefined, '']])).toBe('"a","b","c"\r\n,,""\r\n');
  });
});
