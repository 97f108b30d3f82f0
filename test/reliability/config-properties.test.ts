import fc from 'fast-check';
import semver from 'semver';
import { CONFIG_KEYS } from '../../src/config/config-keys';
import { normalizeConfig } from '../../src/config/normalize-config';
import type { RegistryClientConfig } from '../../src/config/registry-client-config';
import { ConfigError } from '../../src/errors/config-error';

const RUNS = { numRuns: 200 };

/** What normalizeConfig did with an input: the config, or what it threw. */
function attempt(input: unknown): { config?: ReturnType<typeof normalizeConfig>; error?: unknown } {
  try {
    return { config: normalizeConfig(input as RegistryClientConfig) };
  } catch (error) {
    return { error };
  }
}

/** A setting under its npm name or one of its camelCase aliases, picked at random. */
function spelled(key: keyof typeof CONFIG_KEYS): fc.Arbitrary<string> {
  return fc.constantFrom(key, ...CONFIG_KEYS[key]);
}

const httpUrl = fc.webUrl({ validSchemes: ['http', 'https'] });
const flag = fc.constantFrom<boolean | 'true' | 'false'>(true, false, 'true', 'false');
/** A number as a caller or an ini file gives it. */
const numberLike = (min: number, max: number) => fc.integer({ min, max }).chain((n) => fc.constantFrom<number | string>(n, String(n), ` ${n} `));
const tag = fc.stringMatching(/^[a-z][a-z0-9-]{1,12}$/).filter((t) => semver.validRange(t) === null);

/** Two numbers in order, each as a caller may write it. */
const ordered = (min: number, max: number) =>
  fc.tuple(fc.integer({ min, max }), fc.integer({ min, max })).map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const);

/** A valid configuration: any subset of the optional settings, any spelling of each. */
const validConfig = fc
  .record(
    {
      registry: httpUrl,
      retries: numberLike(0, 10),
      factor: numberLike(1, 20),
      timeouts: ordered(0, 120_000),
      fetchTimeout: numberLike(0, 600_000),
      cacheAges: ordered(0, 1_000_000),
      memory: numberLike(0, 1e9),
      maxResponse: numberLike(1, 1e9),
      sockets: numberLike(1, 256),
      strictSsl: flag,
      alwaysAuth: flag,
      offline: flag,
      preferOffline: flag,
      preferOnline: flag,
      proxy: fc.option(httpUrl, { nil: null }),
      httpsProxy: fc.option(httpUrl, { nil: null }),
      noproxy: fc.oneof(fc.constant('127.0.0.1,localhost'), fc.array(fc.domain(), { maxLength: 3 })),
      tag,
      userAgent: fc.string({ minLength: 1, maxLength: 40 }),
      ca: fc.oneof(fc.string({ minLength: 1 }), fc.array(fc.string({ minLength: 1 }), { maxLength: 3 }), fc.constant(null)),
      otp: fc.oneof(fc.stringMatching(/^\d{6}$/), fc.integer({ min: 0, max: 999_999 })),
      token: fc.stringMatching(/^npm_[A-Za-z0-9]{10,36}$/),
      scopeRegistry: httpUrl,
    },
    { requiredKeys: ['registry'] },
  )
  .chain((v) =>
    fc
      .record({
        retries: spelled('fetch-retries'),
        factor: spelled('fetch-retry-factor'),
        min: spelled('fetch-retry-mintimeout'),
        max: spelled('fetch-retry-maxtimeout'),
        fetchTimeout: spelled('fetch-timeout'),
        cacheMin: spelled('cache-min'),
        cacheMax: spelled('cache-max'),
        memory: spelled('memory-cache-size'),
        maxResponse: spelled('max-response-size'),
        sockets: spelled('maxsockets'),
        strictSsl: spelled('strict-ssl'),
        alwaysAuth: spelled('always-auth'),
        preferOffline: spelled('prefer-offline'),
        preferOnline: spelled('prefer-online'),
        httpsProxy: spelled('https-proxy'),
        noproxy: spelled('noproxy'),
        userAgent: spelled('user-agent'),
      })
      .map((name) => {
        const input: Record<string, unknown> = { registry: v.registry, cache: '/tmp/rxnpm-property-cache' };
        const set = (key: string, value: unknown) => value !== undefined && (input[key] = value);
        set(name.retries, v.retries);
        set(name.factor, v.factor);
        if (v.timeouts) {
          input[name.min] = v.timeouts[0];
          input[name.max] = v.timeouts[1];
        }
        set(name.fetchTimeout, v.fetchTimeout);
        if (v.cacheAges) {
          input[name.cacheMin] = v.cacheAges[0];
          input[name.cacheMax] = v.cacheAges[1];
        }
        set(name.memory, v.memory);
        set(name.maxResponse, v.maxResponse);
        set(name.sockets, v.sockets);
        set(name.strictSsl, v.strictSsl);
        set(name.alwaysAuth, v.alwaysAuth);
        set('offline', v.offline);
        set(name.preferOffline, v.preferOffline);
        set(name.preferOnline, v.preferOnline);
        set('proxy', v.proxy);
        set(name.httpsProxy, v.httpsProxy);
        set(name.noproxy, v.noproxy);
        set('tag', v.tag);
        set(name.userAgent, v.userAgent);
        set('ca', v.ca);
        set('otp', v.otp);
        if (v.token) input[`//${new URL(v.registry).host}/:_authToken`] = v.token;
        if (v.scopeRegistry) input['@scope:registry'] = v.scopeRegistry;
        return { given: v, input };
      }),
  );

/** Values no setting of each kind accepts. */
const notANumber = fc.oneof(
  fc.integer({ max: -1 }),
  fc.constantFrom(Number.NaN, 'NaN', 'ten', '1O', '--1', true, false, [], [1], {}, { valueOf: () => 1 }),
  fc.bigInt(),
  fc.string({ minLength: 1 }).filter((s) => s.trim() !== '' && Number.isNaN(Number(s.trim()))),
);
const notAnInteger = fc.oneof(notANumber, fc.double({ min: 1.01, max: 1e6, noNaN: true }).filter((n) => !Number.isInteger(n)));
const notAFlag = fc.oneof(
  fc.constantFrom(1, 0, 'yes', 'no', 'TRUE', 'False', 'on', [], {}, [true]),
  fc.bigInt(),
  fc.string({ minLength: 1 }).filter((s) => s !== 'true' && s !== 'false'),
);
const notAString = fc.oneof(fc.integer(), fc.boolean(), fc.constantFrom<unknown>({}, [], ['a'], { toString: () => 'x' }), fc.bigInt());
const notAnHttpUrl = fc.oneof(
  fc.constantFrom('not a url', 'ftp://127.0.0.1/', 'file:///etc/passwd', 'javascript:alert(1)', 'data:text/plain,x', '//127.0.0.1/', '127.0.0.1:4873', 'http://'),
  notAString,
);
const notAList = fc.oneof(fc.integer(), fc.boolean(), fc.constantFrom<unknown>({}, [1], [null], ['a', 2], [{}]), fc.bigInt());
const notATag = fc.oneof(fc.constantFrom('1.0.0', '^1', '>=2 <3', 'x', '*', 'a b', 'a/b', '../x', 'n%2fext', 'ta\u00efg'), notAString);

/** Each setting with values it must refuse, as a ConfigError that names it. */
const INVALID: ReadonlyArray<[key: string, values: fc.Arbitrary<unknown>]> = [
  ['registry', notAnHttpUrl],
  ['cache', fc.oneof(fc.integer(), fc.boolean(), fc.constantFrom<unknown>({}, [], { get: 1 }), fc.bigInt())],
  ['fetch-retries', notAnInteger],
  ['fetch-retry-factor', fc.oneof(notANumber, fc.double({ min: 0, max: 0.99, noNaN: true }))],
  ['fetch-retry-mintimeout', notANumber],
  ['fetch-retry-maxtimeout', notANumber],
  ['fetch-timeout', notANumber],
  ['cache-min', notANumber],
  ['cache-max', notANumber],
  ['memory-cache-size', notAnInteger],
  ['max-response-size', fc.oneof(notAnInteger, fc.constant(0))],
  ['maxsockets', fc.oneof(notAnInteger, fc.constant(0))],
  ['strict-ssl', notAFlag],
  ['always-auth', notAFlag],
  ['offline', notAFlag],
  ['prefer-offline', notAFlag],
  ['prefer-online', notAFlag],
  ['proxy', notAnHttpUrl],
  ['https-proxy', notAnHttpUrl],
  ['noproxy', notAList],
  ['ca', notAList],
  ['cert', notAString],
  ['key', notAString],
  ['email', notAString],
  ['user-agent', notAString],
  ['tag', notATag],
  ['log', fc.oneof(fc.integer(), fc.boolean(), fc.string({ minLength: 1 }), fc.bigInt())],
  ['otp', fc.oneof(fc.boolean(), fc.constantFrom<unknown>({}, [], ['123456'], { code: '123456' }, Object.create(null)), fc.bigInt())],
  ['_auth', notAString],
  ['username', notAString],
  ['_token', fc.oneof(fc.integer(), fc.boolean(), fc.constantFrom<unknown>({ AuthSession: 1 }, [], { session: 'x' }))],
  ['//127.0.0.1:4873/:_authToken', notAString],
  ['@scope:registry', notAnHttpUrl],
];

describe('config normalisation, property-based', () => {
  it('any combination of valid settings, in any spelling, normalises to what was given', () => {
    fc.assert(
      fc.property(validConfig, ({ given, input }) => {
        const { config, error } = attempt(input);
        expect(error).toBeUndefined();
        if (!config) return;
        expect(config.registry.endsWith('/')).toBe(true);
        expect(new URL(config.registry).href).toBe(config.registry);
        expect(new URL(config.registry).origin).toBe(new URL(given.registry).origin);
        if (given.retries !== undefined) expect(config.retry.retries).toBe(Number(given.retries));
        if (given.factor !== undefined) expect(config.retry.factor).toBe(Number(given.factor));
        if (given.timeouts) expect([config.retry.minTimeout, config.retry.maxTimeout]).toEqual([...given.timeouts]);
        expect(config.retry.minTimeout).toBeLessThanOrEqual(config.retry.maxTimeout);
        expect(config.cacheMin).toBeLessThanOrEqual(config.cacheMax);
        if (given.sockets !== undefined) expect(config.maxSockets).toBe(Number(given.sockets));
        if (given.maxResponse !== undefined) expect(config.maxResponseSize).toBe(Number(given.maxResponse));
        if (given.strictSsl !== undefined) expect(config.tls.strictSsl).toBe(String(given.strictSsl) === 'true');
        if (given.offline !== undefined) expect(config.cacheModes.offline).toBe(String(given.offline) === 'true');
        if (given.tag !== undefined) expect(config.tag).toBe(given.tag);
        if (given.otp !== undefined) expect(config.otp).toBe(String(given.otp));
        if (given.token) expect(config.secrets).toContain(given.token);
        expect(Object.isFrozen(config)).toBe(true);
      }),
      RUNS,
    );
  });

  it('the same settings through a get(key) source, by their npm names, normalise the same as through a plain object', () => {
    const npmName = (key: string) => Object.entries(CONFIG_KEYS).find(([, aliases]) => (aliases as readonly string[]).includes(key))?.[0] ?? key;
    fc.assert(
      fc.property(validConfig, ({ input }) => {
        const byNpmName = Object.fromEntries(Object.entries(input).map(([key, value]) => [npmName(key), value]));
        const plain = attempt(input);
        const getter = attempt({ get: (key: string) => byNpmName[key], keys: Object.keys(byNpmName) });
        const { log: _a, ...fromPlain } = plain.config!;
        const { log: _b, ...fromGetter } = getter.config!;
        expect(fromGetter).toEqual(fromPlain);
        expect([...fromGetter.auth.scoped]).toEqual([...fromPlain.auth.scoped]);
      }),
      RUNS,
    );
  });

  it.each(INVALID)('an invalid %s is always a ConfigError naming that key, never another exception', (key, values) => {
    fc.assert(
      fc.property(values, (value) => {
        const { config, error } = attempt({ registry: 'http://127.0.0.1:4873/', cache: '/tmp/rxnpm-property-cache', [key]: value });
        expect(config).toBeUndefined();
        expect(error).toBeInstanceOf(ConfigError);
        expect(error).toMatchObject({ code: 'ECONFIG', key });
        expect((error as ConfigError).message).toContain(`"${key}"`);
      }),
      { numRuns: 50 },
    );
  });

  it('random values for any settings either normalise or throw a ConfigError naming a key: never another exception', () => {
    const anything = fc.anything({ withBigInt: true, withNullPrototype: true, withBoxedValues: true, withMap: true, withSet: true, withDate: true, maxDepth: 2 });
    const someKey = fc.oneof(
      fc.constantFrom(...Object.keys(CONFIG_KEYS), ...Object.values(CONFIG_KEYS).flat()),
      fc.constantFrom('//127.0.0.1:4873/:_authToken', '//127.0.0.1:4873/:_password', '//127.0.0.1:4873/:username', '//h/:_auth', '@scope:registry'),
      fc.constantFrom('transport', 'interceptors', 'otpPrompt'),
    );
    fc.assert(
      fc.property(fc.dictionary(someKey, anything, { maxKeys: 6 }), fc.boolean(), (settings, asGetter) => {
        const input = { registry: 'http://127.0.0.1:4873/', cache: '/tmp/rxnpm-property-cache', ...settings };
        const { error } = attempt(asGetter ? { get: (key: string) => (input as Record<string, unknown>)[key], keys: Object.keys(input) } : input);
        if (error === undefined) return;
        expect(error).toBeInstanceOf(ConfigError);
        expect(typeof (error as ConfigError).key).toBe('string');
        expect((error as ConfigError).key.length).toBeGreaterThan(0);
        expect((error as ConfigError).message).toContain(`"${(error as ConfigError).key}"`);
      }),
      RUNS,
    );
  });

  it('no input at all, or one of the wrong type, is a ConfigError', () => {
    fc.assert(
      fc.property(fc.oneof(fc.constantFrom(undefined, null), fc.integer(), fc.string(), fc.boolean(), fc.bigInt()), (input) => {
        expect(attempt(input).error).toBeInstanceOf(ConfigError);
      }),
      { numRuns: 50 },
    );
  });
});
