import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../../src/lib/csv';

describe('CSV', () => {
  it('joins rows with CRLF and ends with one', () => {
    expect(toCsv(['a', 'b'], [[1, 'x']])).toBe('a,b\r\n1,x\r\n');
  });

  it('quotes cells holding commas, quotes or line breaks', () => {
    expect(csvCell('Smith, Jo')).toBe('"Smith, Jo"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
  });

  it('defuses text that a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('@sum')).toBe("'@sum");
  });

  it('leaves numbers, including negative ones, as numbers', () => {
    expect(csvCell(-25)).toBe('-25');
  });

  it('leaves a negative amount written as text a number, but not text that merely starts like one', () => {
    expect(csvCell('-12.50')).toBe('-12.50');
    expect(csvCell('-12.50+cmd|x')).toBe("'-12.50+cmd|x");
    expect(csvCell('-1e3')).toBe("'-1e3");
  });

  it('writes empty cells for missing values', () => {
    expect(toCsv(['a', 'b', 'c'], [[null, undefined, '']])).toBe('a,b,c\r\n,,\r\n');
  });
});
