import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { filter, firstValueFrom, lastValueFrom, map, ReplaySubject, tap, toArray } from 'rxjs';
import { packTarball } from '../cli/tarball/pack-tarball';
import { isProgress, RegistryClient, type HttpError, type Packument, type Progress, type RegistryResponse } from '../index';
import { startVerdaccio } from '../verdaccio/start-verdaccio';

/**
 * `npm run example`: a runnable tour of the library against a registry of its
 * own (a local Verdaccio on a free loopback port, so no network and no
 * account): an account, a publish with progress, `get` from the cache and
 * with `staleOk`, a live view with `watch`, `manifest` and `tarball`. Each
 * step waits for the one before, so the output reads the same on every run.
 */

const PACKAGE = 'rxnpm-example';
const say = (text: string) => console.log(text);

async function main(): Promise<void> {
  const registry = await startVerdaccio();
  const work = await mkdtemp(join(tmpdir(), 'rxnpm-example-'));
  const client = new RegistryClient({ registry: registry.url, cache: join(work, 'cache'), 'fetch-retry-mintimeout': 100, 'fetch-retry-maxtimeout': 1000 });
  const latest = (packument: Packument) => packument['dist-tags']?.latest;
  /** Publishes a version, reporting progress as the tarball goes up. */
  const publish = async (version: string) => {
    const tarball = await packTarball(work, { name: PACKAGE, version });
    let sent: Progress | undefined;
    const response = await lastValueFrom(
      client.publish({ name: PACKAGE, version }, tarball, { reportProgress: true }).pipe(
        tap((event) => isProgress(event) && (sent = event)),
        filter((event): event is RegistryResponse => !isProgress(event)),
      ),
    );
    say(`publish ${PACKAGE}@${version} → ${response.statusCode} (progress up to ${sent?.loaded} of ${sent?.total} bytes)`);
  };

  try {
    say(`registry ${registry.url}`);
    await lastValueFrom(client.ping());
    say('ping → the registry answers');

    // From here on the client sends the account's token, as after `npm login`.
    const account = await lastValueFrom(client.adduser('demo', 'demo-password', 'demo@example.com'));
    say(`adduser → ${account.username}, with a token`);
    say(`whoami → ${await lastValueFrom(client.whoami())}`);

    await publish('1.0.0');

    const fetched = await lastValueFrom(client.get<Packument>(`/${PACKAGE}`));
    say(`get → ${fetched.cacheStatus}, latest ${latest(fetched.data)}`);
    const staleOk = await lastValueFrom(client.get<Packument>(`/${PACKAGE}`, { staleOk: true }).pipe(toArray()));
    say(`get with staleOk → ${staleOk.map(({ cacheStatus, data }) => `${cacheStatus} (latest ${latest(data)})`).join(', then ')}`);

    // The live view polls in the background; its values are taken in turn, so they print after the step that caused them.
    const views = new ReplaySubject<string | undefined>();
    const watching = client.watch<Packument>(PACKAGE, { interval: 300 }).pipe(map(({ data }) => latest(data))).subscribe(views);
    const viewShows = (version: string) => firstValueFrom(views.pipe(filter((seen) => seen === version)));
    say(`watch → latest ${await viewShows('1.0.0')}`);
    await publish('1.1.0');
    say(`watch → latest ${await viewShows('1.1.0')}`);
    watching.unsubscribe();

    const manifest = await lastValueFrom(client.manifest(`${PACKAGE}@^1`));
    say(`manifest ${PACKAGE}@^1 → ${manifest.version}`);
    const chunks = await lastValueFrom(client.tarball(manifest).pipe(toArray()));
    // The bytes are checked against the manifest's integrity before they are emitted (EINTEGRITY otherwise).
    say(`tarball → ${chunks.reduce((size, chunk) => size + chunk.length, 0)} bytes, checked against its ${manifest.dist?.integrity?.split('-')[0]} integrity`);

    await lastValueFrom(client.get('/no-such-package')).catch((error: HttpError) => say(`a missing package → ${error.code}: ${error.message}`));
  } finally {
    await client.close();
    await registry.close();
    await rm(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
