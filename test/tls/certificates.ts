/**
 * A throwaway PKI for TLS tests, made with openssl at test time: two unrelated CAs, server
 * certificates, and client certificates (ECDSA P-256, v3 extensions as rustls and OpenSSL require).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A certificate and its private key, as files (PEM). */
export interface KeyPair {
  cert: string;
  key: string;
}

export interface TestPki {
  dir: string;
  /** The CA that signed every certificate below except `strangerClient`. */
  ca: KeyPair;
  /** A CA that signed nothing the servers use. */
  otherCa: KeyPair;
  /** For 127.0.0.1 and localhost. */
  server: KeyPair;
  /** For `temporal.internal` only: the address's host is not in it. */
  namedServer: KeyPair;
  /** A client certificate of `ca` (CN gotrs-gateway). */
  client: KeyPair;
  /** A client certificate signed by `otherCa`. */
  strangerClient: KeyPair;
  /** The file's text. */
  pem(path: string): string;
  remove(): void;
}

const openssl = (dir: string, ...args: string[]): void => {
  execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
};

function newCa(dir: string, name: string): KeyPair {
  const pair = { cert: join(dir, `${name}.pem`), key: join(dir, `${name}.key`) };
  openssl(dir, 'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2',
    '-keyout', pair.key, '-out', pair.cert, '-subj', `/CN=GOTRS test ${name}`,
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  return pair;
}

let serial = 1;
function issue(dir: string, ca: KeyPair, name: string, extensions: string[]): KeyPair {
  const pair = { cert: join(dir, `${name}.pem`), key: join(dir, `${name}.key`) };
  const csr = join(dir, `${name}.csr`);
  const ext = join(dir, `${name}.ext`);
  writeFileSync(ext, ['basicConstraints=critical,CA:FALSE', 'keyUsage=critical,digitalSignature', 'subjectKeyIdentifier=hash', 'authorityKeyIdentifier=keyid', ...extensions].join('\n'));
  openssl(dir, 'req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', pair.key, '-out', csr, '-subj', `/CN=${name}`);
  openssl(dir, 'x509', '-req', '-in', csr, '-CA', ca.cert, '-CAkey', ca.key, '-set_serial', String(serial++), '-days', '2', '-extfile', ext, '-out', pair.cert);
  return pair;
}

/** Makes the PKI in a temporary folder; `remove()` deletes it. */
export function createTestPki(): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'gotrs-tls-'));
  const ca = newCa(dir, 'ca');
  const otherCa = newCa(dir, 'other-ca');
  return {
    dir,
    ca,
    otherCa,
    server: issue(dir, ca, 'server', ['extendedKeyUsage=serverAuth', 'subjectAltName=IP:127.0.0.1,DNS:localhost']),
    namedServer: issue(dir, ca, 'temporal.internal', ['extendedKeyUsage=serverAuth', 'subjectAltName=DNS:temporal.internal']),
    client: issue(dir, ca, 'gotrs-gateway', ['extendedKeyUsage=clientAuth']),
    strangerClient: issue(dir, otherCa, 'stranger', ['extendedKeyUsage=clientAuth']),
    pem: (path) => readFileSync(path, 'utf8'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
