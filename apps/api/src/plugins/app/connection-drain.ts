import fp from 'fastify-plugin';

/**
 * Once the app is closing (SIGTERM: server.ts calls app.close()), every answer still to go out says
 * `Connection: close`, so that the client's keep-alive connection ends with it and the server can
 * stop as soon as the requests in flight are answered, instead of waiting out the keep-alive timeout.
 */
export default fp(
  async (fastify) => {
    let closing = false;
    fastify.addHook('preClose', async () => {
      closing = true;
    });
    fastify.addHook('onSend', async (_request, reply) => {
      if (closing) reply.header('connection', 'close');
    });
  },
  { name: 'connection-drain' },
);
