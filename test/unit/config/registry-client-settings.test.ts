import { lastValueFrom } from 'rxjs';
import { RegistryClient } from '../../../src/client';
import { memoryStore, TestingTransport } from '../../../src/testing';

const registry = 'http://127.0.0.1:4873/';
const acme = 'http://127.0.0.1:4874/acme/';
const TOKEN = 'npm_settingsTokenNeverShown0001';
const PASSWORD = 'settings-password-never-shown';

function setup() {
  const transport = new TestingTransport({ failUnexpected: true });
  const client = new RegistryClient({
    registry,
    cache: memoryStore(),
    transport,
    'fetch-retries': 0,
    tag: 'next',
    otp: '123456',
    username: 'ada',
    _password: PASSWORD,
    key: 'PRIVATE KEY PEM',
    proxy: `http://ada:${PASSWORD}@127.0.0.1:3128/`,
    '@acme:registry': acme,
    '//127.0.0.1:4873/:_authToken': TOKEN,
  });
  return { transport, client };
}

describe('client.config', () => {
  it('shows the settings in force, defaults filled in', () => {
    const { client } = setup();
    expect(client.config).toMatchObject({ registry, tag: 'next', http2: true, retry: { retries: 0, factor: 10 }, cacheModes: { offline: false } });
    expect(client.config.scopeRegistries).toEqual(new Map([['@acme', acme]]));
  });

  it('holds no credential, one-time password, TLS key, proxy URL or piece of the client’s machinery', () => {
    const { client } = setup();
    const shown = JSON.stringify({ ...client.config, scopeRegistries: [...client.config.scopeRegistries] });
    for (const secret of [TOKEN, PASSWORD, '123456', 'PRIVATE KEY', '3128']) expect(shown).not.toContain(secret);
    for (const internal of ['auth', 'secrets', 'otp', 'tls', 'proxy', 'transport', 'interceptors', 'otpPrompt', 'log']) expect(client.config).not.toHaveProperty(internal);
  });

  it('cannot be changed, and changing its copies from JavaScript does not change where requests go', async () => {
    const { client, transport } = setup();
    expect(Object.isFrozen(client.config)).toBe(true);
    expect(Object.isFrozen(client.config.retry)).toBe(true);
    Reflect.apply(Map.prototype.set, client.config.scopeRegistries, ['@acme', 'http://127.0.0.1:9/']);

    transport.expectOne('GET', `${acme}@acme%2fkit`).flush({ name: '@acme/kit' });
    await expect(lastValueFrom(client.request('GET', '/@acme%2fkit'))).resolves.toMatchObject({ statusCode: 200 });
    transport.verify();
  });
});
