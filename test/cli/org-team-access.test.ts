import { spawn } from 'node:child_process';
import { tokenLine } from './support/cli-home';
import { useCli } from './support/use-cli';
import { startOrgRegistry } from '../support/org-registry';

/** `rxnpm org`, `team` and `access` against a registry on 127.0.0.1, beside the real npm where it is on PATH. */

jest.setTimeout(60_000);

const cli = useCli({ registry: startOrgRegistry, userconfig: ({ url }) => tokenLine(url, 'org-token') });
const { rxnpm } = cli;

/** The real npm with the same configuration, or undefined when there is none. */
function npm(...args: string[]): Promise<{ code: number | null; stdout: string } | undefined> {
  return new Promise((done) => {
    const child = spawn('npm', [...args, '--registry', cli.registry.url], { cwd: cli.home.cwd, env: cli.home.env({ npm_config_update_notifier: 'false', npm_config_fund: 'false' }) });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.on('error', () => done(undefined));
    child.on('close', (code) => done({ code, stdout }));
  });
}

beforeEach(() => {
  cli.registry.orgs.clear();
  cli.registry.teams.clear();
  cli.registry.packages.clear();
  cli.registry.orgs.set('acme', new Map([['ada', 'owner']]));
  cli.registry.packages.set('@acme/widget', { public: false, collaborators: { grace: 'read', ada: 'write' } });
});

describe('org', () => {
  it('set, ls and rm print what npm prints', async () => {
    const set = await rxnpm('org', 'set', 'acme', 'grace');
    expect(set).toMatchObject({ code: 0, stdout: 'Added grace as developer to acme. You now have 2 members in this org.\n' });
    expect(await rxnpm('org', 'ls', 'acme')).toMatchObject({ code: 0, stdout: 'ada - owner\ngrace - developer\n' });
    const real = await npm('org', 'ls', 'acme');
    if (real) expect(real.stdout).toBe('ada - owner\ngrace - developer\n');
    expect(await rxnpm('org', 'rm', 'acme', 'grace')).toMatchObject({ code: 0, stdout: 'Successfully removed grace from acme. You now have 1 member in this org.\n' });
    expect(JSON.parse((await rxnpm('org', 'ls', 'acme', '--json')).stdout)).toEqual({ ada: 'owner' });
  });

  it('refuses a role npm does not know', async () => {
    const result = await rxnpm('org', 'set', 'acme', 'grace', 'boss');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('(EUSAGE)');
  });
});

describe('team', () => {
  it('create, add, ls and destroy print what npm prints', async () => {
    expect(await rxnpm('team', 'create', 'acme:devs')).toMatchObject({ code: 0, stdout: '+@acme:devs\n' });
    expect(await rxnpm('team', 'add', 'acme:devs', 'grace')).toMatchObject({ code: 0, stdout: 'grace added to @acme:devs\n' });
    expect(await rxnpm('team', 'ls', 'acme:devs')).toMatchObject({ code: 0, stdout: '@acme:devs has 1 user:\ngrace\n' });
    expect(JSON.parse((await rxnpm('team', 'ls', 'acme', '--json')).stdout)).toEqual(['acme:devs']);
    expect(await rxnpm('team', 'rm', 'acme:devs', 'grace')).toMatchObject({ code: 0, stdout: 'grace removed from @acme:devs\n' });
    expect(await rxnpm('team', 'destroy', 'acme:devs')).toMatchObject({ code: 0, stdout: '-@acme:devs\n' });
    expect(cli.registry.teams.size).toBe(0);
  });
});

describe('access', () => {
  it('list collaborators and packages print npm’s permission words, sorted', async () => {
    const collaborators = await rxnpm('access', 'list', 'collaborators', '@acme/widget');
    expect(collaborators).toMatchObject({ code: 0, stdout: 'ada: read-write\ngrace: read-only\n' });
    const real = await npm('access', 'list', 'collaborators', '@acme/widget');
    if (real) expect(real.stdout).toBe(collaborators.stdout);
    expect(await rxnpm('access', 'ls', 'packages', 'acme')).toMatchObject({ code: 0, stdout: '@acme/widget: read-write\n' });
  });

  it('get and set status, set mfa, grant and revoke', async () => {
    expect(await rxnpm('access', 'get', 'status', '@acme/widget')).toMatchObject({ code: 0, stdout: '@acme/widget: private\n' });
    expect(await rxnpm('access', 'set', 'status=public', '@acme/widget')).toMatchObject({ code: 0, stdout: '@acme/widget: public\n' });
    const real = await npm('access', 'get', 'status', '@acme/widget');
    if (real) expect(real.stdout).toBe('@acme/widget: public\n');
    expect(await rxnpm('access', 'set', 'mfa=publish', '@acme/widget')).toMatchObject({ code: 0, stdout: '' });
    expect(cli.registry.packages.get('@acme/widget')!.mfa).toEqual({ publish_requires_tfa: true, automation_token_overrides_tfa: false });
    cli.registry.teams.set('acme:devs', { users: new Set(), packages: new Map() });
    expect(await rxnpm('access', 'grant', 'read-only', 'acme:devs', '@acme/widget')).toMatchObject({ code: 0 });
    expect(cli.registry.teams.get('acme:devs')!.packages.get('@acme/widget')).toBe('read');
    expect(await rxnpm('access', 'revoke', 'acme:devs', '@acme/widget')).toMatchObject({ code: 0 });
    expect(cli.registry.teams.get('acme:devs')!.packages.size).toBe(0);
    expect((await rxnpm('access', 'set', 'status=public', 'unscoped')).stderr).toContain('only available for scoped packages');
  });
});
