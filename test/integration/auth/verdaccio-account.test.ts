import { lastValueFrom, toArray } from 'rxjs';
import { RegistryClient, WebLoginUnsupportedError } from '../../../src';
import { startVerdaccio, type LocalRegistry } from '../../../src/verdaccio/start-verdaccio';
import { failureOf } from '../../support/failure-of';
import { FAST_RETRY } from '../../support/fast-retry';
import { tempCache, type TempCache } from '../../support/temp-cache';

/** What Verdaccio has of the account API: the profile, and no web login (so the classic login is the fallback). */
describe('account operations against Verdaccio', () => {
  let registry: LocalRegistry;
  let cache: TempCache;
  const clients: RegistryClient[] = [];
  const client = () => {
    const made = new RegistryClient({ registry: registry.url, cache: cache.path, env: {}, ...FAST_RETRY });
    clients.push(made);
    return made;
  };

  beforeAll(async () => {
    registry = await startVerdaccio();
    cache = await tempCache();
  }, 60_000);

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await registry?.close();
    await cache?.remove();
  });

  it('a web login falls back to the classic one, which creates the account; the profile then names the user', async () => {
    const ada = client();
    const events = await lastValueFrom(ada.loginWeb({ classic: () => Promise.resolve({ username: 'verdaccio-ada', password: 'correct-horse-1', email: 'ada@example.org' }) }).pipe(toArray()));

    expect(events).toEqual([expect.objectContaining({ type: 'logged-in', username: 'verdaccio-ada' })]);
    expect(await lastValueFrom(ada.profile.get())).toMatchObject({ name: 'verdaccio-ada' });
  });

  it('without a fallback, Verdaccio’s missing web login is ENOWEBLOGIN', async () => {
    expect(await failureOf(client().loginWeb())).toBeInstanceOf(WebLoginUnsupportedError);
  });
});
