import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lastValueFrom } from 'rxjs';
import { HttpError, nerfDart, RegistryClient } from '../index';
import { startVerdaccio } from './start-verdaccio';

/**
 * A runnable tour of the client against a registry of its own: a local
 * Verdaccio on a free loopback port, so it needs no network and no account.
 */
async function main(): Promise<void> {
  const registry = await startVerdaccio();
  const cache = await mkdtemp(join(tmpdir(), 'rxnpm-demo-cache-'));
  const log = { http: (prefix: string, message: string) => console.log(`  http ${prefix} ${message}`) };
  const client = new RegistryClient({ registry: registry.url, cache, log, 'fetch-retry-mintimeout': 100, 'fetch-retry-maxtimeout': 1000 });
  try {
    console.log(`registry ${registry.url}`);
    const ping = await lastValueFrom(client.request('GET', '/-/ping'));
    console.log(`ping → ${ping.statusCode}`);

    const user = { _id: 'org.couchdb.user:demo', name: 'demo', password: 'demo-password', email: 'demo@example.com', type: 'user', roles: [] };
    const added = await lastValueFrom(client.request<{ token: string }>('PUT', '/-/user/org.couchdb.user:demo', user));
    console.log(`adduser → ${added.statusCode}`);

    // As `npm login` would write it to .npmrc: the token scoped to the registry's host.
    const tokenKey = `${nerfDart(registry.url)}:_authToken`;
    const authed = new RegistryClient({ registry: registry.url, cache, log, [tokenKey]: added.data.token });
    const whoami = await lastValueFrom(authed.request<{ username?: string }>('GET', '/-/whoami'));
    console.log(`whoami → ${whoami.data.username}`);
    await authed.close();

    await lastValueFrom(client.request('GET', '/no-such-package')).catch((error: HttpError) => {
      console.log(`a missing package → ${error.code}: ${error.message}`);
    });
  } finally {
    await client.close();
    await registry.close();
    await rm(cache, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
