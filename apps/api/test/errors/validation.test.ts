import { fieldErrors } from '../../src/errors/validation';

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
});
