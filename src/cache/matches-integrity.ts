import { webcrypto } from 'node:crypto';
import ssri from 'ssri';

/** ssri's algorithm names that WebCrypto can hash. */
const WEBCRYPTO_NAMES: Readonly<Record<string, string>> = { sha1: 'SHA-1', sha256: 'SHA-256', sha384: 'SHA-384', sha512: 'SHA-512' };

/**
 * Whether `body` has the given SRI. ssri parses and compares; the hash itself
 * runs on libuv's thread pool through WebCrypto, because ssri.checkData hashes
 * on the event loop, where reading a few hundred cached packuments would spend
 * tens of milliseconds that responses are waiting for.
 */
export async function matchesIntegrity(body: Buffer, integrity: string): Promise<boolean> {
  const expected = ssri.parse(integrity);
  const algorithm = expected?.pickAlgorithm();
  if (!algorithm) return false;
  const name = WEBCRYPTO_NAMES[algorithm];
  if (!name) return Boolean(ssri.checkData(body, expected));
  const digest = Buffer.from(await webcrypto.subtle.digest(name, body)).toString('base64');
  return Boolean(expected.match(`${algorithm}-${digest}`));
}
