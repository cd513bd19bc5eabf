import { parse } from 'csv-parse/browser/esm/sync';

/**
 * A CSV as a spreadsheet reads it: rows of cells, quotes undone (RFC 4180), by a real parser, so a
 * test of what we export sees the cells a reader sees rather than splitting on commas.
 */
export function readCsv(text: string): string[][] {
  return parse(text, { relaxQuotes: false, recordDelimiter: '\r\n' }) as string[][];
}
