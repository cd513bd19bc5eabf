/**
 * CSV as RFC 4180 describes it (CRLF, quotes doubled), plus the spreadsheet-formula guard OWASP
 * recommends: a text cell starting with = + - @ or a control character is prefixed with ' so a
 * patron's note cannot run as a formula in the accountant's spreadsheet. Hand-written because it is
 * ten lines and every CSV library pulls in a streaming parser we don't need in the browser bundle.
 */
export type CsvCell = string | number | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
/** A negative plain decimal ("-25.00", a refund's net amount) is a number to sum, not a formula. */
const NEGATIVE_DECIMAL = /^-\d+(\.\d+)?$/;

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text) && !NEGATIVE_DECIMAL.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record and its CRLF, for writing a CSV a page at a time. */
export function csvLine(row: readonly CsvCell[]): string {
  return `${row.map(csvCell).join(',')}\r\n`;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows].map(csvLine).join('');
}
