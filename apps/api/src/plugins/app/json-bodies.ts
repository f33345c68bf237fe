import fp from 'fastify-plugin';

/**
 * Bodies are JSON only. Fastify also parses text/plain by default, which no route takes: such a
 * body would reach validation and get a 400 "must be object"; without the parser it is the 415
 * `unsupported_media_type` the document promises.
 */
export default fp(
  async (fastify) => {
    fastify.removeContentTypeParser('text/plain');
  },
  { name: 'json-bodies' },
);
