import Ajv from 'ajv';
import { withCommaLists } from '../../src/validation/comma-lists';

const schema = {
  type: 'object',
  properties: { status: { type: 'array', items: { enum: ['open', 'new'] } }, queue: { type: 'string' } },
  additionalProperties: false,
};
const validate = withCommaLists(schema, new Ajv({ coerceTypes: 'array' }).compile(schema));

describe('withCommaLists', () => {
  it('reads comma-separated values of a list parameter as the list, trimmed', () => {
    const query = { status: 'open, new' };
    expect(validate(query)).toBe(true);
    expect(query).toEqual({ status: ['open', 'new'] });
  });

  it('splits each repeated value too, and leaves other parameters alone', () => {
    const query = { status: ['open', 'new,open'], queue: 'a,b' };
    expect(validate(query)).toBe(true);
    expect(query).toEqual({ status: ['open', 'new', 'open'], queue: 'a,b' });
  });

  it('keeps the errors of what is still not valid', () => {
    expect(validate({ status: 'open,closed' })).toBe(false);
    expect(validate.errors).toEqual([expect.objectContaining({ instancePath: '/status/1', keyword: 'enum' })]);
  });
});
