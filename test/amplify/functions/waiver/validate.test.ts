import { describe, expect, it } from 'vitest';

import { emptyForm, validateForm, type WaiverForm } from '../../../../amplify/functions/waiver/validate';

const TODAY = '2026-05-23';
const valid = (over: Partial<WaiverForm> = {}): WaiverForm => ({
  ...emptyForm(),
  name: '  Alice   Period ',
  email: 'Alice@Example.COM',
  phone: '(555) 010-0199',
  dateOfBirth: '1985-04-12',
  agree: true,
  signature: 'alice period',
  ...over,
});
const minors = (...rows: [string, string][]) =>
  emptyForm().minors.map((m, i) => (rows[i] ? { name: rows[i]![0], dateOfBirth: rows[i]![1] } : m));
const errorsOf = (form: WaiverForm) => {
  const result = validateForm(form, TODAY);
  return result.ok ? {} : result.errors;
};

describe('validating a signature', () => {
  it('normalizes a valid form: spaces squashed, email lower-cased, empty minor rows dropped', () => {
    const result = validateForm(valid({ minors: minors(['', ''], [' Bobby  P ', '2015-09-01']) }), TODAY);
    expect(result).toEqual({
      ok: true,
      value: {
        name: 'Alice Period',
        email: 'alice@example.com',
        phone: '(555) 010-0199',
        dateOfBirth: '1985-04-12',
        signature: 'alice period',
        minors: [{ name: 'Bobby P', dateOfBirth: '2015-09-01' }],
      },
    });
  });

  it('accepts a signer who turns 18 today and refuses one who turns 18 tomorrow', () => {
    expect(errorsOf(valid({ dateOfBirth: '2008-05-23' }))).toEqual({});
    expect(errorsOf(valid({ dateOfBirth: '2008-05-24' })).dateOfBirth).toMatch(/18 or older/);
  });

  it('accepts a minor who is 17 and refuses one who turns 18 today', () => {
    expect(errorsOf(valid({ minors: minors(['Kid', '2008-05-24']) }))).toEqual({});
    expect(errorsOf(valid({ minors: minors(['Kid', '2008-05-23']) }))['minors.0.dateOfBirth']).toMatch(
      /must sign their own/,
    );
  });

  it('refuses dates of birth in the future and dates that do not exist', () => {
    expect(errorsOf(valid({ minors: minors(['Baby', '2026-05-24']) }))['minors.0.dateOfBirth']).toMatch(/future/);
    expect(errorsOf(valid({ dateOfBirth: '1985-13-01' })).dateOfBirth).toMatch(/real date/);
  });

  it('refuses a minor row with a name but no date, naming the row', () => {
    expect(errorsOf(valid({ minors: minors(['', ''], ['', ''], ['Kid', '']) }))).toEqual({
      'minors.2.dateOfBirth': "Enter minor 3's date of birth",
    });
  });

  it('refuses names with markup or control characters', () => {
    expect(errorsOf(valid({ name: 'Alice <b>', signature: 'Alice <b>' })).name).toMatch(/letters/);
  });

  it('reports every problem at once, in form order', () => {
    const errors = errorsOf({ ...emptyForm() });
    expect(Object.keys(errors)).toEqual(['name', 'email', 'phone', 'dateOfBirth', 'agree', 'signature']);
  });
});
