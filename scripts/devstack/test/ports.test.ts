import { createServer, type Server } from 'node:net';
import { assertPortsFree, freePort, isPortTaken } from '../src/ports';

describe('ports', () => {
  let server: Server;
  let takenPort: number;
  beforeAll(async () => {
    server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    takenPort = (server.address() as { port: number }).port;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('finds a free port', async () => {
    expect(await isPortTaken(await freePort())).toBe(false);
  });

  it('sees a port somebody listens on', async () => {
    expect(await isPortTaken(takenPort)).toBe(true);
  });

  it('refuses taken ports, naming their variables', async () => {
    await expect(assertPortsFree({ API_PORT: takenPort, PG_PORT: await freePort() })).rejects.toThrow(
      `port already in use: API_PORT=${takenPort}.`,
    );
  });
});
