/**
 * Money as a person types it and as a person reads it. Amounts are integer cents (USD) end to end;
 * parsing works on the digits as text so no binary fraction (0.1 + 0.2) can ever creep in.
 */

export type MoneyParse = { ok: true; cents: number } | { ok: false; error: string };

/** The largest amount GraphQL's 32-bit Int carries: $21,474,836.47. */
export const MAX_CENTS = 2 ** 31 - 1;

// "$1,250.00", "1250", "25.5", ".75", "1 250,00" is not accepted (ambiguous decimal comma).
const MONEY = /^\$?\s*((?:\d{1,3}(?:,\d{3})+)|\d+)?(?:\.(\d{0,2}))?$/;

/**
 * Parses "25", "25.5", "$1,250.00", ".75" into integer cents; explains what is wrong otherwise.
 * A payment must be more than zero; a price may be zero when `allowZero` (a charter billed as a
 * flat fee per party).
 */
export function parseMoney(input: string, options: { allowZero?: boolean } = {}): MoneyParse {
  const text = input.trim();
  if (text === '') return { ok: false, error: 'Enter an amount.' };
  if (text.startsWith('-')) return { ok: false, error: 'The amount must be more than zero.' };
  const match = MONEY.exec(text);
  if (!match || (match[1] === undefined && !match[2])) {
    if (/\.\d{3,}$/.test(text)) return { ok: false, error: 'Use at most two digits for cents.' };
    return { ok: false, error: 'Type an amount like 25, 25.50 or $1,250.00.' };
  }
  const dollars = (match[1] ?? '0').replaceAll(',', '');
  const cents = (match[2] ?? '').padEnd(2, '0');
  if (dollars.length > 9) return { ok: false, error: 'That amount is too large.' };
  const total = Number(dollars) * 100 + Number(cents);
  if (total === 0 && !options.allowZero) return { ok: false, error: 'The amount must be more than zero.' };
  if (total > MAX_CENTS) return { ok: false, error: 'That amount is too large.' };
  return { ok: true, cents: total };
}

const dollarsFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** 125000 → "$1,250.00"; -2500 → "-$25.00". Integer arithmetic only. */
export function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(cents));
  const dollars = Math.floor(abs / 100);
  const rest = String(abs % 100).padStart(2, '0');
  return `${sign}$${dollarsFormat.format(dollars)}.${rest}`;
}

/** 125000 → "1250.00": for CSV and for pre-filling an input, where separators get in the way. */
export function centsToPlain(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(cents));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
