import { createHash } from 'node:crypto';
import { matchesIntegrity } from '../../../src/cache/matches-integrity';

describe('matchesIntegrity', () => {
  const body = Buffer.from('{"name":"rxjs","versions":{}}');
  const sri = (algorithm: string, data: Buffer = body) => `${algorithm}-${createHash(algorithm).update(data).digest('base64')}`;

  it.each(['sha512', 'sha384', 'sha256', 'sha1'])('accepts the body its %s integrity was made from', (algorithm) => {
    expect(matchesIntegrity(body, sri(algorithm))).toBe(true);
  });

  it('refuses a body differing by one byte', () => {
    const changed = Buffer.from(body);
    changed[changed.length - 2] ^= 1;
    expect(matchesIntegrity(changed, sri('sha512'))).toBe(false);
  });

  it('checks the strongest algorithm of several, as ssri does', () => {
    const strongWrong = sri('sha512', Buffer.from('something else'));
    expect(matchesIntegrity(body, `${sri('sha1')} ${strongWrong}`)).toBe(false);
    expect(matchesIntegrity(body, `${sri('sha1', Buffer.from('other'))} ${sri('sha512')}`)).toBe(true);
  });

  it('checks an algorithm outside the SHA family too', () => {
    expect(matchesIntegrity(body, sri('md5'))).toBe(true);
    expect(matchesIntegrity(body, sri('md5', Buffer.from('other')))).toBe(false);
  });

  it('refuses an integrity that is not SRI at all', () => {
    expect(matchesIntegrity(body, 'not an integrity')).toBe(false);
    expect(matchesIntegrity(body, '')).toBe(false);
  });
});
