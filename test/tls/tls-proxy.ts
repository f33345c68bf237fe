/**
 * A TLS-terminating proxy in front of the run's Temporal dev server (which speaks plaintext gRPC): it
 * offers ALPN h2, optionally asks for and verifies a client certificate, and pipes the decrypted bytes
 * to the server's TCP port. It records which TLS sessions it established, and for whom.
 */
import { connect, type Socket } from 'node:net';
import { createServer, type TLSSocket } from 'node:tls';

export interface TlsProxyOptions {
  /** `host:port` of the plaintext server. */
  target: string;
  /** The server's certificate and key (PEM). */
  cert: string;
  key: string;
  /** When set: mTLS; a client must present a certificate signed by this CA (PEM). */
  clientCa?: string;
}

export interface TlsProxy {
  /** `127.0.0.1:port` for Temporal clients. */
  address: string;
  /** The common name of each client certificate of an established session ('' without one). */
  sessions: string[];
  /** The errors of handshakes that failed (either side refused). */
  refused: string[];
  close(): Promise<void>;
}

export async function startTlsProxy({ target, cert, key, clientCa }: TlsProxyOptions): Promise<TlsProxy> {
  const [host, port] = target.split(':') as [string, string];
  const sockets = new Set<Socket>();
  const sessions: string[] = [];
  const refused: string[] = [];
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const server = createServer(
    { cert, key, ALPNProtocols: ['h2'], requestCert: clientCa !== undefined, rejectUnauthorized: clientCa !== undefined, ca: clientCa },
    (client: TLSSocket) => {
      sessions.push(String(client.getPeerCertificate()?.subject?.CN ?? ''));
      const upstream = connect(Number(port), host);
      track(client);
      track(upstream);
      client.pipe(upstream).pipe(client);
    },
  );
  server.on('connection', track);
  server.on('tlsClientError', (error) => refused.push(error.message));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port: listening } = server.address() as { port: number };
  return {
    address: `127.0.0.1:${listening}`,
    sessions,
    refused,
    close: () => {
      sockets.forEach((socket) => socket.destroy());
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
