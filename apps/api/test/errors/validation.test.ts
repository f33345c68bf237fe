import { STORABLE_NOT_BLANK_PATTERN, STORABLE_TEXT_PATTERN } from '@gotrs/contracts';
import { fieldErrors } from '../../src/errors/validation';
import { IDENTIFIER_PATTERN } from '../../src/schemas/common';

describe('fieldErrors', () => {
  it('names a missing property by its own path', () => {
    const errors = fieldErrors('body', [
      { keyword: 'required', instancePath: '', schemaPath: '#/required', params: { missingProperty: 'title' }, message: "must have required property 'title'" },
    ]);
    expect(errors).toEqual([{ field: 'body.title', message: 'is required' }]);
  });

  it('lists the allowed values of an enum', () => {
    const errors = fieldErrors('body', [
      { keyword: 'enum', instancePath: '/status', schemaPath: '#/properties/status/enum', params: { allowedValues: ['open', 'closed'] }, message: 'x' },
    ]);
    expect(errors).toEqual([{ field: 'body.status', message: 'must be one of: "open", "closed"' }]);
  });

  it('folds the branches of an anyOf into one message per field', () => {
    const base = '#/properties/priority/anyOf';
    const errors = fieldErrors('body', [
      { keyword: 'maximum', instancePath: '/priority', schemaPath: `${base}/0/maximum`, params: {}, message: 'must be <= 5' },
      { keyword: 'type', instancePath: '/priority', schemaPath: `${base}/1/type`, params: {}, message: 'must be string' },
      { keyword: 'enum', instancePath: '/priority', schemaPath: `${base}/1/enum`, params: { allowedValues: ['2 low'] }, message: 'x' },
      { keyword: 'anyOf', instancePath: '/priority', schemaPath: base, params: {}, message: 'must match a schema in anyOf' },
    ]);
    expect(errors).toEqual([{ field: 'body.priority', message: 'must be <= 5 or must be one of: "2 low"' }]);
  });

  it('folds the branches of a oneOf the same way', () => {
    const base = 'Priority#/oneOf';
    const errors = fieldErrors('body', [
      { keyword: 'type', instancePath: '/priority', schemaPath: `${base}/0/type`, params: { type: 'integer' }, message: 'must be integer' },
      { keyword: 'enum', instancePath: '/priority', schemaPath: `${base}/1/enum`, params: { allowedValues: ['2 low'] }, message: 'x' },
      { keyword: 'oneOf', instancePath: '/priority', schemaPath: base, params: {}, message: 'must match exactly one schema in oneOf' },
    ]);
    expect(errors).toEqual([{ field: 'body.priority', message: 'must be integer or must be one of: "2 low"' }]);
  });

  it('names an unknown property by its own path', () => {
    const errors = fieldErrors('body', [
      { keyword: 'additionalProperties', instancePath: '/sla', schemaPath: '#/additionalProperties', params: { additionalProperty: 'firstResponse' }, message: 'x' },
    ]);
    expect(errors).toEqual([{ field: 'body.sla.firstResponse', message: 'is not a known field' }]);
  });

  it.each([
    ['a NUL', STORABLE_TEXT_PATTERN, 'a\u0000b', 'must not contain the NUL character (U+0000)'],
    ['an unpaired surrogate', STORABLE_NOT_BLANK_PATTERN, 'a\udc00', 'must not contain an unpaired UTF-16 surrogate'],
    ['blank text', STORABLE_NOT_BLANK_PATTERN, '   ', 'must not be blank'],
    ['a NUL in an identifier', IDENTIFIER_PATTERN, 'ab\u0000', 'must not contain the NUL character (U+0000)'],
    ['a space in an identifier', IDENTIFIER_PATTERN, 'a b', expect.stringMatching(/^must start with a letter or digit and hold only/)],
  ])('says in words what is wrong with %s instead of quoting the pattern', (_what, pattern, data, message) => {
    const errors = fieldErrors('body', [
      { keyword: 'pattern', instancePath: '/title', schemaPath: '#/properties/title/pattern', params: { pattern }, message: `must match pattern "${pattern}"`, data },
    ]);
    expect(errors).toEqual([{ field: 'body.title', message }]);
  });

  it('says "string or null" for a nullable type', () => {
    const errors = fieldErrors('body', [{ keyword: 'type', instancePath: '/html', schemaPath: '#/type', params: { type: ['string', 'null'] }, message: 'x' }]);
    expect(errors).toEqual([{ field: 'body.html', message: 'must be string or null' }]);
  });
});
