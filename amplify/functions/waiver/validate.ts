/**
 * The waiver form: parsing the urlencoded body and validating every field. Pure: the current
 * date comes in as an argument so the age rules are testable.
 */

export const MAX_MINORS = 10;
export const ADULT_AGE = 18;

/** What the patron typed, kept verbatim so a rejected form re-renders with their values. */
export interface WaiverForm {
  name: string;
  email: string;
  phone: string;
  dateOfBirth: string;
  agree: boolean;
  signature: string;
  /** Always MAX_MINORS rows; empty rows are ignored. */
  minors: { name: string; dateOfBirth: string }[];
  /** Minors filled in beyond MAX_MINORS (a crafted form): refused, never dropped silently. */
  extraMinors: number;
}

export interface Minor {
  name: string;
  dateOfBirth: string;
}

/** A valid signing, normalized: trimmed text, email lower-cased, empty minor rows dropped. */
export interface SigningInput {
  name: string;
  email: string;
  phone: string;
  dateOfBirth: string;
  signature: string;
  minors: Minor[];
}

/** Messages by field name (`name`, `minors.2.dateOfBirth`, …), in form order. */
export type FieldErrors = Record<string, string>;

export type Validation = { ok: true; value: SigningInput } | { ok: false; errors: FieldErrors };

export const emptyForm = (): WaiverForm => ({
  name: '',
  email: '',
  phone: '',
  dateOfBirth: '',
  agree: false,
  signature: '',
  minors: Array.from({ length: MAX_MINORS }, () => ({ name: '', dateOfBirth: '' })),
  extraMinors: 0,
});

/** Reads the form's fields; repeated `minorName` / `minorDateOfBirth` pair up by position. */
export function parseForm(body: string): WaiverForm {
  const params = new URLSearchParams(body);
  const field = (name: string) => (params.get(name) ?? '').slice(0, 1000);
  const names = params.getAll('minorName');
  const dates = params.getAll('minorDateOfBirth');
  const form = emptyForm();
  form.name = field('name');
  form.email = field('email');
  form.phone = field('phone');
  form.dateOfBirth = field('dateOfBirth');
  form.agree = params.get('agree') === 'yes';
  form.signature = field('signature');
  form.minors = form.minors.map((_, i) => ({
    name: (names[i] ?? '').slice(0, 1000),
    dateOfBirth: (dates[i] ?? '').slice(0, 1000),
  }));
  for (let i = MAX_MINORS; i < Math.max(names.length, dates.length); i++) {
    if ((names[i] ?? '').trim() || (dates[i] ?? '').trim()) form.extraMinors += 1;
  }
  return form;
}

// AWSEmail is what the roster's GraphQL type accepts, so a walk-up's address must pass it too.
const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
const PHONE = /^\+?[0-9 ().-]{7,25}$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// No control character (C0, DEL, C1; NUL included), bidi embedding/override/isolate control (which
// can make a stored name read differently from what it is), lone surrogate, replacement character
// (a broken encoding) or angle bracket has a place in a person's name.
export const NAME_FORBIDDEN = /[\p{Cc}\p{Cs}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufffd<>]/u;

const squash = (s: string) => s.trim().replace(/\s+/g, ' ');

/** A real calendar date in YYYY-MM-DD (what `<input type="date">` submits), or undefined. */
export function parseIsoDate(value: string): { y: number; m: number; d: number } | undefined {
  const match = ISO_DATE.exec(value.trim());
  if (!match) return undefined;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return { y, m, d };
}

/** Whole years from a birth date to `today` (both YYYY-MM-DD). */
export function ageOn(birth: { y: number; m: number; d: number }, today: string): number {
  const t = parseIsoDate(today);
  if (!t) throw new Error(`not a date: ${today}`);
  const hadBirthday = t.m > birth.m || (t.m === birth.m && t.d >= birth.d);
  return t.y - birth.y - (hadBirthday ? 0 : 1);
}

function checkName(value: string, missing: string): string | undefined {
  const v = squash(value);
  if (!v) return missing;
  if (v.length > 100) return 'Keep the name to 100 characters or fewer';
  // The raw value: a tab or line break squashed into a space is still not what a name input sends.
  if (NAME_FORBIDDEN.test(value.trim())) return 'Use only letters, spaces and punctuation in the name';
  return undefined;
}

function checkBirthDate(value: string, today: string, who: 'signer' | number): string | undefined {
  const label = who === 'signer' ? 'your date of birth' : `minor ${who}'s date of birth`;
  if (!value.trim()) return `Enter ${label}`;
  const birth = parseIsoDate(value);
  if (!birth) return `Enter ${label} as a real date (YYYY-MM-DD)`;
  if (value.trim() > today) return `${label[0]!.toUpperCase()}${label.slice(1)} can't be in the future`;
  const age = ageOn(birth, today);
  if (who === 'signer') {
    if (age > 120) return 'Check your date of birth: that is more than 120 years ago';
    if (age < ADULT_AGE) return 'You must be 18 or older to sign; a parent or guardian signs for minors';
  } else if (age >= ADULT_AGE) {
    return `Minor ${who} is 18 or older and must sign their own waiver`;
  }
  return undefined;
}

/** Every field checked; `today` is the signing date (YYYY-MM-DD) in the operator's zone. */
export function validateForm(form: WaiverForm, today: string): Validation {
  const errors: FieldErrors = {};
  const put = (field: string, message: string | undefined) => {
    if (message) errors[field] = message;
  };

  put('name', checkName(form.name, 'Enter your full name'));

  const email = form.email.trim();
  if (!email) put('email', 'Enter your email address');
  else if (email.length > 254 || !EMAIL.test(email)) put('email', 'Enter an email address like name@example.com');

  const phone = squash(form.phone);
  if (!phone) put('phone', 'Enter a phone number');
  else if (
    !PHONE.test(phone) ||
    phone.length > 25 ||
    /\p{Cc}/u.test(form.phone.trim()) ||
    phone.replace(/\D/g, '').length < 7
  ) {
    put('phone', 'Enter a phone number with at least 7 digits, like +1 555 010 0199');
  }

  put('dateOfBirth', checkBirthDate(form.dateOfBirth, today, 'signer'));

  const minors: Minor[] = [];
  form.minors.forEach((row, i) => {
    if (!row.name.trim() && !row.dateOfBirth.trim()) return;
    const n = i + 1;
    const nameError = checkName(row.name, `Enter minor ${n}'s full name`);
    const dateError = checkBirthDate(row.dateOfBirth, today, n);
    put(`minors.${i}.name`, nameError);
    put(`minors.${i}.dateOfBirth`, dateError);
    if (!nameError && !dateError) minors.push({ name: squash(row.name), dateOfBirth: row.dateOfBirth.trim() });
  });

  if (form.extraMinors > 0) {
    const listed = MAX_MINORS + form.extraMinors;
    put(
      'minors',
      `You can sign for at most ${MAX_MINORS} minors on one form, and ${listed} were listed: sign a second form for the others`,
    );
  }

  if (!form.agree) put('agree', 'Tick the box to confirm you have read and agree to the waiver');

  const signature = squash(form.signature);
  if (!signature) put('signature', 'Type your full name as your signature');
  else if (signature.length > 100 || NAME_FORBIDDEN.test(form.signature.trim()))
    put('signature', 'Type your full name as your signature, as in the name above');
  else if (!errors.name && signature.toLowerCase() !== squash(form.name).toLowerCase()) {
    put('signature', 'Your signature must match your full name exactly as typed above');
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      name: squash(form.name),
      email: email.toLowerCase(),
      phone,
      dateOfBirth: form.dateOfBirth.trim(),
      signature,
      minors,
    },
  };
}
