// A certificate for 127.0.0.1 made at run time, so the HTTP/2 runs verify TLS
// for real (every client is given it as its `ca`; verification is never off).
// The bench's twin of test/support/self-signed-cert.ts, which .mjs cannot import.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Writes `loopback.key` and `loopback.crt` (valid for a day) into `folder`; returns their paths and the certificate's PEM. */
export function selfSignedCert(folder) {
  const key = join(folder, 'loopback.key');
  const cert = join(folder, 'loopback.crt');
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-days', '1', '-keyout', key, '-out', cert], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 30_000 });
  } catch (error) {
    throw new Error(`openssl could not make the test certificate (apt-get install -y openssl): ${error.stderr?.toString() || error.message}`);
  }
  return { key, cert, pem: readFileSync(cert, 'utf8') };
}
