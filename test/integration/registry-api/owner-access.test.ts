import { lastValueFrom } from 'rxjs';
import { HttpError, UsageError } from '../../../src';
import { failureOf } from '../../support/failure-of';
import { bodyOf, lines, registryApiEnv } from './fixtures';

const ADA = { name: 'ada', email: 'ada@example.org' };
const GRACE = { name: 'grace', email: 'grace@example.org' };

describe('owner against a registry that stores maintainers and checks revisions', () => {
  const env = registryApiEnv();

  async function world(maintainers = [ADA], name = 'left-pad') {
    const registry = await env.registry();
    const token = registry.addUser(ADA.name, ADA.email);
    registry.addUser(GRACE.name, GRACE.email);
    const doc = registry.addPackage({ name, versions: ['1.0.0'], maintainers });
    return { registry, client: env.client(registry, token), rev: doc._rev };
  }

  it('owner.add looks the user up for their e-mail, then PUTs the maintainers under the revision it read', async () => {
    const { registry, client, rev } = await world();

    const res = await lastValueFrom(client.owner.add('left-pad', 'grace'));

    expect(res).toMatchObject({ statusCode: 201 });
    expect(lines(registry.requests)).toEqual([
      'GET /-/user/org.couchdb.user:grace',
      'GET /left-pad?write=true',
      `PUT /left-pad/-rev/${rev}`,
    ]);
    expect(bodyOf(registry.requests[2])).toEqual({ _id: 'left-pad', _rev: rev, maintainers: [ADA, GRACE] });
    expect(registry.packument('left-pad')!.maintainers).toEqual([ADA, GRACE]);
  });

  it('owner.add works on a scoped package, escaped as one path segment', async () => {
    const { registry, client, rev } = await world([ADA], '@acme/widget');

    await lastValueFrom(client.owner.add('@acme/widget', 'grace'));

    expect(lines(registry.writes())).toEqual([`PUT /@acme%2fwidget/-rev/${rev}`]);
    expect(registry.packument('@acme/widget')!.maintainers).toEqual([ADA, GRACE]);
  });

  it('owner.add reads the revision afresh each time: a second add after the first bumped it still lands', async () => {
    const { registry, client } = await world();
    registry.addUser('linus', 'linus@example.org');

    await lastValueFrom(client.owner.add('left-pad', 'grace'));
    const revAfterFirst = registry.packument('left-pad')!._rev;
    await lastValueFrom(client.owner.add('left-pad', 'linus'));

    expect(lines(registry.writes())[1]).toBe(`PUT /left-pad/-rev/${revAfterFirst}`);
    expect(registry.packument('left-pad')!.maintainers.map((m) => m.name)).toEqual(['ada', 'grace', 'linus']);
  });

  it('adding an existing owner sends no write and emits the owners as they are', async () => {
    const { registry, client } = await world([ADA, GRACE]);

    const result = await lastValueFrom(client.owner.add('left-pad', 'grace'));

    expect(result).toEqual([ADA, GRACE]);
    expect(registry.writes()).toEqual([]);
    expect(registry.requests).toHaveLength(2);
  });

  it('adding a user the registry does not know fails with its 404 and writes nothing', async () => {
    const { registry, client } = await world();

    const error = await failureOf(client.owner.add('left-pad', 'nobody'));

    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ code: 'E404' });
    expect(registry.writes()).toEqual([]);
    expect(registry.packument('left-pad')!.maintainers).toEqual([ADA]);
  });

  it('owner.rm PUTs the maintainers without the user under the current revision', async () => {
    const { registry, client, rev } = await world([ADA, GRACE]);

    await lastValueFrom(client.owner.rm('left-pad', 'grace'));

    expect(lines(registry.requests)).toEqual(['GET /left-pad?write=true', `PUT /left-pad/-rev/${rev}`]);
    expect(bodyOf(registry.requests[1])).toEqual({ _id: 'left-pad', _rev: rev, maintainers: [ADA] });
    expect(registry.packument('left-pad')!.maintainers).toEqual([ADA]);
  });

  it('removing someone who is not an owner sends no write', async () => {
    const { registry, client } = await world([ADA]);

    const result = await lastValueFrom(client.owner.rm('left-pad', 'grace'));

    expect(result).toEqual([ADA]);
    expect(registry.writes()).toEqual([]);
  });

  it('removing the last owner is a UsageError before any write', async () => {
    const { registry, client } = await world([ADA]);

    const error = await failureOf(client.owner.rm('left-pad', 'ada'));

    expect(error).toBeInstanceOf(UsageError);
    expect(error).toMatchObject({ code: 'EUSAGE' });
    expect(registry.writes()).toEqual([]);
    expect(registry.packument('left-pad')!.maintainers).toEqual([ADA]);
  });

  it('owner.ls lists the maintainers with their e-mails, read past the cache', async () => {
    const { registry, client } = await world([ADA, GRACE]);

    expect(await lastValueFrom(client.owner.ls('left-pad'))).toEqual([ADA, GRACE]);
    await lastValueFrom(client.owner.rm('left-pad', 'grace'));
    expect(await lastValueFrom(client.owner.ls('left-pad'))).toEqual([ADA]);
    expect(lines(registry.requests).filter((l) => l.startsWith('GET'))).toEqual(['GET /left-pad?write=true', 'GET /left-pad?write=true', 'GET /left-pad?write=true']);
  });

  it.each([
    ['a user name with a slash', 'a/b'],
    ['an empty user name', ''],
  ])('%s is a UsageError and nothing is sent', async (_what, user) => {
    const { registry, client } = await world();

    expect(await failureOf(client.owner.add('left-pad', user))).toBeInstanceOf(UsageError);
    expect(await failureOf(client.owner.rm('left-pad', user))).toBeInstanceOf(UsageError);
    expect(registry.requests).toEqual([]);
  });
});

describe('access against a registry that supports it', () => {
  const env = registryApiEnv();

  async function world() {
    const registry = await env.registry();
    const token = registry.addUser(ADA.name, ADA.email);
    registry.addPackage({ name: '@acme/widget', versions: ['1.0.0'], maintainers: [ADA] });
    registry.addPackage({ name: 'left-pad', versions: ['1.0.0'], maintainers: [ADA] });
    return { registry, client: env.client(registry, token) };
  }

  it.each([
    ['public', 'public'],
    ['restricted', 'restricted'],
  ] as const)('access.%s on a scoped package POSTs { access: %j }', async (method, access) => {
    const { registry, client } = await world();

    const res = await lastValueFrom(client.access[method]('@acme/widget'));

    expect(res.statusCode).toBe(200);
    expect(lines(registry.requests)).toEqual(['POST /-/package/@acme%2fwidget/access']);
    expect(registry.requests[0].headers['content-type']).toBe('application/json');
    expect(bodyOf(registry.requests[0])).toEqual({ access });
    expect(registry.access('@acme/widget')).toBe(access);
  });

  it('access.public on an unscoped package is allowed', async () => {
    const { registry, client } = await world();

    await lastValueFrom(client.access.public('left-pad'));

    expect(bodyOf(registry.requests[0])).toEqual({ access: 'public' });
    expect(registry.access('left-pad')).toBe('public');
  });

  it('access.restricted on an unscoped package is a UsageError and nothing is sent', async () => {
    const { registry, client } = await world();

    const error = await failureOf(client.access.restricted('left-pad'));

    expect(error).toBeInstanceOf(UsageError);
    expect(error).toMatchObject({ code: 'EUSAGE' });
    expect(registry.requests).toEqual([]);
    expect(registry.access('left-pad')).toBeUndefined();
  });

  it.each(['../x', '%2e%2e', 'Has Space'])('access on the invalid name %j is a UsageError and nothing is sent', async (name) => {
    const { registry, client } = await world();

    expect(await failureOf(client.access.public(name))).toBeInstanceOf(UsageError);
    expect(registry.requests).toEqual([]);
  });
});
