import { inspect } from 'node:util';
import { normalizeConfig } from '../../../src/config/normalize-config';
import type { RegistryError } from '../../../src/errors/registry-error';
import { TimeoutError } from '../../../src/errors/timeout-error';
import { errorDetails } from '../../../src/errors/error-details';
import { toHttpError } from '../../../src/interceptors/check-response';
import type { ResponseEvent } from '../../../src/request/http-event';
import { RegistryRequest } from '../../../src/request/registry-request';
import { toRegistryResponse } from '../../../src/request/to-registry-response';
import { toNetworkError } from '../../../src/transport/to-network-error';

const TOKEN = 'npm_Redact0Me1Token2';
const PASSWORD = 'hunter2-Pa55word';
const AUTH = Buffer.from(`ada:${PASSWORD}`).toString('base64');

const config = normalizeConfig({
  registry: 'http://127.0.0.1:4873/',
  cache: '/tmp/rxnpm-unit-cache',
  '//127.0.0.1:4873/:_authToken': TOKEN,
  _auth: AUTH,
});

const req = new RegistryRequest({
  method: 'PUT',
  url: `http://ada:${PASSWORD}@127.0.0.1:4873/-/user/org.couchdb.user:ada?token=${TOKEN}`,
  headers: { authorization: `Bearer ${TOKEN}` },
});

function echoing(statusCode: number, headers: Record<string, string> = {}): ResponseEvent {
  const body = JSON.stringify({ error: `token ${TOKEN} is not valid (basic ${AUTH})`, token: TOKEN });
  return { type: 'response', url: req.url, statusCode, headers, body: Buffer.from(body) };
}

/** Every way an error is commonly printed or shipped. */
function renderings(error: RegistryError): Record<string, string> {
  return {
    message: error.message,
    string: String(error),
    stackHead: (error.stack ?? '').split('\n')[0],
    json: JSON.stringify(error),
    inspect: inspect(error, { depth: 5 }),
  };
}

function expectNoSecrets(error: RegistryError): void {
  for (const [how, text] of Object.entries(renderings(error))) {
    for (const secret of [TOKEN, PASSWORD, AUTH]) {
      expect({ how, leaked: text.includes(secret) }).toEqual({ how, leaked: false });
    }
  }
}

describe('errors never show a token, password or _auth value', () => {
  it('lists the configured credentials as secrets', () => {
    expect(config.secrets).toEqual(expect.arrayContaining([TOKEN, PASSWORD, AUTH]));
  });

  it.each([
    [401, { 'www-authenticate': 'OTP' }],
    [401, { 'www-authenticate': 'ipaddress' }],
    [403, { 'set-cookie': `AuthSession=${TOKEN}` }],
    [500, {}],
  ])('an HTTP %i whose body echoes the credentials', (status, headers) => {
    const error = toHttpError(req, echoing(status, headers), config.secrets);
    expect(error.message).toContain('token *** is not valid');
    expect(error.url).toBe('http://***@127.0.0.1:4873/-/user/org.couchdb.user:ada?token=***');
    expectNoSecrets(error);
  });

  it('a response that is not JSON', () => {
    const res: ResponseEvent = { type: 'response', url: req.url, statusCode: 200, headers: {}, body: Buffer.from('<html>hello</html>') };
    let error: RegistryError | undefined;
    try {
      toRegistryResponse(req, res);
    } catch (thrown) {
      error = thrown as RegistryError;
    }
    expect(error?.code).toBe('EJSONPARSE');
    expectNoSecrets(error as RegistryError);
  });

  it('a network failure', () => {
    const error = toNetworkError(Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }), req);
    expect(error.code).toBe('ECONNRESET');
    expectNoSecrets(error);
  });

  it('a timeout', () => {
    const error = new TimeoutError(300_000, errorDetails(req));
    expect(error.message).toBe('PUT http://***@127.0.0.1:4873/-/user/org.couchdb.user:ada?token=*** timed out after 300000ms');
    expectNoSecrets(error);
  });
});
