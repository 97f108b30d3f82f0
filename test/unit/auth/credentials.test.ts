import { credentialHeader, secretsOf } from '../../../src/auth/credentials';

const base64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

describe('credentialHeader', () => {
  it('sends a token as Bearer authorization', () => {
    expect(credentialHeader({ type: 'bearer', token: 'npm_abc123' })).toEqual(['authorization', 'Bearer npm_abc123']);
  });

  it('sends user and password as Basic authorization', () => {
    expect(credentialHeader({ type: 'basic', auth: base64('ada:pw') })).toEqual(['authorization', `Basic ${base64('ada:pw')}`]);
  });

  it('sends a CouchDB session as a cookie', () => {
    expect(credentialHeader({ type: 'cookie', cookie: 'AuthSession=c2Vzc2lvbg' })).toEqual(['cookie', 'AuthSession=c2Vzc2lvbg']);
  });
});

describe('secretsOf', () => {
  it('is the token for Bearer credentials', () => {
    expect(secretsOf({ type: 'bearer', token: 'npm_abc123' })).toEqual(['npm_abc123']);
  });

  it('is the encoded pair, the decoded pair and the password for Basic credentials', () => {
    expect(secretsOf({ type: 'basic', auth: base64('ada:pass:word') })).toEqual([base64('ada:pass:word'), 'ada:pass:word', 'pass:word']);
  });

  it('is the cookie and the session value for a session', () => {
    expect(secretsOf({ type: 'cookie', cookie: 'AuthSession=c2Vzc2lvbg' })).toEqual(['AuthSession=c2Vzc2lvbg', 'c2Vzc2lvbg']);
  });
});
