/**
 * CSV as RFC 4180 describes it (CRLF, quotes doubled), with OWASP's guidance on CSV injection
 * applied in full, so nothing a patron or a crew member typed can run in the accountant's
 * spreadsheet:
 * - every text cell is quoted, so a separator inside it (`,`, or `;` for a spreadsheet set to
 *   split on it, or a tab) never starts a new cell that a spreadsheet would read as a formula;
 * - a text cell a spreadsheet could read as a formula gets a leading `'`: one that starts with
 *   = + - @, their fullwidth and small forms (＝ ﹦ ＋ ﹢ － ﹣ ＠ ﹫, which some spreadsheets fold
 *   to ASCII), a tab, a line break or any other control character, or any of those behind
 *   leading spaces or invisible characters (a zero-width space, a BOM), which a spreadsheet may
 *   drop before it looks;
 * - quotes inside a cell are doubled.
 * Numbers stay bare so they sum. Hand-written because it is a few lines and every CSV library
 * pulls in a streaming parser we don't need in the browser bundle.
 */
export type CsvCell = string | number | null | undefined;

/** What a spreadsheet may skip before it decides a cell is a formula: spaces, controls, invisible format characters. */
const SKIPPED = '[\\s\\p{Cc}\\p{Cf}]';
const FORMULA_SIGNS = '=+\\-@\\uFF1D\\uFE66\\uFF0B\\uFE62\\uFF0D\\uFE63\\uFF20\\uFE6B';
const FORMULA_START = new RegExp(`^(${SKIPPED}*[${FORMULA_SIGNS}]|[\\p{Cc}\\p{Cf}])`, 'u');
/** A negative plain decimal ("-25.00", a refund's net amount) is a number to sum, not a formula. */
const NEGATIVE_DECIMAL = /^-\d+(\.\d+)?$/;

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const text = FORMULA_START.test(value) && !NEGATIVE_DECIMAL.test(value) ? `'${value}` : value;
  return `"${text.replaceAll('"', '""')}"`;
}

/** One record and its CRLF, for writing a CSV a page at a time. */
export function csvLine(row: readonly CsvCell[]): string {
  return `${row.map(csvCell).join(',')}\r\n`;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows].map(csvLine).join('');
}
