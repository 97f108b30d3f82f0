import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { anyFileContains, filesUnder } from '../support/cache-files';
import { sendJson, startServer, type TestServer } from '../support/start-server';
import type { CliResult } from './support/run-cli';
import { useCli } from './support/use-cli';

/**
 * The real command line against a registry on a loopback port that answers
 * as an attacker would. Each test says what the registry sends; the CLI must
 * end with one error line and a stable code, write nothing outside the folder
 * it runs in, and repeat no credential.
 */

jest.setTimeout(60_000);

const TARBALL = Buffer.from('the attacker’s bytes');
const integrity = `sha512-${createHash('sha512').update(TARBALL).digest('base64')}`;

/** What the registry answers for `/<name>`: a packument built from the tarball URL. */
const packuments = new Map<string, (tarball: string) => unknown>();
/** Answers to any other path: status and raw JSON text. */
const raw = new Map<string, [status: number, text: string]>();

/** The attacker's registry: `packuments` and `raw` answered, `/tarball` sends TARBALL, anything else a 404. */
function startHostileRegistry(): Promise<TestServer> {
  return startServer((req, res) => {
    const path = decodeURIComponent(req.url ?? '').replace(/\?.*$/, '');
    if (path === '/tarball') return void res.end(TARBALL);
    const fixed = raw.get(path);
    if (fixed) {
      res.writeHead(fixed[0], { 'content-type': 'application/json' });
      return void res.end(fixed[1]);
    }
    const doc = packuments.get(path.slice(1));
    if (doc) return sendJson(res, 200, doc(`${cli.registry.url}tarball`));
    sendJson(res, 404, { error: 'not found' });
  });
}

const cli = useCli({ registry: startHostileRegistry });

function run(args: string[], cwd?: string): Promise<CliResult> {
  return cli.run(args, { cwd, env: { npm_config_fetch_retries: '0' } });
}

function expectOneErrorLine(result: CliResult, code: string, json = false): void {
  expect(result.code).toBe(1);
  // With --json the failure is on stdout too, in npm's shape.
  if (json) expect(JSON.parse(result.stdout)).toMatchObject({ error: { code } });
  else expect(result.stdout).toBe('');
  expect(result.stderr).not.toMatch(/RangeError|TypeError|at .*\.js:\d+/);
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(result.stderr).toContain(`(${code})`);
}

/** Every file under the CLI user's temp root that is not in its home or cache folders. */
async function strayFiles(): Promise<string[]> {
  const { home } = cli;
  const kept = [home.home, home.cache, home.xdgCache].map((folder) => relative(home.root, folder));
  return (await filesUnder(home.root)).map((file) => relative(home.root, file)).filter((file) => !kept.some((folder) => file.startsWith(`${folder}/`)));
}

describe('fetch from a registry whose manifest names a path', () => {
  it.each([
    ['a version that climbs four folders', 'climb-version', { version: '1.0.0/../../../../x' }],
    ['a scoped name that climbs four folders', 'climb-name', { name: '@x/../../../../x' }],
    ['an absolute path as version', 'absolute-version', { version: '/tmp/x' }],
  ])('%s: EBADRESPONSE, exit 1, and no file written anywhere', async (_label, name, hostile) => {
    packuments.set(name, (tarball) => ({
      name,
      'dist-tags': { latest: '1.0.0' },
      versions: { '1.0.0': { name, version: '1.0.0', dist: { integrity, tarball }, ...hostile } },
    }));
    const deep = join(cli.home.root, 'a', 'b', 'c', 'd', 'e');
    await mkdir(deep, { recursive: true });

    const result = await run(['fetch', name], deep);

    expectOneErrorLine(result, 'EBADRESPONSE');
    expect(await strayFiles()).toEqual([]);
  });
});

describe('credentials in the registry URL', () => {
  const password = 'url-password-0001';

  it.each([[['ping']], [['ping', '--json']], [['view', 'anything', '--loglevel', 'silly']], [['fetch', 'anything', '--json']]])(
    '%j: ECONFIG in one line, nothing sent, the password nowhere: not in the output, not in the cache',
    async (args) => {
      const before = cli.registry.requests.length;
      const withUserinfo = cli.registry.url.replace('http://', `http://ada:${password}@`);

      const result = await cli.run(args, { registry: withUserinfo });

      expect(result.code).toBe(1);
      expect(result.stderr).toContain('ECONFIG');
      expect(`${result.stdout}${result.stderr}`).not.toContain(password);
      expect(cli.registry.requests.slice(before)).toEqual([]);
      expect(await anyFileContains(cli.home.root, password)).toBe(false);
    },
  );
});

describe('JSON nested 100,000 levels deep', () => {
  const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;

  beforeAll(() => {
    raw.set('/deep-error', [500, `{"error":${deep}}`]);
    raw.set('/deep-doc', [200, `{"name":"deep-doc","_id":"deep-doc","dist-tags":{"latest":"1.0.0"},"versions":{"1.0.0":{"name":"deep-doc","version":"1.0.0"}},"x":${deep}}`]);
    raw.set('/-/ping', [200, `{"x":${deep}}`]);
  });

  it.each([[[]], [['--loglevel', 'verbose']], [['--json']]])('a 500 with such a body, %j: the E500 line, no RangeError', async (flags) => {
    const result = await run(['view', 'deep-error', ...flags]);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('(E500)');
    expect(result.stderr).not.toMatch(/RangeError|Maximum call stack/);
  });

  it.each([[['view', 'deep-doc']], [['view', 'deep-doc', '--json']], [['view', 'deep-doc', 'x']], [['ping', '--json', '--loglevel', 'warn']]])('%j of such a document: ETOODEEP in one line', async (args) => {
    expectOneErrorLine(await run(args), 'ETOODEEP', args.includes('--json'));
  });
});
