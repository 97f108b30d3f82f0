import { useCli } from './support/use-cli';
import { tokenLine } from './support/cli-home';
import { runCli, type CliResult } from './support/run-cli';
import { runNpm } from './flags/support/npm';
import { startOrgRegistry } from '../support/org-registry';

/** `rxnpm team ls` prints byte for byte what npm 11's `npm team ls` prints for the same registry answers, in each of npm's forms. */

jest.setTimeout(120_000);

const cli = useCli({ registry: startOrgRegistry, userconfig: ({ url }) => tokenLine(url, 'org-token') });

const env = () => cli.home.env({ npm_config_update_notifier: 'false' });
const both = async (args: string[]): Promise<{ rxnpm: CliResult; npm: CliResult }> => {
  const full = [...args, ...cli.home.flags(cli.registry.url)];
  const [rxnpm, npm] = await Promise.all([runCli(full, { cwd: cli.home.cwd, env: env() }), runNpm(full, { cwd: cli.home.cwd, env: env(), timeoutMs: 60_000 })]);
  return { rxnpm, npm };
};

beforeAll(() => {
  cli.registry.orgs.set('acme', new Map([['ada', 'owner']]));
  // Out of order on purpose: both tools sort what the registry lists.
  cli.registry.teams.set('acme:devs', { users: new Set(['grace', 'ada']), packages: new Map() });
  cli.registry.teams.set('acme:admins', { users: new Set(['ada']), packages: new Map() });
  cli.registry.teams.set('acme:empty', { users: new Set(), packages: new Map() });
});

describe.each([
  ['an org', 'acme', '@acme has 3 teams:\n@acme:admins\n@acme:devs\n@acme:empty\n'],
  ['a team of two', '@acme:devs', '@acme:devs has 2 users:\nada\ngrace\n'],
  ['a team of one', 'acme:admins', '@acme:admins has 1 user:\nada\n'],
  ['an empty team', 'acme:empty', '@acme:empty has 0 users\n'],
])('team ls %s', (_what, entity, words) => {
  it('prints the count line and the names, as npm', async () => {
    const { rxnpm, npm } = await both(['team', 'ls', entity]);
    expect(npm).toMatchObject({ code: 0, stdout: words });
    expect(rxnpm).toMatchObject({ code: 0, stdout: npm.stdout });
  });

  it('--parseable prints the names alone, as npm', async () => {
    const { rxnpm, npm } = await both(['team', 'ls', entity, '--parseable']);
    expect(npm.code).toBe(0);
    expect(rxnpm).toMatchObject({ code: 0, stdout: npm.stdout });
    expect(rxnpm.stdout).not.toContain(' has ');
  });

  it('--json prints the sorted array, as npm', async () => {
    const { rxnpm, npm } = await both(['team', 'ls', entity, '--json']);
    expect(npm.code).toBe(0);
    expect(rxnpm).toMatchObject({ code: 0, stdout: npm.stdout });
    expect(Array.isArray(JSON.parse(rxnpm.stdout))).toBe(true);
  });

  it('--loglevel silent prints nothing, as npm', async () => {
    const { rxnpm, npm } = await both(['team', 'ls', entity, '--loglevel', 'silent']);
    expect(npm).toMatchObject({ code: 0, stdout: '' });
    expect(rxnpm).toMatchObject({ code: 0, stdout: '' });
  });
});

describe('team changes with --parseable', () => {
  it('print the tab-separated words npm prints', async () => {
    const create = await both(['team', 'create', 'acme:new', '--parseable']);
    expect(create.npm.stdout).toBe('acme:new\tcreated\n');
    const add = await both(['team', 'add', 'acme:new', 'grace', '--parseable']);
    expect(add.npm.stdout).toBe('grace\tacme:new\tadded\n');
    expect([create.rxnpm.stdout, add.rxnpm.stdout]).toEqual([create.npm.stdout, add.npm.stdout]);
  });
});
