import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lockfileVersions } from '../../../src/cli/audit/lockfile-versions';

describe('lockfileVersions', () => {
  let folder = '';
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'rxnpm-lockfile-'));
  });
  afterAll(() => rm(folder, { recursive: true, force: true }));

  const lockfile = async (content: unknown): Promise<string> => {
    const path = join(folder, `${Math.random()}.json`);
    await writeFile(path, JSON.stringify(content));
    return path;
  };

  it('reads lockfileVersion 3 packages with their places, leaving out links and the root', async () => {
    const path = await lockfile({
      lockfileVersion: 3,
      packages: {
        '': { name: 'app', version: '1.0.0' },
        'node_modules/@s/a': { version: '1.0.0' },
        'node_modules/b/node_modules/@s/a': { version: '2.0.0' },
        'node_modules/alias': { name: 'real', version: '3.0.0' },
        'node_modules/linked': { link: true, resolved: 'packages/linked' },
        'node_modules/git': { version: 'git+ssh://example/x.git' },
      },
    });
    const found = await lockfileVersions(path);
    expect(Object.fromEntries([...found].map(([name, versions]) => [name, Object.fromEntries(versions)]))).toEqual({
      '@s/a': { '1.0.0': ['node_modules/@s/a'], '2.0.0': ['node_modules/b/node_modules/@s/a'] },
      real: { '3.0.0': ['node_modules/alias'] },
    });
  });

  it('reads the nested dependencies of lockfileVersion 1', async () => {
    const path = await lockfile({ lockfileVersion: 1, dependencies: { a: { version: '1.0.0', dependencies: { b: { version: '2.0.0' } } } } });
    const found = await lockfileVersions(path);
    expect(found.get('b')?.get('2.0.0')).toEqual(['node_modules/a/node_modules/b']);
  });

  it('a missing file is ENOENT, one that is not JSON EUSAGE', async () => {
    await expect(lockfileVersions(join(folder, 'nope.json'))).rejects.toMatchObject({ code: 'ENOENT' });
    const broken = join(folder, 'broken.json');
    await writeFile(broken, '{');
    await expect(lockfileVersions(broken)).rejects.toMatchObject({ code: 'EUSAGE' });
  });
});
