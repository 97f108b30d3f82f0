import { createHash } from 'node:crypto';
import { matchesIntegrity } from '../../../src/cache/matches-integrity';

describe('matchesIntegrity', () => {
  const body = Buffer.from('{"name":"rxjs","versions":{}}');
  const sri = (algorithm: string, data: Buffer = body) => `${algorithm}-${createHash(algorithm).update(data).digest('base64')}`;

  it.each(['sha512', 'sha384', 'sha256', 'sha1'])('accepts the body its %s integrity was made from', async (algorithm) => {
    await expect(matchesIntegrity(body, sri(algorithm))).resolves.toBe(true);
  });

  it('refuses a body differing by one byte', async () => {
    const changed = Buffer.from(body);
    changed[changed.length - 2] ^= 1;
    await expect(matchesIntegrity(changed, sri('sha512'))).resolves.toBe(false);
  });

  it('checks the strongest algorithm of several, as ssri does', async () => {
    const strongWrong = sri('sha512', Buffer.from('something else'));
    await expect(matchesIntegrity(body, `${sri('sha1')} ${strongWrong}`)).resolves.toBe(false);
    await expect(matchesIntegrity(body, `${sri('sha1', Buffer.from('other'))} ${sri('sha512')}`)).resolves.toBe(true);
  });

  it('leaves an algorithm WebCrypto lacks to ssri', async () => {
    await expect(matchesIntegrity(body, sri('md5'))).resolves.toBe(true);
    await expect(matchesIntegrity(body, sri('md5', Buffer.from('other')))).resolves.toBe(false);
  });

  it('refuses an integrity that is not SRI at all', async () => {
    await expect(matchesIntegrity(body, 'not an integrity')).resolves.toBe(false);
    await expect(matchesIntegrity(body, '')).resolves.toBe(false);
  });
});
