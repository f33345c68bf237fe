import Ajv, { type Options } from 'ajv';
import addFormats from 'ajv-formats';
import fp from 'fastify-plugin';

function compiler(options: Options): Ajv {
  const ajv = new Ajv({ allErrors: true, useDefaults: true, removeAdditional: true, strict: false, ...options });
  addFormats(ajv);
  return ajv;
}

/**
 * Request validation: every error reported at once (allErrors, bounded by the schemas' maxLength),
 * JSON bodies taken as typed (no coercion: `"title": 5` is an error, not "5"), while the query
 * string, params and headers, which are text, are coerced.
 */
export default fp(
  async (fastify) => {
    const body = compiler({ coerceTypes: false });
    const text = compiler({ coerceTypes: 'array' });
    fastify.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? body : text).compile(schema));
  },
  { name: 'validation' },
);
