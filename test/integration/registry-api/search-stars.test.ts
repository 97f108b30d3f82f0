import { lastValueFrom } from 'rxjs';
import { UsageError } from '../../../src';
import { failureOf } from '../../support/failure-of';
import type { NpmApiRegistry } from '../../support/npm-api-registry';
import { bodyOf, lines, registryApiEnv } from './fixtures';

const ADA = { name: 'ada', email: 'ada@example.org' };

describe('search against the v1 search endpoint', () => {
  const env = registryApiEnv();

  async function world(): Promise<NpmApiRegistry> {
    const registry = await env.registry();
    for (const name of ['pad-a', 'pad-b', 'pad-c', 'pad-d', 'pad-e']) registry.addPackage({ name, versions: ['1.0.0'], maintainers: [ADA], description: `padding ${name}` });
    registry.addPackage({ name: 'unrelated', versions: ['2.0.0'], maintainers: [ADA], description: 'something else' });
    return registry;
  }

  it('passes text, size and from, and emits the page of objects with the total', async () => {
    const registry = await world();

    const results = await lastValueFrom(env.client(registry).search('pad', { size: 2, from: 1 }));

    expect(lines(registry.requests)).toEqual(['GET /-/v1/search?text=pad&size=2&from=1']);
    expect(results.objects.map((o) => o.package.name)).toEqual(['pad-b', 'pad-c']);
    expect(results.objects[0].package).toMatchObject({ version: '1.0.0', description: 'padding pad-b' });
    expect(results.total).toBe(5);
  });

  it('pages through every match with from', async () => {
    const registry = await world();
    const client = env.client(registry);

    const pages = [];
    for (const from of [0, 2, 4]) pages.push(await lastValueFrom(client.search('pad', { size: 2, from })));

    expect(pages.map((p) => p.objects.map((o) => o.package.name))).toEqual([['pad-a', 'pad-b'], ['pad-c', 'pad-d'], ['pad-e']]);
    expect(pages.map((p) => p.total)).toEqual([5, 5, 5]);
  });

  it('sends size 20 and from 0 by default, and text with spaces encoded', async () => {
    const registry = await world();

    const results = await lastValueFrom(env.client(registry).search('something else'));

    expect(lines(registry.requests)).toEqual(['GET /-/v1/search?text=something+else&size=20&from=0']);
    expect(results.objects.map((o) => o.package.name)).toEqual(['unrelated']);
    expect(results.total).toBe(1);
  });

  it('accepts the largest page the registry allows, 250', async () => {
    const registry = await world();

    const results = await lastValueFrom(env.client(registry).search('pad', { size: 250 }));

    expect(registry.requests[0].url).toBe('/-/v1/search?text=pad&size=250&from=0');
    expect(results.objects).toHaveLength(5);
  });

  it.each([
    ['size 0', { size: 0 }],
    ['size 251', { size: 251 }],
    ['size 2.5', { size: 2.5 }],
    ['from -1', { from: -1 }],
  ])('%s is a UsageError and nothing is sent', async (_what, options) => {
    const registry = await world();

    const error = await failureOf(env.client(registry).search('pad', options));

    expect(error).toBeInstanceOf(UsageError);
    expect(error).toMatchObject({ code: 'EUSAGE' });
    expect(registry.requests).toEqual([]);
  });

  it('empty text is a UsageError and nothing is sent', async () => {
    const registry = await world();

    expect(await failureOf(env.client(registry).search('  '))).toBeInstanceOf(UsageError);
    expect(registry.requests).toEqual([]);
  });
});

describe('stars against the starredByUser view', () => {
  const env = registryApiEnv();

  it('stars(username) asks the view for the quoted key and emits the package names of its rows', async () => {
    const registry = await env.registry();
    registry.addPackage({ name: 'left-pad', versions: ['1.0.0'], maintainers: [ADA], users: { grace: true } });
    registry.addPackage({ name: '@acme/widget', versions: ['1.0.0'], maintainers: [ADA], users: { grace: true, ada: true } });
    registry.addPackage({ name: 'unloved', versions: ['1.0.0'], maintainers: [ADA], users: { ada: true } });

    const names = await lastValueFrom(env.client(registry).stars('grace'));

    expect(lines(registry.requests)).toEqual(['GET /-/_view/starredByUser?key=%22grace%22']);
    expect(names).toEqual(['left-pad', '@acme/widget']);
  });

  it('a user who starred nothing gets an empty list', async () => {
    const registry = await env.registry();
    registry.addPackage({ name: 'left-pad', versions: ['1.0.0'], maintainers: [ADA] });

    expect(await lastValueFrom(env.client(registry).stars('nobody'))).toEqual([]);
  });

  it('star then stars: the PUT carries the revision and the user, and the view lists it; unstar removes it', async () => {
    const registry = await env.registry();
    const token = registry.addUser('grace', 'grace@example.org');
    const { _rev: rev } = registry.addPackage({ name: 'left-pad', versions: ['1.0.0'], maintainers: [ADA], users: { linus: true } });
    const client = env.client(registry, token);

    await lastValueFrom(client.star('left-pad', true));
    const starred = await lastValueFrom(client.stars('grace'));
    await lastValueFrom(client.star('left-pad', false));
    const after = await lastValueFrom(client.stars('grace'));

    expect(lines(registry.requests).slice(0, 3)).toEqual(['GET /-/whoami', 'GET /left-pad?write=true', 'PUT /left-pad']);
    expect(bodyOf(registry.requests[2])).toEqual({ _id: 'left-pad', _rev: rev, users: { linus: true, grace: true } });
    expect(starred).toEqual(['left-pad']);
    expect(after).toEqual([]);
    expect(registry.packument('left-pad')!.users).toEqual({ linus: true });
  });

  it('star without a login is ENEEDAUTH and writes nothing', async () => {
    const registry = await env.registry();
    registry.addPackage({ name: 'left-pad', versions: ['1.0.0'], maintainers: [ADA] });

    const error = await failureOf(env.client(registry).star('left-pad', true));

    expect(error).toMatchObject({ code: 'ENEEDAUTH' });
    expect(lines(registry.requests)).toEqual(['GET /-/whoami']);
  });

  it('an empty user name is a UsageError and nothing is sent', async () => {
    const registry = await env.registry();

    expect(await failureOf(env.client(registry).stars(''))).toBeInstanceOf(UsageError);
    expect(registry.requests).toEqual([]);
  });
});
