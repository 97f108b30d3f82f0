import { inspect } from 'node:util';
import { lastValueFrom } from 'rxjs';
import { RegistryClient, RegistryError } from '../../src';
import { Cleanup } from '../support/cleanup';
import { FAST_RETRY } from '../support/fast-retry';
import { collectLog } from '../support/log-collector';
import { startNpmApiRegistry, type NpmApiRegistry } from '../support/npm-api-registry';
import { outcomeOf } from '../support/outcome-of';
import { tempCache, type TempCache } from '../support/temp-cache';

const PASSWORD = 'correct-horse-battery-staple-42';

/** Every way an error is shown to a person or shipped to a log service. */
function renderings(error: unknown): string[] {
  const err = error as RegistryError;
  return [err.message, String(err), err.toString(), JSON.stringify(err), inspect(err, { depth: 10, showHidden: true }), err.stack ?? '', JSON.stringify(err.body ?? null)];
}

/** The first error of an Observable that must fail. */
async function errorOf(source: Parameters<typeof outcomeOf>[0]): Promise<RegistryError> {
  const outcome = await outcomeOf(source);
  expect(outcome.errors).toHaveLength(1);
  expect(outcome.errors[0]).toBeInstanceOf(RegistryError);
  return outcome.errors[0] as RegistryError;
}

describe('credentials are never logged, at any level, nor shown in an error', () => {
  let registry: NpmApiRegistry;
  let cache: TempCache;
  const open = new Cleanup();

  beforeEach(async () => {
    registry = open.track(await startNpmApiRegistry());
    cache = await tempCache();
  });
  afterEach(async () => {
    await open.closeAll();
    await cache.remove();
  });

  it('through adduser, whoami, a refused login, publish, a conflict, retried 503s that echo the token, logout, and errors after it', async () => {
    const collector = collectLog();
    const client = open.track(new RegistryClient({ registry: registry.url, cache: cache.path, ...FAST_RETRY, log: collector.log }));
    const errors: RegistryError[] = [];

    const { token, username } = await lastValueFrom(client.adduser('ada', PASSWORD, 'ada@example.test'));
    expect(username).toBe('ada');
    expect(await lastValueFrom(client.whoami())).toBe('ada');
    // Adding the user again takes the login path, with Basic auth; this registry refuses it.
    errors.push(await errorOf(client.adduser('ada', PASSWORD, 'ada@example.test')));
    await lastValueFrom(client.publish({ name: 'secret-pkg', version: '1.0.0', description: 'x' }, Buffer.from('tarball bytes')));
    errors.push(await errorOf(client.publish({ name: 'secret-pkg', version: '1.0.0' }, Buffer.from('tarball bytes'))));
    // A careless registry that echoes the credentials it got, in the body and a header, on every retry.
    registry.failNext({ method: 'GET', path: '/secret-pkg', count: 3, status: 503, body: { error: `busy, ${token}` }, headers: { 'x-echo': `Bearer ${token}` } });
    errors.push(await errorOf(client.request('GET', '/secret-pkg?write=true')));
    await lastValueFrom(client.logout(), { defaultValue: undefined });
    errors.push(await errorOf(client.whoami()));

    // The credentials really were used: otherwise the test would prove nothing.
    expect(registry.requests.some((r) => r.headers.authorization === `Bearer ${token}`)).toBe(true);
    expect(registry.requests.some((r) => r.headers.authorization?.startsWith('Basic '))).toBe(true);
    expect(registry.isRevoked(token)).toBe(true);
    expect(errors.map((e) => e.code)).toEqual(['E409', 'EPUBLISHCONFLICT', 'E503', 'ENEEDAUTH']);
    expect(collector.withPrefix('retry')).toHaveLength(2);
    expect(new Set(collector.lines.map((l) => l.level)).has('http')).toBe(true);

    const secrets = [token, PASSWORD, Buffer.from(`ada:${PASSWORD}`).toString('base64')];
    const shown = [collector.text(), ...errors.flatMap(renderings)].join('\n');
    for (const secret of secrets) expect(shown).not.toContain(secret);
  });

  it('a failed logout, whose URL names the token it revokes, neither logs it nor shows it in its error', async () => {
    const stale = 'npm_StaleTokenTheRegistryForgot0123';
    const collector = collectLog();
    const client = open.track(new RegistryClient({ registry: registry.url, cache: cache.path, ...FAST_RETRY, log: collector.log, [`//${registry.host}/:_authToken`]: stale }));

    const error = await errorOf(client.logout());

    expect(error).toMatchObject({ code: 'E401', method: 'DELETE' });
    expect(registry.requests.map((r) => [r.method, r.url])).toEqual([['DELETE', `/-/user/token/${stale}`]]);
    expect(collector.lines.length).toBeGreaterThan(0);
    const shown = [collector.text(), ...renderings(error)].join('\n');
    expect(shown).not.toContain(stale);
  });

  it('a successful logout does not log the token it revoked', async () => {
    const token = registry.addUser('ada', 'ada@example.test');
    const collector = collectLog();
    const client = open.track(new RegistryClient({ registry: registry.url, cache: cache.path, ...FAST_RETRY, log: collector.log, [`//${registry.host}/:_authToken`]: token }));

    await lastValueFrom(client.logout(), { defaultValue: undefined });

    expect(registry.isRevoked(token)).toBe(true);
    expect(collector.withPrefix('fetch')).toHaveLength(1);
    expect(collector.text()).not.toContain(token);
  });
});
