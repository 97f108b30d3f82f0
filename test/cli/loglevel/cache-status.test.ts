import { sendJson, startServer, type TestServer } from '../../support/start-server';
import { ensureCliBuilt, releaseCli } from '../support/build-cli';
import { makeCliHome, type CliHome } from '../support/cli-home';
import { killAllClis, runCli, type CliResult } from '../support/run-cli';

/**
 * `--loglevel http` shows the cache working, in npm-registry-fetch's words:
 * each request as `fetch GET <status> <url> <ms>ms`, and what the cache made
 * of each read as `cache <url> <ms>ms (cache hit|miss|revalidated|updated)`.
 * The real binary against a loopback registry that answers with an ETag.
 */

jest.setTimeout(60_000);

let registry: TestServer;
let home: CliHome;
let latest = '1.0.0';

const etag = () => `"v${latest}"`;

function packument(url: string) {
  const version = { name: 'p', version: latest, dist: { tarball: `${url}p/-/p-${latest}.tgz` } };
  return { _id: 'p', name: 'p', 'dist-tags': { latest }, versions: { [latest]: version } };
}

const view = (extra: NodeJS.ProcessEnv = {}, registryUrl = registry.url): Promise<CliResult> =>
  runCli(['view', 'p', 'version', '--loglevel', 'http', ...home.flags(registryUrl)], { cwd: home.cwd, env: home.env(extra) });

const requestsTo = (path: string) => registry.requests.filter((request) => request.url === path).length;

/** The `http` lines of a run, with the port and the times made constant so they read as specifications. */
function httpLines(result: CliResult): string[] {
  return result.stderr
    .split('\n')
    .filter((line) => line.startsWith('rxnpm http '))
    .map((line) => line.split(registry.url).join('<registry>/').replace(/ \d+ms/, ' Nms'));
}

beforeAll(async () => {
  await ensureCliBuilt();
  registry = await startServer((req, res) => {
    if (req.url !== '/p') return sendJson(res, 404, { error: 'Not found' });
    if (req.headers['if-none-match'] === etag()) return void res.writeHead(304, { etag: etag() }).end();
    sendJson(res, 200, packument(registry.url), { etag: etag() });
  });
  home = await makeCliHome();
}, 240_000);

afterAll(async () => {
  await killAllClis();
  await registry?.close();
  await home?.remove();
  await releaseCli();
});

describe('--loglevel http and the cache', () => {
  it('logs the fetch and a miss, then a hit without a request, then a revalidation, then an update', async () => {
    const first = await view();
    expect(first).toMatchObject({ code: 0, stdout: '1.0.0\n' });
    expect(httpLines(first)).toEqual(['rxnpm http fetch GET 200 <registry>/p Nms', 'rxnpm http cache <registry>/p Nms (cache miss)']);

    // Within cache-min the copy answers alone: no request, and the one line says so.
    const before = requestsTo('/p');
    const second = await view({ npm_config_cache_min: '600' });
    expect(second).toMatchObject({ code: 0, stdout: '1.0.0\n' });
    expect(httpLines(second)).toEqual(['rxnpm http cache <registry>/p Nms (cache hit)']);
    expect(requestsTo('/p')).toBe(before);

    const third = await view();
    expect(httpLines(third)).toEqual(['rxnpm http fetch GET 304 <registry>/p Nms', 'rxnpm http cache <registry>/p Nms (cache revalidated)']);

    latest = '1.1.0';
    const fourth = await view();
    expect(fourth.stdout).toBe('1.1.0\n');
    expect(httpLines(fourth)).toEqual(['rxnpm http fetch GET 200 <registry>/p Nms', 'rxnpm http cache <registry>/p Nms (cache updated)']);
  });

  it('with --offline, a hit is the only line', async () => {
    const result = await runCli(['view', 'p', 'version', '--offline', '--loglevel', 'http', ...home.flags(registry.url)], { cwd: home.cwd, env: home.env() });
    expect(result).toMatchObject({ code: 0, stdout: `${latest}\n` });
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(httpLines(result)).toEqual(['rxnpm http cache <registry>/p Nms (cache hit)']);
  });

  it('logs nothing of it at the default level', async () => {
    expect(await runCli(['view', 'p', 'version', ...home.flags(registry.url)], { cwd: home.cwd, env: home.env() })).toMatchObject({ code: 0, stderr: '' });
  });
});
