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

  it('leaves a negative plain decimal (a refund\'s net amount) summable, but not a formula that starts like one', () => {
    expect(csvCell('-25.00')).toBe('-25.00');
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('-1.5e3')).toBe("'-1.5e3");
    expect(csvCell('-cmd|calc')).toBe("'-cmd|calc");
  });

  it('writes empty cells for missing values', () => {
    expect(toCsv(['a', 'b', 'c'], [[null, undefined, '']])).toBe('a,b,c\r\n,,\r\n');
  });
});
