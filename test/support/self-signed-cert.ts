import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A key and certificate, PEM. */
export interface KeyPair {
  readonly key: string;
  readonly cert: string;
}

/**
 * Generates a self-signed certificate for 127.0.0.1 (CN and IP subject
 * alternative name), valid for a day, with the `openssl` command line into
 * `folder`. Nothing is read from or written to anywhere else.
 */
export async function selfSignedCert(folder: string, name = 'loopback'): Promise<KeyPair> {
  const keyPath = join(folder, `${name}.key`);
  const certPath = join(folder, `${name}.crt`);
  const args = ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-days', '1', '-keyout', keyPath, '-out', certPath];
  await new Promise<void>((resolve, reject) => {
    execFile('openssl', args, { timeout: 30_000 }, (error, _stdout, stderr) => (error ? reject(new Error(`openssl failed: ${stderr || error.message}`)) : resolve()));
  });
  return { key: await readFile(keyPath, 'utf8'), cert: await readFile(certPath, 'utf8') };
}
