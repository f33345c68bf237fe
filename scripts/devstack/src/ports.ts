import { createConnection, createServer } from 'node:net';

/** A port on 127.0.0.1 that was free a moment ago (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * A free port on 127.0.0.1 in [`low`, `high`], tried at random: for servers that store their ports
 * in a 16-bit signed column (Temporal's cluster membership: below 32768), out of the OS's ephemeral
 * range that {@link freePort} draws from.
 */
export async function freePortBetween(low: number, high: number, attempts = 50): Promise<number> {
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    const port = low + Math.floor(Math.random() * (high - low + 1));
    if (!(await isPortTaken(port))) return port;
  }
  throw new Error(`no free port between ${low} and ${high} after ${attempts} tries`);
}

function somebodyAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    const done = (answered: boolean): void => {
      socket.destroy();
      resolve(answered);
    };
    socket.setTimeout(500);
    socket.once('connect', () => done(true));
    socket.once('timeout', () => done(false));
    socket.once('error', () => done(false));
  });
}

function canBind(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '0.0.0.0', () => server.close(() => resolve(true)));
  });
}

/** Whether something already listens on `port` (on loopback or on all interfaces). */
export async function isPortTaken(port: number): Promise<boolean> {
  return (await somebodyAnswers(port)) || !(await canBind(port));
}

/** Throws one message naming every port of `ports` (name → number) that is already in use. */
export async function assertPortsFree(ports: Record<string, number>): Promise<void> {
  const taken: string[] = [];
  for (const [name, port] of Object.entries(ports)) {
    if (await isPortTaken(port)) taken.push(`${name}=${port}`);
  }
  if (taken.length > 0) {
    throw new Error(
      `port already in use: ${taken.join(', ')}. Stop whatever listens there (is another \`make dev\` running?) ` +
        'or choose other ports through these environment variables.',
    );
  }
}
