import { lastValueFrom, of, toArray } from 'rxjs';
import { AuthIpError } from '../../../src/errors/auth-ip-error';
import { HttpError } from '../../../src/errors/http-error';
import { OtpRequiredError } from '../../../src/errors/otp-required-error';
import { RegistryError } from '../../../src/errors/registry-error';
import { checkResponseInterceptor, toHttpError } from '../../../src/interceptors/check-response';
import type { HttpEvent, ResponseEvent } from '../../../src/request/http-event';
import { RegistryRequest } from '../../../src/request/registry-request';

const put = new RegistryRequest({ method: 'PUT', url: 'http://127.0.0.1:4873/rxjs', pkgid: 'rxjs' });
const get = new RegistryRequest({ method: 'GET', url: 'http://127.0.0.1:4873/nope', pkgid: 'nope' });

function answer(statusCode: number, body: string | object = '', headers: Record<string, string> = {}): ResponseEvent {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return { type: 'response', url: 'http://127.0.0.1:4873/', statusCode, headers, body: Buffer.from(text, 'utf8') };
}

describe('toHttpError', () => {
  describe('a 401 that asks for a one-time password', () => {
    it.each(['OTP', 'otp', 'Bearer realm="npm", OTP'])('is an OtpRequiredError (EOTP) when www-authenticate says %p', (challenge) => {
      const error = toHttpError(put, answer(401, { error: 'otp required' }, { 'www-authenticate': challenge }), []);
      expect(error).toBeInstanceOf(OtpRequiredError);
      expect(error).toBeInstanceOf(HttpError);
      expect(error.code).toBe('EOTP');
      expect(error.statusCode).toBe(401);
    });

    it('is an OtpRequiredError (EOTP) when the body asks for a one-time pass', () => {
      const body = { error: 'You must provide a one-time pass. Upgrade your client to npm@latest in order to use 2FA.' };
      const error = toHttpError(put, answer(401, body), []);
      expect(error).toBeInstanceOf(OtpRequiredError);
      expect(error.code).toBe('EOTP');
    });

    it('carries the web login URLs the registry offers', () => {
      const body = { authUrl: 'http://127.0.0.1:4873/auth/abc', doneUrl: 'http://127.0.0.1:4873/done/abc' };
      const error = toHttpError(put, answer(401, body, { 'www-authenticate': 'OTP' }), []) as OtpRequiredError;
      expect(error.authUrl).toBe('http://127.0.0.1:4873/auth/abc');
      expect(error.doneUrl).toBe('http://127.0.0.1:4873/done/abc');
    });

    it('has no web login URLs when the registry offers none', () => {
      const error = toHttpError(put, answer(401, { authUrl: 42 }, { 'www-authenticate': 'OTP' }), []) as OtpRequiredError;
      expect(error.authUrl).toBeUndefined();
      expect(error.doneUrl).toBeUndefined();
    });
  });

  it('is an AuthIpError (EAUTHIP) for a 401 with www-authenticate: ipaddress', () => {
    const error = toHttpError(put, answer(401, { error: 'login not allowed from your IP address' }, { 'www-authenticate': 'ipaddress' }), []);
    expect(error).toBeInstanceOf(AuthIpError);
    expect(error).toBeInstanceOf(HttpError);
    expect(error.code).toBe('EAUTHIP');
  });

  it('is a plain E401 for other 401s', () => {
    const error = toHttpError(put, answer(401, { error: 'bad username or password' }, { 'www-authenticate': 'Basic realm="npm"' }), []);
    expect(error).not.toBeInstanceOf(OtpRequiredError);
    expect(error).not.toBeInstanceOf(AuthIpError);
    expect(error.code).toBe('E401');
  });

  it('does not read an otp challenge on other statuses', () => {
    const error = toHttpError(put, answer(403, { error: 'one-time pass needed' }, { 'www-authenticate': 'OTP' }), []);
    expect(error).not.toBeInstanceOf(OtpRequiredError);
    expect(error.code).toBe('E403');
  });

  it.each([400, 403, 404, 409, 429, 500, 501, 503])('is an HttpError with code E%i otherwise', (status) => {
    const error = toHttpError(get, answer(status), []);
    expect(error.constructor).toBe(HttpError);
    expect(error).toBeInstanceOf(RegistryError);
    expect(error.code).toBe(`E${status}`);
    expect(error.statusCode).toBe(status);
  });

  it('carries what was asked and what came back', () => {
    const body = { error: 'not_found', reason: 'document not found' };
    const error = toHttpError(get, answer(404, body, { 'content-type': 'application/json' }), []);
    expect(error).toMatchObject({
      name: 'HttpError',
      code: 'E404',
      method: 'GET',
      url: 'http://127.0.0.1:4873/nope',
      statusCode: 404,
      pkgid: 'nope',
      body,
      headers: { 'content-type': 'application/json' },
    });
  });

  describe('its message', () => {
    it('is "<status> <text> - <METHOD> <url> - <the registry’s error>"', () => {
      expect(toHttpError(get, answer(404, { error: 'not_found', reason: 'document not found' }), []).message).toBe(
        '404 Not Found - GET http://127.0.0.1:4873/nope - not_found',
      );
    });

    it('uses the registry’s message when there is no error field', () => {
      expect(toHttpError(put, answer(409, { message: 'version 1.0.0 already exists' }), []).message).toBe(
        '409 Conflict - PUT http://127.0.0.1:4873/rxjs - version 1.0.0 already exists',
      );
    });

    it('uses the reason when there is nothing else', () => {
      expect(toHttpError(put, answer(403, { reason: 'forbidden by policy' }), []).message).toBe(
        '403 Forbidden - PUT http://127.0.0.1:4873/rxjs - forbidden by policy',
      );
    });

    it('quotes a short text body', () => {
      const error = toHttpError(get, answer(503, 'Service down for maintenance\n'), []);
      expect(error.message).toBe('503 Service Unavailable - GET http://127.0.0.1:4873/nope - Service down for maintenance');
      expect(error.body).toBe('Service down for maintenance\n');
    });

    it('leaves out a long text body, which stays in body', () => {
      const page = `<html>${'x'.repeat(300)}</html>`;
      const error = toHttpError(get, answer(502, page), []);
      expect(error.message).toBe('502 Bad Gateway - GET http://127.0.0.1:4873/nope');
      expect(error.body).toBe(page);
    });

    it('ends after the URL when the body is empty', () => {
      const error = toHttpError(get, answer(500), []);
      expect(error.message).toBe('500 Internal Server Error - GET http://127.0.0.1:4873/nope');
      expect(error.body).toBeUndefined();
    });

    it('says Unknown for a status without a name', () => {
      expect(toHttpError(get, answer(599), []).message).toBe('599 Unknown - GET http://127.0.0.1:4873/nope');
    });
  });

  it('never keeps set-cookie in its headers', () => {
    const error = toHttpError(put, answer(401, '', { 'set-cookie': 'AuthSession=c2Vzc2lvbg; HttpOnly', 'content-type': 'text/plain', 'www-authenticate': 'Basic' }), []);
    expect(error.headers).toEqual({ 'content-type': 'text/plain', 'www-authenticate': 'Basic' });
  });

  it('masks the configured secrets in its message and body', () => {
    const secrets = ['npm_SecretToken0001', 'hunter2-password'];
    const body = { error: 'token npm_SecretToken0001 cannot publish', detail: 'hunter2-password was wrong' };
    const error = toHttpError(put, answer(403, body), secrets);
    expect(error.message).toBe('403 Forbidden - PUT http://127.0.0.1:4873/rxjs - token *** cannot publish');
    expect(error.body).toEqual({ error: 'token *** cannot publish', detail: '*** was wrong' });
  });

  it('names the URL without its credentials', () => {
    const withUser = new RegistryRequest({ method: 'GET', url: 'http://ada:hunter2-password@127.0.0.1:4873/nope' });
    const error = toHttpError(withUser, answer(404), []);
    expect(error.url).toBe('http://***@127.0.0.1:4873/nope');
    expect(error.message).toBe('404 Not Found - GET http://***@127.0.0.1:4873/nope');
  });
});

describe('checkResponseInterceptor', () => {
  const respondWith = (...events: HttpEvent[]) => () => of(...events);

  it('passes on the events of a response below 400', async () => {
    const events: HttpEvent[] = [
      { type: 'headers', statusCode: 304, headers: {} },
      answer(304),
    ];
    await expect(lastValueFrom(checkResponseInterceptor([])(get, respondWith(...events)).pipe(toArray()))).resolves.toEqual(events);
  });

  it('emits a response of 400 or more as the matching error, on the error channel', async () => {
    const result = lastValueFrom(checkResponseInterceptor(['npm_SecretToken0001'])(put, respondWith(answer(401, { error: 'npm_SecretToken0001 needs a one-time pass' }))));
    await expect(result).rejects.toBeInstanceOf(OtpRequiredError);
    await expect(result).rejects.toMatchObject({ code: 'EOTP', body: { error: '*** needs a one-time pass' } });
  });
});
