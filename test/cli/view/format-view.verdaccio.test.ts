import { lastValueFrom } from 'rxjs';
import { RegistryClient, type PackageData } from '../../../src';
import { formatView, ViewError, type ViewOptions } from '../../../src/cli/view/format-view';
import { startVerdaccio, type LocalRegistry } from '../../../src/verdaccio/start-verdaccio';
import { packTarball } from '../../integration/operations/fixtures';
import { tempCache, type TempCache } from '../../support/temp-cache';
import { expectSameStdout, realNpm, type NpmViewResult, type RealNpm } from './support/real-npm-view';
import { thrownBy } from './support/thrown-by';

// Each case spawns the real npm (bounded by its own timeout) once or a few times.
jest.setTimeout(120_000);

/**
 * `formatView` against the real npm CLI: packages are published to a local
 * Verdaccio through rxnpm's client, then for each case `npm view` runs against
 * that Verdaccio (no TTY, NO_COLOR=1) and its stdout is compared with
 * `formatView` of the packument rxnpm fetches from the same Verdaccio.
 */
describe('formatView prints what npm view prints (against Verdaccio)', () => {
  const NAME = 'rxnpm-view-demo';
  const SCOPED = '@rxnpm-view/scoped';
  const USER = 'view-tester';

  let registry: LocalRegistry;
  let cache: TempCache;
  let client: RegistryClient;
  let npm: RealNpm;

  /** The full packument, as the CLI would get it, and its length in bytes (npm's `_contentLength`). */
  async function packument(name: string): Promise<{ data: unknown; contentLength: number }> {
    const res = await lastValueFrom(client.get<unknown>(`/${name.replace('/', '%2f')}`, { preferOnline: true }));
    return { data: res.data, contentLength: Buffer.byteLength(res.raw) };
  }

  /** Splits `npm view` arguments the way the CLI hands them to `formatView`. */
  function specOf(spec: string): { name: string; wanted: string } {
    const at = spec.indexOf('@', 1);
    return at === -1 ? { name: spec, wanted: '' } : { name: spec.slice(0, at), wanted: spec.slice(at + 1) };
  }

  /** Runs `npm view spec fields… [--json]` and returns its result with formatView's output for any clock. */
  async function both(spec: string, fields: string[], options: Partial<ViewOptions> = {}) {
    const json = options.json ?? false;
    const result = await npm.view([spec, ...fields, ...(json ? ['--json'] : [])]);
    const { name, wanted } = specOf(spec);
    const { data, contentLength } = await packument(name);
    const ours = (now: Date) => formatView(data, wanted, fields, { json, color: false, now, contentLength, ...options });
    return { result, ours };
  }

  async function expectSameText(spec: string, fields: string[]): Promise<NpmViewResult> {
    const { result, ours } = await both(spec, fields);
    expect(result.code).toBe(0);
    expectSameStdout(result, ours);
    return result;
  }

  async function expectSameJson(spec: string, fields: string[]): Promise<unknown> {
    const { result, ours } = await both(spec, fields, { json: true });
    expect(result.code).toBe(0);
    const theirs: unknown = JSON.parse(result.stdout);
    const mine: unknown = JSON.parse(ours(result.endedAt));
    if (theirs && typeof theirs === 'object' && !Array.isArray(theirs)) {
      // Field by field first, so a difference names its field.
      const keys = Object.keys(theirs);
      expect(Object.keys(mine as object).sort()).toEqual([...keys].sort());
      for (const key of keys) expect([key, (mine as Record<string, unknown>)[key]]).toEqual([key, (theirs as Record<string, unknown>)[key]]);
    }
    expect(mine).toEqual(theirs);
    // The text too: the same JSON, indented the same way, with the same final line break.
    expect(ours(result.endedAt)).toBe(result.stdout);
    return theirs;
  }

  const DEPENDENCIES = { rxjs: '^7.8.0', semver: '^7.0.0' };
  const manyDependencies = Object.fromEntries(Array.from({ length: 26 }, (_, i) => [`dep-${String(i).padStart(2, '0')}`, `^${i}.0.0`]));

  function packageJson(version: string, extra: Record<string, unknown> = {}) {
    return {
      name: NAME,
      version,
      description: 'A package to look at with npm view',
      homepage: 'http://127.0.0.1/rxnpm-view-demo#readme',
      keywords: ['rxjs', 'npm', 'view'],
      license: 'MIT',
      author: { name: 'Ada Lovelace', email: 'ada@example.test', url: 'http://127.0.0.1/ada' },
      maintainers: [{ name: USER, email: `${USER}@example.test` }],
      contributors: [],
      bin: { 'view-demo': 'bin/cli.js' },
      repository: { type: 'git', url: 'git+http://127.0.0.1/rxnpm-view-demo.git' },
      dependencies: DEPENDENCIES,
      ...extra,
    };
  }

  async function publish(data: PackageData, tag?: string) {
    const tarball = packTarball({ 'package.json': JSON.stringify(data), 'index.js': `module.exports = '${data.version}';\n` });
    await lastValueFrom(client.publish(data, tarball, tag === undefined ? undefined : { tag }));
  }

  beforeAll(async () => {
    registry = await startVerdaccio();
    cache = await tempCache();
    client = new RegistryClient({ registry: registry.url, cache: cache.path, 'fetch-retries': 0 });
    npm = await realNpm(registry.url);
    await lastValueFrom(client.adduser(USER, 'a-long-enough-password', `${USER}@example.test`));

    await publish(packageJson('1.0.0', { dist: { unpackedSize: 1234 } }));
    await publish(packageJson('1.1.0', { dist: { unpackedSize: 2_345_678 } }));
    await publish(packageJson('1.2.0', { description: 'The latest one', dependencies: { ...DEPENDENCIES, tslib: '^2.0.0' } }));
    await publish(packageJson('2.0.0-beta.1'), 'beta');
    await publish(packageJson('2.0.0', { dependencies: manyDependencies, license: { type: 'Apache-2.0' } }), 'next');
    await lastValueFrom(client.tag(NAME, '1.0.0', 'old'));
    await lastValueFrom(client.deprecate(NAME, '1.1.0', 'use 1.2.0 instead'));

    await publish({ name: SCOPED, version: '0.1.0', description: 'A scoped package with no dependencies' });
    await publish({ name: SCOPED, version: '0.2.0', description: 'A scoped package with no dependencies', license: 'UNLICENSED' });
  }, 120_000);

  afterAll(async () => {
    await client?.close();
    await registry?.close();
    await cache?.remove();
    await npm?.close();
  });

  describe('the summary (no fields)', () => {
    it('of a package: its latest version, dist block, dependencies, dist-tags newest first and "published … ago"', async () => {
      const result = await expectSameText(NAME, []);
      expect(result.stdout).toContain(`\n${NAME}@1.2.0 | MIT | deps: 3 | versions: 5\nThe latest one\n`);
      expect(result.stdout).toMatch(/\ndist-tags:\nlatest: 1\.2\.0\nnext: 2\.0\.0\nbeta: 2\.0\.0-beta\.1\nold: 1\.0\.0\n\npublished .+\n$/);
    });

    it('of name@1.0.0: that version, with its unpacked size', async () => {
      const result = await expectSameText(`${NAME}@1.0.0`, []);
      expect(result.stdout).toContain(`${NAME}@1.0.0 |`);
      expect(result.stdout).toContain('.unpackedSize: 1.2 kB\n');
    });

    it('of a deprecated version: the DEPRECATED line (ASCII without a UTF-8 locale)', async () => {
      const result = await expectSameText(`${NAME}@1.1.0`, []);
      expect(result.stdout).toContain('\nDEPRECATED!! - use 1.2.0 instead\n');
    });

    it('of a dist-tag: the version it points at, with more than 24 dependencies cut short', async () => {
      const result = await expectSameText(`${NAME}@next`, []);
      expect(result.stdout).toContain(`${NAME}@2.0.0 | Apache-2.0 | deps: 26 | versions: 5`);
      expect(result.stdout).toContain('\n(...and 2 more.)\n');
    });

    it('of a range: one summary per matching version (npm does not pick the highest)', async () => {
      const result = await expectSameText(`${NAME}@^1`, []);
      expect(result.stdout.match(/^rxnpm-view-demo@1\.\d\.0 \|/gm)).toEqual([`${NAME}@1.0.0 |`, `${NAME}@1.1.0 |`, `${NAME}@1.2.0 |`]);
    });

    it('of a scoped package with no dependencies and a proprietary license', async () => {
      const result = await expectSameText(SCOPED, []);
      expect(result.stdout).toContain(`${SCOPED}@0.2.0 | UNLICENSED | deps: none | versions: 2`);
    });
  });

  describe('fields', () => {
    it('version: the bare value', async () => {
      const result = await expectSameText(NAME, ['version']);
      expect(result.stdout).toBe('1.2.0\n');
    });

    it('versions: every version, sorted, as util.inspect prints an array', async () => {
      const result = await expectSameText(NAME, ['versions']);
      expect(result.stdout).toBe("[ '1.0.0', '1.1.0', '1.2.0', '2.0.0-beta.1', '2.0.0' ]\n");
    });

    it('dist-tags: the object', async () => {
      await expectSameText(NAME, ['dist-tags']);
    });

    it('dist.tarball: a dotted path', async () => {
      const result = await expectSameText(NAME, ['dist.tarball']);
      expect(result.stdout).toBe(`${registry.url}${NAME}/-/${NAME}-1.2.0.tgz\n`);
    });

    it('name@^1 version: one line per matching version, keyed name@version', async () => {
      const result = await expectSameText(`${NAME}@^1`, ['version']);
      expect(result.stdout).toBe(`${NAME}@1.0.0 '1.0.0'\n${NAME}@1.1.0 '1.1.0'\n${NAME}@1.2.0 '1.2.0'\n`);
    });

    it('description keywords: several fields, labelled "field = "', async () => {
      const result = await expectSameText(NAME, ['description', 'keywords']);
      expect(result.stdout).toBe("description = 'The latest one'\nkeywords = [ 'rxjs', 'npm', 'view' ]\n");
    });

    it('several fields of several versions', async () => {
      await expectSameText(`${NAME}@^1`, ['dist.tarball', 'author', 'deprecated']);
    });

    it('people print as "name <email> (url)"', async () => {
      await expectSameText(NAME, ['author']);
      await expectSameText(NAME, ['maintainers']);
    });

    it('a name after an array spreads over its items (maintainers.name)', async () => {
      await expectSameText(NAME, ['maintainers.name']);
    });

    it('brackets name a property whole: time[1.0.0], and an index: keywords[1]', async () => {
      await expectSameText(NAME, ['time[1.0.0]', 'keywords[1]']);
    });

    it('an empty array prints as undefined (npm unwraps arrays of one item or none)', async () => {
      const result = await expectSameText(NAME, ['contributors']);
      expect(result.stdout).toBe('undefined\n');
    });

    it('a missing field prints nothing, and npm exits 0', async () => {
      const result = await expectSameText(NAME, ['no-such-field']);
      expect(result.stdout).toBe('');
    });

    it('a field of a scoped package', async () => {
      await expectSameText(`${SCOPED}@0.1.0`, ['description', 'dist.shasum']);
    });
  });

  describe('--json', () => {
    it('with no field: the whole document of the version (packument fields overlaid with the version)', async () => {
      const doc = (await expectSameJson(NAME, [])) as Record<string, unknown>;
      expect(doc).toMatchObject({ name: NAME, version: '1.2.0', versions: ['1.0.0', '1.1.0', '1.2.0', '2.0.0-beta.1', '2.0.0'], author: 'Ada Lovelace <ada@example.test> (http://127.0.0.1/ada)' });
    });

    it('with one field: its value', async () => {
      expect(await expectSameJson(NAME, ['version'])).toBe('1.2.0');
      expect(await expectSameJson(NAME, ['contributors'])).toEqual([]);
    });

    it('with several fields: an object of them', async () => {
      expect(await expectSameJson(NAME, ['name', 'version', 'dist-tags.latest'])).toEqual({ name: NAME, version: '1.2.0', 'dist-tags.latest': '1.2.0' });
    });

    it('with a range: a list, of values for one field, of objects for several or none', async () => {
      expect(await expectSameJson(`${NAME}@^1`, ['version'])).toEqual(['1.0.0', '1.1.0', '1.2.0']);
      expect(await expectSameJson(`${NAME}@^1`, ['name', 'version'])).toEqual([
        { name: NAME, version: '1.0.0' },
        { name: NAME, version: '1.1.0' },
        { name: NAME, version: '1.2.0' },
      ]);
      // npm's quirk: it looks at the first version only, which has one of the two fields, and so unwraps every version to that field.
      expect(await expectSameJson(`${NAME}@^1`, ['version', 'deprecated'])).toEqual(['1.0.0', '1.1.0', '1.2.0']);
      const docs = await expectSameJson(`${NAME}@^1`, []);
      expect(Array.isArray(docs) && docs.length).toBe(3);
    });

    it('of a scoped package', async () => {
      await expectSameJson(SCOPED, []);
      await expectSameJson(`${SCOPED}@0.1.0`, ['name', 'version', 'dist']);
    });

    it('of a missing field: npm prints nothing and exits 0', async () => {
      const { result, ours } = await both(NAME, ['no-such-field'], { json: true });
      expect(result.code).toBe(0);
      expect(result.stdout).toBe('');
      expect(ours(result.endedAt)).toBe('');
    });
  });

  describe('a version that does not exist', () => {
    it('npm prints nothing on stdout, E404 "No match found for version 9" on stderr, and exits 1; formatView throws that ViewError', async () => {
      const { result, ours } = await both(`${NAME}@9`, []);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain('npm error code E404');
      expect(result.stderr).toContain('npm error 404 No match found for version 9');
      expect(result.stderr).toContain(`'${NAME}@9'`);

      const error = thrownBy(() => ours(result.endedAt));
      expect(error).toBeInstanceOf(ViewError);
      expect(error).toMatchObject({ code: 'E404', statusCode: 404, message: 'No match found for version 9', pkgid: `${NAME}@9` });
    });

    it('with --json npm prints the error as JSON on stdout and exits 1; formatView throws the same ViewError for fields too', async () => {
      const { result, ours } = await both(`${NAME}@nope`, ['version'], { json: true });
      expect(result.code).toBe(1);
      expect(JSON.parse(result.stdout)).toMatchObject({ error: { code: 'E404', summary: 'No match found for version nope' } });
      expect(() => ours(result.endedAt)).toThrow(new ViewError('E404', 'No match found for version nope'));
    });
  });
});
