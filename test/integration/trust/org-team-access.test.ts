import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lastValueFrom } from 'rxjs';
import { RegistryClient } from '../../../src';
import { Cleanup } from '../../support/cleanup';
import { failureOf } from '../../support/failure-of';
import { FAST_RETRY } from '../../support/fast-retry';
import { startOrgRegistry } from '../../support/org-registry';

describe('orgs, teams and access as libnpmorg, libnpmteam and libnpmaccess call them', () => {
  const open = new Cleanup();
  let folder = '';
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'rxnpm-orgs-'));
  });
  afterEach(() => open.closeAll());
  afterAll(() => rm(folder, { recursive: true, force: true }));

  async function world() {
    const registry = open.track(await startOrgRegistry());
    registry.orgs.set('acme', new Map([['ada', 'owner']]));
    registry.packages.set('@acme/widget', { public: false, collaborators: { ada: 'write', grace: 'read' } });
    const client = open.track(new RegistryClient({ registry: registry.url, cache: join(folder, 'cache'), ...FAST_RETRY, [`//${registry.host}/:_authToken`]: 'token' }));
    return { registry, client };
  }

  it('org.set, org.ls and org.rm change and read the roster, with or without the @', async () => {
    const { registry, client } = await world();
    expect(await lastValueFrom(client.org.set('@acme', 'grace'))).toEqual({ org: { name: 'acme', size: 2 }, user: 'grace', role: 'developer' });
    expect(await lastValueFrom(client.org.ls('acme'))).toEqual({ ada: 'owner', grace: 'developer' });
    await lastValueFrom(client.org.rm('acme', '@grace'), { defaultValue: undefined });
    expect(registry.seen).toEqual([
      { line: 'PUT /-/org/acme/user', body: { user: 'grace', role: 'developer' } },
      { line: 'GET /-/org/acme/user', body: undefined },
      { line: 'DELETE /-/org/acme/user', body: { user: 'grace' } },
    ]);
    expect([...registry.orgs.get('acme')!.keys()]).toEqual(['ada']);
  });

  it('org.set refuses an answer that is not a membership', async () => {
    const { registry, client } = await world();
    registry.membershipAnswer = { org: 'acme' };
    expect(await failureOf(client.org.set('acme', 'grace'))).toMatchObject({ code: 'EBADRESPONSE' });
  });

  it('refuses names that are not one path segment before sending', async () => {
    const { registry, client } = await world();
    expect(await failureOf(client.org.ls('../x'))).toMatchObject({ code: 'EUSAGE' });
    expect(await failureOf(client.team.lsUsers('acme'))).toMatchObject({ code: 'EUSAGE' });
    expect(await failureOf(client.org.set('acme', 'grace', 'boss' as never))).toMatchObject({ code: 'EUSAGE' });
    expect(registry.seen).toEqual([]);
  });

  it('team.create, add, lsUsers, ls, rm and destroy', async () => {
    const { registry, client } = await world();
    await lastValueFrom(client.team.create('@acme:devs', 'developers'));
    await lastValueFrom(client.team.add('grace', 'acme:devs'));
    expect(await lastValueFrom(client.team.lsUsers('@acme:devs'))).toEqual(['grace']);
    expect(await lastValueFrom(client.team.ls('acme'))).toEqual(['acme:devs']);
    await lastValueFrom(client.team.rm('grace', 'acme:devs'), { defaultValue: undefined });
    await lastValueFrom(client.team.destroy('acme:devs'), { defaultValue: undefined });
    expect(registry.seen.map((s) => s.line)).toEqual([
      'PUT /-/org/acme/team',
      'PUT /-/team/acme/devs/user',
      'GET /-/team/acme/devs/user?format=cli',
      'GET /-/org/acme/team?format=cli',
      'DELETE /-/team/acme/devs/user',
      'DELETE /-/team/acme/devs',
    ]);
    expect(registry.seen[0].body).toEqual({ name: 'devs', description: 'developers' });
    expect(registry.teams.size).toBe(0);
  });

  it('access.grant and revoke a team, listPackages of a team, an org, and a user when no org has the name', async () => {
    const { registry, client } = await world();
    registry.teams.set('acme:devs', { users: new Set(), packages: new Map() });
    await lastValueFrom(client.access.grant('read-write', 'acme:devs', '@acme/widget'));
    expect(registry.seen.at(-1)).toEqual({ line: 'PUT /-/team/acme/devs/package', body: { package: '@acme/widget', permissions: 'read-write' } });
    expect(await lastValueFrom(client.access.listPackages('@acme:devs'))).toEqual({ '@acme/widget': 'write' });
    await lastValueFrom(client.access.revoke('acme:devs', '@acme/widget'));
    expect(registry.seen.at(-1)).toEqual({ line: 'DELETE /-/team/acme/devs/package', body: { package: '@acme/widget' } });
    expect(await lastValueFrom(client.access.listPackages('acme'))).toEqual({ '@acme/widget': 'write' });
    expect(await lastValueFrom(client.access.listPackages('ada'))).toEqual({ '@ada/own': 'write', shared: 'read' });
    expect(registry.seen.slice(-2).map((s) => s.line)).toEqual(['GET /-/org/ada/package', 'GET /-/user/ada/package']);
  });

  it('access.listCollaborators, get, set and mfa', async () => {
    const { registry, client } = await world();
    expect(await lastValueFrom(client.access.listCollaborators('@acme/widget'))).toEqual({ ada: 'write', grace: 'read' });
    expect(await lastValueFrom(client.access.get('@acme/widget'))).toBe('restricted');
    await lastValueFrom(client.access.set('@acme/widget', 'public'));
    expect(await lastValueFrom(client.access.get('@acme/widget'))).toBe('public');
    await lastValueFrom(client.access.mfa('@acme/widget', 'automation'));
    expect(registry.packages.get('@acme/widget')!.mfa).toEqual({ publish_requires_tfa: true, automation_token_overrides_tfa: true });
    expect(registry.seen.map((s) => s.line)).toContain('POST /-/package/@acme%2fwidget/access');
    expect(await failureOf(client.access.mfa('@acme/widget', 'sometimes' as never))).toMatchObject({ code: 'EUSAGE' });
  });
});
