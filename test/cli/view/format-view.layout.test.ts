import { formatView, ViewError, type ViewOptions } from '../../../src/cli/view/format-view';
import { sendJson, startServer, type TestServer } from '../../support/start-server';
import { expectSameStdout, realNpm, type RealNpm } from './support/real-npm-view';
import { thrownBy } from './support/thrown-by';

// Each case spawns the real npm (bounded by its own timeout) once or a few times.
jest.setTimeout(120_000);

/**
 * The corners of npm's `view` layout that a Verdaccio publish does not reach
 * (packument-level keywords and maintainers, the publisher, dates days and
 * years back, more than five dist-tags, colors, the unicode DEPRECATED line,
 * secrets and control characters in text, unpublished packages…): hand-made
 * packuments served by a loopback server, viewed by the real npm CLI and by
 * `formatView`, compared exactly.
 */
describe('formatView prints what npm view prints (hand-made packuments)', () => {
  let server: TestServer;
  let npm: RealNpm;
  const documents = new Map<string, string>();
  const HOUR = 3600_000;
  const DAY = 24 * HOUR;
  const now = Date.now();
  const ago = (ms: number) => new Date(now - ms).toISOString();
  // Between one day and a week npm counts from the date's local midnight, so "3 days ago" needs a date three calendar days back, whatever the hour now.
  const threeDaysBack = (() => {
    const today = new Date(now);
    return new Date(today.getFullYear(), today.getMonth(), today.getDate() - 3, 12).toISOString();
  })();

  function serve(name: string, packument: Record<string, unknown>): void {
    documents.set(name, JSON.stringify({ _id: name, name, ...packument }));
  }

  function tarball(name: string, version: string) {
    return { tarball: `${server.url}${name}/-/${name}-${version}.tgz`, shasum: `${version.replace(/\W/g, '')}`.padEnd(40, 'a') };
  }

  /** Runs the real `npm view` and compares stdout with formatView's, exactly (up to the clock). */
  async function expectSame(spec: string, fields: string[], options: { json?: boolean; color?: boolean; unicode?: boolean } = {}) {
    const { json = false, color = false, unicode = false } = options;
    const args = [spec, ...fields, ...(json ? ['--json'] : []), ...(color ? ['--color', 'always'] : [])];
    const result = await npm.view(args, unicode ? { env: { LC_ALL: 'C.UTF-8' } } : {});
    const at = spec.indexOf('@', 1);
    const [name, wanted] = at === -1 ? [spec, ''] : [spec.slice(0, at), spec.slice(at + 1)];
    const body = documents.get(name)!;
    const view = (nowDate: Date, extra: Partial<ViewOptions> = {}) =>
      formatView(JSON.parse(body), wanted, fields, { json, color, now: nowDate, unicode, contentLength: Buffer.byteLength(body), ...extra });
    return { result, view };
  }

  async function expectSameText(spec: string, fields: string[], options: { color?: boolean; unicode?: boolean } = {}): Promise<string> {
    const { result, view } = await expectSame(spec, fields, options);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expectSameStdout(result, view);
    return result.stdout;
  }

  async function expectSameJson(spec: string, fields: string[]): Promise<unknown> {
    const { result, view } = await expectSame(spec, fields, { json: true });
    expect(result.code).toBe(0);
    const ours = view(result.endedAt);
    expect(result.stdout === '' ? undefined : JSON.parse(result.stdout)).toEqual(ours === '' ? undefined : JSON.parse(ours));
    expect(ours).toBe(result.stdout);
    return result.stdout === '' ? undefined : JSON.parse(result.stdout);
  }

  beforeAll(async () => {
    server = await startServer((req, res) => {
      const body = documents.get(decodeURIComponent((req.url ?? '/').slice(1)));
      if (req.method === 'GET' && body !== undefined) {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
        res.end(body);
      } else {
        sendJson(res, 404, { error: 'not found' });
      }
    });
    npm = await realNpm(server.url);

    const rich = 'rxnpm-rich';
    const dependencies = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`dep-${i}`, `~${i}.1.0`]));
    serve(rich, {
      description: 'the packument-level description',
      keywords: ['alpha', 'beta', 'gamma'],
      maintainers: [{ name: 'ada', email: 'ada@example.test' }, { name: 'bob' }, 'carol <carol@example.test>'],
      readme: '# rich\n',
      'dist-tags': { old: '0.9.0', latest: '2.0.0', canary: '2.1.0-rc.1', next: '2.1.0-rc.1', legacy: '1.0.0', zeta: '1.0.0', alpha: '1.0.0', untimed: '1.5.0' },
      time: {
        created: ago(800 * DAY),
        modified: ago(2 * HOUR),
        '0.9.0': ago(800 * DAY),
        '1.0.0': threeDaysBack,
        '1.5.0': 'not a date',
        '2.0.0': ago(5 * HOUR + 10 * 60_000),
        '2.1.0-rc.1': ago(90 * 60_000),
      },
      versions: {
        '0.9.0': {
          name: rich,
          version: '0.9.0',
          license: { type: 'BSD-3-Clause', url: 'http://127.0.0.1/license' },
          homepage: { url: 'http://127.0.0.1/rich/home' },
          dist: { ...tarball(rich, '0.9.0') },
          _npmUser: { name: 'ada', email: 'ada@example.test' },
        },
        '1.0.0': {
          name: rich,
          version: '1.0.0',
          description: 'one line\r\nand another, with a bell\u0007 and a DEL\u007f',
          dist: { ...tarball(rich, '1.0.0'), integrity: 'sha512-AAAA', unpackedSize: 999_949 },
          dependencies: { a: '1', b: '2' },
          _npmUser: { name: 'bob' },
        },
        '1.5.0': {
          name: rich,
          version: '1.5.0',
          license: 'proprietary',
          dist: { ...tarball(rich, '1.5.0'), unpackedSize: 1_234_567_890 },
        },
        '2.0.0': {
          name: rich,
          version: '2.0.0',
          license: 'MIT',
          description: 'token npm_abcdefghijklmnopqrstuvwxyzABCDEFGHIJ and id 123e4567-e89b-12d3-a456-426614174000 at http://ada:s3cret@127.0.0.1/x',
          homepage: 'http://127.0.0.1/rich',
          deprecated: 'use 3 instead',
          bin: { rich: 'bin/rich.js', 'rich-admin': 'bin/admin.js' },
          dependencies,
          author: { name: 'Ada', url: 'http://127.0.0.1/ada' },
          contributors: [{ name: 'Bob', email: 'bob@example.test' }, { name: 'Carol', email: 'c@example.test', url: 'http://127.0.0.1/c' }, { name: 'Dan', email: 'd@example.test', role: 'x' }],
          dist: { ...tarball(rich, '2.0.0'), integrity: 'sha512-BBBB', unpackedSize: 999 },
          _npmUser: { name: 'ada', email: 'ada@example.test', trustedPublisher: { id: 'ci' } },
        },
        '2.1.0-rc.1': { name: rich, version: '2.1.0-rc.1', private: false, dist: tarball(rich, '2.1.0-rc.1') },
        'not-a-version': { name: rich, version: 'not-a-version', dist: tarball(rich, '0.0.0') },
      },
    });

    serve('@rxnpm/no-latest', {
      'dist-tags': { next: '1.0.0', '0': '1.0.0' },
      versions: { '1.0.0': { name: '@rxnpm/no-latest', version: '1.0.0', dist: tarball('no-latest', '1.0.0') } },
    });

    serve('rxnpm-gone', {
      time: { created: ago(100 * DAY), modified: ago(DAY), unpublished: { time: '2024-05-06T07:08:09.000Z', versions: ['1.0.0'] } },
    });
  });

  afterAll(async () => {
    await server?.close();
    await npm?.close();
  });

  describe('the summary', () => {
    it('shows packument keywords and maintainers, the publisher, a relative date, and cuts dist-tags after five', async () => {
      const out = await expectSameText('rxnpm-rich', []);
      expect(out).toContain('\nkeywords: alpha, beta, gamma\n');
      expect(out).toContain('\nmaintainers:\n- ada <ada@example.test>\n- bob <undefined>\n- undefined <undefined>\n');
      expect(out).toContain('\n(...and 3 more.)\n');
      expect(out).toContain('\npublished 5 hours ago by ada <ada@example.test>\n');
    });

    it('prints the DEPRECATED line with an emoji under a UTF-8 locale', async () => {
      const out = await expectSameText('rxnpm-rich', [], { unicode: true });
      expect(out).toContain('\nDEPRECATED ⚠️  - use 3 instead\n');
    });

    it('hides secrets and shows control characters the way npm does', async () => {
      const out = await expectSameText('rxnpm-rich', []);
      expect(out).toContain('token npm_*** and id *** at http://ada:***@127.0.0.1/x\n');
      const old = await expectSameText('rxnpm-rich@1.0.0', []);
      expect(old).toContain('\none line\nand another, with a bell^G and a DEL^?\n');
    });

    it('covers licenses (object, missing, "proprietary"), object homepages and sizes from B to GB', async () => {
      const out = await expectSameText('rxnpm-rich@<2', []);
      expect(out).toContain('rxnpm-rich@0.9.0 | BSD-3-Clause | deps: none | versions: 5\n');
      expect(out).toContain('rxnpm-rich@1.0.0 | Proprietary | deps: 2 | versions: 5\n');
      expect(out).toContain('.unpackedSize: 999.9 kB\n');
      expect(out).toContain('.unpackedSize: 1.2 GB\n');
      expect(out).toContain('\npublished over a year ago by ada <ada@example.test>\n');
      // chalk prints a missing email as "undefined", which is truthy, so npm shows it.
      expect(out).toContain('\npublished 3 days ago by bob <undefined>\n');
      // An unparsable date fails every comparison and lands on the last phrase, "from now" as the date is not before now.
      expect(out).toContain('\npublished over a year from now\n');
    });

    it('of a prerelease dist-tag published 90 minutes ago', async () => {
      const out = await expectSameText('rxnpm-rich@canary', []);
      expect(out).toContain('\npublished an hour ago\n');
    });

    it('in color (--color always): chalk styles, byte for byte', async () => {
      const out = await expectSameText('rxnpm-rich', [], { color: true });
      expect(out).toContain('\u001B[4m\u001B[36mrxnpm-rich@2.0.0\u001B[39m\u001B[24m');
      await expectSameText('rxnpm-rich@1.0.0', [], { color: true });
    });

    it('prints nothing when the package has no latest tag, and npm exits 0', async () => {
      expect(await expectSameText('@rxnpm/no-latest', [])).toBe('');
    });
  });

  describe('fields', () => {
    it('in color: util.inspect colors for values, several versions', async () => {
      await expectSameText('rxnpm-rich@*', ['versions'], { color: true });
      await expectSameText('rxnpm-rich@>=1', ['version', 'dist.unpackedSize'], { color: true });
    });

    it('people in arrays become text; a name after an array spreads', async () => {
      await expectSameText('rxnpm-rich', ['contributors']);
      await expectSameText('rxnpm-rich', ['contributors.email']);
      await expectSameText('rxnpm-rich', ['maintainers', '_npmUser', 'author']);
    });

    it('whole-bracket names, indexes and properties of strings', async () => {
      await expectSameText('rxnpm-rich', ['time[2.1.0-rc.1]', 'dist-tags.latest', 'versions[0]', 'version.length']);
    });

    it('labels switch on from the first version with several fields', async () => {
      await expectSameText('rxnpm-rich@>=1', ['deprecated', 'bin']);
    });

    it('a readme asked for comes from the packument', async () => {
      expect(await expectSameText('rxnpm-rich', ['readme'])).toBe('# rich\n');
    });
  });

  describe('--json', () => {
    it('the whole document, with people as text', async () => {
      await expectSameJson('rxnpm-rich', []);
      await expectSameJson('rxnpm-rich@<2', []);
    });

    it('fields, including a spread over an array', async () => {
      await expectSameJson('rxnpm-rich', ['contributors.email']);
      await expectSameJson('rxnpm-rich', ['maintainers', 'keywords', 'time']);
    });

    it('an object with a "0" key comes out as an array, as npm merges JSON output', async () => {
      expect(await expectSameJson('@rxnpm/no-latest@next', ['dist-tags'])).toEqual(['1.0.0']);
    });

    it('a falsy value prints nothing (in text it prints)', async () => {
      expect(await expectSameJson('rxnpm-rich@2.1.0-rc.1', ['keywords.length'])).toEqual({ 'keywords[0].length': 5, 'keywords[1].length': 4, 'keywords[2].length': 5 });
      expect(await expectSameJson('rxnpm-rich@2.1.0-rc.1', ['private'])).toBeUndefined();
      expect(await expectSameText('rxnpm-rich@2.1.0-rc.1', ['private'])).toBe('false\n');
      expect(await expectSameJson('@rxnpm/no-latest', [])).toBeUndefined();
    });
  });

  describe('errors', () => {
    it('an unpublished package: npm fails with E404 "Unpublished on …"; formatView throws it', async () => {
      const { result, view } = await expectSame('rxnpm-gone', []);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain('npm error 404 Unpublished on 2024-05-06T07:08:09.000Z');
      expect(() => view(result.endedAt)).toThrow(ViewError);
      expect(() => view(result.endedAt)).toThrow('Unpublished on 2024-05-06T07:08:09.000Z');
    });

    it('empty brackets in a field: npm fails with EINVALIDSYNTAX; formatView throws it', async () => {
      const { result, view } = await expectSame('rxnpm-rich', ['versions[]']);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain('EINVALIDSYNTAX');
      const error = thrownBy(() => view(result.endedAt));
      expect(error).toBeInstanceOf(ViewError);
      expect(error).toMatchObject({ code: 'EINVALIDSYNTAX', message: 'Empty brackets are not valid syntax for retrieving values.' });
    });

    it('a range nothing satisfies (prereleases are left out of ranges)', async () => {
      const { result, view } = await expectSame('rxnpm-rich@^2.1.0', ['version']);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('No match found for version ^2.1.0');
      expect(() => view(result.endedAt)).toThrow('No match found for version ^2.1.0');
    });
  });
});
