import { npmConfigModule } from '../../../src/cli/config/npm-config-module';
import { bothTools } from './support/both-tools';
import { npmPath } from './support/npm';

/**
 * A sweep over npm's own definitions (those of the npm compared with):
 * every key, given as `--key=value` with a value of its type, is accepted by
 * rxnpm as by npm, with the same exit code and stdout. Keys go in groups, so
 * that the sweep is a few command lines; a group never holds two keys npm
 * declares exclusive of each other.
 */

jest.setTimeout(300_000);

/** The keys the test itself sets, to point both tools at the loopback registry and the test's files. */
const SET_BY_THE_TEST = new Set(['registry', 'cache', 'userconfig', 'globalconfig']);
const GROUP_SIZE = 40;

interface Definition {
  readonly key: string;
  readonly type: unknown;
  readonly default: unknown;
  readonly exclusive: readonly string[];
}

function definitionOf(key: string, value: unknown): Definition {
  const field = (name: string): unknown => (typeof value === 'object' && value !== null ? Reflect.get(value, name) : undefined);
  const exclusive = field('exclusive');
  return { key, type: field('type'), default: field('default'), exclusive: Array.isArray(exclusive) ? exclusive.map(String) : [] };
}

/** A value of the key's type, as typed on a command line: its default where it has one, else the first its type allows. */
function valueOf({ type, default: given }: Definition): string {
  if (typeof given === 'boolean' || typeof given === 'number') return String(given);
  if (typeof given === 'string' && given !== '') return given;
  if (Array.isArray(given) && typeof given[0] === 'string') return given[0];
  const types: unknown[] = Array.isArray(type) ? type : [type];
  if (types.includes(null)) return 'null';
  if (types.includes(Boolean)) return 'false';
  const choice = types.find((one) => typeof one === 'string');
  return typeof choice === 'string' ? choice : '';
}

const isBoolean = ({ type }: Definition): boolean => type === Boolean || (Array.isArray(type) && type.includes(Boolean));

/** Splits the flags into groups of at most GROUP_SIZE with no two exclusive keys together. */
function groups(definitions: readonly Definition[], flag: (definition: Definition) => string): string[][] {
  const made: Array<{ keys: Set<string>; flags: string[] }> = [];
  for (const definition of definitions) {
    const fits = made.find((group) => group.flags.length < GROUP_SIZE && !definition.exclusive.some((other) => group.keys.has(other)));
    const group = fits ?? { keys: new Set<string>(), flags: [] };
    if (!fits) made.push(group);
    group.keys.add(definition.key);
    group.flags.push(flag(definition));
  }
  return made.map((group) => group.flags);
}

const tools = bothTools();
let definitions: Definition[];

beforeAll(async () => {
  const npm = await npmConfigModule(npmPath());
  definitions = Object.entries(npm.definitions)
    .map(([key, value]) => definitionOf(key, value))
    .filter(({ key }) => !SET_BY_THE_TEST.has(key));
});

async function expectSameAsNpm(flags: readonly string[]): Promise<void> {
  const args = ['view', 'owned-pkg', 'version', ...flags];
  const [ours, theirs] = await Promise.all([tools.rxnpm(args), tools.npm(args)]);
  // npm exits with a failure's errno (235 for EISDIR); rxnpm's failures all exit 1, so a failure matches a failure.
  const ended = ({ code, stdout }: { code: number | null; stdout: string }) => ({ flags, succeeded: code === 0, stdout });
  expect(ended(ours)).toEqual(ended(theirs));
  expect(ours.stderr).not.toMatch(/unknown option|Unknown cli config/);
}

describe("every key of npm's definitions", () => {
  it('is accepted as --key=value with a value of its type', async () => {
    expect(definitions.length).toBeGreaterThan(100);
    for (const flags of groups(definitions, (definition) => `--${definition.key}=${valueOf(definition)}`)) await expectSameAsNpm(flags);
  });

  it('is accepted as --no-key when it is a boolean', async () => {
    for (const flags of groups(definitions.filter(isBoolean), ({ key }) => `--no-${key}`)) await expectSameAsNpm(flags);
  });
});
