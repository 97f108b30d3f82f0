import { redactSecrets, redactUrl } from '../../../src/auth/redact';

describe('redactUrl', () => {
  it('masks a user name and drops the password', () => {
    expect(redactUrl('http://ada:s3cret-pw@127.0.0.1:4873/-/user/org.couchdb.user:ada')).toBe('http://***@127.0.0.1:4873/-/user/org.couchdb.user:ada');
  });

  it('masks a user name given alone, which may be a token', () => {
    expect(redactUrl('http://npm_tokenInUser@127.0.0.1:4873/rxjs')).toBe('http://***@127.0.0.1:4873/rxjs');
  });

  it.each(['token', 'access_token', 'authToken', 'AUTH', 'password', 'client_secret', 'otp'])('masks the %s query parameter', (name) => {
    expect(redactUrl(`http://127.0.0.1:4873/rxjs?${name}=leak123&write=true`)).toBe(`http://127.0.0.1:4873/rxjs?${name}=***&write=true`);
  });

  it('leaves a URL without credentials as it is', () => {
    expect(redactUrl('http://127.0.0.1:4873/@scope%2fname?write=true')).toBe('http://127.0.0.1:4873/@scope%2fname?write=true');
  });

  it('leaves text that is not a URL as it is', () => {
    expect(redactUrl('/-/ping')).toBe('/-/ping');
  });
});

describe('redactSecrets', () => {
  it('masks every occurrence of every secret', () => {
    expect(redactSecrets('token npm_abcd and npm_abcd, password hunter22', ['npm_abcd', 'hunter22'])).toBe('token *** and ***, password ***');
  });

  it('leaves secrets shorter than four characters alone', () => {
    expect(redactSecrets('a bc def', ['a', 'bc', 'def'])).toBe('a bc def');
  });

  it('leaves the text alone when there are no secrets', () => {
    expect(redactSecrets('nothing to hide', [])).toBe('nothing to hide');
  });
});
