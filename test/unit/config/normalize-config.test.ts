import { version } from '../../../package.json';
import type { Credentials } from '../../../src/auth/credentials';
import { normalizeConfig } from '../../../src/config/normalize-config';
import type { NormalizedConfig } from '../../../src/config/normalized-config';
import type { RegistryClientConfig } from '../../../src/config/registry-client-config';
import { ConfigError } from '../../../src/errors/config-error';
import { RegistryError } from '../../../src/errors/registry-error';

const REGISTRY = 'http://127.0.0.1:4873/';
const CACHE = '/tmp/rxnpm-unit-cache';
const base = { registry: REGISTRY, cache: CACHE };

const base64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

/** Settings as an .npmrc parser may hand them over, which the public type does not spell out. */
const asRead = (settings: Record<string, unknown>): RegistryClientConfig => settings as unknown as RegistryClientConfig;

/** An npmconf-style source: nothing but `get(key)`. */
function getterOf(settings: Record<string, unknown>): { get(key: string): unknown } {
  return { get: (key: string) => settings[key] };
}

/** An @npmcli/config-style source: `get(key)` plus the layers it reads, as `list`. */
function layeredOf(...layers: Record<string, unknown>[]): { list: Record<string, unknown>[]; get(key: string): unknown } {
  return { list: layers, get: (key: string) => layers.find((layer) => key in layer)?.[key] };
}

function configErrorOf(input: unknown): ConfigError {
  try {
    normalizeConfig(input as RegistryClientConfig);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected normalizeConfig to throw a ConfigError');
}

/** The parts of a normalised config that are plain data (the logger's methods are fresh functions each time). */
function dataOf(config: NormalizedConfig): Omit<NormalizedConfig, 'log'> {
  const { log: _log, ...rest } = config;
  return rest;
}

describe('normalizeConfig', () => {
  describe('defaults', () => {
    const config = normalizeConfig(base);

    it('keeps the required registry and cache', () => {
      expect(config.registry).toBe(REGISTRY);
      expect(config.cache).toBe(CACHE);
    });

    it('retries twice with factor 10 between 10 and 60 seconds', () => {
      expect(config.retry).toEqual({ retries: 2, factor: 10, minTimeout: 10_000, maxTimeout: 60_000 });
    });

    it('publishes under the latest tag, checks TLS and opens at most 16 sockets', () => {
      expect(config.tag).toBe('latest');
      expect(config.tls).toEqual({ ca: undefined, cert: undefined, key: undefined, strictSsl: true });
      expect(config.maxSockets).toBe(16);
    });

    it('waits five minutes for a response', () => {
      expect(config.fetchTimeout).toBe(300_000);
    });

    it('bounds the cache age between 0 seconds (as npm: always revalidate) and forever', () => {
      expect(config.cacheMin).toBe(0);
      expect(config.cacheMax).toBe(Number.POSITIVE_INFINITY);
    });

    it('names rxnpm, node, the platform and the architecture in the user agent', () => {
      expect(config.userAgent).toBe(`rxnpm/${version} node/${process.version} ${process.platform} ${process.arch}`);
    });

    it('has no proxy, otp, credentials, scopes, transport or extra interceptors', () => {
      expect(config.proxy).toEqual({ http: undefined, https: undefined, noProxy: undefined });
      expect(config.otp).toBeUndefined();
      expect(config.email).toBeUndefined();
      expect(config.auth).toEqual({ registry: REGISTRY, alwaysAuth: false, defaultCredentials: undefined, scoped: new Map() });
      expect(config.scopeRegistries).toEqual(new Map());
      expect(config.secrets).toEqual([]);
      expect(config.transport).toBeUndefined();
      expect(config.interceptors).toEqual([]);
    });

    it('gives a logger whose every level does nothing', () => {
      for (const level of ['error', 'warn', 'notice', 'http', 'info', 'verbose', 'silly'] as const) {
        expect(typeof config.log[level]).toBe('function');
        expect(config.log[level]('prefix', 'message')).toBeUndefined();
      }
    });

    it('is frozen', () => {
      expect(Object.isFrozen(config)).toBe(true);
    });
  });

  describe('a plain object with npm’s kebab-case keys', () => {
    const seen: string[] = [];
    const log = { warn: (prefix: string, message: string) => void seen.push(`${prefix} ${message}`) };
    const config = normalizeConfig(asRead({
      ...base,
      'always-auth': true,
      email: 'ada@example.invalid',
      tag: 'next',
      ca: ['-----BEGIN CERTIFICATE-----A', '-----BEGIN CERTIFICATE-----B'],
      cert: '-----BEGIN CERTIFICATE-----C',
      key: '-----BEGIN PRIVATE KEY-----K',
      'strict-ssl': false,
      'user-agent': 'custom-agent/1.0',
      log,
      'fetch-retries': 5,
      'fetch-retry-factor': 3,
      'fetch-retry-mintimeout': 100,
      'fetch-retry-maxtimeout': 2_000,
      'fetch-timeout': 0,
      'cache-min': 0,
      'cache-max': 600,
      maxsockets: 4,
      proxy: 'http://127.0.0.1:3128',
      'https-proxy': 'http://127.0.0.1:3129/',
      noproxy: ['localhost', '127.0.0.2'],
      // npm's ini parser may hand a number over.
      otp: 123456,
    }));

    it('reads every setting', () => {
      expect(config.email).toBe('ada@example.invalid');
      expect(config.tag).toBe('next');
      expect(config.tls).toEqual({
        ca: ['-----BEGIN CERTIFICATE-----A', '-----BEGIN CERTIFICATE-----B'],
        cert: '-----BEGIN CERTIFICATE-----C',
        key: '-----BEGIN PRIVATE KEY-----K',
        strictSsl: false,
      });
      expect(config.userAgent).toBe('custom-agent/1.0');
      expect(config.retry).toEqual({ retries: 5, factor: 3, minTimeout: 100, maxTimeout: 2_000 });
      expect(config.fetchTimeout).toBe(0);
      expect(config.cacheMin).toBe(0);
      expect(config.cacheMax).toBe(600);
      expect(config.maxSockets).toBe(4);
      expect(config.proxy).toEqual({ http: 'http://127.0.0.1:3128/', https: 'http://127.0.0.1:3129/', noProxy: 'localhost,127.0.0.2' });
      expect(config.otp).toBe('123456');
      expect(config.auth.alwaysAuth).toBe(true);
    });

    it('calls the given logger, and ignores the levels it lacks', () => {
      config.log.warn('retry', 'ECONNRESET');
      config.log.http('GET', '200');
      expect(seen).toEqual(['retry ECONNRESET']);
    });
  });

  it('accepts every camelCase alias and reads it as the kebab-case key', () => {
    const kebab = {
      ...base,
      'always-auth': true,
      'strict-ssl': false,
      'user-agent': 'ua/1',
      'fetch-retries': 1,
      'fetch-retry-factor': 2,
      'fetch-retry-mintimeout': 5,
      'fetch-retry-maxtimeout': 50,
      'fetch-timeout': 7,
      'cache-min': 1,
      'cache-max': 9,
      maxsockets: 3,
      'https-proxy': 'http://127.0.0.1:3129/',
      noproxy: 'localhost',
      _password: 'plain-password',
      username: 'ada',
    };
    const camel = {
      ...base,
      alwaysAuth: true,
      strictSsl: false,
      userAgent: 'ua/1',
      fetchRetries: 1,
      fetchRetryFactor: 2,
      fetchRetryMintimeout: 5,
      fetchRetryMaxtimeout: 50,
      fetchTimeout: 7,
      cacheMin: 1,
      cacheMax: 9,
      maxSockets: 3,
      httpsProxy: 'http://127.0.0.1:3129/',
      noProxy: 'localhost',
      password: 'plain-password',
      username: 'ada',
    };
    const fromKebab = normalizeConfig(kebab);
    expect(fromKebab.retry).toEqual({ retries: 1, factor: 2, minTimeout: 5, maxTimeout: 50 });
    expect(fromKebab.auth.defaultCredentials).toEqual({ type: 'basic', auth: base64('ada:plain-password') });
    expect(dataOf(normalizeConfig(camel))).toEqual(dataOf(fromKebab));
  });

  it('accepts the other spellings of the camelCase aliases', () => {
    const config = normalizeConfig({ ...base, strictSSL: 'false', fetchRetryMinTimeout: 1, fetchRetryMaxTimeout: 2 });
    expect(config.tls.strictSsl).toBe(false);
    expect(config.retry.minTimeout).toBe(1);
    expect(config.retry.maxTimeout).toBe(2);
  });

  it('prefers the kebab-case key when both spellings are given', () => {
    expect(normalizeConfig({ ...base, 'fetch-retries': 4, fetchRetries: 9 }).retry.retries).toBe(4);
  });

  it('reads the ini strings of .npmrc files as numbers and booleans', () => {
    const config = normalizeConfig({
      ...base,
      'fetch-retries': '2',
      'fetch-retry-factor': ' 4 ',
      'fetch-retry-mintimeout': '1000',
      'fetch-retry-maxtimeout': '3000',
      'fetch-timeout': '0',
      maxsockets: '8',
      'strict-ssl': 'true',
      'always-auth': 'true',
    });
    expect(config.retry).toEqual({ retries: 2, factor: 4, minTimeout: 1000, maxTimeout: 3000 });
    expect(config.fetchTimeout).toBe(0);
    expect(config.maxSockets).toBe(8);
    expect(config.tls.strictSsl).toBe(true);
    expect(config.auth.alwaysAuth).toBe(true);
    expect(normalizeConfig({ ...base, 'strict-ssl': 'false', 'always-auth': 'false' })).toMatchObject({
      tls: { strictSsl: false },
      auth: { alwaysAuth: false },
    });
  });

  it('treats empty and null values as unset', () => {
    const config = normalizeConfig(asRead({ ...base, 'fetch-retries': '', tag: '', proxy: null, ca: null, 'strict-ssl': '' }));
    expect(config.retry.retries).toBe(2);
    expect(config.tag).toBe('latest');
    expect(config.proxy.http).toBeUndefined();
    expect(config.tls.ca).toBeUndefined();
    expect(config.tls.strictSsl).toBe(true);
  });

  it('uses proxy for https too when https-proxy is not set', () => {
    expect(normalizeConfig({ ...base, proxy: 'http://127.0.0.1:3128/' }).proxy).toEqual({
      http: 'http://127.0.0.1:3128/',
      https: 'http://127.0.0.1:3128/',
      noProxy: undefined,
    });
  });

  describe('the registry URL', () => {
    it.each([
      ['http://127.0.0.1:4873', 'http://127.0.0.1:4873/'],
      ['http://127.0.0.1:4873/', 'http://127.0.0.1:4873/'],
      ['http://127.0.0.1:4873/npm', 'http://127.0.0.1:4873/npm/'],
      ['https://registry.example/artifactory/api/npm/npm-remote/', 'https://registry.example/artifactory/api/npm/npm-remote/'],
    ])('%s becomes %s: a trailing slash is added and the path kept', (registry, expected) => {
      expect(normalizeConfig({ registry, cache: CACHE }).registry).toBe(expected);
    });
  });

  describe('an object with get(key), as npmconf has', () => {
    it('reads its settings through get', () => {
      const config = normalizeConfig(getterOf({ ...base, 'fetch-retries': '3', tag: 'beta', 'strict-ssl': 'false' }));
      expect(config.registry).toBe(REGISTRY);
      expect(config.cache).toBe(CACHE);
      expect(config.retry.retries).toBe(3);
      expect(config.tag).toBe('beta');
      expect(config.tls.strictSsl).toBe(false);
    });

    it('asks only for npm’s kebab-case names', () => {
      const asked = new Set<string>();
      normalizeConfig({ get: (key: string) => (asked.add(key), (base as Record<string, unknown>)[key]) });
      expect(asked).toContain('fetch-retries');
      expect(asked).toContain('strict-ssl');
      expect(asked).not.toContain('fetchRetries');
      expect(asked).not.toContain('strictSsl');
    });

    it('still needs a registry and a cache', () => {
      expect(configErrorOf(getterOf({ cache: CACHE })).key).toBe('registry');
      expect(configErrorOf(getterOf({ registry: REGISTRY })).key).toBe('cache');
    });

    it('finds credentials for the registry’s folders by asking for them', () => {
      const config = normalizeConfig(
        getterOf({ registry: 'http://127.0.0.1:4873/npm/', cache: CACHE, '//127.0.0.1:4873/:_authToken': 'host-wide-token' }),
      );
      expect(config.auth.scoped).toEqual(new Map([['//127.0.0.1:4873/', { type: 'bearer', token: 'host-wide-token' }]]));
    });

    it.each([
      ['//127.0.0.1:4873:_authToken', '//127.0.0.1:4873/'],
      ['//127.0.0.1:4873/npm:_authToken', '//127.0.0.1:4873/npm/'],
    ])('finds credentials written without the trailing slash: %s', (key, folder) => {
      const config = normalizeConfig(getterOf({ registry: 'http://127.0.0.1:4873/npm/', cache: CACHE, [key]: 'no-slash-token' }));
      expect(config.auth.scoped).toEqual(new Map([[folder, { type: 'bearer', token: 'no-slash-token' }]]));
    });

    it('finds credentials for the folders of the scope registries it lists', () => {
      const source = { keys: ['@acme:registry'], ...getterOf({ ...base, '@acme:registry': 'http://127.0.0.1:4874/acme/', '//127.0.0.1:4874/acme/:_authToken': 'acme-token' }) };
      const config = normalizeConfig(source);
      expect(config.scopeRegistries).toEqual(new Map([['@acme', 'http://127.0.0.1:4874/acme/']]));
      expect(config.auth.scoped).toEqual(new Map([['//127.0.0.1:4874/acme/', { type: 'bearer', token: 'acme-token' }]]));
    });
  });

  describe('an object with get(key) and a list of layers, as @npmcli/config has', () => {
    const config = normalizeConfig(
      layeredOf(
        { '//127.0.0.1:4874/:_authToken': 'user-layer-token', '@acme:registry': 'http://127.0.0.1:4874/' },
        { registry: REGISTRY, cache: CACHE, 'fetch-retries': '4' },
      ),
    );

    it('reads its settings through get', () => {
      expect(config.registry).toBe(REGISTRY);
      expect(config.retry.retries).toBe(4);
    });

    it('finds the scope registries and per-registry credentials its layers hold', () => {
      expect(config.scopeRegistries).toEqual(new Map([['@acme', 'http://127.0.0.1:4874/']]));
      expect(config.auth.scoped).toEqual(new Map([['//127.0.0.1:4874/', { type: 'bearer', token: 'user-layer-token' }]]));
    });
  });

  describe('scope registries', () => {
    it('maps each @scope:registry to its URL with a trailing slash', () => {
      const config = normalizeConfig({
        ...base,
        '@acme:registry': 'http://127.0.0.1:4874/acme',
        '@other:registry': 'https://registry.example/',
      });
      expect(config.scopeRegistries).toEqual(
        new Map([
          ['@acme', 'http://127.0.0.1:4874/acme/'],
          ['@other', 'https://registry.example/'],
        ]),
      );
    });

    it('ignores keys that only look like scope registries', () => {
      // Held in a variable, as a parsed .npmrc would be: a literal with these keys does not compile.
      const npmrc = { ...base, 'acme:registry': 'http://127.0.0.1:4874/', '@acme:something': 'x' };
      const config = normalizeConfig(npmrc);
      expect(config.scopeRegistries).toEqual(new Map());
    });
  });

  describe('per-registry credentials', () => {
    const bearer = (token: string): Credentials => ({ type: 'bearer', token });

    it.each([
      ['//127.0.0.1:4873/:_authToken', '//127.0.0.1:4873/'],
      ['//127.0.0.1:4873:_authToken', '//127.0.0.1:4873/'],
      ['//127.0.0.1:4873/npm/:_authToken', '//127.0.0.1:4873/npm/'],
      ['//127.0.0.1:4873/npm:_authToken', '//127.0.0.1:4873/npm/'],
      ['//127.0.0.1:9999/other/:_authToken', '//127.0.0.1:9999/other/'],
    ])('%s is filed under %s', (key, folder) => {
      const config = normalizeConfig({ ...base, [key]: 'the-token' });
      expect(config.auth.scoped).toEqual(new Map([[folder, bearer('the-token')]]));
    });

    it('reads :_auth as ready-made basic credentials', () => {
      const config = normalizeConfig({ ...base, '//127.0.0.1:4873/:_auth': base64('ada:pw') });
      expect(config.auth.scoped.get('//127.0.0.1:4873/')).toEqual({ type: 'basic', auth: base64('ada:pw') });
    });

    it('reads :username with a base64 :_password, as npm writes them', () => {
      const config = normalizeConfig({
        ...base,
        '//127.0.0.1:4873/:username': 'ada',
        '//127.0.0.1:4873/:_password': base64('s3cret:with:colons'),
      });
      expect(config.auth.scoped.get('//127.0.0.1:4873/')).toEqual({ type: 'basic', auth: base64('ada:s3cret:with:colons') });
    });

    it('needs both :username and :_password', () => {
      expect(normalizeConfig({ ...base, '//127.0.0.1:4873/:username': 'ada' }).auth.scoped).toEqual(new Map());
      expect(normalizeConfig({ ...base, '//127.0.0.1:4873/:_password': base64('pw') }).auth.scoped).toEqual(new Map());
    });

    it('prefers :_authToken over :_auth over :username/:_password for one folder', () => {
      const all = {
        ...base,
        '//127.0.0.1:4873/:_authToken': 'the-token',
        '//127.0.0.1:4873/:_auth': base64('a:b'),
        '//127.0.0.1:4873/:username': 'c',
        '//127.0.0.1:4873/:_password': base64('d'),
      };
      expect(normalizeConfig(all).auth.scoped.get('//127.0.0.1:4873/')).toEqual(bearer('the-token'));
      const { '//127.0.0.1:4873/:_authToken': _token, ...withoutToken } = all;
      expect(normalizeConfig(withoutToken).auth.scoped.get('//127.0.0.1:4873/')).toEqual({ type: 'basic', auth: base64('a:b') });
    });

    it('keeps credentials of several hosts and folders apart', () => {
      const config = normalizeConfig({
        ...base,
        '//127.0.0.1:4873/:_authToken': 'registry-token',
        '//127.0.0.1:4873/private/:_authToken': 'private-token',
        '//127.0.0.1:4874/:_auth': base64('x:y'),
      });
      expect(config.auth.scoped).toEqual(
        new Map<string, Credentials>([
          ['//127.0.0.1:4873/', bearer('registry-token')],
          ['//127.0.0.1:4873/private/', bearer('private-token')],
          ['//127.0.0.1:4874/', { type: 'basic', auth: base64('x:y') }],
        ]),
      );
    });
  });

  describe('the seed’s top-level credentials', () => {
    it('reads _auth as basic credentials', () => {
      expect(normalizeConfig({ ...base, _auth: base64('ada:pw') }).auth.defaultCredentials).toEqual({ type: 'basic', auth: base64('ada:pw') });
    });

    it('reads auth (the seed’s name) as basic credentials', () => {
      expect(normalizeConfig({ ...base, auth: base64('ada:pw') }).auth.defaultCredentials).toEqual({ type: 'basic', auth: base64('ada:pw') });
    });

    it('encodes username with a plain-text _password', () => {
      expect(normalizeConfig({ ...base, username: 'ada', _password: 'plain pw' }).auth.defaultCredentials).toEqual({
        type: 'basic',
        auth: base64('ada:plain pw'),
      });
    });

    it('ignores a username without a password', () => {
      expect(normalizeConfig({ ...base, username: 'ada' }).auth.defaultCredentials).toBeUndefined();
    });

    it.each([
      ['a session string', 'c2Vzc2lvbg'],
      ['a ready-made cookie', 'AuthSession=c2Vzc2lvbg'],
      ['an { AuthSession } object', { AuthSession: 'c2Vzc2lvbg' }],
    ])('reads _token given as %s as the AuthSession cookie', (_form, token) => {
      expect(normalizeConfig({ ...base, _token: token }).auth.defaultCredentials).toEqual({ type: 'cookie', cookie: 'AuthSession=c2Vzc2lvbg' });
    });

    it('prefers _auth, then auth, then username/_password, then _token', () => {
      const all = { ...base, _auth: base64('a:1'), auth: base64('b:2'), username: 'c', _password: '3', _token: 'session' };
      expect(normalizeConfig(all).auth.defaultCredentials).toEqual({ type: 'basic', auth: base64('a:1') });
      expect(normalizeConfig({ ...all, _auth: undefined }).auth.defaultCredentials).toEqual({ type: 'basic', auth: base64('b:2') });
      expect(normalizeConfig({ ...all, _auth: undefined, auth: undefined }).auth.defaultCredentials).toEqual({
        type: 'basic',
        auth: base64('c:3'),
      });
      expect(normalizeConfig({ ...all, _auth: undefined, auth: undefined, _password: undefined }).auth.defaultCredentials).toEqual({
        type: 'cookie',
        cookie: 'AuthSession=session',
      });
    });

    it('keeps them apart from per-registry credentials, for the default registry', () => {
      const config = normalizeConfig({ ...base, _auth: base64('a:1'), '//127.0.0.1:4874/:_authToken': 't' });
      expect(config.auth).toEqual({
        registry: REGISTRY,
        alwaysAuth: false,
        defaultCredentials: { type: 'basic', auth: base64('a:1') },
        scoped: new Map([['//127.0.0.1:4874/', { type: 'bearer', token: 't' }]]),
      });
    });
  });

  it.each([
    ['registry', { registry: 'http://ada:pass-in-url-01@127.0.0.1:4873/' }],
    ['registry', { registry: 'http://only-a-user-01@127.0.0.1:4873/' }],
    ['@scope:registry', { '@scope:registry': 'https://ada:pass-in-url-01@127.0.0.1:4874/npm/' }],
    ['registry', { registry: 'http://ada:pass-in-url-01@127.0.0.1:99999/' }],
  ])('refuses a user name or password in %s with ECONFIG, repeating neither', (key, config) => {
    let thrown: unknown;
    try {
      normalizeConfig({ ...base, ...config });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect(thrown).toMatchObject({ code: 'ECONFIG', key });
    expect(String((thrown as Error).message)).not.toMatch(/pass-in-url-01|only-a-user-01/);
  });

  it('lists every credential value in secrets', () => {
    const config = normalizeConfig({
      ...base,
      username: 'ada',
      _password: 'top-password',
      '//127.0.0.1:4873/private/:_authToken': 'npm_privateToken01',
      '//127.0.0.1:4874/:username': 'bob',
      '//127.0.0.1:4874/:_password': base64('scoped-password'),
      '//127.0.0.1:4875/:_auth': base64('eve:auth-password'),
    });
    expect([...config.secrets].sort()).toEqual(
      [
        base64('ada:top-password'),
        'ada:top-password',
        'top-password',
        'npm_privateToken01',
        base64('bob:scoped-password'),
        'bob:scoped-password',
        'scoped-password',
        base64('eve:auth-password'),
        'eve:auth-password',
        'auth-password',
      ].sort(),
    );
  });

  it('lists a session token in secrets, with and without its cookie name', () => {
    expect(normalizeConfig({ ...base, _token: 'c2Vzc2lvbg' }).secrets).toEqual(['AuthSession=c2Vzc2lvbg', 'c2Vzc2lvbg']);
  });

  it('keeps the transport and interceptors it is given', () => {
    const transport = { handle: () => ({}) as never };
    const interceptor = (_req: unknown, next: (req: unknown) => never) => next(_req);
    const config = normalizeConfig({ ...base, transport, interceptors: [interceptor] } as unknown as RegistryClientConfig);
    expect(config.transport).toBe(transport);
    expect(config.interceptors).toEqual([interceptor]);
  });

  describe('invalid values throw a ConfigError naming the key', () => {
    it.each<[string, Record<string, unknown>, string]>([
      ['a missing registry', { registry: undefined }, 'registry'],
      ['an empty registry', { registry: '' }, 'registry'],
      ['an ftp: registry', { registry: 'ftp://127.0.0.1/' }, 'registry'],
      ['a file: registry', { registry: 'file:///srv/registry/' }, 'registry'],
      ['a registry that is not a URL', { registry: '127.0.0.1:4873' }, 'registry'],
      ['a registry that is not a string', { registry: 4873 }, 'registry'],
      ['a missing cache', { cache: undefined }, 'cache'],
      ['fetch-retries "abc"', { 'fetch-retries': 'abc' }, 'fetch-retries'],
      ['fetch-retries -1', { 'fetch-retries': -1 }, 'fetch-retries'],
      ['fetch-retries 1.5', { 'fetch-retries': 1.5 }, 'fetch-retries'],
      ['fetchRetries "abc" (named by its npm key)', { fetchRetries: 'abc' }, 'fetch-retries'],
      ['fetch-retry-factor below 1', { 'fetch-retry-factor': 0.5 }, 'fetch-retry-factor'],
      ['fetch-retry-mintimeout "soon"', { 'fetch-retry-mintimeout': 'soon' }, 'fetch-retry-mintimeout'],
      ['fetch-retry-maxtimeout below fetch-retry-mintimeout', { 'fetch-retry-mintimeout': 5000, 'fetch-retry-maxtimeout': 1000 }, 'fetch-retry-maxtimeout'],
      ['fetch-timeout -1', { 'fetch-timeout': -1 }, 'fetch-timeout'],
      ['cache-max below cache-min', { 'cache-min': 100, 'cache-max': 10 }, 'cache-max'],
      ['strict-ssl "yes"', { 'strict-ssl': 'yes' }, 'strict-ssl'],
      ['always-auth 1', { 'always-auth': 1 }, 'always-auth'],
      ['maxsockets 0', { maxsockets: 0 }, 'maxsockets'],
      ['maxsockets 2.5', { maxsockets: 2.5 }, 'maxsockets'],
      ['a tag that is a range: 1.x', { tag: '1.x' }, 'tag'],
      ['a tag that is a version: 1.0.0', { tag: '1.0.0' }, 'tag'],
      ['a tag with a slash', { tag: 'feature/x' }, 'tag'],
      ['a tag with a space', { tag: 'my tag' }, 'tag'],
      ['a log that is not an object', { log: 'verbose' }, 'log'],
      ['a transport without handle', { transport: {} }, 'transport'],
      ['interceptors that are not functions', { interceptors: [() => undefined, 'auth'] }, 'interceptors'],
      ['interceptors that are not an array', { interceptors: () => undefined }, 'interceptors'],
      ['a proxy that is not a URL', { proxy: 'not a proxy' }, 'proxy'],
      ['an https-proxy that is not http(s)', { 'https-proxy': 'socks5://127.0.0.1:1080' }, 'https-proxy'],
      ['a noproxy that is not a string', { noproxy: 42 }, 'noproxy'],
      ['an email that is not a string', { email: 42 }, 'email'],
      ['a ca that is not a string', { ca: [42] }, 'ca'],
      ['a _token that is neither a string nor { AuthSession }', { _token: 42 }, '_token'],
      ['a scope registry that is not http(s)', { '@acme:registry': 'ftp://127.0.0.1/' }, '@acme:registry'],
      ['a per-registry token that is not a string', { '//127.0.0.1:4873/:_authToken': 42 }, '//127.0.0.1:4873/:_authToken'],
    ])('%s', (_case, overrides, key) => {
      const error = configErrorOf({ ...base, ...overrides });
      expect(error.key).toBe(key);
      expect(error.code).toBe('ECONFIG');
      expect(error).toBeInstanceOf(RegistryError);
      expect(error.message).toContain(`"${key}"`);
    });

    it.each([null, undefined, 'http://127.0.0.1:4873/', 42])('a configuration that is not an object (%p)', (input) => {
      expect(configErrorOf(input).key).toBe('registry');
    });
  });
});
