import { sendJson, startServer, type TestServer } from '../../support/start-server';
import type { CliResult } from '../support/run-cli';
import { useCli } from '../support/use-cli';

/**
 * `--loglevel http` shows the cache working, in npm-registry-fetch's words:
 * each request as `fetch GET <status> <url> <ms>ms`, and what the cache made
 * of each read as `cache <url> <ms>ms (cache hit|miss|revalidated|updated)`.
 * The real binary against a loopback registry that answers with an ETag.
 */

jest.setTimeout(60_000);

let latest = '1.0.0';

const etag = () => `"v${latest}"`;

function packument(url: string) {
  const version = { name: 'p', version: latest, dist: { tarball: `${url}p/-/p-${latest}.tgz` } };
  return { _id: 'p', name: 'p', 'dist-tags': { latest }, versions: { [latest]: version } };
}

/** Answers `/p` with an ETag, and 304 to a request that sends it back. */
function startEtagRegistry(): Promise<TestServer> {
  return startServer((req, res) => {
    if (req.url !== '/p') return sendJson(res, 404, { error: 'Not found' });
    if (req.headers['if-none-match'] === etag()) return void res.writeHead(304, { etag: etag() }).end();
    sendJson(res, 200, packument(cli.registry.url), { etag: etag() });
  });
}

const cli = useCli({ registry: startEtagRegistry });

const view = (extra: NodeJS.ProcessEnv = {}, registryUrl?: string): Promise<CliResult> =>
  cli.run(['view', 'p', 'version', '--loglevel', 'http'], { env: extra, registry: registryUrl });

const requestsTo = (path: string) => cli.registry.requests.filter((request) => request.url === path).length;

/** The `http` lines of a run, with the port and the times made constant so they read as specifications. */
function httpLines(result: CliResult): string[] {
  return result.stderr
    .split('\n')
    .filter((line) => line.startsWith('rxnpm http '))
    .map((line) => line.split(cli.registry.url).join('<registry>/').replace(/ \d+ms/, ' Nms'));
}

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
    const result = await cli.rxnpm('view', 'p', 'version', '--offline', '--loglevel', 'http');
    expect(result).toMatchObject({ code: 0, stdout: `${latest}\n` });
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(httpLines(result)).toEqual(['rxnpm http cache <registry>/p Nms (cache hit)']);
  });

  it('logs nothing of it at the default level', async () => {
    expect(await cli.rxnpm('view', 'p', 'version')).toMatchObject({ code: 0, stderr: '' });
  });
});
